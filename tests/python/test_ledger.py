"""relance.Ledger: the sample portfolio of examples/portfolio/ imported into
a fresh ledger, the run of 2026-03-31 under examples/policies/standard_fr.json
twice, an action recorded, a fact recorded, a history, the journal verified,
and the errors (a file with a bad row refused whole, a busy ledger, a file
that is not a ledger, a bad event).

The expected counts are the ones `relance import/run --json` prints for the
same files (scripts/demo, tests/cli/ledger_test.sh): the documents are the
same (store/ledger_json.hpp), and so are those of the C ABI
(tests/capi/capi_ledger_test.c).
"""

import datetime
import pathlib
import sqlite3

import pytest

import relance

AT = "2026-03-31T07:00:00Z"
MARCH_31 = datetime.date(2026, 3, 31)

if not hasattr(relance._relance, "_Ledger"):
    pytest.skip("relance built without the ledger", allow_module_level=True)


@pytest.fixture
def sample(tmp_path, examples) -> relance.Ledger:
    """A ledger holding the sample portfolio."""
    ledger = relance.Ledger(tmp_path / "ledger.db")
    # Data rows: the files' lines less the CSV header.
    for what, name, rows in (
        ("customers", "customers.csv", 40),
        ("invoices", "invoices.csv", 305),
        ("payments", "payments.csv", 221),
        ("events", "events.jsonl", 13),
    ):
        document = ledger.import_file(
            what, examples / "portfolio" / name, recorded_at=AT
        )
        assert document["schema"] == "relance.import"
        assert document["what"] == what
        assert document["file"].endswith(name)
        assert (document["written"], document["rows"]) == (True, rows)
        assert (document["imported"], document["rejected"]) == (rows, 0)
        assert document["errors"] == []
    return ledger


def test_scenario(sample, examples):
    policy = examples / "policies" / "standard_fr.json"
    # Importing again is harmless: every row unchanged.
    again = sample.import_file("customers", examples / "portfolio" / "customers.csv")
    assert (again["written"], again["unchanged"], again["imported"]) == (False, 40, 0)

    # 27 actions planned, as `relance run --as-of 2026-03-31` plans them.
    run = sample.run(policy, MARCH_31, recorded_at=AT)
    assert run["schema"] == "relance.run"
    assert (run["run_id"], run["as_of"]) == (1, "2026-03-31")
    assert (run["actions_planned"], run["already_planned"]) == (27, 0)
    assert len(run["actions"]) == 27
    assert run["actions"][0]["id"] == 1

    # A dry run records nothing; the same day again plans nothing twice.
    dry = sample.run(policy.read_text(), MARCH_31, dry_run=True)
    assert (dry["run_id"], dry["actions_planned"]) == (None, 0)
    second = sample.run(policy, MARCH_31)
    assert (second["run_id"], second["actions_planned"]) == (2, 0)
    assert second["already_planned"] == 27

    # Action 1 sent the next day, by whom the caller says.
    sent = sample.record_sent(
        1, datetime.date(2026, 4, 1), recorded_by="test", recorded_at=AT
    )
    assert sent["schema"] == "relance.action"
    assert (sent["id"], sent["status"], sent["performed_on"]) == (
        1,
        "done",
        "2026-04-01",
    )
    with pytest.raises(relance.Error) as error:
        sample.record_sent(1)
    assert error.value.code == "failed_precondition"
    with pytest.raises(relance.Error) as error:
        sample.record_sent(999)
    assert error.value.code == "not_found"
    assert "999" in str(error.value)

    # C-1001 disputes FA-2026-0089 (issued 2026-02-25, 30 days, unpaid);
    # the customer is found from the invoice; the date may be a date.
    entry = sample.record_event(
        {"date": datetime.date(2026, 4, 2), "type": "dispute_opened",
         "invoice": "FA-2026-0089"},
        recorded_at="2026-04-02T09:00:00Z",
    )
    assert entry["schema"] == "relance.entry"
    assert (entry["customer"], entry["type"]) == ("C-1001", "dispute_opened")
    assert entry["recorded_by"] == relance.ledger.DEFAULT_RECORDED_BY
    assert entry["recorded_at"] == "2026-04-02T09:00:00Z"

    history = sample.history("C-1001", kind="customer")
    assert history["schema"] == "relance.history"
    assert (history["subject"], history["id"]) == ("customer", "C-1001")
    assert any(e["type"] == "dispute_opened" for e in history["entries"])
    assert sample.history("C-1001") == history
    invoice = sample.history("FA-2026-0089")
    assert invoice["subject"] == "invoice"
    with pytest.raises(relance.Error) as error:
        sample.history("C-1001", kind="invoice")
    assert error.value.code == "not_found"
    with pytest.raises(relance.Error):
        sample.history("C-1001", kind="person")

    verify = sample.verify()
    assert verify["schema"] == "relance.verify"
    assert (verify["ok"], verify["first_altered"]) == (True, None)

    status = sample.status()
    assert status["schema"] == "relance.status"
    assert (status["customers"], status["invoices"]) == (40, 305)
    # 27 planned on 31 March, one of them since recorded as sent.
    assert (status["actions_planned"], status["actions_done"]) == (26, 1)


def test_recorded_at_defaults_to_now(sample):
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    entry = sample.record_event(
        '{"date": "2026-04-02", "type": "dispute_opened", '
        '"invoice": "FA-2026-0089"}'
    )
    after = datetime.datetime.now(datetime.timezone.utc)
    at = datetime.datetime.strptime(entry["recorded_at"], "%Y-%m-%dT%H:%M:%SZ")
    assert before <= at.replace(tzinfo=datetime.timezone.utc) <= after


def test_bad_rows_refuse_the_file(tmp_path):
    ledger = relance.Ledger(tmp_path / "ledger.db")
    # Line 3: 2026-02-30 does not exist; F-1 (line 2) is refused with it.
    text = (
        "invoice_id,customer_id,issue_date,currency,amount,due_date\n"
        "F-1,C-1,2026-01-05,EUR,1200.00,2026-02-04\n"
        "F-2,C-1,2026-02-30,EUR,300.00,2026-03-30\n"
    )
    refused = ledger.import_text("invoices", text, "bad.csv")
    assert (refused["written"], refused["imported"], refused["rejected"]) == (
        False,
        0,
        1,
    )
    [error] = refused["errors"]
    assert (error["file"], error["line"], error["field"]) == (
        "bad.csv",
        3,
        "issue_date",
    )
    assert ledger.status()["invoices"] == 0
    skipped = ledger.import_text("invoices", text, "bad.csv", skip_bad=True)
    assert (skipped["imported"], skipped["rejected"]) == (1, 1)
    assert ledger.status()["invoices"] == 1
    with pytest.raises(relance.Error):
        ledger.import_text("bills", text)


def test_bad_event_writes_nothing(sample):
    entries = sample.status()["journal_entries"]
    with pytest.raises(relance.Error) as error:
        sample.record_event({"date": 5, "type": "dispute_opened"})
    assert error.value.code == "invalid_argument"
    assert "event" in str(error.value)
    with pytest.raises(relance.Error):
        sample.record_event("{not json")
    with pytest.raises(relance.Error) as error:
        sample.record_event(
            {"date": "2026-04-02", "type": "dispute_opened", "invoice": "F-404"}
        )
    assert error.value.code == "not_found"
    with pytest.raises(TypeError):
        sample.record_event(5)
    assert sample.status()["journal_entries"] == entries


def test_bad_policy(sample, examples):
    with pytest.raises(relance.Error) as error:
        sample.run({"id": 3}, MARCH_31)
    assert "policy" in str(error.value)
    compiled = relance.Policy.from_file(examples / "policies" / "standard_fr.json")
    with pytest.raises(TypeError, match="JSON text"):
        sample.run(compiled, MARCH_31)
    with pytest.raises(TypeError):
        sample.run(
            examples / "policies" / "standard_fr.json",
            datetime.datetime(2026, 3, 31, 12, 0),
        )


def test_busy_ledger(tmp_path):
    path = tmp_path / "ledger.db"
    ledger = relance.Ledger(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(relance.Error) as error:
            ledger.import_text("customers", "customer_id\nC-1\n")
        assert error.value.code == "busy"
        assert "in use by another relance process" in str(error.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert ledger.import_text("customers", "customer_id\nC-1\n")["imported"] == 1


def test_open_errors(tmp_path):
    with pytest.raises(relance.Error) as error:
        relance.Ledger(tmp_path / "missing.db", create=False)
    assert error.value.code == "invalid_argument"
    assert not (tmp_path / "missing.db").exists()
    text = tmp_path / "notes.db"
    text.write_text("this is a text file, not a SQLite database, " * 4)
    with pytest.raises(relance.Error) as error:
        relance.Ledger(text)
    assert error.value.code == "data_loss"
    assert "database" in str(error.value)
