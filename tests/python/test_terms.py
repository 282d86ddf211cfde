"""Payment terms: schedules, discounts, legal checks, and their errors."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import given

import relance

D = datetime.date
EUR = "EUR"


def test_two_ten_net_thirty():
    # relance/terms.hpp: "2/10 net 30" on 2026-01-31 for 1000.00 EUR is due
    # 2026-03-02 (30 days), 2 % (20.00 EUR) off until 2026-02-10.
    terms = relance.Terms.parse("2/10 net 30")
    schedule = terms.schedule(D(2026, 1, 31), relance.Money(Decimal("1000.00"), EUR))
    assert schedule.final_due_date == D(2026, 3, 2)
    [instalment] = schedule.instalments
    assert instalment.amount == relance.Money(Decimal("1000.00"), EUR)
    [discount] = schedule.discounts
    assert discount.deadline == D(2026, 2, 10)
    assert discount.discount == relance.Money(20, EUR)
    assert discount.net_payable == relance.Money(980, EUR)
    assert discount.percent == relance.Rate.parse("2%")


def test_schedule_document():
    terms = relance.Terms.parse("45 jours fin de mois")
    schedule = terms.schedule(
        D(2026, 1, 15), relance.Money(1200, EUR), check=[relance.Jurisdiction.FR]
    )
    document = schedule.to_dict()
    assert document["schema"] == "relance.schedule"
    assert document["total"] == "1200.00 EUR"
    assert document["final_due_date"] == schedule.final_due_date.isoformat()
    assert [c["jurisdiction"] for c in document["legal"]] == ["FR"]
    assert schedule.checks[0].jurisdiction is relance.Jurisdiction.FR


def test_eom_reading_and_calendar_options():
    # 45 days then month end: 2026-01-15 + 45 = 2026-03-01 -> 2026-03-31;
    # month end then 45 days: 2026-01-31 + 45 = 2026-03-17.
    text = "45 jours fin de mois"
    R = relance.EndOfMonthReading
    assert relance.Terms.parse(text).due_dates(D(2026, 1, 15)) == [D(2026, 3, 31)]
    assert relance.Terms.parse(text, eom_reading=R.EOM_THEN_DAYS).due_dates(
        D(2026, 1, 15)
    ) == [D(2026, 3, 17)]
    # Net 30 from 2026-04-15 is Friday 15 May... from 2026-04-14 it is
    # Thursday 14 May, Ascension in France: following moves it to 15 May.
    fr = relance.Calendar.builtin("FR")
    assert relance.Terms.parse("net 30", calendar=fr).due_dates(D(2026, 4, 14)) == [
        D(2026, 5, 15)
    ]


def test_legal_check():
    # relance/terms_check.hpp: "fin de mois 45 jours" (CM+45D) gives 75 days
    # for an invoice of 2024-01-01: beyond 60 days, within the "45 jours fin
    # de mois" derogation: it needs express agreement.
    check = relance.Terms.parse("fin de mois 45 jours").check("FR")
    assert not check.compliant
    [finding] = check.findings
    assert finding.severity is relance.Severity.NEEDS_EXPRESS_AGREEMENT
    assert relance.Terms.parse("net 30").check(relance.Jurisdiction.EU).compliant


@given(
    st.integers(min_value=1, max_value=99),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2),
)
def test_split_instalments_sum_to_the_total(first_percent, total):
    # "P% now, (100-P)% net 60": the first line is total x P %, rounded half
    # away from zero to the cent (the terms' default rounding); the second is
    # what is left. Computed independently with Decimal.
    terms = relance.Terms.parse(f"{first_percent}% now, {100 - first_percent}% net 60")
    schedule = terms.schedule(D(2026, 1, 15), relance.Money(total, EUR))
    first, second = schedule.instalments
    assert first.amount.amount + second.amount.amount == total
    exact = total * first_percent / 100
    assert abs(first.amount.amount - exact) < Decimal("0.01")


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2))
def test_discount_is_the_percentage_rounded_half_up(total):
    schedule = relance.Terms.parse("2/10 net 30").schedule(
        D(2026, 1, 31), relance.Money(total, EUR)
    )
    expected = (total * Decimal("0.02")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert schedule.discounts[0].discount.amount == expected
    assert schedule.discounts[0].net_payable.amount == total - expected


def test_terms_errors():
    with pytest.raises(relance.Error) as error:
        relance.Terms.parse("net 3O")
    assert error.value.column is not None
    with pytest.raises(relance.Error) as error:
        relance.Terms.from_json({"lines": [{"percent": "50%", "due": "30D"}]})
    assert error.value.code == "invalid_argument"
    with pytest.raises(relance.Error):
        relance.Terms.from_json("{not json")
    with pytest.raises(TypeError):
        relance.Terms.parse(None)
    terms = relance.Terms.parse("net 30")
    with pytest.raises(TypeError):
        terms.schedule(D(2026, 1, 1), 100.0)
    with pytest.raises(TypeError):
        terms.schedule(datetime.datetime(2026, 1, 1), relance.Money(1, EUR))
    # A tax in another currency than the total.
    with pytest.raises(relance.Error):
        terms.schedule(D(2026, 1, 1), relance.Money(100, EUR), relance.Money(20, "USD"))


def test_terms_from_another_system(examples):
    text = (examples / "terms" / "odoo15_31_days_on_the_15th.json").read_text()
    terms = relance.Terms.from_system("odoo", text)
    assert terms.due_dates(D(2023, 1, 16))
    with pytest.raises(relance.Error):
        relance.Terms.from_system("quickbooks", text)
