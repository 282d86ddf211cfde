"""relance.read_einvoice, Ledger.import_einvoices and Ledger.import_statuses.

The files are the demo's (examples/einvoices/); the expected figures are
those of its README, read by hand from the files (FX-2026-0001: 1200.00 +
240.00 VAT = 1440.00 EUR due 2026-03-04 for C-1001; the 212 status cashes
600.00 EUR of it on 2026-03-12). The command (`relance einvoice show
--json`) and librelance_c (relance_einvoice_read_json, through ctypes as a
C host calls it) give the same bytes as the package.
"""

import ctypes
import json
import os
import pathlib
import subprocess

import pytest

import relance
from conftest import SOURCE_DIR

EINVOICES = SOURCE_DIR / "examples" / "einvoices"
FX_0001 = EINVOICES / "FX-2026-0001.xml"
FX_0003 = EINVOICES / "FX-2026-0003.xml"
FX_0006 = EINVOICES / "FX-2026-0006.pdf"
STATUSES = sorted((EINVOICES / "statuses").glob("FX-*.xml"))


def test_read_an_invoice_from_its_path_or_its_bytes():
    document = relance.read_einvoice(FX_0001)
    assert document["schema"] == "relance.einvoice"
    assert document["source"] == str(FX_0001)
    assert document["number"] == "FX-2026-0001"
    assert document["buyer"]["id"] == "C-1001"
    assert document["total_without_vat"] == "1200.00 EUR"
    assert document["vat_total"] == "240.00 EUR"
    assert document["amount_due"] == "1440.00 EUR"
    assert document["vat_on_receipt"] is True
    assert document["fact"]["event"] == {
        "date": "2026-02-02", "type": "invoice_issued",
        "invoice": "FX-2026-0001", "amount": "1440.00 EUR",
        "due_date": "2026-03-04"}
    from_bytes = relance.read_einvoice(FX_0001.read_bytes(), name="F.xml")
    assert relance.read_einvoice(FX_0001.read_bytes())["source"] == "einvoice"
    assert from_bytes["source"] == "F.xml"
    assert from_bytes["fact"] == document["fact"]


def test_default_terms_and_the_fact_error():
    without = relance.read_einvoice(FX_0003)
    assert without["fact"] is None
    assert "BT-9" in without["fact_error"]
    with_terms = relance.read_einvoice(FX_0003, default_terms="30D")
    assert with_terms["fact"]["default_terms_applied"] is True
    assert with_terms["fact"]["event"]["terms"] == "30D"


def test_a_pdf():
    if not relance.einvoice_pdf_supported():
        with pytest.raises(relance.Error, match="without PDF support"):
            relance.read_einvoice(FX_0006)
        return
    document = relance.read_einvoice(FX_0006)
    assert document["source"] == f"{FX_0006}#factur-x.xml"
    assert document["amount_due"] == "3900.00 EUR"


def test_a_lifecycle_message():
    document = relance.read_einvoice(
        EINVOICES / "statuses" / "FX-2026-0002_207_en-litige.xml")
    assert document["schema"] == "relance.einvoice_statuses"
    (status,) = document["statuses"]
    assert status["code"] == 207
    assert status["effect"] == "dispute"
    # MNATTC 348.00: the part not approved, disputed.
    assert status["fact"]["event"]["type"] == "dispute_opened"
    assert status["fact"]["event"]["amount"] == "348.00 EUR"


def test_bad_files_raise_with_the_file_named(tmp_path):
    with pytest.raises(relance.Error, match="broken.xml: not well-formed XML"):
        relance.read_einvoice(b"<Invoice>", name="broken.xml")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            b'<Invoice>&a;</Invoice>')
    with pytest.raises(relance.Error, match="document type declaration"):
        relance.read_einvoice(bomb)
    with pytest.raises(TypeError, match="bytes .* or a path"):
        relance.read_einvoice(42)
    with pytest.raises(OSError):
        relance.read_einvoice(tmp_path / "none.xml")


def test_import_into_a_ledger(tmp_path):
    ledger = relance.Ledger(tmp_path / "ledger.db")
    sources = [FX_0001, FX_0003, EINVOICES / "FX-2026-0005.xml"]
    refused = ledger.import_einvoices(sources)
    assert refused["written"] is False
    assert [error["field"] for error in refused["errors"]] == ["BT-9"]
    done = ledger.import_einvoices(sources, default_terms="30D",
                                   recorded_at="2026-03-31T07:00:00Z")
    assert done["errors"] == []
    assert (done["rows"], done["imported"]) == (3, 3)
    again = ledger.import_einvoices(sources, default_terms="30D")
    assert (again["imported"], again["unchanged"]) == (0, 3)
    statuses = ledger.import_statuses(STATUSES)
    # 200 (evidence), 207 on FX-2026-0002 (not imported here), 212.
    assert statuses["written"] is False
    assert [e["field"] for e in statuses["errors"]] == ["MDT-87"]
    statuses = ledger.import_statuses(STATUSES, skip_bad=True)
    assert (statuses["imported"], statuses["rejected"]) == (2, 1)
    history = ledger.history("FX-2026-0001")
    kinds = [entry["type"] for entry in history["entries"]]
    assert kinds == ["invoice_issued", "credit_note", "payment_received"]
    # Bytes are named by their position.
    named = ledger.import_einvoices([b"<Invoice>"], skip_bad=True)
    assert named["errors"][0]["file"] == "einvoice[1]"
    with pytest.raises(relance.Error, match="payment_transit_days"):
        ledger.import_statuses(STATUSES, payment_transit_days=61)
    # The 212 of the 600.00 EUR cashed: one MEN amount at 20 %.
    xml = ledger.cashed_status("CDV-FX-2026-0001-07#FX-2026-0001#212")
    (status,) = relance.read_einvoice(xml.encode())["statuses"]
    assert status["code"] == 212
    assert status["amounts"] == [
        {"type_code": "MEN", "amount": "600.00 EUR", "vat_rate": "20.00%"}]
    with pytest.raises(relance.Error, match='no payment "P-9"'):
        ledger.cashed_status("P-9")


# --- The same bytes as librelance_c and the command -------------------------


def c_library():
    build = pathlib.Path(relance.__file__).resolve().parents[3]
    path = build / "capi" / "librelance_c.so"
    if not path.is_file():
        pytest.skip(f"no librelance_c beside the package (looked for {path})")
    c = ctypes.CDLL(str(path))
    c.relance_einvoice_read_json.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
    c.relance_last_error_message.restype = ctypes.c_char_p
    c.relance_string_free.argtypes = [ctypes.c_void_p]
    return c


@pytest.mark.parametrize("path", [FX_0001, FX_0003, *STATUSES])
def test_c_abi_command_and_python_give_the_same_bytes(path):
    c = c_library()
    data = path.read_bytes()
    out, length = ctypes.c_void_p(), ctypes.c_size_t()
    status = c.relance_einvoice_read_json(
        data, len(data), str(path).encode(), b"30D", ctypes.byref(out),
        ctypes.byref(length))
    assert status == 0, c.relance_last_error_message()
    try:
        from_c = ctypes.string_at(out, length.value).decode("utf-8")
    finally:
        c.relance_string_free(out)
    from_python = relance._relance._einvoice_json(data, str(path), "30D")
    assert from_python == from_c
    assert relance.read_einvoice(path, default_terms="30D") == json.loads(
        from_c)
    if not os.environ.get("RELANCE"):
        return
    done = subprocess.run(
        [os.environ["RELANCE"], "einvoice", "show", str(path),
         "--default-terms", "30D", "--json"],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == from_c
