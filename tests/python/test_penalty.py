"""Late-payment penalties and reference rates, against independent Decimal
computations."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import given

import relance

D = datetime.date


def money(text):
    return relance.Money.parse(text)


def test_fr_b2b_example():
    # relance/penalty.hpp: Code de commerce L441-10, second half of 2025:
    # ECB 2.15 % + 10 points; 30 days x 15000.00 x 12.15 % / 365 = 149.79
    # EUR, and EUR 40 compensation (D441-5).
    rule = relance.PenaltyRule.preset("fr-b2b")
    assessment = rule.assess(money("15000.00 EUR"), D(2025, 9, 30), D(2025, 10, 30))
    assert assessment.interest == money("149.79 EUR")
    assert assessment.compensation == money("40.00 EUR")
    assert assessment.total == money("189.79 EUR")
    [line] = assessment.lines
    assert (line.first_day, line.last_day, line.days) == (D(2025, 10, 1), D(2025, 10, 30), 30)
    assert line.annual_rate == relance.Rate.parse("12.15%")
    document = assessment.to_dict()
    assert document["schema"] == "relance.assessment"
    assert document["interest"] == "149.79 EUR"
    assert document["rule"] == "fr-b2b" == assessment.rule_id


def fixed_rule(percent):
    return relance.PenaltyRule.from_json(
        {
            "id": "contract",
            "interest": {"fixed": f"{percent}%"},
            "day_count": "act/365",
            "compensation": None,
        }
    )


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2),
    st.integers(min_value=1, max_value=3000),  # basis points
    st.integers(min_value=1, max_value=1000),  # days late
)
def test_simple_interest_is_principal_rate_days_over_365(principal, bp, days):
    # Independent: principal x rate x days / 365, rounded once, half up.
    rate = Decimal(bp) / 100
    due = D(2026, 1, 31)
    as_of = due + datetime.timedelta(days=days)
    assessment = fixed_rule(rate).assess(relance.Money(principal, "EUR"), due, as_of)
    expected = (principal * rate / 100 * days / 365).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert assessment.interest.amount == expected
    assert assessment.compensation.amount == 0


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2))
def test_payment_stops_interest_on_the_part_paid(principal):
    # A payment of everything on day 10: interest for exactly 10 days.
    rule = fixed_rule(Decimal("10"))
    due = D(2026, 3, 31)
    assessment = rule.assess(
        relance.Money(principal, "EUR"),
        due,
        D(2026, 6, 30),
        payments=[(due + datetime.timedelta(days=10), relance.Money(principal, "EUR"))],
    )
    expected = (principal * Decimal("0.10") * 10 / 365).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert assessment.interest.amount == expected
    assert assessment.principal_outstanding.amount == 0


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2))
def test_eur_40_compensation_when_late(amount):
    # D441-5 / Directive 2011/7/EU art. 6: EUR 40 per late invoice, whatever
    # the amount; nothing when paid on time.
    rule = relance.PenaltyRule.preset("eu-directive")
    late = rule.assess(relance.Money(amount, "EUR"), D(2025, 9, 30), D(2025, 10, 5))
    assert late.compensation == relance.Money(40, "EUR")
    on_time = rule.assess(relance.Money(amount, "EUR"), D(2025, 9, 30), D(2025, 9, 30))
    assert on_time.compensation.amount == 0
    assert relance.PenaltyFlag.NOT_LATE in on_time.flags


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000.00"), places=2))
def test_uk_compensation_bands(amount):
    # Late Payment of Commercial Debts (Interest) Act 1998 s.5A: GBP 40 for a
    # debt under 1,000, 70 under 10,000, 100 for 10,000 or more.
    expected = 40 if amount < 1000 else 70 if amount < 10000 else 100
    rule = relance.PenaltyRule.preset("uk-late-payment")
    assessment = rule.assess(relance.Money(amount, "GBP"), D(2024, 3, 1), D(2024, 4, 1))
    assert assessment.compensation == relance.Money(expected, "GBP")


def test_assessment_inputs_are_checked():
    rule = relance.PenaltyRule.preset("fr-b2b")
    with pytest.raises(relance.Error, match="USD|currenc"):
        rule.assess(
            money("100.00 EUR"),
            D(2025, 9, 30),
            D(2025, 10, 30),
            payments=[(D(2025, 10, 1), money("10.00 USD"))],
        )
    with pytest.raises(TypeError):
        rule.assess(100.0, D(2025, 9, 30), D(2025, 10, 30))
    with pytest.raises(TypeError):
        rule.assess(money("100.00 EUR"), D(2025, 9, 30), datetime.datetime(2025, 10, 30))
    with pytest.raises(TypeError):
        rule.assess(money("100.00 EUR"), D(2025, 9, 30), None)
    with pytest.raises(relance.Error) as error:
        relance.PenaltyRule.preset("fr-b2c")
    assert error.value.code == "not_found"
    with pytest.raises(relance.Error) as error:
        relance.PenaltyRule.from_json({"id": "x", "interest": {"fixed": "15"}})
    assert error.value.path == "interest.fixed"


def test_rates_after_the_last_known_date_are_out_of_range():
    ecb = relance.RateSeries.builtin("ecb-mro")
    assert ecb.rate_at(D(2025, 7, 1)) == relance.Rate.parse("2.15%")
    later = ecb.last_known_date + datetime.timedelta(days=1)
    with pytest.raises(relance.Error) as error:
        ecb.rate_at(later)
    assert error.value.code == "out_of_range"
    with pytest.raises(relance.Error) as error:
        relance.PenaltyRule.preset("fr-b2b").assess(
            money("10000.00 EUR"), D(2030, 1, 31), D(2030, 3, 2)
        )
    assert error.value.code == "out_of_range"


def extended_ecb():
    ecb = relance.RateSeries.builtin("ecb-mro")
    return ecb.extended([(D(2030, 1, 1), relance.Rate.parse("3%"))], D(2031, 12, 31))


def test_host_rate_series_feed_the_presets():
    # fr-b2b in the first half of 2030 with a host's ECB rate of 3 %: 13 %;
    # 30 days x 10000.00 x 13 % / 365 = 106.849... -> 106.85 EUR.
    rates = relance.ReferenceRates.builtin().with_series(extended_ecb())
    rule = relance.PenaltyRule.preset("fr-b2b", rates)
    assessment = rule.assess(money("10000.00 EUR"), D(2030, 1, 31), D(2030, 3, 2))
    assert assessment.interest == money("106.85 EUR")
    assert rates.find("ecb-mro").last_known_date == D(2031, 12, 31)


def test_rates_directory(tmp_path):
    # A rates file extending the built-in ECB series starts on its last
    # known date and agrees with it there.
    ecb = relance.RateSeries.builtin("ecb-mro")
    end, rate = ecb.last_known_date, ecb.last_known_rate().percent
    (tmp_path / "ecb-mro.csv").write_text(
        "# last_known_date: 2031-12-31\neffective_date,rate_percent\n"
        f"{end.isoformat()},{rate}\n2030-01-01,3.00\n"
    )
    rates = relance.ReferenceRates.from_directory(tmp_path)
    assert rates.find("ecb-mro").rate_at(D(2030, 6, 1)) == relance.Rate.parse("3%")
    (tmp_path / "ecb-mro.csv").write_text("effective_date,rate_percent\n2030-01-01,3.00\n")
    with pytest.raises(relance.Error, match="last_known_date"):
        relance.ReferenceRates.from_directory(tmp_path)
    with pytest.raises(relance.Error):
        relance.ReferenceRates.from_directory(tmp_path / "missing")


def test_host_series_from_points_csv_and_json():
    series = relance.RateSeries.create(
        "house-rate",
        [(D(2026, 1, 1), relance.Rate.parse("5%")), (D(2026, 7, 1), relance.Rate.parse("4.5%"))],
        D(2026, 12, 31),
        cadence=relance.RateCadence.HALF_YEARLY,
    )
    assert series.rate_at(D(2026, 8, 1)) == relance.Rate.parse("4.5%")
    assert series.cadence is relance.RateCadence.HALF_YEARLY
    csv = "# last_known_date: 2026-12-31\neffective_date,rate_percent\n2026-01-01,5.00\n2026-07-01,abc\n"
    with pytest.raises(relance.Error) as error:
        relance.RateSeries.from_csv(csv, "house")
    assert error.value.line == 4
    from_json = relance.RateSeries.from_json(
        {
            "id": "house",
            "last_known_date": D(2026, 12, 31),
            "points": [{"from": D(2026, 1, 1), "rate": relance.Rate.parse("5%")}],
        }
    )
    assert from_json.points == [(D(2026, 1, 1), relance.Rate.parse("5%"))]
