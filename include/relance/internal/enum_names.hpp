// relance/internal/enum_names.hpp
// -----------------------------------------------------------------------------
// The stable text names of relance's enumerations, in one table per enum, so
// that printing and parsing agree and every parse error lists the names.
//
//   constexpr internal::EnumName<DayCount> kDayCountNames[] = {
//       {DayCount::kActual365Fixed, "act/365"},
//       {DayCount::kActual365Fixed, "actual/365"},  // an alias: parsed only
//       ...};
//   NameOf(kDayCountNames, DayCount::kActual365Fixed);       // "act/365"
//   ParseName(kDayCountNames, "act/364", "day count");
//   // kInvalidArgument: day count "act/364": expected one of act/365, ...
#ifndef RELANCE_INTERNAL_ENUM_NAMES_HPP_
#define RELANCE_INTERNAL_ENUM_NAMES_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"

namespace relance::internal {

template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

// The first name listed for `value` (its canonical name); "?" if none.
template <typename E, size_t N>
constexpr std::string_view NameOf(const EnumName<E> (&table)[N], E value) {
  for (const EnumName<E>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// The value named `text` (canonical names and aliases, case-sensitive).
// Errors: kInvalidArgument `<what> "<text>": expected one of <canonical
// names>`.
template <typename E, size_t N>
absl::StatusOr<E> ParseName(const EnumName<E> (&table)[N],
                            std::string_view text, std::string_view what) {
  for (const EnumName<E>& entry : table) {
    if (entry.name == text) return entry.value;
  }
  std::string names;
  for (size_t i = 0; i < N; ++i) {
    if (NameOf(table, table[i].value) != table[i].name) continue;  // alias
    if (!names.empty()) names += ", ";
    names += std::string(table[i].name);
  }
  return absl::InvalidArgumentError(absl::StrCat(std::string(what), " ",
                                                 QuoteForMessage(text),
                                                 ": expected one of ", names));
}

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_ENUM_NAMES_HPP_
