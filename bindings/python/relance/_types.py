"""relance's error and enumerations, in pure Python.

The extension (relance._relance) raises :class:`Error` and returns the
members of these enumerations; every enumeration's values are the library's
stable text names (the names its JSON documents use), so
``ReasonCode("level_due") is ReasonCode.LEVEL_DUE`` and
``ReasonCode.LEVEL_DUE.value == "level_due"``. Each enumeration is also a
``str`` subclass: wherever relance takes a member, it takes its name too.
"""

from __future__ import annotations

import datetime as _datetime
import enum
import re
from typing import Optional

__all__ = [
    "Error",
    "BusinessDayConvention",
    "Channel",
    "DayCount",
    "DiscountBase",
    "EndOfMonthReading",
    "EventKind",
    "Grouping",
    "InvoiceState",
    "Jurisdiction",
    "PenaltyFlag",
    "PenaltyStatus",
    "RateCadence",
    "ReasonCode",
    "RoundingMode",
    "Severity",
]


class Error(ValueError):
    """An input relance refuses, or a question its reference data cannot answer.

    Attributes:
      message: what was wrong and where, as the library says it (also
        ``str(error)``).
      code: the kind of error: ``"invalid_argument"`` (malformed or
        out-of-bound input), ``"out_of_range"`` (beyond known reference data,
        such as a rate after the end of its series), ``"failed_precondition"``
        (an event impossible in the state reached), ``"not_found"`` (an
        unknown id: calendar, preset, series, segment, invoice), ``"busy"``
        (a ledger another process is writing: nothing was done, try again),
        ``"data_loss"`` (a file that is not a relance ledger, or corrupt),
        ``"unsupported"`` (a relance built without the ledger).
      path: the JSON path of the value at fault (``"levels[2].offset_days"``),
        or None.
      line: the 1-based line in the input text (JSON documents, CSV files),
        or None.
      column: the 1-based column in the input text (JSON documents, terms,
        dates, amounts, rates), or None.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid_argument",
        path: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.line = line
        self.column = column


# The subjects that start the messages of relance's JSON readers:
# "<subject>: <path>: <what>" (src/json_reader.cpp).
_PATH = re.compile(
    r"(?:^|: )(?:calendar|case|policy|portfolio|penalty rule|rate series|dunning fee"
    r"|letterhead"
    r"|terms(?: \([a-z-]+\))?): "
    r"(?!invalid JSON)([A-Za-z_][\w-]*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*): "
)
_EVENT = re.compile(r"(?:^|: )(events\[\d+\])[ :]")
_LINE_COLUMN = re.compile(r"\bat line (\d+), column (\d+)")
_COLUMN = re.compile(r"\bat column (\d+)")
_LINE = re.compile(r"(?:^|: )line (\d+): ")


def _error_from_status(code: str, message: str) -> Error:
    """The Error for a library status: its code and message, with the
    position the message names read back into attributes."""
    path = line = column = None
    match = _PATH.search(message)
    if match:
        path = match.group(1)
    else:
        match = _EVENT.search(message)
        if match:
            path = match.group(1)
    match = _LINE_COLUMN.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
    else:
        match = _COLUMN.search(message)
        if match:
            column = int(match.group(1))
        match = _LINE.search(message)
        if match:
            line = int(match.group(1))
    return Error(message, code=code, path=path, line=line, column=column)


def _json_default(value):
    """json.dumps(default=...) for the documents a host builds in Python:
    dates as "YYYY-MM-DD", amounts and rates as relance writes them."""
    if isinstance(value, _datetime.datetime):
        raise TypeError(
            "relance: a datetime.datetime is not a date; pass value.date()"
        )
    if isinstance(value, _datetime.date):
        return value.isoformat()
    to_text = getattr(value, "_relance_text", None)
    if to_text is not None:
        return to_text()
    raise TypeError(
        f"relance: cannot write a {type(value).__name__} in a JSON document"
    )


class _Names(str, enum.Enum):
    """An enumeration whose values are relance's stable names."""

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class BusinessDayConvention(_Names):
    """How a date that is not a business day moves onto one (ISDA 2006, 4.12)."""

    UNADJUSTED = "unadjusted"
    FOLLOWING = "following"
    MODIFIED_FOLLOWING = "modified-following"
    PRECEDING = "preceding"
    MODIFIED_PRECEDING = "modified-preceding"


class RoundingMode(_Names):
    """How an exact quotient becomes whole minor units."""

    HALF_AWAY_FROM_ZERO = "half-away-from-zero"
    HALF_EVEN = "half-even"
    HALF_TOWARD_ZERO = "half-toward-zero"
    UP = "up"
    DOWN = "down"
    CEILING = "ceiling"
    FLOOR = "floor"


class EndOfMonthReading(_Names):
    """The reading of "N jours fin de mois": N days then the month end, or
    the month end then N days."""

    DAYS_THEN_EOM = "days-then-eom"
    EOM_THEN_DAYS = "eom-then-days"


class DiscountBase(_Names):
    """What an early-payment discount percentage applies to."""

    TOTAL = "total"
    UNTAXED = "untaxed"
    MIXED = "mixed"


class DayCount(_Names):
    """Day-count conventions of interest."""

    ACT_365 = "act/365"
    ACT_360 = "act/360"
    ACT_ACT = "act/act"
    THIRTY_360 = "30/360"
    THIRTY_E_360 = "30e/360"


class Jurisdiction(_Names):
    """Maximum payment delays checked on terms."""

    FR = "FR"
    EU = "EU"
    EU_PUBLIC = "EU-PUBLIC"


class Severity(_Names):
    """How bad a payment-delay finding is."""

    NEEDS_EXPRESS_AGREEMENT = "needs-express-agreement"
    VIOLATION = "violation"


class RateCadence(_Names):
    """When a reference rate series may change."""

    ANY_DAY = "any-day"
    HALF_YEARLY = "half-yearly"


class PenaltyFlag(_Names):
    """Facts about a penalty assessment, each with a sentence."""

    NOT_LATE = "not-late"
    PAYMENTS_AFTER_AS_OF_IGNORED = "payments-after-as-of-ignored"
    FLOOR_APPLIED = "floor-applied"
    FLOOR_ABOVE_RATE = "floor-above-rate"
    CAP_APPLIED = "cap-applied"
    BELOW_MINIMUM_INTEREST = "below-minimum-interest"
    COMPENSATION_NOT_APPLICABLE = "compensation-not-applicable"
    COMPENSATION_CURRENCY_MISMATCH = "compensation-currency-mismatch"
    OVERPAID = "overpaid"
    FLOOR_NOT_CHECKED = "floor-not-checked"
    MINIMUM_INTEREST_CURRENCY_MISMATCH = "minimum-interest-currency-mismatch"
    ASSUMED_LAST_RATE = "assumed-last-rate"


class InvoiceState(_Names):
    """Where an invoice stands in its collection lifecycle."""

    NOT_YET_DUE = "not_yet_due"
    COURTESY_SENT = "courtesy_sent"
    OVERDUE = "overdue"
    DISPUTED = "disputed"
    PROMISED = "promised"
    ON_PLAN = "on_plan"
    BLOCKED = "blocked"
    WITH_AGENCY = "with_agency"
    IN_LEGAL_ACTION = "in_legal_action"
    PAID = "paid"
    CREDITED = "credited"
    WRITTEN_OFF = "written_off"


class Channel(_Names):
    """How a dunning level reaches the customer."""

    EMAIL = "email"
    LETTER = "letter"
    REGISTERED_LETTER = "registered_letter"
    PHONE = "phone"
    SMS = "sms"
    AGENCY_HANDOFF = "agency_handoff"
    LEGAL = "legal"


class Grouping(_Names):
    """How the due actions of one customer are sent."""

    PER_CUSTOMER = "per_customer"
    PER_INVOICE = "per_invoice"


class PenaltyStatus(_Names):
    """Whether an invoice's penalties are known."""

    NOT_CLAIMED = "not_claimed"
    COMPUTED = "computed"
    UNAVAILABLE = "unavailable"


class EventKind(_Names):
    """What happened to an invoice or a customer."""

    INVOICE_ISSUED = "invoice_issued"
    PAYMENT_RECEIVED = "payment_received"
    CREDIT_NOTE = "credit_note"
    ACTION_PERFORMED = "action_performed"
    DISPUTE_OPENED = "dispute_opened"
    DISPUTE_RESOLVED = "dispute_resolved"
    PROMISE_TO_PAY = "promise_to_pay"
    PROMISE_CONFIRMED = "promise_confirmed"
    PAYMENT_PLAN_AGREED = "payment_plan_agreed"
    DUNNING_BLOCKED = "dunning_blocked"
    HANDED_TO_AGENCY = "handed_to_agency"
    LEGAL_ACTION_STARTED = "legal_action_started"
    WRITTEN_OFF = "written_off"
    ACCOUNT_BLOCKED = "account_blocked"
    ACCOUNT_UNBLOCKED = "account_unblocked"
    SEGMENT_ASSIGNED = "segment_assigned"
    ACTION_ACKNOWLEDGED = "action_acknowledged"


class ReasonCode(_Names):
    """Why an invoice gets an action, or none (docs/dunning.md, "Reason codes")."""

    LEVEL_DUE = "level_due"
    LEVEL_DUE_PROMISE_BROKEN = "level_due_promise_broken"
    CLAIM_DUE = "claim_due"
    THANK_YOU = "thank_you"
    NOT_YET_DUE = "not_yet_due"
    WAITING_FOR_LEVEL = "waiting_for_level"
    WAITING_FOR_GAP = "waiting_for_gap"
    PAUSED_BY_DISPUTE = "paused_by_dispute"
    PAUSED_BY_PROMISE = "paused_by_promise"
    PAUSED_BY_PLAN = "paused_by_plan"
    PAUSED_BY_BLOCK = "paused_by_block"
    WITH_AGENCY = "with_agency"
    IN_LEGAL_ACTION = "in_legal_action"
    CLOSED = "closed"
    CLAIM_REPORTED = "claim_reported"
    LADDER_COMPLETE = "ladder_complete"
    ALREADY_ACTED_TODAY = "already_acted_today"
    BELOW_INVOICE_MINIMUM = "below_invoice_minimum"
    BELOW_LEVEL_MINIMUM = "below_level_minimum"
    BELOW_CUSTOMER_MINIMUM = "below_customer_minimum"
    CONTACT_CAP = "contact_cap"
    LADDER_CHOSEN = "ladder_chosen"
    PENALTY_UNAVAILABLE = "penalty_unavailable"
    RATE_ASSUMED = "rate_assumed"
    UNAPPLIED_CASH = "unapplied_cash"
    ACCOUNT_BLOCKED = "account_blocked"
