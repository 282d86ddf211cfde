"""relance.dask: the portfolio kernel mapped over the partitions of a Dask cluster.

A vendor with more invoices than one machine evaluates overnight partitions
them over Dask (Debian's ``python3-dask`` and ``python3-distributed``): each
partition of invoices, with its invoices' payments, is evaluated by
:class:`relance.PortfolioEvaluator` in a worker, and the partial results are
reduced into the totals of the whole portfolio:

- sums (invoices, balance, interest, compensation, actions per level) add up;
- a customer's letter is the highest action level among *all* its invoices,
  which may sit in several partitions: each partition returns its
  customers' highest levels, and the reduction takes the maximum per
  customer before counting letters per level (adding per-partition letter
  counts would count a split customer once per partition).

Example::

    import dask.dataframe as dd
    import distributed
    import relance.dask

    client = distributed.Client(distributed.LocalCluster(n_workers=3))
    invoices = dd.read_parquet("invoices/")     # invoice_id, customer_id, ...
    payments = dd.read_parquet("payments/")     # invoice_id, payment_date, amount
    totals = relance.dask.evaluate(invoices, payments,
                                   policy=open("policy.json").read(),
                                   as_of=datetime.date(2025, 12, 31))
    totals.total_interest, totals.letters_per_level

``import relance.dask`` imports neither dask nor pandas: they are imported
when :func:`evaluate` is called (and in the workers).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import os
from typing import Any, Callable, Optional, Union

from ._types import _error_from_status

# The column names of relance.portfolio.evaluate_frame, and of the
# portfolio-v1 files (BENCHMARK.md).
_INVOICE_COLUMNS = ("invoice_id", "customer_id", "issue_date", "currency", "amount", "terms",
                    "disputed", "last_level_sent")
_PAYMENT_COLUMNS = ("invoice_id", "payment_date", "amount")
# evaluate_frame's column-name arguments and their defaults.
_COLUMN_NAMES = {
    "invoice_id": "invoice_id", "customer": "customer_id", "issue_date": "issue_date",
    "amount": "amount", "terms": "terms", "disputed": "disputed",
    "last_level": "last_level_sent", "last_level_date": None,
    "payment_invoice": "invoice_id", "payment_date": "payment_date",
    "payment_amount": "amount",
}


@dataclasses.dataclass(frozen=True)
class PortfolioTotals:
    """The totals of a partitioned run: the fields of relance.PortfolioTotals."""

    invoices: int
    total_balance: int
    total_interest: int
    total_compensation: int
    actions_per_level: list[int]
    letters_per_level: list[int]
    partitions: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@functools.lru_cache(maxsize=8)
def _policy(text):
    """The compiled policy of a JSON text, once per worker process."""
    import relance

    return relance.Policy.from_json(text)


def _policy_text(policy):
    """A policy given as JSON text, a dict, or a path, as JSON text (what a
    worker can receive: compiled objects are not pickled)."""
    if isinstance(policy, os.PathLike):
        with open(policy, encoding="utf-8") as file:
            return file.read()
    if isinstance(policy, str):
        if policy.lstrip().startswith("{"):
            return policy
        with open(policy, encoding="utf-8") as file:
            return file.read()
    if isinstance(policy, dict):
        return json.dumps(policy)
    raise TypeError(
        "relance.dask: policy must be JSON text, a dict or a path (a compiled "
        f"relance.Policy cannot be sent to workers), not {type(policy).__name__}")


def read_portfolio_csv(invoices_path, payments_path):
    """One partition in the files of the portfolio-v1 generator (BENCHMARK.md):
    ``invoices.csv`` (invoice_id, customer_id, issue_date, currency, amount,
    terms, disputed, last_level_sent) and ``payments.csv`` (invoice_id,
    payment_date, amount), amounts as decimals with two digits, read exactly
    into int64 cents. Returns ``(invoices, payments)`` DataFrames."""
    import numpy as np
    import pandas as pd

    def cents(path, column):
        ok = column.str.fullmatch(r"\d{1,15}\.\d\d")
        if not ok.all():
            row = int(np.argmax(~ok.to_numpy()))
            raise _error_from_status(
                "invalid_argument",
                f"{path}:{row + 2}: amount {column.iat[row]!r} is not a decimal with two digits")
        return column.str.replace(".", "", regex=False).astype(np.int64)

    invoices = pd.read_csv(invoices_path, dtype=str, keep_default_na=False)
    payments = pd.read_csv(payments_path, dtype=str, keep_default_na=False)
    for path, frame, expected in ((invoices_path, invoices, _INVOICE_COLUMNS),
                                  (payments_path, payments, _PAYMENT_COLUMNS)):
        if tuple(frame.columns) != expected:
            raise _error_from_status(
                "invalid_argument", f"{path}:1: header must be {','.join(expected)}")
    invoices["amount"] = cents(invoices_path, invoices["amount"])
    invoices["issue_date"] = pd.to_datetime(invoices["issue_date"], format="%Y-%m-%d")
    invoices["disputed"] = invoices["disputed"].astype(np.uint8)
    invoices["last_level_sent"] = invoices["last_level_sent"].astype(np.uint8)
    payments["amount"] = cents(payments_path, payments["amount"])
    payments["payment_date"] = pd.to_datetime(payments["payment_date"], format="%Y-%m-%d")
    return invoices, payments


def _evaluate_partition(invoices, payments, setup):
    """One partition, in a worker: its sums and its customers' highest action
    levels (a Series indexed by customer id, levels > 0 only)."""
    import numpy as np
    import pandas as pd

    from .portfolio import evaluate_frame

    if isinstance(invoices, tuple):  # (invoices_path, payments_path)
        invoices, payments = setup["reader"](*invoices)
    names = setup["columns"]
    totals, outputs = evaluate_frame(
        invoices, payments, _policy(setup["policy"]), setup["as_of"],
        currency=setup["currency"], ladder=setup["ladder"], outputs=True,
        threads=setup["threads"], **names)
    level = outputs["action_level"].to_numpy()
    acting = level > 0
    customers = invoices[names["customer"]].to_numpy()[acting]
    highest = pd.Series(level[acting], index=customers).groupby(level=0).max()
    return {
        "invoices": totals.invoices,
        "total_balance": totals.total_balance,
        "total_interest": totals.total_interest,
        "total_compensation": totals.total_compensation,
        "actions_per_level": np.asarray(totals.actions_per_level, np.int64),
        "levels": len(totals.actions_per_level),
        "highest": highest,
    }


def _reduce(parts):
    """The totals of all partitions: sums, and letters counted on each
    customer's highest level over all partitions."""
    import numpy as np
    import pandas as pd

    levels = max((p["levels"] for p in parts), default=0)
    actions = np.zeros(levels, np.int64)
    for p in parts:
        actions[: p["levels"]] += p["actions_per_level"]
    highest = [p["highest"] for p in parts if len(p["highest"])]
    letters = np.zeros(levels + 1, np.int64)
    if highest:
        per_customer = pd.concat(highest).groupby(level=0).max()
        letters = np.bincount(per_customer.to_numpy().astype(np.int64), minlength=levels + 1)
    return PortfolioTotals(
        invoices=sum(p["invoices"] for p in parts),
        total_balance=sum(p["total_balance"] for p in parts),
        total_interest=sum(p["total_interest"] for p in parts),
        total_compensation=sum(p["total_compensation"] for p in parts),
        actions_per_level=[int(x) for x in actions],
        letters_per_level=[int(x) for x in letters[1:]],
        partitions=len(parts),
    )


def evaluate(
    invoices: Any,
    payments: Any = None,
    *,
    policy: Union[str, dict, os.PathLike],
    as_of: datetime.date,
    currency: Any = "EUR",
    ladder: Optional[str] = None,
    aligned: bool = False,
    customers_together: bool = False,
    reader: Callable[[str, str], Any] = read_portfolio_csv,
    threads: int = 1,
    **columns: Optional[str],
) -> PortfolioTotals:
    """Evaluates a partitioned portfolio on the current Dask scheduler (a
    ``distributed.Client`` when one is active) and returns the totals of
    the whole portfolio (:class:`PortfolioTotals`).

    ``invoices`` and ``payments`` are either two dask DataFrames (the columns
    of :func:`relance.portfolio.evaluate_frame`, renamed by the same keyword
    arguments: ``customer="client"``, ``amount="cents"``, ...), or ``invoices`` is a list of ``(invoices_path,
    payments_path)`` partition file pairs read in the workers by ``reader``
    (default: the portfolio-v1 CSV files) and ``payments`` is None.

    Each invoice's payments must be in the partition of the invoice: with
    DataFrames, both are shuffled on the invoice id into the same number of
    partitions, unless ``aligned=True`` says that partition i of
    ``payments`` already holds the payments of partition i of ``invoices``.
    A customer's invoices may be spread over any partitions; its letter is
    the highest level over all of them.

    ``policy`` is JSON text, a dict or a path (compiled objects are not sent
    to workers; each worker compiles the policy once). A policy with a
    minimum dunning amount per customer needs each customer's invoices
    together: it is refused unless ``customers_together=True`` says that no
    customer spans partitions.
    """
    import dask

    text = _policy_text(policy)
    minimums = _policy(text).summary().get("minimum_dunning_amounts") or []
    code = str(getattr(currency, "code", currency))
    if not customers_together and any(str(m).endswith(" " + code) for m in minimums):
        raise _error_from_status(
            "invalid_argument",
            "relance.dask: the policy's minimum_dunning_amount applies to each customer's "
            "invoices together, which partitions may split: partition by customer and pass "
            "customers_together=True")
    unknown = set(columns) - set(_COLUMN_NAMES)
    if unknown:
        raise TypeError(f"relance.dask: unknown arguments {sorted(unknown)}")
    names = {**_COLUMN_NAMES, **columns}
    if names["customer"] is None:
        raise _error_from_status("invalid_argument",
                                 "relance.dask: letters need the customer column")
    setup = {
        "policy": text,
        "as_of": as_of,
        "currency": code,
        "ladder": ladder,
        "threads": threads,
        "reader": reader,
        "columns": names,
    }
    evaluate_partition = dask.delayed(_evaluate_partition, pure=True)
    if isinstance(invoices, (list, tuple)):
        if payments is not None:
            raise TypeError("relance.dask: with partition file pairs, payments is None")
        parts = [evaluate_partition(tuple(map(os.fspath, pair)), None, setup)
                 for pair in invoices]
    else:
        if payments is None:
            raise TypeError("relance.dask: invoices and payments are dask DataFrames")
        if not aligned:
            n = invoices.npartitions
            invoices = invoices.shuffle(names["invoice_id"], npartitions=n)
            payments = payments.shuffle(names["payment_invoice"], npartitions=n)
        if invoices.npartitions != payments.npartitions:
            raise _error_from_status(
                "invalid_argument",
                f"relance.dask: aligned partitions need as many of payments "
                f"({payments.npartitions}) as of invoices ({invoices.npartitions})")
        parts = [evaluate_partition(i, p, setup)
                 for i, p in zip(invoices.to_delayed(), payments.to_delayed())]
    (totals,) = dask.compute(dask.delayed(_reduce)(parts))
    return totals


__all__ = ["PortfolioTotals", "evaluate", "read_portfolio_csv"]
