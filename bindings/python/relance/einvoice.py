"""E-invoices in: what relance reads from an EN 16931 invoice or credit note
(CII or UBL XML, a Factur-X / ZUGFeRD PDF) or a French lifecycle message
(CDAR), as the ``relance.einvoice`` / ``relance.einvoice_statuses`` document
(docs/einvoice.md), byte for byte the one ``relance einvoice show --json``
prints and ``relance_einvoice_read_json`` returns.

Example::

    import relance
    doc = relance.read_einvoice("FX-2026-0001.xml")
    doc["amount_due"]            # '1440.00 EUR'
    doc["fact"]["event"]         # {'date': '2026-02-02', 'type': ...}

To import files into a ledger: :meth:`relance.Ledger.import_einvoices` and
:meth:`relance.Ledger.import_statuses`.
"""

import json as _json
import os as _os
from typing import Optional, Union

from ._relance import _einvoice_json, einvoice_pdf_supported

Source = Union[bytes, bytearray, memoryview, str, "_os.PathLike[str]"]


def read_source(source: Source, name: Optional[str]) -> tuple[bytes, str]:
    """The bytes of ``source`` (its content, or the file at that path) and
    the name messages give it (``name``, else the path, else
    "einvoice")."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "einvoice" if name is None else name
    if isinstance(source, (str, _os.PathLike)):
        path = _os.fspath(source)
        with open(path, "rb") as file:
            return file.read(), path if name is None else name
    raise TypeError(
        "relance: an e-invoice is bytes (its content) or a path (str or "
        f"os.PathLike), not {type(source).__name__}"
    )


def read_einvoice(
    source: Source,
    name: Optional[str] = None,
    default_terms: Optional[str] = None,
) -> dict:
    """Reads one e-invoice file: ``source`` is its content (bytes) or its
    path. XML or PDF is told from the content. ``name`` names it in
    messages (default: the path, or "einvoice"). ``default_terms``
    (relance's notation, "30D") are the terms of an invoice that gives
    neither a due date (BT-9) nor terms relance reads (BT-20); without
    them such an invoice's ``"fact"`` is None and ``"fact_error"`` says why.

    Returns the document as Python data. Raises relance.Error for a file
    relance refuses, the message naming the file, the business term and
    its XPath (not well-formed, a DTD, a failed check such as BR-CO-14 or
    BR-CO-15, a PDF without an invoice, a PDF when relance was built
    without PDF support); OSError when the path cannot be read."""
    data, file_name = read_source(source, name)
    return _json.loads(_einvoice_json(data, file_name, default_terms))


__all__ = ["einvoice_pdf_supported", "read_einvoice", "read_source"]
