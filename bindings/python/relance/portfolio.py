"""Portfolios: one policy over many invoices held as numpy arrays or pandas frames.

:class:`PortfolioEvaluator` runs relance's columnar kernel (``relance/batch.hpp``)
over numpy arrays: the due date, balance, late-payment interest, compensation
and next dunning level of every invoice, the same figures as
``PenaltyRule.assess`` and ``Policy.evaluate`` give one by one, with the GIL
released while the C++ code runs.

:func:`evaluate_frame` does the same for pandas DataFrames of invoices and
payments (one row per invoice, one row per payment).

numpy is imported when a run needs it and pandas only when
:func:`evaluate_frame` is called: ``import relance`` imports neither.

Columns (one element per invoice unless said otherwise):

==================  =========================================  ================
column              meaning                                    dtype read
==================  =========================================  ================
issue_date          the issue date                             datetime64[D] or int64 days since 1970-01-01
amount              the invoice total, > 0                     int64 minor units
terms               index into the evaluator's terms list      int32
payment_start       invoice i's payments are                   int64, one more than invoices
                    ``payment_*[payment_start[i]:payment_start[i+1]]``
payment_date        in date order per invoice                  datetime64[D] or int64
payment_amount      > 0                                        int64 minor units
customer            customer codes 0..customer_count-1         int32
flags               1: disputed in full                        uint8
last_level          the last level sent, 0 (none)..levels      uint8
last_level_date     when it was sent                           datetime64[D] or int64
==================  =========================================  ================

An array of exactly the dtype read and C-contiguous is read in place (no
copy); any other integer array, or a datetime64 of another unit, is converted
once (its values checked to fit). Floats, booleans for amounts and objects are
refused with a TypeError: amounts of money are exact integers of minor units.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Optional, Tuple, Union

from . import _relance
from ._types import _error_from_status

if TYPE_CHECKING:  # numpy and pandas are imported on use, not at import time
    import numpy
    import numpy.typing
    import pandas

_INT64 = "int64"
_INT32 = "int32"
_UINT8 = "uint8"


def _refuse(message):
    return _error_from_status("invalid_argument", "portfolio: " + message)


def _column(name, values, dtype, dates=False):
    """`values` as a 1-D C-contiguous numpy array of `dtype`: the array itself
    when it already is one, else one conversion. None stays None."""
    if values is None:
        return None
    import numpy as np

    array = np.asarray(values)
    if array.ndim != 1:
        raise TypeError(f"relance: {name} must be one-dimensional, got {array.ndim} dimensions")
    kind = array.dtype.kind
    if dates and kind == "M":
        unit, count = np.datetime_data(array.dtype)
        # datetime64[D] is read as it is, in O(1): a NaT (int64's minimum)
        # reaches the kernel, which names its column and row (and ignores
        # it in last_level_date where no level was sent). Another unit is
        # converted, and checked on the way.
        if (unit, count) != ("D", 1):
            missing = np.isnat(array)
            if missing.any():
                raise _refuse(f"{name}[{int(np.argmax(missing))}] is NaT, not a date")
            days = array.astype("datetime64[D]")
            inexact = days.astype(array.dtype) != array
            if inexact.any():
                row = int(np.argmax(inexact))
                raise _refuse(f"{name}[{row}] {array[row]} is not a whole day")
            array = days
        array = array.view(np.int64)
    elif kind in "iu":
        target = np.dtype(dtype)
        if array.dtype != target:
            if array.size:
                bounds = np.iinfo(target)
                low, high = array.min(), array.max()
                if low < bounds.min or high > bounds.max:
                    bad = (array < bounds.min) | (array > bounds.max)
                    row = int(np.argmax(bad))
                    raise _refuse(f"{name}[{row}] {array[row]} does not fit {target}")
            array = array.astype(target)
    elif kind == "b" and dtype == _UINT8 and name == "flags":
        array = array.astype(np.uint8)  # True: disputed
    else:
        expected = "datetime64[D] or int64 days" if dates else f"integers ({dtype})"
        raise TypeError(
            f"relance: {name} must hold {expected}, not {array.dtype}"
            + (" (amounts of money are exact minor units, never floats)" if kind == "f" else "")
        )
    return np.ascontiguousarray(array)


class PortfolioEvaluator(_relance.PortfolioEvaluator):
    """A policy, its terms, a currency and an as-of date prepared for portfolio runs.

    ``PortfolioEvaluator(policy, terms, currency, as_of, ladder=None)``:
    ``terms`` is a list of terms texts (``"30D"``, ``"30D+CM"``,
    ``"2/10 net 30"``) that invoices name by index; amounts are minor units of
    ``currency``; ``ladder`` is the policy's ladder applied to every invoice
    (None: the ``"default"`` ladder, and a policy that chooses ladders by
    segment is refused). Raises :class:`relance.Error` for terms that do not
    parse (``path`` ``"terms[i]"``), an unknown ladder, a policy or penalty
    rule feature the kernel does not compute, a reference rate unknown up to
    ``as_of``.

    Immutable and safe to share between threads; runs release the GIL.

    Example::

        evaluator = relance.PortfolioEvaluator(policy, ["30D", "30D+CM"], "EUR",
                                               datetime.date(2025, 12, 31))
        totals, out = evaluator.run(issue, amount, terms, start, paid_on, paid,
                                    customer=customer, outputs=True)
        totals.total_interest, out["action_level"]
    """

    def run(
        self,
        issue_date: numpy.typing.ArrayLike,
        amount: numpy.typing.ArrayLike,
        terms: numpy.typing.ArrayLike,
        payment_start: numpy.typing.ArrayLike,
        payment_date: numpy.typing.ArrayLike,
        payment_amount: numpy.typing.ArrayLike,
        customer: Optional[numpy.typing.ArrayLike] = None,
        customer_count: Optional[int] = None,
        flags: Optional[numpy.typing.ArrayLike] = None,
        last_level: Optional[numpy.typing.ArrayLike] = None,
        last_level_date: Optional[numpy.typing.ArrayLike] = None,
        outputs: bool = False,
        threads: int = 1,
    ) -> Union[_relance.PortfolioTotals,
               Tuple[_relance.PortfolioTotals, dict[str, numpy.ndarray]]]:
        """Runs the policy over the columns (see the module's table).

        ``customer_count`` defaults to ``customer.max() + 1``. ``outputs``:
        False returns the :class:`relance.PortfolioTotals`; True returns
        ``(totals, outputs)`` where ``outputs`` is a dict of new arrays, one
        element per invoice: ``due_date`` (datetime64[D]), ``balance``,
        ``interest``, ``compensation`` (int64 minor units) and
        ``action_level`` (uint8, 1-based; 0: none). ``threads``: 1..256,
        results identical for any count.

        Raises :class:`relance.Error` (``invalid_argument``) naming the
        column and the row: columns of different lengths, an amount not
        positive, a code out of range, an issue date after as_of, payments
        out of order, ...; ``out_of_range`` for dates outside the rule's
        known rates. ``TypeError`` for a float or object column.
        """
        import numpy as np

        customer = _column("customer", customer, _INT32)
        if customer is not None and customer.size == 0:
            customer = None  # an empty portfolio: no customers to count
        if customer is not None and customer_count is None:
            customer_count = int(customer.max()) + 1
        totals, arrays = self._run(
            _column("issue_date", issue_date, _INT64, dates=True),
            _column("amount", amount, _INT64),
            _column("terms", terms, _INT32),
            _column("payment_start", payment_start, _INT64),
            _column("payment_date", payment_date, _INT64, dates=True),
            _column("payment_amount", payment_amount, _INT64),
            customer,
            0 if customer_count is None else int(customer_count),
            _column("flags", flags, _UINT8),
            _column("last_level", last_level, _UINT8),
            _column("last_level_date", last_level_date, _INT64, dates=True),
            bool(outputs),
            int(threads),
        )
        if not outputs:
            return totals
        due, balance, interest, compensation, level = arrays
        return totals, {
            "due_date": due.view(np.dtype("datetime64[D]")),
            "balance": balance,
            "interest": interest,
            "compensation": compensation,
            "action_level": level,
        }


def group_payments(
    invoice_ids: numpy.typing.ArrayLike,
    payment_invoice_ids: numpy.typing.ArrayLike,
    payment_dates: numpy.typing.ArrayLike,
    payment_amounts: numpy.typing.ArrayLike,
) -> Tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Payments given one row each (with their invoice's id) grouped per invoice.

    Returns ``(payment_start, payment_date, payment_amount)`` for
    :meth:`PortfolioEvaluator.run`: payments sorted by (invoice position,
    date), stable. Raises :class:`relance.Error` for a payment whose invoice
    is not in ``invoice_ids``. Needs pandas (for the id lookup).
    """
    import numpy as np
    import pandas as pd

    index = pd.Index(invoice_ids)
    if not index.is_unique:
        duplicated = index.duplicated()
        row = int(np.argmax(duplicated))
        raise _refuse(f"invoice_id[{row}] {index[row]!r} appears twice")
    position = index.get_indexer(pd.Index(payment_invoice_ids))
    unknown = position < 0
    if unknown.any():
        row = int(np.argmax(unknown))
        raise _refuse(
            f"payments[{row}]: invoice {np.asarray(payment_invoice_ids)[row]!r} is not an invoice"
        )
    dates = _column("payment_date", payment_dates, _INT64, dates=True)
    amounts = _column("payment_amount", payment_amounts, _INT64)
    order = np.lexsort((dates, position))
    position = position[order]
    start = np.searchsorted(position, np.arange(len(index) + 1)).astype(np.int64)
    return start, dates[order], amounts[order]


def evaluate_frame(
    invoices: pandas.DataFrame,
    payments: Optional[pandas.DataFrame],
    policy: _relance.Policy,
    as_of: datetime.date,
    *,
    currency: Any = "EUR",
    ladder: Optional[str] = None,
    invoice_id: str = "invoice_id",
    customer: Optional[str] = "customer_id",
    issue_date: str = "issue_date",
    amount: str = "amount",
    terms: str = "terms",
    disputed: Optional[str] = "disputed",
    last_level: Optional[str] = "last_level_sent",
    last_level_date: Optional[str] = None,
    payment_invoice: str = "invoice_id",
    payment_date: str = "payment_date",
    payment_amount: str = "amount",
    outputs: bool = False,
    threads: int = 1,
) -> Union[_relance.PortfolioTotals, Tuple[_relance.PortfolioTotals, pandas.DataFrame]]:
    """Evaluates a portfolio held in two pandas DataFrames.

    ``invoices`` has one row per invoice: its id, customer (any hashable
    ids, coded with ``pandas.factorize``), issue date (datetime64 or
    ``datetime.date``), amount (integer minor units of ``currency``), terms
    text (``"30D+CM"``; the evaluator is made for the distinct texts), and
    optionally ``disputed`` (bool or 0/1), the last level sent and its date.
    Pass None for a column name the frame does not have (customer,
    disputed, last_level, last_level_date are optional). ``payments`` has
    one row per payment: the invoice's id, its date and amount; it may be
    None (no payments).

    Returns the :class:`relance.PortfolioTotals`, or with ``outputs=True``
    ``(totals, frame)``: a DataFrame indexed like ``invoices`` with
    ``due_date``, ``balance``, ``interest``, ``compensation`` and
    ``action_level``. Raises :class:`relance.Error` for bad data (naming the
    column and the row) and for what PortfolioEvaluator refuses.

    pandas is imported by this call, not by ``import relance``.
    """
    import numpy as np
    import pandas as pd

    n = len(invoices)
    terms_code, terms_texts = pd.factorize(invoices[terms], sort=True)
    if (terms_code < 0).any():
        raise _refuse(f"{terms}[{int(np.argmax(terms_code < 0))}] is missing")
    evaluator = PortfolioEvaluator(policy, [str(t) for t in terms_texts], currency, as_of, ladder)

    def dates(column):
        if not len(column):
            return np.zeros(0, "datetime64[D]")
        return pd.to_datetime(column).to_numpy().astype("datetime64[D]")

    def level_dates(column):
        # Read where a level was sent only: NaT elsewhere is no date.
        days = dates(column)
        days[np.isnat(days)] = np.datetime64(0, "D")
        return days

    if payments is None or len(payments) == 0:
        start = np.zeros(n + 1, np.int64)
        paid_on = np.zeros(0, np.int64)
        paid = np.zeros(0, np.int64)
    else:
        start, paid_on, paid = group_payments(
            invoices[invoice_id].to_numpy(),
            payments[payment_invoice].to_numpy(),
            dates(payments[payment_date]),
            payments[payment_amount].to_numpy(),
        )
    customer_code = customer_count = None
    if customer is not None:
        customer_code, customer_ids = pd.factorize(invoices[customer])
        if (customer_code < 0).any():
            raise _refuse(f"{customer}[{int(np.argmax(customer_code < 0))}] is missing")
        customer_count = len(customer_ids)
    result = evaluator.run(
        dates(invoices[issue_date]),
        invoices[amount].to_numpy(),
        terms_code,
        start,
        paid_on,
        paid,
        customer=customer_code,
        customer_count=customer_count,
        flags=None if disputed is None else invoices[disputed].to_numpy().astype(np.uint8),
        last_level=None if last_level is None else invoices[last_level].to_numpy(),
        last_level_date=(None if last_level_date is None
                         else level_dates(invoices[last_level_date])),
        outputs=outputs,
        threads=threads,
    )
    if not outputs:
        return result
    totals, arrays = result
    return totals, pd.DataFrame(arrays, index=invoices.index)


__all__ = ["PortfolioEvaluator", "evaluate_frame", "group_payments"]
