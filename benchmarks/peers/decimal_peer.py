#!/usr/bin/env python3
"""portfolio-v1 (BENCHMARK.md) as ERP modules compute it: the csv module, datetime.date,
decimal.Decimal amounts, one Python loop over the invoices. Late interest is summed per run of
days with the same balance and rate, and rounded once per invoice (ROUND_HALF_UP, half away
from zero for these non-negative amounts).

    python3 benchmarks/peers/decimal_peer.py --data DIR [--json]
"""

import csv
import datetime as dt
import decimal
import re
import sys

import results
from workload import (AMOUNT_PATTERN, AS_OF, COMPENSATION_CENTS, DATE_PATTERN, INVOICE_COLUMNS,
                      LEVEL_OFFSETS, LEVELS, MIN_DUNNING_CENTS, PAYMENT_COLUMNS, RATE_PERIODS,
                      InputError, parse_terms)

D = decimal.Decimal
CENT = D("0.01")
AMOUNT = re.compile(AMOUNT_PATTERN)
DATE = re.compile(DATE_PATTERN)
COMPENSATION = D(COMPENSATION_CENTS) / 100
MIN_DUNNING = D(MIN_DUNNING_CENTS) / 100
# (first day, last day, annual rate in percent) and day + offset of each level.
PERIODS = tuple((first, last, D(bp) / 100) for first, last, bp in RATE_PERIODS)
OFFSETS = tuple(dt.timedelta(days=o) for o in LEVEL_OFFSETS)
ONE_DAY = dt.timedelta(days=1)


def rows(path, columns):
    """(line number, fields) of a CSV file with the given header."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if tuple(header or ()) != columns:
            raise InputError(path, 1, f"header must be {','.join(columns)}")
        for fields in reader:
            if len(fields) != len(columns):
                raise InputError(path, reader.line_num,
                                 f"expected {len(columns)} fields, got {len(fields)}")
            yield reader.line_num, fields


def amount(text):
    if not AMOUNT.fullmatch(text):
        raise ValueError(f"amount {text!r} is not a decimal with two decimals")
    return D(text)


def date(text):
    try:
        if DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"date {text!r} is not YYYY-MM-DD")


def flag(text, name, high):
    if text not in {str(i) for i in range(high + 1)}:
        raise ValueError(f"{name} {text!r} is not an integer in 0..{high}")
    return int(text)


def load(data_dir):
    """Invoices as a list of dicts, each with its payments [(date, Decimal)] in date order, and
    customer ids coded as 0..n-1."""
    invoices_csv, payments_csv = results.data_files(data_dir)
    invoices, by_id, customers, terms_cache = [], {}, {}, {}
    for line, (inv_id, cust, issue, currency, amt, terms, disputed, last) in rows(
            invoices_csv, INVOICE_COLUMNS):
        try:
            if inv_id in by_id:
                raise ValueError(f"invoice {inv_id!r} appears twice")
            if currency != "EUR":
                raise ValueError(f"currency {currency!r}: the workload is in EUR")
            issue_date = date(issue)
            if not PERIODS[0][0] <= issue_date <= AS_OF:
                raise ValueError(f"issue date {issue} outside {PERIODS[0][0]} .. {AS_OF}")
            steps = terms_cache.get(terms)
            if steps is None:
                steps = terms_cache[terms] = parse_terms(terms)
            invoice = {
                "customer": customers.setdefault(cust, len(customers)),
                "issue": issue_date,
                "amount": amount(amt),
                "terms": steps,
                "disputed": flag(disputed, "disputed", 1),
                "last_level_sent": flag(last, "last_level_sent", LEVELS),
                "payments": [],
            }
        except ValueError as e:
            raise InputError(invoices_csv, line, str(e)) from None
        by_id[inv_id] = invoice
        invoices.append(invoice)
    for line, (inv_id, pay_date, amt) in rows(payments_csv, PAYMENT_COLUMNS):
        try:
            invoice = by_id.get(inv_id)
            if invoice is None:
                raise ValueError(f"payment for unknown invoice {inv_id!r}")
            invoice["payments"].append((date(pay_date), amount(amt)))
        except ValueError as e:
            raise InputError(payments_csv, line, str(e)) from None
    for invoice in invoices:
        invoice["payments"].sort(key=lambda p: p[0])
    return invoices, len(customers)


def due_date(issue, steps):
    d = issue
    for step in steps:
        if step == "CM":
            d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - ONE_DAY
        else:
            d += dt.timedelta(days=step)
    return d


def interest(amount, payments, due):
    """Late interest to the cent: each run of days in (due, AS_OF] with one balance and one
    rate adds balance x rate% x days; the sum is divided by 36500 once and rounded once."""
    total = D(0)
    balance = amount
    day = due + ONE_DAY  # first day not yet charged
    pending = iter(payments)
    next_pay = next(pending, None)
    while next_pay is not None and next_pay[0] < day:  # paid before the first charged day
        balance -= next_pay[1]
        next_pay = next(pending, None)
    for first, last, rate in PERIODS:
        if last < day:
            continue
        while day <= AS_OF and day <= last:
            # The balance changes on the day after the next payment.
            end = last if next_pay is None else min(last, next_pay[0])
            end = min(end, AS_OF)
            total += balance * rate * ((end - day).days + 1)
            day = end + ONE_DAY
            while next_pay is not None and next_pay[0] < day:
                balance -= next_pay[1]
                next_pay = next(pending, None)
    return (total / 36500).quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def compute(data):
    invoices, n_customers = data
    outstanding_total = interest_total = compensation_total = D(0)
    actions = [0] * (LEVELS + 1)
    letter = [0] * n_customers
    for inv in invoices:
        due = due_date(inv["issue"], inv["terms"])
        payments = inv["payments"]
        amt = inv["amount"]
        outstanding = amt - sum((p for d, p in payments if d <= AS_OF), D(0))
        outstanding_total += outstanding
        if due < AS_OF:
            interest_total += interest(amt, payments, due)
            if outstanding > 0 or any(due < d <= AS_OF for d, _ in payments):
                compensation_total += COMPENSATION
        if inv["disputed"] or outstanding < MIN_DUNNING:
            target = 0
        else:
            target = sum(1 for o in OFFSETS if due + o <= AS_OF)
        last = inv["last_level_sent"]
        if target > last:
            level = last + 1
            if level == 1 and due < AS_OF:  # courtesy passed over once overdue
                level = 2
            actions[level] += 1
            c = inv["customer"]
            if level > letter[c]:
                letter[c] = level
    letters = [0] * (LEVELS + 1)
    for level in letter:
        letters[level] += 1
    return results.Totals(
        invoices=len(invoices),
        total_outstanding_cents=int(outstanding_total * 100),
        total_interest_cents=int(interest_total * 100),
        total_compensation_cents=int(compensation_total * 100),
        actions_per_level=tuple(actions[1:]),
        letters_per_level=tuple(letters[1:]))


if __name__ == "__main__":
    sys.exit(results.run("decimal loop", load, compute))
