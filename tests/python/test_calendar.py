"""Business calendars: built-in and JSON, adjusting and adding business days,
checked against a hand list of French public holidays."""

import datetime
import json

import hypothesis.strategies as st
import pytest
from hypothesis import given

import relance

D = datetime.date

# France 2026, Code du travail L3133-1 (the eleven jours fériés), Easter
# Sunday on 5 April 2026: Easter Monday 6 April, Ascension 14 May (Easter +
# 39), Whit Monday 25 May (Easter + 50).
FR_2026 = {
    D(2026, 1, 1),
    D(2026, 4, 6),
    D(2026, 5, 1),
    D(2026, 5, 8),
    D(2026, 5, 14),
    D(2026, 5, 25),
    D(2026, 7, 14),
    D(2026, 8, 15),
    D(2026, 11, 1),
    D(2026, 11, 11),
    D(2026, 12, 25),
}


def business(day: datetime.date) -> bool:
    """The independent definition: not Saturday or Sunday, not a holiday."""
    return day.weekday() < 5 and day not in FR_2026


def following(day):
    while not business(day):
        day += datetime.timedelta(days=1)
    return day


def preceding(day):
    while not business(day):
        day -= datetime.timedelta(days=1)
    return day


def modified_following(day):
    result = following(day)
    return result if result.month == day.month else preceding(day)


def modified_preceding(day):
    result = preceding(day)
    return result if result.month == day.month else following(day)


# Dates whose adjustment stays within 2026 (the hand list's year).
dates_2026 = st.dates(min_value=D(2026, 1, 5), max_value=D(2026, 12, 24))


def test_builtin_calendars():
    assert "FR" in relance.Calendar.builtin_codes()
    fr = relance.Calendar.builtin("FR")
    assert fr.code == "FR"
    assert fr.weekend == ["saturday", "sunday"]
    assert {h.date for h in fr.holidays(2026)} == FR_2026
    assert not fr.is_business_day(D(2026, 5, 14))
    assert fr.is_holiday(D(2026, 5, 14))
    assert fr.is_weekend(D(2026, 5, 30))


def test_unknown_calendar_is_not_found():
    with pytest.raises(relance.Error) as error:
        relance.Calendar.builtin("XX")
    assert error.value.code == "not_found"


def test_header_examples():
    # relance/calendar.hpp: Saturday 30 May 2026, modified following, rolls
    # back to Friday 29 May because Monday 1 June is in another month.
    fr = relance.Calendar.builtin("FR")
    assert fr.adjust(D(2026, 5, 30), "modified-following") == D(2026, 5, 29)
    assert fr.add_business_days(D(2026, 5, 13), 1) == D(2026, 5, 15)
    assert fr.count_business_days(D(2026, 5, 1), D(2026, 5, 31)) == 17


@given(dates_2026)
def test_adjust_agrees_with_the_hand_list(day):
    fr = relance.Calendar.builtin("FR")
    C = relance.BusinessDayConvention
    assert fr.adjust(day) == following(day)
    assert fr.adjust(day, C.PRECEDING) == preceding(day)
    assert fr.adjust(day, C.MODIFIED_FOLLOWING) == modified_following(day)
    assert fr.adjust(day, C.MODIFIED_PRECEDING) == modified_preceding(day)
    assert fr.adjust(day, C.UNADJUSTED) == day


@given(dates_2026, st.integers(min_value=-60, max_value=60))
def test_add_and_count_business_days_agree_with_a_walk(day, n):
    fr = relance.Calendar.builtin("FR")
    # Walk day by day over the hand list.
    expected, left = day, abs(n)
    step = datetime.timedelta(days=1 if n > 0 else -1)
    while left > 0:
        expected += step
        if business(expected):
            left -= 1
    if D(2026, 1, 1) <= expected <= D(2026, 12, 31):
        assert fr.add_business_days(day, n) == expected
    later = day + datetime.timedelta(days=abs(n))
    if later.year == 2026:
        walked = sum(
            business(day + datetime.timedelta(days=i)) for i in range(1, abs(n) + 1)
        )
        assert fr.count_business_days(day, later) == walked


def test_calendar_from_json_dict_and_text():
    document = {
        "code": "ACME",
        "base": "FR",
        "holidays": [{"name": "Company day", "date": D(2026, 12, 24)}],
    }
    acme = relance.Calendar.from_json(document)
    assert not acme.is_business_day(D(2026, 12, 24))
    assert relance.Calendar.builtin("FR").is_business_day(D(2026, 12, 24))
    same = relance.Calendar.from_json(json.dumps(document, default=str))
    assert same.holidays(2026) == acme.holidays(2026)


def test_calendar_errors_carry_the_json_path():
    with pytest.raises(relance.Error) as error:
        relance.Calendar.from_json({"code": "X", "holidays": [{"name": "a", "month": 13, "day": 1}]})
    assert error.value.path == "holidays[0].month"
    with pytest.raises(relance.Error) as error:
        relance.Calendar.from_json('{"code": "X",')
    assert error.value.line == 1 and error.value.column is not None
    with pytest.raises(TypeError):
        relance.Calendar.from_json(None)
    with pytest.raises(TypeError):
        relance.Calendar.from_json({"code": "X", "extra_dates": [datetime.datetime(2026, 1, 2)]})


def test_convention_names_are_checked():
    fr = relance.Calendar.builtin("FR")
    with pytest.raises(relance.Error, match="following"):
        fr.adjust(D(2026, 5, 30), "next")
    with pytest.raises(TypeError):
        fr.adjust(D(2026, 5, 30), None)
