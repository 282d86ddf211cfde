"""Portfolios over numpy arrays and pandas frames: relance.PortfolioEvaluator
and relance.portfolio.evaluate_frame, against hand calculations and against
the scalar path (PenaltyRule.assess and Policy.evaluate) invoice by invoice."""

import datetime
import json
import os
import random
import subprocess
import sys
import threading
import tracemalloc

import numpy as np
import pandas as pd
import pytest

import relance
from relance.portfolio import evaluate_frame

D = datetime.date
AS_OF = D(2025, 12, 31)


@pytest.fixture(scope="module")
def policy():
    # The portfolio-v1 policy (BENCHMARK.md): fr-b2b penalties, payments on
    # principal first, no dunning below 15.00 EUR, levels 1..7 at -5, +1,
    # +8, +15, +21, +45, +90 days from the due date.
    from conftest import SOURCE_DIR

    return relance.Policy.from_file(SOURCE_DIR / "benchmarks" / "portfolio_v1_policy.json")


@pytest.fixture(scope="module")
def evaluator(policy):
    return relance.PortfolioEvaluator(policy, ["30D", "30D+CM"], "EUR", AS_OF)


def days(*dates):
    return np.array([np.datetime64(d, "D") for d in dates])


# The tiny portfolio of tests/capi/capi_test.c (TestPortfolio), as of
# 2025-12-31; the rate is 12.15 % (ECB 2.15 % + 10 points, L441-10) on every
# day charged, Actual/365, rounded once per invoice:
#  0: 1000.00 EUR, 30D from 2025-11-01: due 2025-12-01, 30 days late:
#     1000.00 x 12.15 % x 30 / 365 = 9.986 -> 9.99; EUR 40; level 2 (the
#     courtesy level passed over once overdue)
#  1: 500.00, 30D+CM from 2025-12-10: due 2026-01-31; nothing yet
#  2: 2000.00, 30D from 2025-10-15: due 2025-11-14, 1500.00 paid 2025-12-01:
#     (2000.00 x 17 + 500.00 x 30) x 12.15 % / 365 = 16.310 -> 16.31; EUR
#     40; level 2 sent on 2025-11-16, so level 3
#  3: 100.00 due 2025-10-01, disputed: 100.00 x 12.15 % x 91 / 365 = 3.029
#     -> 3.03; EUR 40; no level
#  4: 10.00 due 2025-12-20: 10.00 x 12.15 % x 11 / 365 = 0.0366 -> 0.04;
#     EUR 40; below the 15.00 minimum: no level
#  5: 300.00 due 2025-10-31, paid in full that day: nothing
TINY = dict(
    issue_date=days("2025-11-01", "2025-12-10", "2025-10-15", "2025-09-01", "2025-11-20",
                    "2025-10-01"),
    amount=np.array([100000, 50000, 200000, 10000, 1000, 30000], np.int64),
    terms=np.array([0, 1, 0, 0, 0, 0], np.int32),
    payment_start=np.array([0, 0, 0, 1, 1, 1, 2], np.int64),
    payment_date=days("2025-12-01", "2025-10-31"),
    payment_amount=np.array([150000, 30000], np.int64),
    customer=np.array([0, 0, 1, 1, 2, 2], np.int32),
    flags=np.array([0, 0, 0, 1, 0, 0], np.uint8),
    last_level=np.array([0, 0, 2, 0, 0, 0], np.uint8),
    last_level_date=days("1970-01-01", "1970-01-01", "2025-11-16", "1970-01-01",
                         "1970-01-01", "1970-01-01"),
)


def check_tiny(totals):
    # 1000 + 500 + 500 + 100 + 10 = 2110.00; 9.99 + 16.31 + 3.03 + 0.04 =
    # 29.37; 4 x 40.00; one action at level 2 and one at level 3; customer 0
    # gets a letter at level 2, customer 1 at level 3.
    assert totals.invoices == 6
    assert totals.total_balance == 211000
    assert totals.total_interest == 2937
    assert totals.total_compensation == 16000
    assert totals.actions_per_level == [0, 1, 1, 0, 0, 0, 0]
    assert totals.letters_per_level == [0, 1, 1, 0, 0, 0, 0]
    assert totals.rate_assumed_from is None


def test_tiny_portfolio_by_hand(evaluator):
    assert evaluator.levels == 7
    assert evaluator.as_of == AS_OF
    assert evaluator.ladder == "default"
    totals, out = evaluator.run(**TINY, outputs=True)
    check_tiny(totals)
    assert out["due_date"].dtype == np.dtype("datetime64[D]")
    assert list(out["due_date"]) == list(days("2025-12-01", "2026-01-31", "2025-11-14",
                                               "2025-10-01", "2025-12-20", "2025-10-31"))
    assert out["balance"].tolist() == [100000, 50000, 50000, 10000, 1000, 0]
    assert out["interest"].tolist() == [999, 0, 1631, 303, 4, 0]
    assert out["compensation"].tolist() == [4000, 0, 4000, 4000, 4000, 0]
    assert out["action_level"].dtype == np.uint8
    assert out["action_level"].tolist() == [2, 0, 3, 0, 0, 0]
    # The document is the library's, the same the C ABI returns.
    document = json.loads(totals.json)
    assert totals.to_dict() == document
    assert document["schema"] == "relance.portfolio"
    assert document["invoices"] == 6
    assert document["total_balance"] == "2110.00 EUR"
    assert document["total_interest"] == "29.37 EUR"
    assert document["total_compensation"] == "160.00 EUR"
    assert document["actions_per_level"] == [0, 1, 1, 0, 0, 0, 0]
    assert document["letters_per_level"] == [0, 1, 1, 0, 0, 0, 0]


def test_threads_give_the_same_totals(evaluator):
    one = evaluator.run(**TINY)
    for threads in (2, 3, 8):
        assert evaluator.run(**TINY, threads=threads).json == one.json


def test_dtype_conversions_give_the_same_figures(evaluator):
    reference = evaluator.run(**TINY).json
    # int64 days since 1970-01-01 are datetime64[D]'s own values.
    as_days = dict(TINY)
    for name in ("issue_date", "payment_date", "last_level_date"):
        as_days[name] = TINY[name].astype(np.int64)
    assert evaluator.run(**as_days).json == reference
    # Other integer widths, pandas' datetime64[ns], lists, booleans for
    # flags, strided views: each converted once.
    converted = dict(TINY)
    converted["amount"] = TINY["amount"].astype(np.int32)
    converted["terms"] = TINY["terms"].astype(np.int64)
    converted["customer"] = TINY["customer"].tolist()
    converted["flags"] = TINY["flags"].astype(bool)
    converted["last_level"] = TINY["last_level"].astype(np.int16)
    converted["issue_date"] = TINY["issue_date"].astype("datetime64[ns]")
    converted["payment_amount"] = np.repeat(TINY["payment_amount"], 2)[::2]
    assert not converted["payment_amount"].flags.c_contiguous
    assert evaluator.run(**converted).json == reference


def test_wrong_types_are_refused(evaluator):
    with pytest.raises(TypeError, match="never floats"):
        evaluator.run(**{**TINY, "amount": TINY["amount"].astype(float)})
    with pytest.raises(TypeError, match="issue_date"):
        evaluator.run(**{**TINY, "issue_date": TINY["issue_date"].astype(str)})
    with pytest.raises(TypeError, match="one-dimensional"):
        evaluator.run(**{**TINY, "amount": TINY["amount"].reshape(2, 3)})
    # A datetime that is not a whole day, a missing date, a value that does
    # not fit the column's type.
    noon = TINY["issue_date"].astype("datetime64[h]")
    noon[2] += 12
    with pytest.raises(relance.Error, match=r"issue_date\[2\].*whole day"):
        evaluator.run(**{**TINY, "issue_date": noon})
    missing = TINY["payment_date"].astype("datetime64[ns]")
    missing[1] = np.datetime64("NaT")
    with pytest.raises(relance.Error, match=r"payment_date\[1\] is NaT"):
        evaluator.run(**{**TINY, "payment_date": missing})
    # A NaT of datetime64[D] is read in place; the kernel names the column.
    missing = TINY["issue_date"].copy()
    missing[4] = np.datetime64("NaT")
    with pytest.raises(relance.Error, match="issue_date"):
        evaluator.run(**{**TINY, "issue_date": missing})
    # ... and ignores it where no level was sent.
    unsent = TINY["last_level_date"].copy()
    unsent[0] = np.datetime64("NaT")
    assert evaluator.run(**{**TINY, "last_level_date": unsent}).json == \
        evaluator.run(**TINY).json
    with pytest.raises(relance.Error, match=r"terms\[0\] 4294967296 does not fit int32"):
        evaluator.run(**{**TINY, "terms": np.array([2**32, 0, 0, 0, 0, 0])})
    # The strict entry point takes exactly the kernel's types.
    with pytest.raises(TypeError, match="amount must be a 1-D C-contiguous"):
        evaluator._run(TINY["issue_date"].view(np.int64), TINY["amount"].astype(np.int32),
                       TINY["terms"], TINY["payment_start"],
                       TINY["payment_date"].view(np.int64), TINY["payment_amount"], None, 0,
                       None, None, None, False, 1)


def bad(name, row, value):
    columns = {k: v.copy() for k, v in TINY.items()}
    columns[name][row] = value
    return columns


@pytest.mark.parametrize(
    "columns, fragment",
    [
        (bad("amount", 3, 0), "amount"),
        (bad("amount", 4, -100), "amount"),
        (bad("terms", 4, 2), "terms"),
        ({**bad("customer", 1, 3), "customer_count": 3}, "customer"),
        (bad("issue_date", 2, np.datetime64("2026-01-01")), "issue_date"),
        (bad("flags", 0, 4), "flags"),
        (bad("last_level", 5, 8), "last_level"),
        (bad("payment_start", 4, 0), "payment_start"),  # 0 0 0 1 0: decreases
        (bad("payment_amount", 0, 0), "payment_amount"),
        ({**TINY, "amount": TINY["amount"][:5]}, "amount"),
    ],
)
def test_bad_columns_raise_with_the_column(evaluator, columns, fragment):
    with pytest.raises(relance.Error, match=fragment) as error:
        evaluator.run(**columns)
    assert error.value.code == "invalid_argument"


def test_bad_threads(evaluator):
    for threads in (0, 257):
        with pytest.raises(relance.Error, match="threads"):
            evaluator.run(**TINY, threads=threads)


def test_evaluator_errors(policy, examples):
    with pytest.raises(relance.Error, match=r"terms\[1\]") as error:
        relance.PortfolioEvaluator(policy, ["30D", "net 3O"], "EUR", AS_OF)
    assert error.value.path == "terms[1]"
    assert error.value.column is not None
    with pytest.raises(relance.Error) as error:
        relance.PortfolioEvaluator(policy, ["30D"], "EUR", AS_OF, ladder="fast")
    assert error.value.code == "not_found"
    with pytest.raises(relance.Error, match="XYZ"):
        relance.PortfolioEvaluator(policy, ["30D"], "XYZ", AS_OF)
    # Beyond the ECB series' last known date: no rate is guessed.
    with pytest.raises(relance.Error) as error:
        relance.PortfolioEvaluator(policy, ["30D"], "EUR", D(2099, 1, 1))
    assert error.value.code == "out_of_range"
    # standard_fr caps contacts (min_days_between_contacts): refused, named.
    standard = relance.Policy.from_file(examples / "policies" / "standard_fr.json")
    with pytest.raises(relance.Error, match="min_days_between_contacts"):
        relance.PortfolioEvaluator(standard, ["30D"], "EUR", AS_OF, ladder="default")
    with pytest.raises(TypeError):
        relance.PortfolioEvaluator(policy, ["30D"], "EUR", datetime.datetime(2025, 12, 31))


def large(n, seed=7):
    """n invoices of exactly the kernel's dtypes (no payments)."""
    rng = np.random.default_rng(seed)
    issue = np.datetime64("2024-01-01") + rng.integers(0, 700, n)
    return dict(
        issue_date=issue.astype("datetime64[D]"),
        amount=rng.integers(100, 10_000_000, n, dtype=np.int64),
        terms=rng.integers(0, 2, n, dtype=np.int32),
        payment_start=np.zeros(n + 1, np.int64),
        payment_date=np.zeros(0, "datetime64[D]"),
        payment_amount=np.zeros(0, np.int64),
        customer=rng.integers(0, n // 10, n, dtype=np.int32),
    )


def test_columns_of_the_right_dtype_are_not_copied(evaluator):
    # numpy reports its data allocations to tracemalloc: a run whose columns
    # are already int64 / int32 / datetime64[D] and contiguous allocates no
    # array (the kernel's own working memory is C++'s, not traced), even for
    # read-only arrays; one int32 amount column costs one 8-byte-per-invoice
    # conversion.
    n = 200_000
    columns = large(n)
    for array in columns.values():
        array.setflags(write=False)
    evaluator.run(**columns)  # warm up (first-call imports)
    tracemalloc.start()
    try:
        evaluator.run(**columns)
        _, in_place = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        evaluator.run(**{**columns, "amount": columns["amount"].astype(np.int32)})
        _, converted = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert in_place < 100_000  # bytes: nothing near one column (1.6 MB)
    assert converted >= 8 * n  # the int64 copy of the amounts


def test_the_gil_is_released_during_a_run(evaluator):
    columns = large(400_000, seed=3)
    ticks = 0
    done = threading.Event()

    def run():
        for _ in range(3):
            evaluator.run(**columns)
        done.set()

    worker = threading.Thread(target=run)
    worker.start()
    while not done.is_set():
        ticks += 1
    worker.join()
    # While the kernel runs this loop keeps running: with the GIL held for
    # the whole run it would stall (a few ticks at each switch).
    assert ticks > 10_000


def test_importing_relance_imports_neither_numpy_pandas_nor_dask():
    code = ("import sys, relance, relance.portfolio, relance.dask; "
            "print(sorted(m for m in ('numpy', 'pandas', 'dask') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=os.environ).stdout
    assert out.strip() == "[]"


# --- Agreement with the scalar path ------------------------------------------

TERMS = ["0D", "30D", "60D", "30D+CM", "CM+45D"]
LEVEL_IDS = ["courtesy", "reminder1", "call", "reminder2", "notice", "agency", "legal"]
LEVEL_OFFSETS = [-5, 1, 8, 15, 21, 45, 90]
CHANNELS = ["email", "email", "phone", "letter", "registered_letter", "agency_handoff", "legal"]
# Events of one date in the order a host's trail has them (SortCaseEvents).
RANK = {"invoice_issued": 0, "action_performed": 1, "dispute_opened": 3, "payment_received": 4}


def random_portfolio(n, seed):
    """A seeded portfolio of n invoices over n // 4 customers, as rows."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        issue = D(2024, 1, 1) + datetime.timedelta(days=rng.randrange(0, 715))
        amount = rng.choice([rng.randrange(500, 2_000), rng.randrange(2_000, 5_000_000)])
        payments = []
        left = amount
        for _ in range(rng.choice([0, 0, 1, 2])):
            if left <= 0:
                break
            paid = rng.choice([left, rng.randrange(1, left + 1)])
            date = issue + datetime.timedelta(days=rng.randrange(0, 800))
            payments.append((date, paid))
            left -= paid
        payments.sort()
        paid_in_full = left == 0 and all(d <= AS_OF for d, _ in payments)
        rows.append(dict(
            invoice=f"F-{i}", customer=f"C-{rng.randrange(max(1, n // 4))}", issue=issue,
            amount=amount, terms=rng.randrange(len(TERMS)), payments=payments,
            disputed=not paid_in_full and rng.random() < 0.1,
            last_level=0 if paid_in_full else rng.choice([0, 0, 0, 1, 2, 3, 5, 7])))
    return rows


def case_of(row, due):
    """The case file of one invoice (one invoice per case: the policy has no
    per-customer minimum), as PortfolioCases writes it in C++."""
    events = [dict(date=row["issue"], type="invoice_issued", invoice=row["invoice"],
                   amount=relance.Money.from_minor_units(row["amount"], "EUR"),
                   terms=TERMS[row["terms"]])]
    last_action = row["issue"]
    for level in range(row["last_level"]):
        date = min(max(due + datetime.timedelta(days=LEVEL_OFFSETS[level]), row["issue"]), AS_OF)
        last_action = max(last_action, date)
        events.append(dict(date=date, type="action_performed", invoices=[row["invoice"]],
                           level=LEVEL_IDS[level], channel=CHANNELS[level]))
    if row["disputed"]:
        events.append(dict(date=last_action, type="dispute_opened", invoice=row["invoice"]))
    for date, paid in row["payments"]:
        if date <= AS_OF:
            events.append(dict(date=date, type="payment_received", invoice=row["invoice"],
                               amount=relance.Money.from_minor_units(paid, "EUR")))
    events.sort(key=lambda e: (e["date"], RANK[e["type"]]))
    return relance.Case.from_json({"customer": {"id": row["customer"]}, "events": events}), \
        last_action


def test_random_portfolio_agrees_with_assess_and_evaluate(policy):
    rows = random_portfolio(400, seed=20251231)
    evaluator = relance.PortfolioEvaluator(policy, TERMS, "EUR", AS_OF)
    rule = policy.penalty_rule
    due_dates, cases = [], []
    for row in rows:
        due = relance.Terms.parse(TERMS[row["terms"]]).schedule(
            row["issue"], relance.Money.from_minor_units(row["amount"], "EUR")).final_due_date
        due_dates.append(due)
        cases.append(case_of(row, due))
    starts = np.cumsum([0] + [len(r["payments"]) for r in rows])
    customers, customer_codes = np.unique([r["customer"] for r in rows], return_inverse=True)
    totals, out = evaluator.run(
        issue_date=days(*[r["issue"] for r in rows]),
        amount=np.array([r["amount"] for r in rows], np.int64),
        terms=np.array([r["terms"] for r in rows], np.int32),
        payment_start=starts,
        payment_date=days(*[d for r in rows for d, _ in r["payments"]]),
        payment_amount=np.array([p for r in rows for _, p in r["payments"]], np.int64),
        customer=customer_codes, customer_count=len(customers),
        flags=np.array([r["disputed"] for r in rows], np.uint8),
        last_level=np.array([r["last_level"] for r in rows], np.uint8),
        last_level_date=days(*[c[1] for c in cases]),
        outputs=True)
    letters = {}
    for i, row in enumerate(rows):
        money = relance.Money.from_minor_units(row["amount"], "EUR")
        assessment = rule.assess(
            money, due_dates[i], AS_OF,
            payments=[(d, relance.Money.from_minor_units(p, "EUR"))
                      for d, p in row["payments"] if d <= AS_OF],
            obligation_date=row["issue"])
        [invoice] = policy.evaluate(cases[i][0], AS_OF).invoices
        level = 0 if invoice.action_level is None else LEVEL_IDS.index(invoice.action_level) + 1
        where = (i, row)
        assert out["due_date"][i] == np.datetime64(due_dates[i], "D"), where
        paid = sum(p for d, p in row["payments"] if d <= AS_OF)
        assert out["balance"][i] == row["amount"] - paid, where
        if not row["disputed"]:  # Evaluate's outstanding leaves out what is disputed
            assert out["balance"][i] == invoice.outstanding.minor_units, where
        assert out["interest"][i] == assessment.interest.minor_units, where
        assert out["compensation"][i] == assessment.compensation.minor_units, where
        assert out["action_level"][i] == level, (where, invoice.reason)
        if level:
            letters[row["customer"]] = max(letters.get(row["customer"], 0), level)
    assert totals.invoices == len(rows)
    assert totals.total_interest == int(out["interest"].sum())
    assert totals.letters_per_level == [
        sum(1 for v in letters.values() if v == k) for k in range(1, 8)]
    # Some of every kind, so the comparison means something.
    assert (out["interest"] > 0).sum() > 100
    assert len(set(out["action_level"].tolist())) >= 5


# --- pandas -------------------------------------------------------------------

def tiny_frames():
    invoices = pd.DataFrame({
        "invoice_id": [f"F-{i}" for i in range(6)],
        "customer_id": ["acme", "acme", "bolt", "bolt", "cora", "cora"],
        "issue_date": pd.to_datetime(["2025-11-01", "2025-12-10", "2025-10-15", "2025-09-01",
                                      "2025-11-20", "2025-10-01"]),
        "amount": [100000, 50000, 200000, 10000, 1000, 30000],
        "terms": ["30D", "30D+CM", "30D", "30D", "30D", "30D"],
        "disputed": [False, False, False, True, False, False],
        "last_level_sent": [0, 0, 2, 0, 0, 0],
        "last_level_date": pd.to_datetime([None, None, "2025-11-16", None, None, None]),
    }, index=pd.RangeIndex(100, 106))
    # Payments in any order, keyed by invoice id.
    payments = pd.DataFrame({
        "invoice_id": ["F-5", "F-2"],
        "payment_date": [D(2025, 10, 31), D(2025, 12, 1)],
        "amount": [30000, 150000],
    })
    return invoices, payments


def test_evaluate_frame(policy):
    invoices, payments = tiny_frames()
    totals, frame = evaluate_frame(invoices, payments, policy, AS_OF,
                                   last_level_date="last_level_date", outputs=True)
    check_tiny(totals)
    assert list(frame.index) == list(invoices.index)
    assert frame["interest"].tolist() == [999, 0, 1631, 303, 4, 0]
    assert frame["action_level"].tolist() == [2, 0, 3, 0, 0, 0]
    assert frame["due_date"].iloc[1] == pd.Timestamp("2026-01-31")
    # Without payments, every invoice is owed in full.
    assert evaluate_frame(invoices, None, policy, AS_OF).total_balance == 100000 + 50000 + \
        200000 + 10000 + 1000 + 30000


def test_evaluate_frame_errors(policy):
    invoices, payments = tiny_frames()
    unknown = payments.assign(invoice_id=["F-5", "F-9"])
    with pytest.raises(relance.Error, match=r"payments\[1\].*F-9"):
        evaluate_frame(invoices, unknown, policy, AS_OF)
    twice = invoices.assign(invoice_id=["F-0", "F-1", "F-2", "F-2", "F-4", "F-5"])
    with pytest.raises(relance.Error, match="appears twice"):
        evaluate_frame(twice, payments, policy, AS_OF)
    with pytest.raises(relance.Error, match=r"terms\[0\]"):
        evaluate_frame(invoices.assign(terms="net 3O"), payments, policy, AS_OF)
    with pytest.raises(TypeError, match="never floats"):
        evaluate_frame(invoices.assign(amount=invoices["amount"] / 100), payments, policy,
                       AS_OF)
