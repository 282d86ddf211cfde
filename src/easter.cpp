#include "relance/easter.hpp"

#include <cassert>

namespace relance {

// The anonymous Gregorian algorithm (Butcher 1876; Meeus, "Astronomical
// Algorithms", chapter 8). Every quotient and remainder is of non-negative
// integers for year >= 1, so C++ integer division is the floor division the
// algorithm assumes.
Date EasterSunday(int year) {
  assert(year >= 1 && year <= kLastEasterYear);
  const int a = year % 19;   // position in the 19-year lunar (Metonic) cycle
  const int b = year / 100;  // century
  const int c = year % 100;  // year within the century
  const int d = b / 4;       // century leap-year correction
  const int e = b % 4;
  const int f = (b + 8) / 25;  // lunar correction
  const int g = (b - f + 1) / 3;
  // Days from 21 March to the ecclesiastical full moon.
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  // Days from the full moon to the following Sunday.
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  // 1 only in the two exceptions of the Gregorian tables, which keep Easter
  // on or before 25 April; 0 otherwise.
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return MakeDate(year, static_cast<unsigned>(month),
                  static_cast<unsigned>(day));
}

}  // namespace relance
