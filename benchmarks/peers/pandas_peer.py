#!/usr/bin/env python3
"""portfolio-v1 (BENCHMARK.md) as a competent pandas/numpy user writes it: read_csv into typed
columns, then vectorised numpy over all invoices at once, in exact integer arithmetic. Money is
int64 cents (parsed from the decimal string, never through a float). Late interest uses prefix
sums of the daily rate: with C(x) = sum of rate_bp(d) for d <= x,

    sum over d in (due, as_of] of balance(d) * rate_bp(d)
      = amount * (C(as_of) - C(due)) - sum over payments p of paid * (C(as_of) - C(max(p, due)))

(a payment on day p still bears interest on p), an exact integer numerator over
10,000 * 365 per invoice, rounded once to the cent half away from zero.

    python3 benchmarks/peers/pandas_peer.py --data DIR [--json]
"""

import re
import sys

import numpy as np
import pandas as pd

import results
from workload import (AMOUNT_PATTERN, AS_OF, COMPENSATION_CENTS, DATE_PATTERN,
                      INTEREST_DENOMINATOR, INVOICE_COLUMNS, LEVEL_OFFSETS, LEVELS,
                      MIN_DUNNING_CENTS, PAYMENT_COLUMNS, RATE_PERIODS, InputError, parse_terms)

AS_OF_D = np.datetime64(AS_OF, "D")
FIRST_RATE_DAY = np.datetime64(RATE_PERIODS[0][0], "D")


def read(path, columns):
    """A CSV file as string columns; InputError with the line of the first malformed row."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=False,
                         engine="c")
    except pd.errors.ParserError as e:  # too many fields: "Expected 8 fields in line 5, saw 9"
        detail = str(e).split(". C error: ")[-1].strip()
        line = re.search(r"line (\d+)", detail)
        raise InputError(path, int(line.group(1)) if line else 0, detail) from None
    except pd.errors.EmptyDataError:
        raise InputError(path, 1, "empty file, expected a header") from None
    if tuple(df.columns) != columns:
        raise InputError(path, 1, f"header must be {','.join(columns)}")
    return df


def fail(path, bad, message):
    """Raise InputError for the first True of the boolean array `bad` (row i is line i + 2)."""
    i = int(np.argmax(bad))
    raise InputError(path, i + 2, message(i))


def check(path, df, column, ok, what):
    ok = np.asarray(ok)
    if not ok.all():
        fail(path, ~ok, lambda i: f"{column} {df[column].iat[i]!r} {what}")


def cents(path, df, column):
    """A column of two-decimal strings as exact int64 cents."""
    s = df[column]
    check(path, df, column, s.str.fullmatch(AMOUNT_PATTERN),
          "is not a decimal with two decimals")
    return s.str.replace(".", "", regex=False).astype(np.int64).to_numpy()


def days(path, df, column):
    """A column of YYYY-MM-DD strings as datetime64[D]."""
    d = pd.to_datetime(df[column], format="%Y-%m-%d", errors="coerce")
    check(path, df, column, d.notna() & df[column].str.fullmatch(DATE_PATTERN),
          "is not a date YYYY-MM-DD")
    return d.to_numpy().astype("datetime64[D]")


def small_int(path, df, column, high):
    s = df[column]
    check(path, df, column, s.isin([str(i) for i in range(high + 1)]),
          f"is not an integer in 0..{high}")
    return s.astype(np.int8).to_numpy()


def load(data_dir):
    """Typed columns: invoices in file order, customers coded, terms coded (with their steps),
    payments sorted by (invoice, date) with offsets (invoice i's are pay_*[start[i]:start[i+1]])."""
    invoices_csv, payments_csv = results.data_files(data_dir)
    inv = read(invoices_csv, INVOICE_COLUMNS)
    pay = read(payments_csv, PAYMENT_COLUMNS)
    blank = (inv == "").any(axis=1).to_numpy()  # also rows with too few fields
    if blank.any():
        fail(invoices_csv, blank, lambda i: "empty field or missing fields")
    check(invoices_csv, inv, "currency", inv["currency"] == "EUR", "is not EUR")
    ids = pd.Index(inv["invoice_id"])
    if not ids.is_unique:
        fail(invoices_csv, ids.duplicated(), lambda i: f"invoice {ids[i]!r} appears twice")
    issue = days(invoices_csv, inv, "issue_date")
    check(invoices_csv, inv, "issue_date", (issue >= FIRST_RATE_DAY) & (issue <= AS_OF_D),
          f"outside {RATE_PERIODS[0][0]} .. {AS_OF}")
    terms_code, terms_names = pd.factorize(inv["terms"])
    terms_steps = []
    for k, name in enumerate(terms_names):
        try:
            terms_steps.append(parse_terms(name))
        except ValueError as e:
            message = str(e)
            fail(invoices_csv, terms_code == k, lambda i: message)
    customer, customer_names = pd.factorize(inv["customer_id"])

    blank = (pay == "").any(axis=1).to_numpy()
    if blank.any():
        fail(payments_csv, blank, lambda i: "empty field or missing fields")
    pay_invoice = ids.get_indexer(pay["invoice_id"])
    check(payments_csv, pay, "invoice_id", pay_invoice >= 0, "is not an invoice of invoices.csv")
    pay_date = days(payments_csv, pay, "payment_date")
    pay_cents = cents(payments_csv, pay, "amount")
    order = np.lexsort((pay_date, pay_invoice))
    pay_invoice, pay_date, pay_cents = pay_invoice[order], pay_date[order], pay_cents[order]
    start = np.searchsorted(pay_invoice, np.arange(len(inv) + 1))
    return {
        "issue": issue,
        "amount": cents(invoices_csv, inv, "amount"),
        "terms_code": terms_code,
        "terms_steps": terms_steps,
        "terms_names": [str(name) for name in terms_names],
        "disputed": small_int(invoices_csv, inv, "disputed", 1).astype(bool),
        "last_level_sent": small_int(invoices_csv, inv, "last_level_sent", LEVELS),
        "customer": customer,
        "customers": len(customer_names),
        "pay_invoice": pay_invoice,
        "pay_date": pay_date,
        "pay_cents": pay_cents,
        "pay_start": start,
    }


def due_dates(issue, terms_code, terms_steps):
    """Issue date + terms, one vectorised pass per distinct formula."""
    due = issue.copy()
    for k, steps in enumerate(terms_steps):
        mask = terms_code == k
        d = issue[mask]
        for step in steps:
            if step == "CM":
                d = (d.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
            else:
                d = d + np.timedelta64(step, "D")
        due[mask] = d
    return due


def rate_prefix():
    """C as an array: cum[x - FIRST_RATE_DAY + 1] = sum of rate_bp(d), FIRST_RATE_DAY <= d <= x;
    cum[0] = 0 (the day before the series)."""
    daily = np.concatenate([
        np.full((np.datetime64(last, "D") - np.datetime64(first, "D")).astype(int) + 1, bp,
                dtype=np.int64) for first, last, bp in RATE_PERIODS])
    return np.concatenate([[0], np.cumsum(daily)])


def compute(data):
    amount, issue = data["amount"], data["issue"]
    pay_invoice, pay_date, pay_cents = data["pay_invoice"], data["pay_date"], data["pay_cents"]
    start = data["pay_start"]
    due = due_dates(issue, data["terms_code"], data["terms_steps"])
    overdue = due < AS_OF_D

    # Outstanding: amount minus the payments up to as-of (segment sums over the sorted payments).
    def per_invoice(values):  # int64 cumsum may wrap on huge inputs; the differences stay exact
        cum = np.concatenate([[0], np.cumsum(values, dtype=np.int64)])
        return cum[start[1:]] - cum[start[:-1]]

    pay_due = due[pay_invoice]
    counted = pay_date <= AS_OF_D
    outstanding = amount - per_invoice(np.where(counted, pay_cents, 0))

    # Interest numerator (cents x bp) from the prefix sums of the daily rate.
    cum = rate_prefix()
    last_index = (AS_OF_D - FIRST_RATE_DAY).astype(np.int64) + 1

    def c(day):  # C(min(day, as_of)) for days on or after the day before the series
        return cum[np.minimum((day - FIRST_RATE_DAY).astype(np.int64) + 1, last_index)]

    c_as_of = cum[last_index]
    numerator = amount * np.where(overdue, c_as_of - c(due), 0)
    paid_back = np.where(pay_due < AS_OF_D, c_as_of - c(np.maximum(pay_date, pay_due)), 0)
    numerator -= per_invoice(pay_cents * paid_back)
    # Half away from zero (the denominator is even); negative only if payments exceed the amount.
    half = INTEREST_DENOMINATOR // 2
    interest = np.sign(numerator) * ((np.abs(numerator) + half) // INTEREST_DENOMINATOR)

    late_payment = per_invoice((counted & (pay_date > pay_due)).astype(np.int64)) > 0
    compensation = overdue & ((outstanding > 0) | late_payment)

    # Dunning: target = number of offsets o with due + o <= as_of.
    target = np.searchsorted(np.array(LEVEL_OFFSETS), (AS_OF_D - due).astype(np.int64),
                             side="right")
    target[data["disputed"] | (outstanding < MIN_DUNNING_CENTS)] = 0
    last = data["last_level_sent"].astype(np.int64)
    action = np.where(target > last, last + 1, 0)
    action[(action == 1) & overdue] = 2  # courtesy passed over once overdue
    letter = pd.Series(action).groupby(data["customer"], sort=False).max().to_numpy()
    return results.Totals(
        invoices=len(amount),
        total_outstanding_cents=int(outstanding.sum()),
        total_interest_cents=int(interest.sum()),
        total_compensation_cents=int(compensation.sum()) * COMPENSATION_CENTS,
        actions_per_level=tuple(int(n) for n in np.bincount(action, minlength=LEVELS + 1)[1:]),
        letters_per_level=tuple(int(n) for n in np.bincount(letter, minlength=LEVELS + 1)[1:]))


if __name__ == "__main__":
    sys.exit(results.run("pandas", load, compute))
