"""relance.render_letters, relance.dossier and relance.dossier_html.

The expected values are the committed golden files of the C++ tests,
reviewed by reading them: tests/golden/letters/courtesy_notice.<lang>.*
(tests/letter_test.cpp, LetterGolden.CourtesyNotice: the policy
kFrenchPolicy and the Dupont case below on 9 February 2026, the creditor
FrenchCreditor) and tests/golden/dossier/martin_2026-03-31.* (tests/
dossier_test.cpp: examples/policies/standard_fr.json, the Martin case below
on 31 March 2026, the creditor Lune). The same inputs through librelance_c
(ctypes, as a C host calls it) give the same bytes.
"""

import copy
import ctypes
import datetime
import json
import os
import pathlib
import subprocess

import pytest

import relance
from conftest import SOURCE_DIR

GOLDEN = SOURCE_DIR / "tests" / "golden"

# tests/letter_test.cpp, kFrenchPolicy.
FRENCH_POLICY = {
    "id": "letters-fr", "version": 2, "penalties": "fr-b2b",
    "thank_you_after_payment": True, "thank_you_template": "merci",
    "levels": [
        {"id": "courtesy", "offset_days": -5, "channel": "email",
         "template": "prevenance"},
        {"id": "reminder1", "offset_days": 1, "channel": "email",
         "template": "relance_1"},
        {"id": "call", "offset_days": 8, "channel": "phone"},
        {"id": "reminder2", "offset_days": 15, "channel": "letter",
         "template": "relance_2"},
        {"id": "notice", "offset_days": 21, "channel": "registered_letter",
         "template": "mise_en_demeure", "payment_deadline_days": 8,
         "block_account": True, "statement_of_account": True},
        {"id": "agency", "offset_days": 45, "channel": "agency_handoff",
         "task": True},
        {"id": "legal", "offset_days": 90, "channel": "legal", "task": True},
    ],
}

# tests/letter_test.cpp, Dupont(): two invoices issued on 15 January 2026,
# due on 14 February.
DUPONT_CASE = {
    "customer": {"id": "C-042", "name": "Dupont & Fils SARL"},
    "events": [
        {"date": "2026-01-15", "type": "invoice_issued",
         "invoice": "F-2026-014", "amount": "1200.00 EUR",
         "due_date": "2026-02-14"},
        {"date": "2026-01-15", "type": "invoice_issued",
         "invoice": "F-2026-015", "amount": "350.50 EUR",
         "due_date": "2026-02-14"},
    ],
}

# tests/letter_test.cpp, FrenchCreditor(). The debtor has no name: the
# case's customer name, "Dupont & Fils SARL" as in FrenchCreditor, is used.
# No language: French.
DUPONT_LETTERHEAD = {
    "creditor": {
        "name": "Atelier Martin SARL",
        "address_lines": ["12 rue des Tanneurs", "69007 Lyon"],
        "email": "compta@atelier-martin.fr",
        "phone": "+33 4 78 00 00 00",
        "registration": "SIREN 812 345 678 \u2013 RCS Lyon",
        "payment_link": "https://pay.example.com/C-042?a=1&b=2",
        "iban": "FR76 3000 4000 0500 0012 3456 789",
        "bic": "BNPAFRPPXXX",
        "signatory": "Service comptabilit\u00e9 clients",
    },
    "debtor": {"address_lines": ["4 avenue <des> Canuts",
                                 "69100 Villeurbanne"]},
    "agency": {"name": "Recouvrement Rh\u00f4ne-Alpes",
               "address_lines": ["1 place Bellecour", "69002 Lyon"]},
}

# tests/dossier_test.cpp, kMartinCase.
MARTIN_CASE = {
    "customer": {"id": "C-310", "name": "Boulangerie Martin SARL"},
    "events": [
        {"date": "2026-01-05", "type": "invoice_issued", "invoice": "F-2001",
         "amount": "3000.00 EUR", "due_date": "2026-02-04",
         "reference": "FAC-2026-2001.pdf"},
        {"date": "2026-01-20", "type": "invoice_issued", "invoice": "F-2002",
         "amount": "1200.00 EUR", "terms": "net 30"},
        {"date": "2026-02-05", "type": "action_performed", "invoice": "F-2001",
         "level": "reminder1", "channel": "email", "reference": "R-2026-0201"},
        {"date": "2026-02-12", "type": "action_performed", "invoice": "F-2001",
         "level": "call", "channel": "phone",
         "reference": "appel avec Mme Martin"},
        {"date": "2026-02-12", "type": "promise_to_pay", "invoice": "F-2001",
         "promised_date": "2026-02-20", "amount": "3000.00 EUR"},
        {"date": "2026-02-13", "type": "promise_confirmed",
         "invoice": "F-2001", "reference": "courriel du 13 f\u00e9vrier"},
        {"date": "2026-02-20", "type": "action_performed", "invoice": "F-2002",
         "level": "reminder1", "channel": "email", "reference": "R-2026-0233"},
        {"date": "2026-02-23", "type": "action_performed", "invoice": "F-2001",
         "level": "reminder2", "channel": "letter",
         "reference": "LS-2026-0042"},
        {"date": "2026-02-25", "type": "dispute_opened", "invoice": "F-2002",
         "amount": "200.00 EUR",
         "reason": "une palette endommag\u00e9e <\u00e0 la livraison>"},
        {"date": "2026-03-02", "type": "action_performed", "invoice": "F-2001",
         "level": "notice", "channel": "registered_letter",
         "reference": "LRAR 1A 234 567 8901 2"},
        {"date": "2026-03-10", "type": "dispute_resolved", "invoice": "F-2002",
         "outcome": "rejected", "reference": "constat du transporteur"},
        {"date": "2026-03-12", "type": "action_performed", "invoice": "F-2002",
         "level": "reminder2", "channel": "letter",
         "reference": "LS-2026-0051"},
        {"date": "2026-03-16", "type": "payment_received", "invoice": "F-2001",
         "amount": "3000.00 EUR", "reference": "VIR 55120"},
    ],
}

# tests/dossier_test.cpp, Lune(), and the debtor's address MartinDossier()
# gives. English: the JSON document has no language; the HTML page is
# English unless told otherwise.
LUNE_LETTERHEAD = (
    '{"language": "en", "creditor": {"name": "Atelier Lune SAS", '
    '"address_lines": ["12 rue des Lilas", "69003 Lyon", "France"], '
    '"registration": "SIREN 512 345 678"}, '
    '"debtor": {"address_lines": ["3 place Grandclément", '
    '"69100 Villeurbanne"]}}'
)

FEB_9 = datetime.date(2026, 2, 9)
MAR_31 = datetime.date(2026, 3, 31)


@pytest.fixture(scope="module")
def french_policy():
    return relance.Policy.from_json(FRENCH_POLICY)


@pytest.fixture(scope="module")
def dupont():
    return relance.Case.from_json(DUPONT_CASE)


@pytest.fixture(scope="module")
def standard_policy():
    return relance.Policy.from_file(
        SOURCE_DIR / "examples" / "policies" / "standard_fr.json")


@pytest.fixture(scope="module")
def martin():
    return relance.Case.from_json(MARTIN_CASE)


def golden_letter(name: str, language: str) -> tuple[str, str, str]:
    """The subject, text and HTML of tests/golden/letters/<name>.<lang>.*:
    the .txt holds "Subject: <subject>", a line "---" and the text."""
    txt = (GOLDEN / "letters" / f"{name}.{language}.txt").read_text("utf-8")
    head, text = txt.split("\n---\n", 1)
    assert head.startswith("Subject: ")
    html = (GOLDEN / "letters" / f"{name}.{language}.html").read_text("utf-8")
    return head[len("Subject: "):], text, html


def only_letter(document: dict) -> dict:
    assert len(document["letters"]) == 1, document["letters"]
    return document["letters"][0]


# --- Letters -----------------------------------------------------------------


def test_courtesy_notice_is_the_golden_letter(french_policy, dupont):
    """9 February 2026, five days before the due date: the courtesy notice
    (offset -5), in French (the letterhead's default), the debtor named
    after the case's customer."""
    document = relance.render_letters(french_policy, dupont, FEB_9,
                                      DUPONT_LETTERHEAD)
    assert list(document)[:6] == ["schema", "schema_version", "customer",
                                  "as_of", "language", "letters"]
    assert document["schema"] == "relance.letters"
    assert document["customer"] == "C-042"
    assert document["as_of"] == "2026-02-09"
    assert document["language"] == "fr"
    letter = only_letter(document)
    assert letter["kind"] == "courtesy_notice"
    assert letter["file_stem"] == "2026-02-09_C-042_courtesy"
    assert letter["invoices"] == ["F-2026-014", "F-2026-015"]
    assert letter["templates"]["text"] == "courtesy_notice.fr.txt"
    subject, text, html = golden_letter("courtesy_notice", "fr")
    assert letter["subject"] == subject
    assert letter["text"] == text
    assert letter["html"] == html
    # Only the courtesy level is due that day: nothing skipped.
    assert document["skipped"] == []


def test_a_decision_or_a_date_and_the_language_argument(french_policy, dupont):
    """A relance.Decision gives what its date gives; `language` wins over
    the letterhead's ("fr" here), giving the English golden letter."""
    decision = french_policy.evaluate(dupont, FEB_9)
    letterhead = dict(DUPONT_LETTERHEAD, language="fr")
    by_decision = relance.render_letters(french_policy, dupont, decision,
                                         letterhead, language="en")
    by_date = relance.render_letters(french_policy, dupont, FEB_9,
                                     json.dumps(letterhead), language="en")
    assert by_decision == by_date
    assert by_decision["language"] == "en"
    subject, text, html = golden_letter("courtesy_notice", "en")
    letter = only_letter(by_decision)
    assert (letter["subject"], letter["text"], letter["html"]) == (
        subject, text, html)


def test_a_named_debtor_is_the_one_written(french_policy, dupont):
    letterhead = {"creditor": {"name": "Atelier Martin SARL"},
                  "debtor": {"name": "Dupont Holding SA"}}
    letter = only_letter(
        relance.render_letters(french_policy, dupont, FEB_9, letterhead))
    assert "Dupont Holding SA" in letter["text"]
    assert "Dupont & Fils SARL" not in letter["text"]


def test_host_templates_replace_the_builtin_ones(french_policy, dupont,
                                                 tmp_path):
    """A directory with the host's French subject: its text is the subject;
    the text and HTML stay the built-in templates'; English is untouched."""
    (tmp_path / "courtesy_notice.fr.subject.txt").write_text(
        "Rappel amical avant \u00e9ch\u00e9ance", "utf-8")
    letter = only_letter(relance.render_letters(
        french_policy, dupont, FEB_9, DUPONT_LETTERHEAD, templates=tmp_path))
    assert letter["subject"] == "Rappel amical avant \u00e9ch\u00e9ance"
    assert letter["templates"]["subject"] == "courtesy_notice.fr.subject.txt"
    assert letter["text"] == golden_letter("courtesy_notice", "fr")[1]
    english = only_letter(relance.render_letters(
        french_policy, dupont, FEB_9, DUPONT_LETTERHEAD, language="en",
        templates=str(tmp_path)))
    assert english["subject"] == golden_letter("courtesy_notice", "en")[0]


def test_letters_errors(french_policy, dupont, tmp_path):
    def error(**changes) -> relance.Error:
        arguments = dict(policy=french_policy, case=dupont,
                         decision_or_as_of=FEB_9,
                         letterhead=DUPONT_LETTERHEAD)
        arguments.update(changes)
        with pytest.raises(relance.Error) as raised:
            relance.render_letters(**arguments)
        assert isinstance(raised.value, ValueError)
        return raised.value

    missing = error(letterhead={"creditor": {"name": ""}})
    assert missing.message == (
        "letterhead: creditor.name: required, the creditor's name")
    assert missing.code == "invalid_argument"
    assert missing.path == "creditor.name"
    assert "letterhead: " in error(letterhead='{"creditor": ').message
    unknown = copy.deepcopy(DUPONT_LETTERHEAD)
    unknown["debtor"]["adress_lines"] = []
    misspelt = error(letterhead=unknown)
    assert misspelt.message.startswith(
        'letterhead: debtor: unknown key "adress_lines"')
    assert misspelt.path == "debtor"
    assert error(language="de").message == (
        'language "de": expected one of fr, en')
    (tmp_path / "README.md").write_text("not a template")
    assert "not a template file name" in error(templates=tmp_path).message
    assert "cannot be read" in error(templates=tmp_path / "missing").message

    other = relance.Case.from_json({
        "customer": {"id": "C-777"},
        "events": [{"date": "2026-01-15", "type": "invoice_issued",
                    "invoice": "X-1", "amount": "10.00 EUR",
                    "due_date": "2026-02-14"}]})
    wrong = error(decision_or_as_of=french_policy.evaluate(other, FEB_9))
    assert wrong.message == (
        "render_letters: the decision is for customer C-777, the case for "
        "C-042")
    assert wrong.code == "invalid_argument"
    second = relance.Policy.from_json(
        {"id": "other", "version": 1,
         "levels": [{"id": "courtesy", "offset_days": -5,
                     "channel": "email"}]})
    assert error(policy=second,
                 decision_or_as_of=french_policy.evaluate(dupont, FEB_9)
                 ).message == (
        "letter: the decision was made by policy letters-fr v2, not other v1")

    with pytest.raises(TypeError):
        relance.render_letters(french_policy, dupont, "2026-02-09",
                               DUPONT_LETTERHEAD)
    with pytest.raises(TypeError):
        relance.render_letters(french_policy, dupont,
                               datetime.datetime(2026, 2, 9),
                               DUPONT_LETTERHEAD)
    with pytest.raises(TypeError):
        relance.render_letters(french_policy, dupont, FEB_9, None)


# --- Dossiers ----------------------------------------------------------------


def test_dossier_is_the_golden_document(standard_policy, martin):
    golden = (GOLDEN / "dossier" / "martin_2026-03-31.json").read_text("utf-8")
    document = relance.dossier(standard_policy, martin, MAR_31,
                               LUNE_LETTERHEAD)
    assert document == json.loads(golden)
    assert document["totals"][0]["total_due"] == "1336.32 EUR"
    # The library's layout is json.dumps' with indent=2, non-ASCII as is.
    assert json.dumps(document, indent=2, ensure_ascii=False) + "\n" == golden
    assert relance.dossier(standard_policy, martin, MAR_31, LUNE_LETTERHEAD,
                           invoice="") == document


def test_dossier_of_one_invoice(standard_policy, martin):
    document = relance.dossier(standard_policy, martin, MAR_31,
                               json.loads(LUNE_LETTERHEAD), invoice="F-2002")
    assert document["invoice"] == "F-2002"
    assert [i["invoice"] for i in document["invoices"]] == ["F-2002"]
    with pytest.raises(relance.Error) as raised:
        relance.dossier(standard_policy, martin, MAR_31, LUNE_LETTERHEAD,
                        invoice="F-9")
    assert raised.value.code == "not_found"
    assert raised.value.message == (
        'dossier: invoice "F-9" is not in case C-310 (its invoices: F-2001, '
        "F-2002)")


def test_dossier_html_is_the_golden_page(standard_policy, martin):
    english = (GOLDEN / "dossier" / "martin_2026-03-31.en.html").read_text(
        "utf-8")
    french = (GOLDEN / "dossier" / "martin_2026-03-31.fr.html").read_text(
        "utf-8")
    assert relance.dossier_html(standard_policy, martin, MAR_31,
                                LUNE_LETTERHEAD) == english
    assert relance.dossier_html(standard_policy, martin, MAR_31,
                                LUNE_LETTERHEAD, language="fr") == french
    with pytest.raises(relance.Error, match='language "EN"'):
        relance.dossier_html(standard_policy, martin, MAR_31, LUNE_LETTERHEAD,
                             language="EN")
    with pytest.raises(relance.Error, match="letterhead: "):
        relance.dossier_html(standard_policy, martin, MAR_31, "{}")


# --- The same bytes as librelance_c ------------------------------------------


def c_library():
    """librelance_c of the build tree the package was assembled in
    (<build>/bindings/python/relance/ -> <build>/capi/), through ctypes."""
    build = pathlib.Path(relance.__file__).resolve().parents[3]
    path = build / "capi" / "librelance_c.so"
    if not path.is_file():
        pytest.skip(f"no librelance_c beside the package (looked for {path})")
    c = ctypes.CDLL(str(path))
    handle = ctypes.POINTER(ctypes.c_void_p)
    c.relance_policy_from_json.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p, handle]
    c.relance_case_from_json.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p, handle]
    c.relance_evaluate.argtypes = [
        ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, handle]
    c.relance_letters_json.argtypes = [
        ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
        ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p, handle,
        ctypes.POINTER(ctypes.c_size_t)]
    c.relance_dossier_json.argtypes = [
        ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_char_p,
        ctypes.c_size_t, ctypes.c_char_p, handle,
        ctypes.POINTER(ctypes.c_size_t)]
    c.relance_last_error_message.restype = ctypes.c_char_p
    for free in ("relance_policy_free", "relance_case_free",
                 "relance_decision_free", "relance_string_free"):
        getattr(c, free).argtypes = [ctypes.c_void_p]
    return c


def days(date: datetime.date) -> int:
    return (date - datetime.date(1970, 1, 1)).days


def test_c_abi_and_python_give_the_same_bytes(french_policy, dupont,
                                              standard_policy, martin):
    """One letters document and one dossier through librelance_c and
    through the extension: byte for byte the same text, and the dict the
    package returns is that text's."""
    c = c_library()

    def made(call, *arguments) -> ctypes.c_void_p:
        out = ctypes.c_void_p()
        assert call(*arguments, ctypes.byref(out)) == 0, (
            c.relance_last_error_message())
        return out

    def text(call, *arguments) -> str:
        out, length = ctypes.c_void_p(), ctypes.c_size_t()
        status = call(*arguments, ctypes.byref(out), ctypes.byref(length))
        assert status == 0, c.relance_last_error_message()
        try:
            return ctypes.string_at(out, length.value).decode("utf-8")
        finally:
            c.relance_string_free(out)

    letterhead = json.dumps(DUPONT_LETTERHEAD).encode()
    policy_text = json.dumps(FRENCH_POLICY).encode()
    case_text = json.dumps(DUPONT_CASE).encode()
    policy = made(c.relance_policy_from_json, policy_text, len(policy_text),
                  None)
    case = made(c.relance_case_from_json, case_text, len(case_text), None)
    decision = made(c.relance_evaluate, policy, case, days(FEB_9))
    try:
        from_c = text(c.relance_letters_json, policy, case, decision,
                      letterhead, len(letterhead), b"en", None)
    finally:
        c.relance_decision_free(decision)
        c.relance_case_free(case)
        c.relance_policy_free(policy)
    from_python = relance._relance._letters_json(
        french_policy, dupont, FEB_9, DUPONT_LETTERHEAD, language="en")
    assert from_python == from_c
    document = relance.render_letters(french_policy, dupont, FEB_9,
                                      DUPONT_LETTERHEAD, language="en")
    assert json.dumps(document, indent=2, ensure_ascii=False) + "\n" == from_c

    standard = (SOURCE_DIR / "examples" / "policies" /
                "standard_fr.json").read_bytes()
    case_text = json.dumps(MARTIN_CASE).encode()
    lune = LUNE_LETTERHEAD.encode()
    policy = made(c.relance_policy_from_json, standard, len(standard), None)
    case = made(c.relance_case_from_json, case_text, len(case_text), None)
    try:
        from_c = text(c.relance_dossier_json, policy, case, days(MAR_31),
                      lune, len(lune), b"F-2001")
    finally:
        c.relance_case_free(case)
        c.relance_policy_free(policy)
    assert relance._relance._dossier_json(
        standard_policy, martin, MAR_31, LUNE_LETTERHEAD,
        invoice="F-2001") == from_c
    assert relance.dossier(standard_policy, martin, MAR_31, LUNE_LETTERHEAD,
                           invoice="F-2001") == json.loads(from_c)


def relance_command() -> pathlib.Path:
    """The `relance` command of this build ($RELANCE, as tests/CMakeLists.txt
    gives it); skips without it (an installed package)."""
    if os.environ.get("RELANCE"):
        return pathlib.Path(os.environ["RELANCE"])
    pytest.skip("no relance command: set RELANCE to its path")


def test_the_command_gives_the_same_bytes(french_policy, dupont,
                                          standard_policy, martin, tmp_path):
    """`relance evaluate --letters --json` and `relance dossier --case` on
    the same files print what the package returns, byte for byte, and the
    letter files hold the document's subject and text."""
    command = relance_command()
    files = {"policy.json": FRENCH_POLICY, "dupont.json": DUPONT_CASE,
             "letterhead.json": DUPONT_LETTERHEAD, "martin.json": MARTIN_CASE}
    for name, value in files.items():
        (tmp_path / name).write_text(json.dumps(value), encoding="utf-8")
    (tmp_path / "lune.json").write_text(LUNE_LETTERHEAD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "RELANCE_RATES_DIR"}

    def run(*args: str) -> str:
        done = subprocess.run([str(command), *args], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    for language in ("fr", "en"):
        out = tmp_path / f"letters_{language}"
        printed = run("evaluate", "--policy", str(tmp_path / "policy.json"),
                      "--case", str(tmp_path / "dupont.json"),
                      "--as-of", FEB_9.isoformat(), "--letters", str(out),
                      "--letterhead", str(tmp_path / "letterhead.json"),
                      "--lang", language, "--html", "--json")
        # {"decision": <document>, "letters": <document>}: each document
        # exactly as the library writes it.
        letters = printed[printed.index(', "letters": ') + len(', "letters": '):
                          -len("}\n")]
        assert letters == relance._relance._letters_json(
            french_policy, dupont, FEB_9, DUPONT_LETTERHEAD,
            language=language)
        letter = only_letter(json.loads(letters))
        stem = out / letter["file_stem"]
        assert stem.with_suffix(".txt").read_text(encoding="utf-8") == (
            f"Subject: {letter['subject']}\n\n{letter['text']}")
        assert stem.with_suffix(".html").read_text(
            encoding="utf-8") == letter["html"]

    dossier_args = ("dossier", "--case", str(tmp_path / "martin.json"),
                    "--policy", str(SOURCE_DIR / "examples" / "policies" /
                                    "standard_fr.json"),
                    "--as-of", MAR_31.isoformat(),
                    "--letterhead", str(tmp_path / "lune.json"))
    assert run(*dossier_args, "--invoice", "F-2001", "--json") == (
        relance._relance._dossier_json(standard_policy, martin, MAR_31,
                                       LUNE_LETTERHEAD, invoice="F-2001"))
    page = tmp_path / "martin.html"
    run(*dossier_args, "--html", str(page), "--lang", "en")
    assert page.read_text(encoding="utf-8") == relance.dossier_html(
        standard_policy, martin, MAR_31, LUNE_LETTERHEAD, language="en")
