"""Money, currencies, rates and dates at the Python boundary."""

import datetime
import decimal
import pickle
from decimal import Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import given

import relance


def test_version_is_the_library_version():
    # relance.__version__ is relance::VersionString(); the project version in
    # CMakeLists.txt is MAJOR.MINOR.PATCH, and VersionNumber() packs it as
    # major * 10000 + minor * 100 + patch.
    major, minor, patch = (int(p) for p in relance.__version__.split("."))
    assert relance.version_number() == major * 10000 + minor * 100 + patch
    assert relance.__version__ == relance.version_string()


def test_money_from_decimal_keeps_the_exact_amount():
    money = relance.Money(Decimal("1234.56"), "EUR")
    assert money.minor_units == 123456
    assert money.amount == Decimal("1234.56")
    assert isinstance(money.amount, Decimal)
    assert money.currency == "EUR"
    assert str(money) == "1234.56 EUR"
    assert repr(money) == "relance.Money('1234.56', 'EUR')"


def test_money_from_int_and_text():
    assert relance.Money(12, "EUR").minor_units == 1200
    assert relance.Money(12, "JPY").minor_units == 12
    assert relance.Money("0.05", "EUR").minor_units == 5
    # The value counts, not the digits written: 2.00 JPY is 2 yen.
    assert relance.Money(Decimal("2.00"), "JPY").minor_units == 2
    assert relance.Money(Decimal("1E+2"), "EUR").minor_units == 10000
    assert relance.Money(Decimal("1.500"), "BHD").minor_units == 1500


def test_money_parse_and_format():
    money = relance.Money.parse("1234567.89 EUR")
    assert money == relance.Money(Decimal("1234567.89"), "EUR")
    assert money.format() == "1234567.89"
    assert money.format(",", " ") == "1 234 567,89"
    assert relance.Money.from_minor_units(-5, "EUR").amount == Decimal("-0.05")
    assert relance.Money.zero("JPY").amount == Decimal("0")


def test_money_arithmetic_and_order_within_one_currency():
    a = relance.Money(Decimal("10.10"), "EUR")
    b = relance.Money(Decimal("0.90"), "EUR")
    assert a + b == relance.Money(11, "EUR")
    assert a - b == relance.Money(Decimal("9.20"), "EUR")
    assert -a == relance.Money(Decimal("-10.10"), "EUR")
    assert abs(-a) == a
    assert b < a and a >= b and not a < b
    assert hash(a) == hash(relance.Money.parse("10.10 EUR"))
    assert pickle.loads(pickle.dumps(a)) == a


def test_money_refuses_floats():
    with pytest.raises(TypeError, match="not a float"):
        relance.Money(0.1, "EUR")
    with pytest.raises(TypeError, match="not a float"):
        relance.Money(12.0, "EUR")


@pytest.mark.parametrize("amount", [None, True, [1], b"1"])
def test_money_refuses_other_types(amount):
    with pytest.raises(TypeError):
        relance.Money(amount, "EUR")


def test_money_refuses_a_currency_that_is_not_a_code():
    with pytest.raises(TypeError):
        relance.Money(1, None)
    with pytest.raises(relance.Error) as error:
        relance.Money(1, "ABC")
    assert error.value.code == "invalid_argument"


@pytest.mark.parametrize(
    "amount, currency",
    [
        (Decimal("1.001"), "EUR"),  # more decimals than cents
        (Decimal("1.5"), "JPY"),  # yen have no decimals
        (Decimal("NaN"), "EUR"),
        (Decimal("Infinity"), "EUR"),
        (Decimal("1E+16"), "EUR"),  # 10^18 cents, beyond the bound of 10^17
        (10**20, "EUR"),
        ("12,50", "EUR"),  # not relance's decimal text
    ],
)
def test_money_refuses_inexact_or_unbounded_amounts(amount, currency):
    with pytest.raises(relance.Error):
        relance.Money(amount, currency)


def test_mixed_currencies_never_mix():
    eur = relance.Money(1, "EUR")
    usd = relance.Money(1, "USD")
    with pytest.raises(relance.Error, match="EUR.*USD"):
        eur + usd
    with pytest.raises(relance.Error):
        eur - usd
    with pytest.raises(relance.Error):
        eur < usd
    # Equality is not an order: different currencies are simply not equal.
    assert eur != usd


def test_money_with_other_types_is_not_implemented():
    with pytest.raises(TypeError):
        relance.Money(1, "EUR") + 1
    with pytest.raises(TypeError):
        relance.Money(1, "EUR") + Decimal("1")


cents = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(cents, cents)
def test_money_agrees_with_decimal(a, b):
    # Independent computation: Python's Decimal, exact at this size.
    x = relance.Money(a, "EUR")
    y = relance.Money(b, "EUR")
    assert x.amount == a
    assert (x + y).amount == a + b
    assert (x - y).amount == a - b
    assert (x < y) == (a < b)
    assert relance.Money.parse(str(x)) == x


def test_currency():
    eur = relance.Currency("EUR")
    assert (eur.code, eur.minor_digits, eur.numeric_code) == ("EUR", 2, 978)
    assert relance.Currency("BHD").minor_digits == 3
    assert "EUR" in [c.code for c in relance.currencies()]
    assert relance.Money(1, eur).currency == "EUR"


def test_rates_are_exact():
    rate = relance.Rate.parse("12.15%")
    assert rate.parts_per_billion == 121_500_000
    assert rate.percent == Decimal("12.15")
    assert rate.ratio == Decimal("0.1215")
    assert str(rate) == "12.15%"
    assert relance.Rate.from_percent(Decimal("12.15")) == rate
    assert relance.Rate.from_basis_points(1215) == rate
    assert relance.Rate.from_ratio("0.1215") == rate
    assert relance.Rate.parse("2.15%") + relance.Rate.from_percent(10) == rate
    with pytest.raises(TypeError):
        relance.Rate.from_percent(12.15)
    with pytest.raises(relance.Error, match="ambiguous"):
        relance.Rate.parse_percent("15")


def test_dates_in_and_out():
    assert relance.parse_date("2024-02-29") == datetime.date(2024, 2, 29)
    assert relance.format_date(datetime.date(2026, 1, 5)) == "2026-01-05"
    with pytest.raises(relance.Error) as error:
        relance.parse_date("2025-02-29")
    assert "does not exist" in error.value.message


def test_datetimes_are_refused_naive_or_aware():
    naive = datetime.datetime(2026, 1, 5, 12, 0)
    aware = datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc)
    for value in (naive, aware):
        with pytest.raises(TypeError, match="datetime.datetime"):
            relance.format_date(value)
    with pytest.raises(TypeError):
        relance.format_date(None)
    with pytest.raises(TypeError):
        relance.format_date("2026-01-05")


def test_error_is_a_value_error_with_a_position():
    with pytest.raises(ValueError) as error:
        relance.parse_date("2026/01/05")
    assert isinstance(error.value, relance.Error)
    assert error.value.code == "invalid_argument"
    assert error.value.column == 5  # the '/'
    assert str(error.value) == error.value.message


def test_enumerations_mirror_the_library():
    # Every Python enum holds exactly the library's names, in its order.
    for enum in (
        relance.BusinessDayConvention,
        relance.RoundingMode,
        relance.EndOfMonthReading,
        relance.DiscountBase,
        relance.DayCount,
        relance.Jurisdiction,
        relance.RateCadence,
        relance.Channel,
        relance.Grouping,
        relance.EventKind,
        relance.ReasonCode,
        relance.Severity,
        relance.PenaltyFlag,
        relance.InvoiceState,
        relance.PenaltyStatus,
    ):
        library = relance._relance._enum_names(enum.__name__)
        assert [member.value for member in enum] == library, enum.__name__


def test_type_stubs_describe_the_package():
    # relance/__init__.pyi names everything relance exports, and every
    # method and attribute it declares on a class exists at run time.
    import ast
    import pathlib

    stub = ast.parse((pathlib.Path(relance.__file__).parent / "__init__.pyi").read_text())
    names = set()
    for node in stub.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
        if isinstance(node, ast.ClassDef):
            runtime = getattr(relance, node.name)
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    assert hasattr(runtime, member.name), (node.name, member.name)
                elif isinstance(member, ast.AnnAssign):
                    assert hasattr(runtime, member.target.id), (node.name, member.target.id)
    assert set(relance.__all__) <= names, set(relance.__all__) - names
