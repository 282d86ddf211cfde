"""relance: exact receivables collection for Python.

Payment terms, late-payment penalties and dunning decisions, computed by
relance's C++ library (bound with pybind11), exact to the cent and
deterministic: no clock is read, no floating point touches money.

Values cross as Python users expect them:

- dates are ``datetime.date`` (a ``datetime.datetime`` is refused: it is a
  point in time, not a civil date);
- amounts are :class:`Money`, built from a ``decimal.Decimal`` (or an int, or
  decimal text) and a currency code; ``.amount`` gives the ``Decimal`` back.
  Floats are refused;
- rates are :class:`Rate` (``Rate.parse("12.15%")``,
  ``Rate.from_percent(Decimal("12.15"))``);
- results are objects with attributes; ``to_dict()`` gives the library's
  JSON document (docs/json.md) as Python data;
- enumerations (:class:`ReasonCode`, :class:`InvoiceState`, ...) are
  ``enum.Enum`` classes whose values are relance's stable names;
- errors raise :class:`Error`, a ``ValueError`` carrying ``message``,
  ``code`` and, where the input has one, ``path``, ``line`` and ``column``.
  Wrong types (a float for money, None, a datetime) raise ``TypeError``.

Computations release the GIL; compiled objects (Calendar, Terms,
PenaltyRule, Policy, Case, RateSeries, PortfolioEvaluator) are immutable and
safe to share between threads.

Letters and collection dossiers: :func:`render_letters` renders a
decision's letters (the ``relance.letters`` document as Python data),
:func:`dossier` and :func:`dossier_html` build a case's dossier for an agency
or a court, from the host's letterhead (its JSON text or a dict).

E-invoices: :func:`read_einvoice` reads an EN 16931 invoice (CII, UBL,
Factur-X PDF) or a French lifecycle message into its document;
:meth:`Ledger.import_einvoices` and :meth:`Ledger.import_statuses` import
them into a ledger.

Portfolios held as numpy arrays run through :class:`PortfolioEvaluator`
(the columnar kernel); :func:`relance.portfolio.evaluate_frame` takes pandas
DataFrames and :mod:`relance.dask` maps the kernel over the partitions of a
Dask cluster. ``import relance`` imports neither numpy, pandas nor dask.

Example::

    import datetime, relance
    from decimal import Decimal

    terms = relance.Terms.parse("2/10 net 30")
    schedule = terms.schedule(datetime.date(2026, 1, 31),
                              relance.Money(Decimal("1000.00"), "EUR"))
    schedule.final_due_date            # datetime.date(2026, 3, 2)
    schedule.discounts[0].discount     # relance.Money('20.00', 'EUR')
"""

from . import _types
from ._types import (
    BusinessDayConvention,
    Channel,
    DayCount,
    DiscountBase,
    EndOfMonthReading,
    Error,
    EventKind,
    Grouping,
    InvoiceState,
    Jurisdiction,
    PenaltyFlag,
    PenaltyStatus,
    RateCadence,
    ReasonCode,
    RoundingMode,
    Severity,
)
from ._relance import (
    Assessment,
    Calendar,
    Case,
    Communication,
    Currency,
    Decision,
    Forecast,
    ForecastItem,
    Holiday,
    Instalment,
    InterestLine,
    InvoiceDecision,
    Money,
    PenaltyRule,
    Policy,
    PortfolioTotals,
    Rate,
    RateSeries,
    Reason,
    ReferenceRates,
    Schedule,
    ScheduledDiscount,
    Terms,
    TermsCheck,
    TermsFinding,
    Transition,
    currencies,
    dossier,
    dossier_html,
    format_date,
    lifecycle_dot,
    lifecycle_transitions,
    parse_date,
    render_letters,
    version_number,
    version_string,
)
from . import portfolio
from .portfolio import PortfolioEvaluator
from . import einvoice
from .einvoice import einvoice_pdf_supported, read_einvoice
from . import ledger
from .ledger import Ledger

#: The version of the relance library the extension was built with,
#: "MAJOR.MINOR.PATCH" (relance::VersionString()).
__version__ = version_string()

__all__ = [
    "Assessment",
    "BusinessDayConvention",
    "Calendar",
    "Case",
    "Channel",
    "Communication",
    "Currency",
    "DayCount",
    "Decision",
    "DiscountBase",
    "EndOfMonthReading",
    "Error",
    "EventKind",
    "Forecast",
    "ForecastItem",
    "Grouping",
    "Holiday",
    "Instalment",
    "InterestLine",
    "InvoiceDecision",
    "InvoiceState",
    "Jurisdiction",
    "Ledger",
    "Money",
    "PenaltyFlag",
    "PenaltyRule",
    "PenaltyStatus",
    "Policy",
    "PortfolioEvaluator",
    "PortfolioTotals",
    "Rate",
    "RateCadence",
    "RateSeries",
    "Reason",
    "ReasonCode",
    "ReferenceRates",
    "RoundingMode",
    "Schedule",
    "ScheduledDiscount",
    "Severity",
    "Terms",
    "TermsCheck",
    "TermsFinding",
    "Transition",
    "__version__",
    "currencies",
    "dossier",
    "dossier_html",
    "einvoice_pdf_supported",
    "format_date",
    "lifecycle_dot",
    "lifecycle_transitions",
    "parse_date",
    "read_einvoice",
    "render_letters",
    "version_number",
    "version_string",
]
