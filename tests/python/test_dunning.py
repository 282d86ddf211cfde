"""Policies, cases, decisions and forecasts: objects with attributes, the
library's JSON documents, reason codes, errors, threads."""

import concurrent.futures
import datetime
import json

import pytest

import relance

D = datetime.date


@pytest.fixture
def policy(examples):
    return relance.Policy.from_file(examples / "policies" / "standard_fr.json")


@pytest.fixture
def dupont(examples):
    return relance.Case.from_json((examples / "cases" / "dupont_ladder.json").read_text())


def test_policy(policy):
    assert policy.id == "standard-fr"
    assert policy.label.startswith("standard-fr v")
    assert policy.penalty_rule.id == "fr-b2b"
    assert policy.summary()["policy"] == "standard-fr"
    assert "reminder1" in policy.ladder_table()


def test_decision_for_dupont(policy, dupont):
    # examples/cases/dupont_ladder.json: F-1001, 1200.00 EUR issued
    # 2026-01-05 on "30 jours fin de mois" (30 days then month end: due
    # 2026-02-28), courtesy notice sent; F-1007 paid. As of 2026-03-05 it is 5
    # days late and reminder1 (offset 1, level 2 after the courtesy notice)
    # is due. Penalties under fr-b2b: 1200.00 x 12.15 % (ECB 2.15 % on
    # 1 January 2026 + 10) x 5 / 365 = 1.997 -> 2.00 EUR, plus EUR 40.
    decision = policy.evaluate(dupont, D(2026, 3, 5))
    assert decision.customer == "C-042"
    assert decision.as_of == D(2026, 3, 5)
    [action] = decision.actions
    assert action.level == "reminder1"
    assert action.level_number == 2
    assert action.channel is relance.Channel.EMAIL
    assert action.invoices == ["F-1001"]
    assert action.outstanding == [relance.Money.parse("1200.00 EUR")]
    assert action.penalties == [relance.Money.parse("42.00 EUR")]
    assert action.total_due == [relance.Money.parse("1242.00 EUR")]
    f1001, f1007 = decision.invoices
    assert f1001.due_date == D(2026, 2, 28)
    assert f1001.days_late == 5
    assert f1001.state is relance.InvoiceState.OVERDUE
    assert f1001.penalty_status is relance.PenaltyStatus.COMPUTED
    assert f1001.interest == relance.Money.parse("2.00 EUR")
    assert f1001.reason.code is relance.ReasonCode.LEVEL_DUE
    assert f1001.reason.level == "reminder1"
    assert f1001.reason.days == 5
    assert f1001.reason.date is None  # not a field of level_due
    assert "reminder1" in f1001.reason.text
    # F-1007 was paid on 2026-03-02, after its due date 2026-02-19: paid
    # late, it keeps a late-payment claim this policy reports, not duns.
    assert f1007.state is relance.InvoiceState.PAID
    assert f1007.reason.code is relance.ReasonCode.CLAIM_REPORTED
    assert f1007.reason.amount == f1007.claim
    assert f1007.reason.state is None  # not a field of claim_reported
    assert f1007.action_level is None


def test_to_dict_is_the_library_document(policy, dupont):
    decision = policy.evaluate(dupont, D(2026, 3, 5))
    document = decision.to_dict()
    assert document == json.loads(decision.to_json())
    assert document["schema"] == "relance.decision"
    assert document["schema_version"] == 1
    assert document["as_of"] == "2026-03-05"
    assert document["actions"][0]["level"] == "reminder1"
    assert document["invoices"][0]["reason"]["code"] == "level_due"
    assert decision.invoices[0].reason.to_dict() == document["invoices"][0]["reason"]


def test_recording_the_actions_makes_the_run_idempotent(policy, dupont):
    decision = policy.evaluate(dupont, D(2026, 3, 5))
    recorded = dupont.with_actions_recorded(decision)
    assert len(recorded) == len(dupont) + 1
    again = policy.evaluate(recorded, D(2026, 3, 5))
    assert again.actions == []
    # reminder1 is recorded; the next level (the call) waits for the policy's
    # minimum gap of 5 days between levels: 2026-03-10.
    reason = again.invoices[0].reason
    assert reason.code is relance.ReasonCode.WAITING_FOR_GAP
    assert (reason.level, reason.next_date) == ("call", D(2026, 3, 10))


def test_forecast(policy, dupont):
    forecast = policy.forecast(dupont, D(2026, 3, 5), D(2026, 6, 30))
    dates = [item.date for item in forecast.items]
    assert dates == sorted(dates)
    assert forecast.items[0].date == D(2026, 3, 5)
    assert forecast.items[0].action.level == "reminder1"
    document = forecast.to_dict()
    assert document["schema"] == "relance.forecast"
    assert [item["date"] for item in document["items"]] == [d.isoformat() for d in dates]
    with pytest.raises(relance.Error):
        policy.forecast(dupont, D(2026, 6, 30), D(2026, 3, 5))


def test_case_from_a_dict_with_dates_and_money(policy):
    case = relance.Case.from_json(
        {
            "customer": {"id": "C-1", "name": "Martin"},
            "events": [
                {
                    "date": D(2026, 1, 5),
                    "type": "invoice_issued",
                    "invoice": "F-1",
                    "amount": relance.Money.parse("100.00 EUR"),
                    "due_date": D(2026, 2, 4),
                }
            ],
        }
    )
    assert case.customer_id == "C-1"
    assert case.invoices == ["F-1"]
    decision = policy.evaluate(case, D(2026, 1, 10))
    assert decision.invoices[0].reason.code is relance.ReasonCode.NOT_YET_DUE


def issued_and_paid_then_written_off():
    return {
        "customer": {"id": "C-2"},
        "events": [
            {"date": "2026-01-05", "type": "invoice_issued", "invoice": "F-1",
             "amount": "100.00 EUR", "due_date": "2026-02-04"},
            {"date": "2026-01-20", "type": "payment_received", "invoice": "F-1",
             "amount": "100.00 EUR"},
            {"date": "2026-02-01", "type": "written_off", "invoice": "F-1"},
        ],
    }


def test_dunning_errors(policy):
    with pytest.raises(relance.Error) as error:
        relance.Case.from_json('{"customer": {"id": "C"}, "events": [')
    assert error.value.line == 1 and error.value.column is not None
    with pytest.raises(relance.Error) as error:
        relance.Case.from_json(
            {"customer": {"id": "C"},
             "events": [{"date": "2026-01-05", "type": "payment_received",
                         "invoice": "F-9", "amount": "1,00 EUR"}]}
        )
    assert error.value.path == "events[0].amount"
    # A payment for an invoice the case never issues.
    with pytest.raises(relance.Error) as error:
        relance.Case.from_json(
            {"customer": {"id": "C"},
             "events": [{"date": "2026-01-05", "type": "payment_received",
                         "invoice": "F-9", "amount": "1.00 EUR"}]}
        )
    assert error.value.path == "events[0]"
    # A write-off of a paid invoice is impossible in its state.
    case = relance.Case.from_json(issued_and_paid_then_written_off())
    with pytest.raises(relance.Error) as error:
        policy.evaluate(case, D(2026, 3, 1))
    assert error.value.code == "failed_precondition"
    with pytest.raises(relance.Error) as error:
        relance.Policy.from_json({"id": "p", "version": 1, "levels": [
            {"id": "a", "offset_days": 99999, "channel": "email"}]})
    assert error.value.path == "levels[0].offset_days"
    with pytest.raises(relance.Error) as error:
        relance.Policy.from_file("/nonexistent/policy.json")
    with pytest.raises(TypeError):
        relance.Policy.from_json(None)
    with pytest.raises(TypeError):
        relance.Policy.from_json(42)
    with pytest.raises(TypeError):
        policy.evaluate(None, D(2026, 3, 1))
    with pytest.raises(TypeError):
        policy.evaluate(case, datetime.datetime(2026, 3, 1))


def test_lifecycle_table():
    transitions = relance.lifecycle_transitions()
    assert all(isinstance(t.source, relance.InvoiceState) for t in transitions)
    # The first row: a payment settling an invoice not yet due closes it as
    # paid (src/lifecycle.cpp, kTransitions).
    first = transitions[0]
    assert (first.source, first.trigger, first.guard, first.target) == (
        relance.InvoiceState.NOT_YET_DUE, "payment", "settled", relance.InvoiceState.PAID)
    dot = relance.lifecycle_dot()
    assert dot.startswith("digraph")
    assert dot.count("->") == len(transitions)


def test_shared_objects_across_threads(policy, dupont):
    # Compiled objects are shared by threads (the GIL is released around
    # Evaluate): every thread gets the same decision.
    expected = policy.evaluate(dupont, D(2026, 3, 5)).to_json()
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(
            lambda _: policy.evaluate(dupont, D(2026, 3, 5)).to_json(), range(40)))
    assert results == [expected] * 40
