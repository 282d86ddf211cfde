"""relance.Ledger: relance's own SQLite store of receivables (docs/ledger.md).

A host that keeps its receivables in relance rather than in its own tables
opens a ledger, imports customers, invoices, payments and events, runs the
dunning policy, records what was sent and what happened, and reads an
invoice's or a customer's history. Every method returns the JSON document
that the ``relance`` command prints with ``--json`` (docs/json.md), as
Python data (``json.loads``): one document per result, whichever way it is
asked for.

Who recorded a fact and when is kept in the journal: ``recorded_by``
defaults to ``"python (relance)"`` and ``recorded_at`` to the current UTC
time, read here (the C++ ledger never reads a clock); pass ``recorded_at``
(an ISO 8601 timestamp) to set it.

Errors raise :class:`relance.Error` (a ``ValueError``) whose ``code`` says
what kind: ``"invalid_argument"``, ``"not_found"``,
``"failed_precondition"``, ``"busy"`` when another process is writing the
ledger (nothing was done: try again later), ``"data_loss"`` when the file is
not a relance ledger. Nothing is written on error. The GIL is released while
the ledger works; one Ledger object serialises the calls made on it.

Example::

    import datetime, relance
    ledger = relance.Ledger("receivables.db")
    ledger.import_file("invoices", "invoices.csv")
    run = ledger.run(pathlib.Path("standard_fr.json"),
                     datetime.date(2026, 3, 31))
    for action in run["actions"]:
        ...  # send it, then:
        ledger.record_sent(action["id"])
"""

from __future__ import annotations

import datetime as _datetime
import json as _json
import os as _os
from collections.abc import Mapping as _Mapping
from typing import Any, Iterable, Optional, Union

from . import _relance
from . import einvoice as _einvoice
from ._types import Error, _json_default

#: Who recorded the facts when the caller does not say.
DEFAULT_RECORDED_BY = "python (relance)"

_WHATS = ("customers", "invoices", "payments", "events", "einvoice",
          "statuses")
_KINDS = (None, "invoice", "customer")


def _now() -> str:
    """The current UTC time, to the second: "2026-03-31T07:00:00Z"."""
    now = _datetime.datetime.now(_datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: Any, what: str) -> str:
    """A JSON document given as a str, or as Python data (a dict)."""
    if isinstance(value, str):
        return value
    if isinstance(value, _Mapping):
        return _json.dumps(dict(value), default=_json_default)
    raise TypeError(
        f"relance: {what} is a JSON str or a dict, not {type(value).__name__}"
    )


def _policy_text(policy: Any, what: str) -> str:
    """A policy for Ledger.run: its JSON text (a str), a dict, or the path of
    its file (an os.PathLike), as text. A compiled relance.Policy is refused:
    the ledger records the text's hash."""
    if isinstance(policy, _relance.Policy):
        raise TypeError(
            f"relance: {what}: Ledger.run takes a policy's JSON text, a dict "
            "or its file's path (the ledger records the text's hash), not a "
            "compiled relance.Policy"
        )
    if isinstance(policy, _os.PathLike):
        with open(_os.fspath(policy), "r", encoding="utf-8") as file:
            return file.read()
    return _text(policy, what)


class Ledger:
    """An open ledger file (created by default when it does not exist)."""

    def __init__(
        self, path: Union[str, "_os.PathLike[str]"], create: bool = True
    ) -> None:
        """Opens the ledger at ``path``, creating it when ``create`` and it
        does not exist, upgrading an older schema. Raises relance.Error:
        ``invalid_argument`` when it does not exist and not ``create``;
        ``failed_precondition`` for a ledger of a newer relance;
        ``data_loss`` when the file is not a relance ledger."""
        self._path = _os.fspath(path)
        if not hasattr(_relance, "_Ledger"):
            raise Error(
                "relance.Ledger: this relance was built without the ledger "
                "(RELANCE_BUILD_LEDGER=OFF)",
                code="unsupported",
            )
        self._ledger = _relance._Ledger(self._path, bool(create))

    @property
    def path(self) -> str:
        return self._path

    def __repr__(self) -> str:
        return f"relance.Ledger({self._path!r})"

    @staticmethod
    def _recording(
        recorded_by: Optional[str], recorded_at: Optional[str]
    ) -> tuple[str, str]:
        return (
            DEFAULT_RECORDED_BY if recorded_by is None else recorded_by,
            _now() if recorded_at is None else recorded_at,
        )

    def import_text(
        self,
        what: str,
        text: str,
        file_name: Optional[str] = None,
        skip_bad: bool = False,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict:
        """Imports one file's text: ``what`` is "customers", "invoices",
        "payments" (CSV) or "events" (JSON lines), docs/ledger_files.md,
        or "einvoice" / "statuses" (one e-invoice or lifecycle message, its
        bytes; see import_einvoices for the options).
        ``file_name`` names it in messages (default: ``what``).

        Returns the "relance.import" document. A file with bad rows is not
        an exception: without ``skip_bad`` nothing is written (``"written":
        False``, ``"imported": 0``) and ``"errors"`` lists every bad field
        (file, line, column, field, message); with ``skip_bad`` the good
        rows are imported. Check ``document["errors"]``. Raises
        relance.Error for an unknown ``what`` and a busy ledger."""
        if what not in _WHATS:
            raise Error(
                f"import: what: expected one of {', '.join(_WHATS)}, got "
                f"{what!r}"
            )
        by, at = self._recording(recorded_by, recorded_at)
        return _json.loads(
            self._ledger.import_text(
                what,
                text.encode("utf-8") if isinstance(text, str) else bytes(text),
                what if file_name is None else file_name,
                bool(skip_bad), by, at,
            )
        )

    def import_file(
        self,
        what: str,
        path: Union[str, "_os.PathLike[str]"],
        skip_bad: bool = False,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict:
        """Imports the file at ``path`` (UTF-8), as import_text; messages and
        the document name the path as given."""
        name = _os.fspath(path)
        if what in ("einvoice", "statuses"):  # XML or PDF: bytes as they are
            with open(name, "rb") as file:
                text = file.read()
        else:
            with open(name, "r", encoding="utf-8", newline="") as file:
                text = file.read()
        return self.import_text(
            what, text, name, skip_bad,
            recorded_by=recorded_by, recorded_at=recorded_at,
        )

    def import_einvoices(
        self,
        sources: Iterable["_einvoice.Source"],
        *,
        customer: Optional[str] = None,
        default_terms: Optional[str] = None,
        skip_bad: bool = False,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict:
        """Imports e-invoices and credit notes (CII or UBL XML, Factur-X
        PDF), as ``relance import einvoice`` does, in one transaction:
        each source is a path or the file's bytes (named "einvoice[N]", N
        its position from 1).
        An invoice with an amount due becomes an invoice of ``customer``
        (default: its buyer's identifier BT-46, else BT-47, else BT-48);
        ``default_terms`` ("30D") apply to an invoice that gives neither a
        due date nor terms relance reads; a credit note naming one invoice
        is its credit_note; an invoice with nothing due opens no case.

        Returns the "relance.import" document (``"rows"`` counts files;
        ``"notes"`` says what was decided for documents that gave no fact).
        A bad file is not an exception: without ``skip_bad`` nothing is
        written and ``"errors"`` names each. Raises OSError for a path that
        cannot be read, relance.Error for a busy ledger."""
        return self._import_files(
            "einvoice", sources, skip_bad, recorded_by, recorded_at,
            customer=customer or "", default_terms=default_terms or "",
        )

    def import_statuses(
        self,
        sources: Iterable["_einvoice.Source"],
        *,
        payment_transit_days: int = 5,
        skip_bad: bool = False,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict:
        """Imports French e-invoice lifecycle statuses (CDAR messages), as
        ``relance import statuses`` does, in one transaction: each status
        becomes the fact of the status table (docs/einvoice.md) given what
        the ledger knows of its invoice on the status date, and is kept as
        evidence. ``payment_transit_days`` (0..60): a 211 "payment sent"
        promises payment that many days after the status. Returns the
        "relance.import" document (``"rows"`` counts statuses)."""
        if not 0 <= int(payment_transit_days) <= 60:
            raise Error(
                "import statuses: payment_transit_days: expected 0 to 60, "
                f"got {payment_transit_days!r}"
            )
        return self._import_files(
            "statuses", sources, skip_bad, recorded_by, recorded_at,
            payment_transit_days=int(payment_transit_days),
        )

    def cashed_status(self, payment_id: str) -> str:
        """The 212 "Encaissée" lifecycle message (CDAR XML) for the payment
        ``payment_id``, on an invoice imported from an e-invoice: what a
        seller whose VAT is due on receipt sends its buyer, the payment
        split by the invoice's VAT rates (docs/einvoice.md). Raises
        relance.Error: ``not_found`` for an unknown payment,
        ``failed_precondition`` when its invoice did not come from an
        e-invoice."""
        return self._ledger.cashed_status(payment_id)

    def _import_files(
        self, what, sources, skip_bad, recorded_by, recorded_at, *,
        customer="", default_terms="", payment_transit_days=5,
    ) -> dict:
        # Bytes are named by their position (errors and the ledger's copies
        # name files, each name once): "einvoice[2]".
        files = [
            _einvoice.read_source(
                source,
                f"einvoice[{index}]"
                if isinstance(source, (bytes, bytearray, memoryview)) else None)
            for index, source in enumerate(sources, start=1)
        ]
        if not files:
            raise Error(f"import {what}: no file given")
        by, at = self._recording(recorded_by, recorded_at)
        return _json.loads(
            self._ledger.import_einvoices(
                what, [(name, data) for data, name in files], bool(skip_bad),
                by, at, customer, default_terms, payment_transit_days,
            )
        )

    def run(
        self,
        policy: Union[str, dict, "_os.PathLike[str]"],
        as_of: _datetime.date,
        dry_run: bool = False,
        *,
        policy_for: Optional[
            _Mapping[str, Union[str, dict, "_os.PathLike[str]"]]
        ] = None,
        rates: Optional[_relance.ReferenceRates] = None,
        assume_last_rate: bool = False,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict:
        """A dunning run as of ``as_of``: every customer evaluated under
        ``policy`` and the actions planned recorded (``dry_run``: nothing
        recorded). Returns the "relance.run" document; running again for
        the same day plans nothing twice (``"already_planned"``).

        ``policy`` is the policy's JSON text (a str), a dict, or the path of
        its file (a ``pathlib.Path`` or other ``os.PathLike``; a str is
        always JSON text). The ledger keeps the text's SHA-256 with the run,
        which is why a compiled relance.Policy is not accepted.

        ``policy_for`` maps a jurisdiction (customers.csv's
        ``jurisdiction``, two uppercase letters: ``"GB"``) to the policy its
        customers are evaluated under instead of ``policy``, each given as
        ``policy`` is: ``policy_for={"GB": pathlib.Path("uk.json")}`` is
        ``relance run --policy-for GB=uk.json``. The document's
        ``"jurisdiction_policies"`` lists them, in the mapping's order.

        ``rates`` and ``assume_last_rate`` are as in
        relance.Policy.from_json, for every policy. Raises relance.Error for
        a bad policy (with its JSON path; one of ``policy_for`` is named
        ``policy_for GB: policy: ...``), a jurisdiction that is not two
        uppercase letters, or a busy ledger; TypeError for a ``policy_for``
        that is not a mapping of str keys."""
        policy_text = _policy_text(policy, "policy")
        own: list[tuple[str, str]] = []
        if policy_for is not None:
            if not isinstance(policy_for, _Mapping):
                raise TypeError(
                    "relance: policy_for maps a jurisdiction (\"GB\") to its "
                    f"policy, not a {type(policy_for).__name__}"
                )
            for jurisdiction, text in policy_for.items():
                if not isinstance(jurisdiction, str):
                    raise TypeError(
                        "relance: policy_for's keys are jurisdictions (str, "
                        f"\"GB\"), not {type(jurisdiction).__name__}"
                    )
                own.append(
                    (jurisdiction,
                     _policy_text(text, f"policy_for[{jurisdiction!r}]"))
                )
        by, at = self._recording(recorded_by, recorded_at)
        return _json.loads(
            self._ledger.run(
                policy_text, as_of, bool(dry_run), rates,
                bool(assume_last_rate), by, at, own,
            )
        )

    def record_sent(
        self,
        action_id: int,
        date: Optional[_datetime.date] = None,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict:
        """Records that planned action ``action_id`` was sent on ``date``
        (its run's date by default). Returns the "relance.action" document.
        Raises relance.Error: ``not_found`` for an unknown action,
        ``failed_precondition`` when it is already done."""
        by, at = self._recording(recorded_by, recorded_at)
        return _json.loads(self._ledger.record_sent(action_id, date, by, at))

    def record_event(
        self,
        event: Union[str, dict],
        customer: Optional[str] = None,
        id: Optional[str] = None,
        *,
        recorded_by: Optional[str] = None,
        recorded_at: Optional[str] = None,
    ) -> dict:
        """Records one fact: ``event`` as a case file's events hold it (a
        dict or its JSON text: ``{"date": "2026-04-02", "type":
        "dispute_opened", "invoice": "F-1"}``; dates may be datetime.date,
        amounts relance.Money), for ``customer`` (default: the invoice's),
        under ``id`` (default: derived). Returns the "relance.entry"
        document. Raises relance.Error for a bad event, an unknown invoice,
        an event impossible in the invoice's state; nothing is written."""
        by, at = self._recording(recorded_by, recorded_at)
        return _json.loads(
            self._ledger.record_event(
                _text(event, "event"), customer or "", id or "", by, at
            )
        )

    def history(self, id: str, kind: Optional[str] = None) -> dict:
        """The "relance.history" document of the invoice or customer ``id``:
        ``kind`` "invoice", "customer", or None (an invoice of that id, else
        a customer, as ``relance history ID``). Raises relance.Error
        ``not_found`` when the ledger has none."""
        if kind not in _KINDS:
            raise Error(
                f"history: kind: expected 'invoice', 'customer' or None, got "
                f"{kind!r}"
            )
        return _json.loads(self._ledger.history(kind or "", id))

    def status(self) -> dict:
        """The "relance.status" document: the ledger's counts."""
        return _json.loads(self._ledger.status())

    def verify(self) -> dict:
        """The "relance.verify" document: the journal's hash chain checked
        from its first entry (``"ok"``, the first altered entry)."""
        return _json.loads(self._ledger.verify())
