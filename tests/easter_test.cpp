// Tests for relance/easter.hpp: Easter Sunday against published tables.
#include "relance/easter.hpp"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/date.hpp"

namespace relance {
namespace {

struct EasterCase {
  int year;
  unsigned month;
  unsigned day;
};

// Gregorian Easter Sunday 1900..2099, every year, quoted from the U.S. Census
// Bureau table "Easter Dates from 1600 to 2099" (X-13ARIMA-SEATS genhol,
// https://www2.census.gov/software/x-13arima-seats/win-genhol/download/easter500.txt,
// page https://www.census.gov/data/software/x13as/genhol/easter-dates.html).
constexpr EasterCase kCensusTable1900To2099[] = {
    {1900, 4, 15}, {1901, 4, 7},  {1902, 3, 30}, {1903, 4, 12}, {1904, 4, 3},
    {1905, 4, 23}, {1906, 4, 15}, {1907, 3, 31}, {1908, 4, 19}, {1909, 4, 11},
    {1910, 3, 27}, {1911, 4, 16}, {1912, 4, 7},  {1913, 3, 23}, {1914, 4, 12},
    {1915, 4, 4},  {1916, 4, 23}, {1917, 4, 8},  {1918, 3, 31}, {1919, 4, 20},
    {1920, 4, 4},  {1921, 3, 27}, {1922, 4, 16}, {1923, 4, 1},  {1924, 4, 20},
    {1925, 4, 12}, {1926, 4, 4},  {1927, 4, 17}, {1928, 4, 8},  {1929, 3, 31},
    {1930, 4, 20}, {1931, 4, 5},  {1932, 3, 27}, {1933, 4, 16}, {1934, 4, 1},
    {1935, 4, 21}, {1936, 4, 12}, {1937, 3, 28}, {1938, 4, 17}, {1939, 4, 9},
    {1940, 3, 24}, {1941, 4, 13}, {1942, 4, 5},  {1943, 4, 25}, {1944, 4, 9},
    {1945, 4, 1},  {1946, 4, 21}, {1947, 4, 6},  {1948, 3, 28}, {1949, 4, 17},
    {1950, 4, 9},  {1951, 3, 25}, {1952, 4, 13}, {1953, 4, 5},  {1954, 4, 18},
    {1955, 4, 10}, {1956, 4, 1},  {1957, 4, 21}, {1958, 4, 6},  {1959, 3, 29},
    {1960, 4, 17}, {1961, 4, 2},  {1962, 4, 22}, {1963, 4, 14}, {1964, 3, 29},
    {1965, 4, 18}, {1966, 4, 10}, {1967, 3, 26}, {1968, 4, 14}, {1969, 4, 6},
    {1970, 3, 29}, {1971, 4, 11}, {1972, 4, 2},  {1973, 4, 22}, {1974, 4, 14},
    {1975, 3, 30}, {1976, 4, 18}, {1977, 4, 10}, {1978, 3, 26}, {1979, 4, 15},
    {1980, 4, 6},  {1981, 4, 19}, {1982, 4, 11}, {1983, 4, 3},  {1984, 4, 22},
    {1985, 4, 7},  {1986, 3, 30}, {1987, 4, 19}, {1988, 4, 3},  {1989, 3, 26},
    {1990, 4, 15}, {1991, 3, 31}, {1992, 4, 19}, {1993, 4, 11}, {1994, 4, 3},
    {1995, 4, 16}, {1996, 4, 7},  {1997, 3, 30}, {1998, 4, 12}, {1999, 4, 4},
    {2000, 4, 23}, {2001, 4, 15}, {2002, 3, 31}, {2003, 4, 20}, {2004, 4, 11},
    {2005, 3, 27}, {2006, 4, 16}, {2007, 4, 8},  {2008, 3, 23}, {2009, 4, 12},
    {2010, 4, 4},  {2011, 4, 24}, {2012, 4, 8},  {2013, 3, 31}, {2014, 4, 20},
    {2015, 4, 5},  {2016, 3, 27}, {2017, 4, 16}, {2018, 4, 1},  {2019, 4, 21},
    {2020, 4, 12}, {2021, 4, 4},  {2022, 4, 17}, {2023, 4, 9},  {2024, 3, 31},
    {2025, 4, 20}, {2026, 4, 5},  {2027, 3, 28}, {2028, 4, 16}, {2029, 4, 1},
    {2030, 4, 21}, {2031, 4, 13}, {2032, 3, 28}, {2033, 4, 17}, {2034, 4, 9},
    {2035, 3, 25}, {2036, 4, 13}, {2037, 4, 5},  {2038, 4, 25}, {2039, 4, 10},
    {2040, 4, 1},  {2041, 4, 21}, {2042, 4, 6},  {2043, 3, 29}, {2044, 4, 17},
    {2045, 4, 9},  {2046, 3, 25}, {2047, 4, 14}, {2048, 4, 5},  {2049, 4, 18},
    {2050, 4, 10}, {2051, 4, 2},  {2052, 4, 21}, {2053, 4, 6},  {2054, 3, 29},
    {2055, 4, 18}, {2056, 4, 2},  {2057, 4, 22}, {2058, 4, 14}, {2059, 3, 30},
    {2060, 4, 18}, {2061, 4, 10}, {2062, 3, 26}, {2063, 4, 15}, {2064, 4, 6},
    {2065, 3, 29}, {2066, 4, 11}, {2067, 4, 3},  {2068, 4, 22}, {2069, 4, 14},
    {2070, 3, 30}, {2071, 4, 19}, {2072, 4, 10}, {2073, 3, 26}, {2074, 4, 15},
    {2075, 4, 7},  {2076, 4, 19}, {2077, 4, 11}, {2078, 4, 3},  {2079, 4, 23},
    {2080, 4, 7},  {2081, 3, 30}, {2082, 4, 19}, {2083, 4, 4},  {2084, 3, 26},
    {2085, 4, 15}, {2086, 3, 31}, {2087, 4, 20}, {2088, 4, 11}, {2089, 4, 3},
    {2090, 4, 16}, {2091, 4, 8},  {2092, 3, 30}, {2093, 4, 12}, {2094, 4, 4},
    {2095, 4, 24}, {2096, 4, 15}, {2097, 3, 31}, {2098, 4, 20}, {2099, 4, 12},
};

// Dates outside 1900..2099, including the extremes 22 March and 25 April.
//   1600..1899: the same U.S. Census Bureau table (easter500.txt).
//   2100..2299: Astronomical Society of South Australia, "Easter Sunday Dates
//               1700-2299" (https://www.assa.org.au/edm).
//   1583, 1598: the first Gregorian Easters (ASSA, Easter Dating Method).
constexpr EasterCase kOtherPublishedDates[] = {
    {1583, 4, 10},                 // first Easter after the Gregorian reform
    {1598, 3, 22},                 // earliest possible date
    {1600, 4, 2},  {1666, 4, 25},  // latest possible date
    {1693, 3, 22}, {1734, 4, 25}, {1789, 4, 12},
    {1804, 4, 1},  {1818, 3, 22},  // earliest possible date
    {1830, 4, 11}, {1848, 4, 23}, {1870, 4, 17},
    {2100, 3, 28}, {2150, 4, 12}, {2200, 4, 6},
    {2250, 4, 21}, {2285, 3, 22},  // earliest possible date, next after 1818
    {2299, 4, 16},
};

TEST(EasterSunday, MatchesCensusBureauTableForEveryYear1900To2099) {
  ASSERT_EQ(std::size(kCensusTable1900To2099), 200u);
  for (const EasterCase& c : kCensusTable1900To2099) {
    EXPECT_EQ(EasterSunday(c.year), MakeDate(c.year, c.month, c.day))
        << "year " << c.year;
  }
}

TEST(EasterSunday, MatchesPublishedDatesOutside1900To2099) {
  for (const EasterCase& c : kOtherPublishedDates) {
    EXPECT_EQ(EasterSunday(c.year), MakeDate(c.year, c.month, c.day))
        << "year " << c.year;
  }
}

TEST(EasterSunday, ReachesBothExtremes) {
  // 22 March and 25 April are the earliest and latest possible dates; the
  // published tables give 2285-03-22 and 2038-04-25 (also 1943-04-25).
  EXPECT_EQ(EasterSunday(2285), MakeDate(2285, 3, 22));
  EXPECT_EQ(EasterSunday(2038), MakeDate(2038, 4, 25));
  EXPECT_EQ(EasterSunday(1943), MakeDate(1943, 4, 25));
}

// Properties that hold for every year, checked over the whole supported range
// (the tables above pin the exact dates; these catch gross errors elsewhere).
TEST(EasterSunday, IsASundayBetween22MarchAnd25AprilInEveryYear) {
  for (int year = 1; year <= kLastEasterYear; ++year) {
    const Date easter = EasterSunday(year);
    ASSERT_EQ(WeekdayOf(easter), date::Sunday) << "year " << year;
    ASSERT_GE(easter, MakeDate(year, 3, 22)) << "year " << year;
    ASSERT_LE(easter, MakeDate(year, 4, 25)) << "year " << year;
  }
}

TEST(EasterSunday, TakesEveryPossibleDateOverTheGregorianRange) {
  // 22 March .. 25 April is 35 dates; each occurs in 1583..9999.
  std::set<Days::rep> offsets;
  for (int year = kFirstGregorianEasterYear; year <= kLastEasterYear; ++year) {
    offsets.insert((EasterSunday(year) - MakeDate(year, 3, 22)).count());
  }
  EXPECT_EQ(offsets.size(), 35u);
}

}  // namespace
}  // namespace relance
