"""The portfolio-v1 workload's fixed parameters (BENCHMARK.md), shared by the peers.

Everything here is exact: dates as datetime.date, money in cents, rates in basis points.
"""

import datetime as dt

AS_OF = dt.date(2025, 12, 31)

# French statutory late-payment rate (BENCHMARK.md step 3): (first day, last day, annual rate in
# basis points, 1 bp = 0.01 %). Interest is Actual/365 fixed: rate(d) / 365 per day.
RATE_PERIODS = (
    (dt.date(2024, 1, 1), dt.date(2024, 6, 30), 1450),
    (dt.date(2024, 7, 1), dt.date(2024, 12, 31), 1425),
    (dt.date(2025, 1, 1), dt.date(2025, 6, 30), 1315),
    (dt.date(2025, 7, 1), dt.date(2025, 12, 31), 1215),
)
# Interest in cents = sum(balance_cents * rate_bp) / INTEREST_DENOMINATOR (bp per unit, days/year).
INTEREST_DENOMINATOR = 10_000 * 365

COMPENSATION_CENTS = 4_000  # EUR 40.00 fixed compensation (step 4)
MIN_DUNNING_CENTS = 1_500  # no dunning below EUR 15.00 outstanding (step 5)
LEVEL_OFFSETS = (-5, 1, 8, 15, 21, 45, 90)  # levels 1..7, days from the due date
LEVELS = len(LEVEL_OFFSETS)

INVOICE_COLUMNS = ("invoice_id", "customer_id", "issue_date", "currency", "amount", "terms",
                   "disputed", "last_level_sent")
PAYMENT_COLUMNS = ("invoice_id", "payment_date", "amount")
# The generator's field formats, which both peers accept and nothing else.
AMOUNT_PATTERN = r"\d{1,15}\.\d\d"  # two decimals, no sign, fits int64 cents
DATE_PATTERN = r"\d{4}-\d\d-\d\d"


class InputError(Exception):
    """Bad input data: says which file and line (1-based, the header is line 1) and what."""

    def __init__(self, path, line, message):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


def parse_terms(formula):
    """A terms formula ("30D", "30D+CM", "CM+45D") as steps: ints (add days) or "CM" (to month
    end), applied left to right. Raises ValueError on anything else."""
    steps = []
    for step in formula.split("+"):
        if step == "CM":
            steps.append("CM")
        elif 2 <= len(step) <= 5 and step[-1] == "D" and step[:-1].isdigit() and step.isascii():
            steps.append(int(step[:-1]))
        else:
            raise ValueError(f"terms {formula!r}: steps are ND (N up to 9999) or CM, joined by +")
    return steps


def rate_bp(day):
    """The annual rate in force on `day` in basis points; ValueError outside the series."""
    for first, last, bp in RATE_PERIODS:
        if first <= day <= last:
            return bp
    raise ValueError(f"no statutory rate known for {day.isoformat()}")
