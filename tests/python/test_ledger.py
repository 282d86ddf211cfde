"""relance.Ledger: the sample portfolio of examples/portfolio/ imported into
a fresh ledger, the run of 2026-03-31 under examples/policies/standard_fr.json
twice, an action recorded, a fact recorded, a history, the journal verified,
and the errors (a file with a bad row refused whole, a busy ledger, a file
that is not a ledger, a bad event); a run with a policy of its own for
British customers (``policy_for``); and the documents of the ``relance``
command and of relance.Ledger compared byte for byte.

The expected counts are the ones `relance import/run --json` prints for the
same files (scripts/demo, tests/cli/ledger_test.sh): the documents are the
same (store/ledger_json.hpp), and so are those of the C ABI
(tests/capi/capi_ledger_test.c).
"""

import ctypes
import datetime
import json
import os
import pathlib
import shutil
import sqlite3
import subprocess

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


# --- policy_for: a policy of its own for one jurisdiction -------------------

# Two customers, one in France and one in Great Britain, each with one
# invoice of 1000.00 due 2026-03-03: 28 days late on 2026-03-31. The run's
# policy has one level, "rappel_fr" (email, from 1 day late); the British
# policy one level, "reminder_uk" (letter, from 1 day late). Under both,
# C-FR gets "rappel_fr" and C-GB "reminder_uk"; under the run's policy
# alone C-GB gets "rappel_fr" too.
TWO_CUSTOMERS = (
    "customer_id,name,segment,language,jurisdiction\n"
    "C-FR,Dupont SARL,,fr,FR\n"
    "C-GB,Smith Ltd,,en,GB\n"
)
TWO_INVOICES = (
    "invoice_id,customer_id,issue_date,currency,amount,due_date\n"
    "F-FR,C-FR,2026-02-01,EUR,1000.00,2026-03-03\n"
    "F-GB,C-GB,2026-02-01,GBP,1000.00,2026-03-03\n"
)
FRENCH_POLICY = {
    "id": "fr",
    "version": 1,
    "levels": [{"id": "rappel_fr", "offset_days": 1, "channel": "email",
                "template": "relance_1"}],
}
BRITISH_POLICY = {
    "id": "uk",
    "version": 2,
    "levels": [{"id": "reminder_uk", "offset_days": 1, "channel": "letter",
                "template": "uk_reminder_1"}],
}


@pytest.fixture
def two_countries(tmp_path) -> relance.Ledger:
    ledger = relance.Ledger(tmp_path / "two.db")
    assert ledger.import_text("customers", TWO_CUSTOMERS)["imported"] == 2
    assert ledger.import_text("invoices", TWO_INVOICES)["imported"] == 2
    return ledger


def levels(run: dict) -> dict:
    """Each customer's planned (level, channel)."""
    return {
        action["customer"]: (
            action["communication"]["level"],
            action["communication"]["channel"],
        )
        for action in run["actions"]
    }


def test_policy_for_jurisdiction(two_countries, tmp_path):
    alone = two_countries.run(FRENCH_POLICY, MARCH_31, dry_run=True)
    assert levels(alone) == {
        "C-FR": ("rappel_fr", "email"),
        "C-GB": ("rappel_fr", "email"),
    }
    assert alone["jurisdiction_policies"] == []
    # An empty mapping is no policy_for at all.
    assert two_countries.run(
        FRENCH_POLICY, MARCH_31, dry_run=True, policy_for={}
    ) == alone

    # The British policy given as a file (an os.PathLike), as its JSON text
    # and as a dict: the same run.
    uk = tmp_path / "uk.json"
    uk.write_text(json.dumps(BRITISH_POLICY))
    for given in (uk, uk.read_text(), BRITISH_POLICY):
        dry = two_countries.run(
            FRENCH_POLICY, MARCH_31, dry_run=True, policy_for={"GB": given}
        )
        assert levels(dry) == {
            "C-FR": ("rappel_fr", "email"),
            "C-GB": ("reminder_uk", "letter"),
        }
    run = two_countries.run(
        FRENCH_POLICY, MARCH_31, policy_for={"GB": uk}, recorded_at=AT
    )
    assert (run["run_id"], run["policy"], run["actions_planned"]) == (1, "fr", 2)
    assert levels(run) == {
        "C-FR": ("rappel_fr", "email"),
        "C-GB": ("reminder_uk", "letter"),
    }
    assert run["jurisdiction_policies"] == [
        {"jurisdiction": "GB", "policy": "uk v2"}
    ]
    # A jurisdiction no customer has changes nothing.
    de = two_countries.run(
        FRENCH_POLICY, MARCH_31, dry_run=True,
        policy_for={"GB": BRITISH_POLICY, "DE": FRENCH_POLICY},
    )
    assert de["jurisdiction_policies"] == [
        {"jurisdiction": "GB", "policy": "uk v2"},
        {"jurisdiction": "DE", "policy": "fr v1"},
    ]


def test_policy_for_errors(two_countries, examples):
    bad = dict(BRITISH_POLICY)
    bad["levels"] = [dict(BRITISH_POLICY["levels"][0], offset_days="one")]
    with pytest.raises(relance.Error) as error:
        two_countries.run(FRENCH_POLICY, MARCH_31, policy_for={"GB": bad})
    assert error.value.code == "invalid_argument"
    assert str(error.value).startswith(
        "policy_for GB: policy: levels[0].offset_days: expected an integer"
    )
    assert error.value.path == "levels[0].offset_days"
    with pytest.raises(relance.Error) as error:
        two_countries.run(FRENCH_POLICY, MARCH_31, policy_for={"GB": "{not json"})
    assert str(error.value).startswith("policy_for GB: policy: invalid JSON")
    assert error.value.line == 1
    # Jurisdictions are customers.csv's: two uppercase letters.
    for jurisdiction in ("gb", "GBR", ""):
        with pytest.raises(relance.Error) as error:
            two_countries.run(
                FRENCH_POLICY, MARCH_31, policy_for={jurisdiction: BRITISH_POLICY}
            )
        assert error.value.code == "invalid_argument"
        assert "two uppercase letters" in str(error.value)
    # A mapping has no key twice; the extension refuses it all the same.
    text = json.dumps(BRITISH_POLICY)
    with pytest.raises(relance.Error) as error:
        two_countries._ledger.run(
            json.dumps(FRENCH_POLICY), MARCH_31, False, None, False, "t", AT,
            [("GB", text), ("GB", text)],
        )
    assert str(error.value) == "policy_for: GB is given twice"
    # Not a mapping, a key that is not a str, a compiled policy.
    with pytest.raises(TypeError, match="policy_for"):
        two_countries.run(FRENCH_POLICY, MARCH_31, policy_for=[("GB", text)])
    with pytest.raises(TypeError, match="keys are jurisdictions"):
        two_countries.run(FRENCH_POLICY, MARCH_31, policy_for={44: text})
    compiled = relance.Policy.from_file(examples / "policies" / "uk_late_payment.json")
    with pytest.raises(TypeError, match=r"policy_for\['GB'\]"):
        two_countries.run(FRENCH_POLICY, MARCH_31, policy_for={"GB": compiled})
    # Nothing was recorded by the refused runs.
    assert two_countries.status()["last_run"] is None


# --- The command and relance.Ledger: the same documents ---------------------


def cli_binary() -> pathlib.Path:
    """The `relance` command of this build: $RELANCE (as tests/CMakeLists.txt
    gives the command's tests), else the one next to the package assembled
    in the build tree (<build>/bindings/python/relance/ -> <build>/relance).
    Skips when neither exists (an installed package: tests/python/
    install_test.sh)."""
    if os.environ.get("RELANCE"):
        return pathlib.Path(os.environ["RELANCE"])
    beside = build_tree() / "relance"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    pytest.skip(
        "no relance command: set RELANCE to its path, or run from the build "
        f"tree (looked for {beside})"
    )


def build_tree() -> pathlib.Path:
    """The build tree the package was assembled in (<build>/bindings/python/
    relance/ -> <build>)."""
    return pathlib.Path(relance.__file__).resolve().parents[3]


def test_cli_and_c_abi_run_documents_are_identical(tmp_path, examples):
    """relance_ledger_run_jurisdictions (librelance_c, called here through
    ctypes as a C host calls it) returns the very bytes `relance run --json
    --policy-for GB=...` prints, on two copies of one ledger: the sample
    portfolio, British customers under the UK policy."""
    command = cli_binary()
    library = build_tree() / "capi" / "librelance_c.so"
    if not library.is_file():
        pytest.skip(f"no librelance_c beside the package (looked for {library})")
    c = ctypes.CDLL(str(library))
    c.relance_ledger_open.argtypes = [
        ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
    c.relance_ledger_close.argtypes = [ctypes.c_void_p]
    c.relance_date_from_ymd.argtypes = [
        ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_int64)]
    c.relance_last_error_message.restype = ctypes.c_char_p
    c.relance_string_free.argtypes = [ctypes.c_void_p]

    class JurisdictionPolicy(ctypes.Structure):
        _fields_ = [("jurisdiction", ctypes.c_char_p),
                    ("policy_json", ctypes.c_char_p),
                    ("policy_length", ctypes.c_size_t)]

    c.relance_ledger_run_jurisdictions.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p,
        ctypes.POINTER(JurisdictionPolicy), ctypes.c_size_t, ctypes.c_int64,
        ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]

    user, now = "parity", "2026-03-31T07:00:00Z"
    env = {k: v for k, v in os.environ.items() if k != "RELANCE_RATES_DIR"}
    env.update(USER=user, RELANCE_NOW=now)
    cli_db, c_db = tmp_path / "cli.db", tmp_path / "c.db"

    def cli(*args: str) -> str:
        done = subprocess.run(
            [str(command), *args, "--db", str(cli_db), "--json"],
            env=env, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for what, name in (("customers", "customers.csv"),
                       ("invoices", "invoices.csv"),
                       ("payments", "payments.csv"),
                       ("events", "events.jsonl")):
        cli("import", what, str(examples / "portfolio" / name))
    # The command has closed the ledger: its file is whole (no WAL left).
    shutil.copyfile(cli_db, c_db)

    standard = examples / "policies" / "standard_fr.json"
    uk = examples / "policies" / "uk_late_payment.json"
    expected = cli("run", "--as-of", "2026-03-31", "--policy", str(standard),
                   "--policy-for", f"GB={uk}")

    ledger = ctypes.c_void_p()
    assert c.relance_ledger_open(str(c_db).encode(), 0, ctypes.byref(ledger)) == 0
    try:
        as_of = ctypes.c_int64()
        assert c.relance_date_from_ymd(2026, 3, 31, ctypes.byref(as_of)) == 0
        policy = standard.read_bytes()
        uk_text = uk.read_bytes()
        own = (JurisdictionPolicy * 1)(
            JurisdictionPolicy(b"GB", uk_text, len(uk_text)))
        out, length = ctypes.c_void_p(), ctypes.c_size_t()
        status = c.relance_ledger_run_jurisdictions(
            ledger, policy, len(policy), None, own, 1, as_of.value, 0,
            f"{user} (relance run)".encode(), now.encode(),
            ctypes.byref(out), ctypes.byref(length))
        assert status == 0, c.relance_last_error_message()
        document = ctypes.string_at(out, length.value).decode()
        c.relance_string_free(out)
    finally:
        c.relance_ledger_close(ledger)
    assert document == expected
    assert json.loads(document)["jurisdiction_policies"] == [
        {"jurisdiction": "GB", "policy": "uk-standard v1"}
    ]


def test_cli_and_python_documents_are_identical(tmp_path, examples):
    """The sample portfolio imported, run (British customers under the UK
    policy), an action sent, histories, status and verify, once through the
    `relance` command with --json and once through relance.Ledger, each on
    its own copy of the ledger: the same documents. Each command's output
    parses to the document relance.Ledger returns, and is the text
    json.dumps(document, indent=2) writes (the library's layout: two
    spaces, keys in the library's order, non-ASCII as is), so byte for byte
    the same; for the calls that write nothing (history, status, verify)
    the extension's own text is also compared with the command's as is.
    The journal's recorded_by and recorded_at (in the histories, and hashed
    into verify's head) are pinned the same on both sides."""
    command = cli_binary()
    user, now = "parity", "2026-03-31T07:00:00Z"
    # The command records `$USER (relance <command>)` at $RELANCE_NOW; it
    # reads reference rates from $RELANCE_RATES_DIR when set (not here).
    env = {k: v for k, v in os.environ.items() if k != "RELANCE_RATES_DIR"}
    env.update(USER=user, RELANCE_NOW=now)
    cli_db = tmp_path / "cli.db"
    python = relance.Ledger(tmp_path / "python.db")

    def cli(*args: str) -> str:
        done = subprocess.run(
            [str(command), *args, "--db", str(cli_db), "--json"],
            env=env, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def same(text: str, document: dict) -> None:
        assert json.loads(text) == document
        # The library writes two-space indented JSON, as json.dumps does.
        assert text.rstrip("\n") == json.dumps(
            document, indent=2, ensure_ascii=False
        )

    portfolio = examples / "portfolio"
    for what, name in (
        ("customers", "customers.csv"),
        ("invoices", "invoices.csv"),
        ("payments", "payments.csv"),
        ("events", "events.jsonl"),
    ):
        path = str(portfolio / name)
        same(
            cli("import", what, path),
            python.import_file(
                what, path,
                recorded_by=f"{user} (relance import {what})", recorded_at=now,
            ),
        )

    standard = str(examples / "policies" / "standard_fr.json")
    uk = str(examples / "policies" / "uk_late_payment.json")
    run_text = cli("run", "--as-of", "2026-03-31", "--policy", standard,
                   "--policy-for", f"GB={uk}")
    run = python.run(
        pathlib.Path(standard), MARCH_31,
        policy_for={"GB": pathlib.Path(uk)},
        recorded_by=f"{user} (relance run)", recorded_at=now,
    )
    same(run_text, run)
    # The run is the interesting one: British customers under uk-standard.
    assert run["jurisdiction_policies"] == [
        {"jurisdiction": "GB", "policy": "uk-standard v1"}
    ]
    assert run["actions_planned"] > 0

    first = run["actions"][0]["id"]
    same(
        cli("record", "sent", str(first), "--date", "2026-04-01"),
        python.record_sent(
            first, datetime.date(2026, 4, 1),
            recorded_by=f"{user} (relance record sent)", recorded_at=now,
        ),
    )
    for id in ("C-1001", "FA-2026-0089", "C-3001"):
        text = cli("history", id)
        same(text, python.history(id))
        assert text == python._ledger.history("", id)
    text = cli("status")
    same(text, python.status())
    assert text == python._ledger.status()
    text = cli("verify")
    same(text, python.verify())
    assert text == python._ledger.verify()
