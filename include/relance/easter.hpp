// relance/easter.hpp
// -----------------------------------------------------------------------------
// The date of (Western, Gregorian) Easter Sunday, computed.
//
// Many public holidays move with Easter: Good Friday (Easter - 2 days),
// Easter Monday (+1), Ascension Day (+39), Whit Monday (+50). relance computes
// Easter with the "anonymous Gregorian algorithm" published in Butcher's
// Ecclesiastical Calendar (1876) and in Jean Meeus, "Astronomical Algorithms"
// (2nd ed., 1998), chapter 8. It is never read from a table, so it does not
// run out: calendars stay correct for every year relance supports.
//
// The result is checked in tests against the U.S. Census Bureau table
// "Easter Dates from 1600 to 2099" (X-13ARIMA-SEATS genhol, easter500.txt)
// and the Astronomical Society of South Australia table (1700 to 2299).
//
// Example:
//
//   relance::Date easter = relance::EasterSunday(2026);   // 2026-04-05
//   relance::Date good_friday = easter - relance::Days{2};  // 2026-04-03
//   relance::Date whit_monday = easter + relance::Days{50}; // 2026-05-25
#ifndef RELANCE_EASTER_HPP_
#define RELANCE_EASTER_HPP_

#include "relance/date.hpp"
#include "relance/export.hpp"

namespace relance {

// The first year in which Easter was dated by the Gregorian computus (the
// Gregorian calendar began in October 1582).
inline constexpr int kFirstGregorianEasterYear = 1583;
// The last year relance dates live in (`kMaxDate` is 9999-12-31).
inline constexpr int kLastEasterYear = 9999;

// Returns Easter Sunday of `year` in the Gregorian calendar: the first Sunday
// after the ecclesiastical full moon on or after 21 March. The result is always
// between 22 March and 25 April of `year` (22 March in 1818 and 2285; 25 April
// in 1943 and 2038).
//
// Valid, historically meaningful range: 1583..9999. Years 1..1582 return the
// proleptic Gregorian computation (which no church used); relance's calendars
// apply it so that their Easter-based holidays stay defined for every date in
// `kMinDate..kMaxDate`. Precondition: 1 <= year <= 9999 (checked by an assert;
// other years are a programming error, not an input error).
[[nodiscard]] RELANCE_API Date EasterSunday(int year);

}  // namespace relance

#endif  // RELANCE_EASTER_HPP_
