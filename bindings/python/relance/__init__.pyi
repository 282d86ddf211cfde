# Type stubs of the relance package (the pybind11 extension relance._relance
# and the pure-Python relance._types). docs/python.md is the guide.
import datetime
import os
from decimal import Decimal
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

import numpy
import numpy.typing

from . import portfolio as portfolio

from ._types import (
    BusinessDayConvention as BusinessDayConvention,
    Channel as Channel,
    DayCount as DayCount,
    DiscountBase as DiscountBase,
    EndOfMonthReading as EndOfMonthReading,
    Error as Error,
    EventKind as EventKind,
    Grouping as Grouping,
    InvoiceState as InvoiceState,
    Jurisdiction as Jurisdiction,
    PenaltyFlag as PenaltyFlag,
    PenaltyStatus as PenaltyStatus,
    RateCadence as RateCadence,
    ReasonCode as ReasonCode,
    RoundingMode as RoundingMode,
    Severity as Severity,
)

__version__: str

# A JSON document: its text, or Python data json.dumps writes (dates as
# datetime.date, amounts as Money, rates as Rate are written as relance does).
JsonDocument = Union[str, Mapping[str, Any], Sequence[Any]]
PathLike = Union[str, "os.PathLike[str]"]
# An exact amount: never a float.
Amount = Union[Decimal, int, str]

def version_string() -> str: ...
def version_number() -> int: ...
def parse_date(text: str) -> datetime.date: ...
def format_date(date: datetime.date) -> str: ...
def currencies() -> list[Currency]: ...

class Currency:
    def __init__(self, code: str) -> None: ...
    @property
    def code(self) -> str: ...
    @property
    def minor_digits(self) -> int: ...
    @property
    def numeric_code(self) -> int: ...
    @property
    def name(self) -> str: ...
    def __hash__(self) -> int: ...

class Money:
    def __init__(self, amount: Amount, currency: Union[str, Currency]) -> None: ...
    @staticmethod
    def parse(text: str) -> Money: ...
    @staticmethod
    def from_minor_units(minor_units: int, currency: Union[str, Currency]) -> Money: ...
    @staticmethod
    def zero(currency: Union[str, Currency]) -> Money: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def minor_units(self) -> int: ...
    def format(self, decimal_separator: str = ".", thousands_separator: str = "") -> str: ...
    def __add__(self, other: Money) -> Money: ...
    def __sub__(self, other: Money) -> Money: ...
    def __neg__(self) -> Money: ...
    def __abs__(self) -> Money: ...
    def __bool__(self) -> bool: ...
    def __lt__(self, other: Money) -> bool: ...
    def __le__(self, other: Money) -> bool: ...
    def __gt__(self, other: Money) -> bool: ...
    def __ge__(self, other: Money) -> bool: ...
    def __hash__(self) -> int: ...

class Rate:
    @staticmethod
    def parse(text: str) -> Rate: ...
    @staticmethod
    def parse_percent(text: str) -> Rate: ...
    @staticmethod
    def from_percent(percent: Amount) -> Rate: ...
    @staticmethod
    def from_basis_points(basis_points: Amount) -> Rate: ...
    @staticmethod
    def from_ratio(ratio: Amount) -> Rate: ...
    @staticmethod
    def from_parts_per_billion(parts_per_billion: int) -> Rate: ...
    @property
    def parts_per_billion(self) -> int: ...
    @property
    def percent(self) -> Decimal: ...
    @property
    def ratio(self) -> Decimal: ...
    def __add__(self, other: Rate) -> Rate: ...
    def __sub__(self, other: Rate) -> Rate: ...
    def __lt__(self, other: Rate) -> bool: ...
    def __le__(self, other: Rate) -> bool: ...
    def __gt__(self, other: Rate) -> bool: ...
    def __ge__(self, other: Rate) -> bool: ...
    def __hash__(self) -> int: ...

# --- Calendars ------------------------------------------------------------------

class Holiday:
    date: datetime.date
    name: str
    nominal_date: datetime.date

class Calendar:
    @staticmethod
    def builtin(code: str) -> Calendar: ...
    @staticmethod
    def builtin_codes() -> list[str]: ...
    @staticmethod
    def from_json(document: JsonDocument) -> Calendar: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def weekend(self) -> list[str]: ...
    def is_business_day(self, date: datetime.date) -> bool: ...
    def is_holiday(self, date: datetime.date) -> bool: ...
    def is_weekend(self, date: datetime.date) -> bool: ...
    def holidays(self, year: int) -> list[Holiday]: ...
    def adjust(
        self,
        date: datetime.date,
        convention: Union[BusinessDayConvention, str] = ...,
    ) -> datetime.date: ...
    def add_business_days(self, date: datetime.date, days: int) -> datetime.date: ...
    def count_business_days(self, start: datetime.date, end: datetime.date) -> int: ...
    def without_dates(self, dates: Sequence[datetime.date]) -> Calendar: ...

# --- Terms ----------------------------------------------------------------------

class ScheduledDiscount:
    percent: Rate
    deadline: datetime.date
    discount: Money
    net_payable: Money

class Instalment:
    due_date: datetime.date
    amount: Money
    unadjusted_due_date: datetime.date
    discounts: list[ScheduledDiscount]

class TermsFinding:
    severity: Severity
    article: str
    message: str
    invoice_date: datetime.date
    due_date: datetime.date
    limit_date: datetime.date

class TermsCheck:
    jurisdiction: Jurisdiction
    compliant: bool
    longest_delay_days: int
    longest_delay_invoice_date: datetime.date
    findings: list[TermsFinding]

class Schedule:
    invoice_date: datetime.date
    total: Money
    instalments: list[Instalment]
    discounts: list[ScheduledDiscount]
    final_due_date: datetime.date
    tax_reduction: Optional[Money]
    checks: list[TermsCheck]
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class Terms:
    @staticmethod
    def parse(
        text: str,
        *,
        eom_reading: Optional[Union[EndOfMonthReading, str]] = None,
        calendar: Optional[Calendar] = None,
        convention: Union[BusinessDayConvention, str] = ...,
        rounding: Union[RoundingMode, str] = ...,
        discount_base: Union[DiscountBase, str] = ...,
    ) -> Terms: ...
    @staticmethod
    def from_json(
        document: JsonDocument,
        *,
        eom_reading: Optional[Union[EndOfMonthReading, str]] = None,
        calendar: Optional[Calendar] = None,
        convention: Union[BusinessDayConvention, str] = ...,
        rounding: Union[RoundingMode, str] = ...,
        discount_base: Union[DiscountBase, str] = ...,
    ) -> Terms: ...
    @staticmethod
    def from_system(
        system: str, document: JsonDocument, *, currency: Optional[str] = None
    ) -> Terms: ...
    @property
    def text(self) -> str: ...
    def schedule(
        self,
        invoice_date: datetime.date,
        total: Money,
        tax: Optional[Money] = None,
        *,
        check: Sequence[Union[Jurisdiction, str]] = ...,
    ) -> Schedule: ...
    def due_dates(self, invoice_date: datetime.date) -> list[datetime.date]: ...
    def check(self, jurisdiction: Union[Jurisdiction, str]) -> TermsCheck: ...

# --- Rates and penalties ----------------------------------------------------------

class RateSeries:
    @staticmethod
    def builtin(id: str) -> RateSeries: ...
    @staticmethod
    def builtin_ids() -> list[str]: ...
    @staticmethod
    def create(
        id: str,
        points: Sequence[Tuple[datetime.date, Rate]],
        last_known_date: datetime.date,
        *,
        name: str = "",
        source: str = "",
        cadence: Union[RateCadence, str] = ...,
    ) -> RateSeries: ...
    @staticmethod
    def from_csv(text: str, id: str, column: str = "rate_percent") -> RateSeries: ...
    @staticmethod
    def from_json(document: JsonDocument) -> RateSeries: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def cadence(self) -> RateCadence: ...
    @property
    def points(self) -> list[Tuple[datetime.date, Rate]]: ...
    @property
    def first_date(self) -> datetime.date: ...
    @property
    def last_known_date(self) -> datetime.date: ...
    def rate_at(self, date: datetime.date) -> Rate: ...
    def last_known_rate(self) -> Rate: ...
    def extended(
        self, points: Sequence[Tuple[datetime.date, Rate]], last_known_date: datetime.date
    ) -> RateSeries: ...

class ReferenceRates:
    @staticmethod
    def builtin() -> ReferenceRates: ...
    @staticmethod
    def from_directory(
        directory: PathLike, base: Optional[ReferenceRates] = None
    ) -> ReferenceRates: ...
    def with_series(self, series: RateSeries) -> ReferenceRates: ...
    def find(self, id: str) -> RateSeries: ...
    def ids(self) -> list[str]: ...

class InterestLine:
    first_day: datetime.date
    last_day: datetime.date
    days: int
    principal: Money
    annual_rate: Rate
    amount: Money
    assumed_rate: bool

class Assessment:
    as_of: datetime.date
    rule_id: str
    lines: list[InterestLine]
    interest: Money
    compensation: Money
    charges: Money
    total: Money
    principal_outstanding: Money
    interest_outstanding: Money
    costs_outstanding: Money
    penalties_outstanding: Money
    total_outstanding: Money
    overpaid: Money
    flags: list[PenaltyFlag]
    explanations: list[str]
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class PenaltyRule:
    @staticmethod
    def preset(id: str, rates: Optional[ReferenceRates] = None) -> PenaltyRule: ...
    @staticmethod
    def preset_ids() -> list[str]: ...
    @staticmethod
    def from_json(
        document: JsonDocument, rates: Optional[ReferenceRates] = None
    ) -> PenaltyRule: ...
    @staticmethod
    def from_file(path: PathLike, rates: Optional[ReferenceRates] = None) -> PenaltyRule: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def citation(self) -> str: ...
    def assess(
        self,
        amount: Money,
        due_date: datetime.date,
        as_of: datetime.date,
        *,
        payments: Iterable[Tuple[datetime.date, Money]] = ...,
        credit_notes: Iterable[Tuple[datetime.date, Money]] = ...,
        charges: Iterable[Union[Tuple[datetime.date, Money], Tuple[datetime.date, Money, str]]] = ...,
        obligation_date: Optional[datetime.date] = None,
        business_to_business: bool = True,
        breakdown: bool = True,
    ) -> Assessment: ...

# --- Dunning ----------------------------------------------------------------------

class Reason:
    code: ReasonCode
    invoice: Optional[str]
    level: Optional[str]
    level_number: Optional[int]
    date: Optional[datetime.date]
    next_date: Optional[datetime.date]
    amount: Optional[Money]
    threshold: Optional[Money]
    days: Optional[int]
    state: Optional[InvoiceState]
    ladder: Optional[str]
    segment: Optional[str]
    assigned: Optional[bool]
    detail: Optional[str]
    text: str
    def to_dict(self) -> dict[str, Any]: ...

class Communication:
    level: str
    level_number: Optional[int]
    channel: Channel
    template: Optional[str]
    task: bool
    block_account: bool
    invoices: list[str]
    invoice_levels: list[str]
    outstanding: list[Money]
    penalties: list[Money]
    fees: list[Money]
    fees_charged: list[Money]
    total_due: list[Money]
    payment_deadline: Optional[datetime.date]
    statement: list[str]

class InvoiceDecision:
    invoice: str
    state: InvoiceState
    issue_date: datetime.date
    due_date: datetime.date
    amount: Money
    outstanding: Money
    disputed: Money
    days_late: int
    last_level: Optional[str]
    last_action_date: Optional[datetime.date]
    next_level: Optional[str]
    next_level_date: Optional[datetime.date]
    action_level: Optional[str]
    penalty_status: PenaltyStatus
    interest: Optional[Money]
    compensation: Optional[Money]
    fees_charged: Money
    claim: Money
    total_due: Money
    unapplied: Money
    reason: Reason

class Decision:
    policy_id: str
    policy_version: int
    customer: str
    as_of: datetime.date
    ladder: str
    segment: Optional[str]
    next_review: Optional[datetime.date]
    account_blocked_since: Optional[datetime.date]
    penalties_unavailable: bool
    total_due: list[Money]
    actions: list[Communication]
    invoices: list[InvoiceDecision]
    notes: list[Reason]
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class ForecastItem:
    date: datetime.date
    action: Communication

class Forecast:
    policy_id: str
    policy_version: int
    customer: str
    start: datetime.date
    end: datetime.date
    items: list[ForecastItem]
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

class Case:
    @staticmethod
    def from_json(
        document: JsonDocument,
        *,
        eom_reading: Optional[Union[EndOfMonthReading, str]] = None,
        calendar: Optional[Calendar] = None,
        convention: Union[BusinessDayConvention, str] = ...,
    ) -> Case: ...
    @property
    def customer_id(self) -> str: ...
    @property
    def customer_name(self) -> str: ...
    @property
    def invoices(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def with_actions_recorded(self, decision: Decision) -> Case: ...

class Policy:
    @staticmethod
    def from_json(
        document: JsonDocument,
        *,
        rates: Optional[ReferenceRates] = None,
        assume_last_rate: bool = False,
    ) -> Policy: ...
    @staticmethod
    def from_file(
        path: PathLike,
        *,
        rates: Optional[ReferenceRates] = None,
        assume_last_rate: bool = False,
    ) -> Policy: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def penalty_rule(self) -> Optional[PenaltyRule]: ...
    def ladder_table(self) -> str: ...
    def summary(self) -> dict[str, Any]: ...
    def evaluate(self, case: Case, as_of: datetime.date) -> Decision: ...
    def forecast(self, case: Case, start: datetime.date, end: datetime.date) -> Forecast: ...

class Transition:
    source: InvoiceState
    trigger: str
    guard: str
    target: InvoiceState

def lifecycle_transitions() -> list[Transition]: ...

# Letters and dossiers (docs/letters.md, docs/dossier.md). The letterhead is
# its JSON text or a dict.
def render_letters(
    policy: Policy,
    case: Case,
    decision_or_as_of: Union[Decision, datetime.date],
    letterhead: JsonDocument,
    language: Optional[Literal["fr", "en"]] = None,
    templates: Optional[PathLike] = None,
) -> dict[str, Any]: ...
def dossier(
    policy: Policy,
    case: Case,
    as_of: datetime.date,
    letterhead: JsonDocument,
    invoice: Optional[str] = None,
) -> dict[str, Any]: ...
def dossier_html(
    policy: Policy,
    case: Case,
    as_of: datetime.date,
    letterhead: JsonDocument,
    invoice: Optional[str] = None,
    language: Optional[Literal["fr", "en"]] = None,
) -> str: ...
def lifecycle_dot() -> str: ...

# --- E-invoices (relance.einvoice; docs/einvoice.md) ----------------------------
EInvoiceSource = Union[bytes, bytearray, memoryview, str, os.PathLike[str]]

def read_einvoice(
    source: EInvoiceSource,
    name: Optional[str] = None,
    default_terms: Optional[str] = None,
) -> dict[str, Any]: ...
def einvoice_pdf_supported() -> bool: ...

# --- Portfolios (relance.portfolio; docs/python.md, "Portfolios") ---------------
# A column: a numpy array or anything numpy.asarray reads. Dates are
# datetime64[D] or int64 days since 1970-01-01; amounts int64 minor units.
Column = numpy.typing.ArrayLike

class PortfolioTotals:
    @property
    def invoices(self) -> int: ...
    @property
    def total_balance(self) -> int: ...
    @property
    def total_interest(self) -> int: ...
    @property
    def total_compensation(self) -> int: ...
    @property
    def actions_per_level(self) -> list[int]: ...
    @property
    def letters_per_level(self) -> list[int]: ...
    @property
    def rate_assumed_from(self) -> Optional[datetime.date]: ...
    json: str
    def to_dict(self) -> dict[str, Any]: ...

class PortfolioEvaluator:
    def __init__(
        self,
        policy: Policy,
        terms: Sequence[str],
        currency: Union[str, Currency],
        as_of: datetime.date,
        ladder: Optional[str] = None,
    ) -> None: ...
    @property
    def levels(self) -> int: ...
    @property
    def currency(self) -> Currency: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def ladder(self) -> str: ...
    @overload
    def run(
        self,
        issue_date: Column,
        amount: Column,
        terms: Column,
        payment_start: Column,
        payment_date: Column,
        payment_amount: Column,
        customer: Optional[Column] = None,
        customer_count: Optional[int] = None,
        flags: Optional[Column] = None,
        last_level: Optional[Column] = None,
        last_level_date: Optional[Column] = None,
        outputs: Literal[False] = False,
        threads: int = 1,
    ) -> PortfolioTotals: ...
    @overload
    def run(
        self,
        issue_date: Column,
        amount: Column,
        terms: Column,
        payment_start: Column,
        payment_date: Column,
        payment_amount: Column,
        customer: Optional[Column] = None,
        customer_count: Optional[int] = None,
        flags: Optional[Column] = None,
        last_level: Optional[Column] = None,
        last_level_date: Optional[Column] = None,
        *,
        outputs: Literal[True],
        threads: int = 1,
    ) -> Tuple[PortfolioTotals, dict[str, numpy.ndarray]]: ...

# --- The ledger (relance/ledger.py) ---------------------------------------------

class Ledger:
    def __init__(self, path: PathLike, create: bool = True) -> None: ...
    @property
    def path(self) -> str: ...
    def import_text(
        self,
        what: Literal[
            "customers", "invoices", "payments", "events", "einvoice", "statuses"
        ],
        text: Union[str, bytes],
        file_name: Optional[str] = None,
        skip_bad: bool = False,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def import_file(
        self,
        what: Literal["customers", "invoices", "payments", "events"],
        path: PathLike,
        skip_bad: bool = False,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def import_einvoices(
        self,
        sources: Iterable[EInvoiceSource],
        *,
        customer: Optional[str] = None,
        default_terms: Optional[str] = None,
        skip_bad: bool = False,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def cashed_status(self, payment_id: str) -> str: ...
    def import_statuses(
        self,
        sources: Iterable[EInvoiceSource],
        *,
        payment_transit_days: int = 5,
        skip_bad: bool = False,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def run(
        self,
        policy: Union[str, Mapping[str, Any], os.PathLike[str]],
        as_of: datetime.date,
        dry_run: bool = False,
        *,
        policy_for: Optional[
            Mapping[str, Union[str, Mapping[str, Any], os.PathLike[str]]]
        ] = None,
        rates: Optional[ReferenceRates] = None,
        assume_last_rate: bool = False,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def record_sent(
        self,
        action_id: int,
        date: Optional[datetime.date] = None,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def record_event(
        self,
        event: Union[str, Mapping[str, Any]],
        customer: Optional[str] = None,
        id: Optional[str] = None,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def history(
        self, id: str, kind: Optional[Literal["invoice", "customer"]] = None
    ) -> dict[str, Any]: ...
    def status(self) -> dict[str, Any]: ...
    def verify(self) -> dict[str, Any]: ...
