#include "relance/currency.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "relance/internal/embedded_data.hpp"
#include "relance/internal/quote.hpp"

namespace relance {

// The parsed ISO 4217 table: built once from the embedded CSV, immutable after.
class CurrencyTable {
 public:
  static const CurrencyTable& Get() {
    static const CurrencyTable* const table = new CurrencyTable();
    return *table;
  }

  const std::vector<Currency>& currencies() const { return currencies_; }
  std::string_view name(uint16_t index) const { return names_[index]; }

  const Currency* Find(std::string_view code) const {
    auto it = std::lower_bound(
        currencies_.begin(), currencies_.end(), code,
        [](const Currency& c, std::string_view key) { return c.code() < key; });
    if (it == currencies_.end() || it->code() != code) return nullptr;
    return &*it;
  }

 private:
  CurrencyTable() {
    // The file is part of the build and checked by tests; a malformed line is
    // a build defect, so it stops the program loudly rather than being skipped.
    int line_number = 0;
    for (absl::string_view line : absl::StrSplit(
             absl::string_view(internal::EmbeddedCurrenciesCsv().data(),
                               internal::EmbeddedCurrenciesCsv().size()),
             '\n')) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#' ||
          absl::StartsWith(line, "code,")) {
        continue;
      }
      std::vector<absl::string_view> fields = absl::StrSplit(line, ',');
      int numeric = 0;
      int digits = 0;
      if (fields.size() != 4 || fields[0].size() != 3 ||
          !absl::SimpleAtoi(fields[1], &numeric) ||
          !absl::SimpleAtoi(fields[2], &digits) || digits < 0 ||
          digits > Currency::kMaxMinorDigits) {
        std::abort();
      }
      const auto index = static_cast<uint16_t>(names_.size());
      names_.emplace_back(fields[3]);
      currencies_.push_back(
          Currency(std::string_view(fields[0].data(), fields[0].size()), digits,
                   numeric, index));
    }
    std::sort(currencies_.begin(), currencies_.end(),
              [](const Currency& a, const Currency& b) {
                return a.code() < b.code();
              });
  }

  std::vector<Currency> currencies_;
  std::vector<std::string> names_;
};

absl::StatusOr<Currency> Currency::FromCode(std::string_view code) {
  const bool well_formed =
      code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
        return c >= 'A' && c <= 'Z';
      });
  if (!well_formed) {
    return absl::InvalidArgumentError(
        absl::StrCat("currency ", internal::QuoteForMessage(code),
                     ": expected a three-letter uppercase ISO 4217 code"));
  }
  const Currency* found = CurrencyTable::Get().Find(code);
  if (found == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("currency ", internal::QuoteForMessage(code),
                     ": not an active ISO 4217 currency with a minor unit"));
  }
  return *found;
}

std::string_view Currency::name() const {
  if (table_index_ == kNoTableIndex) return "No currency";
  return CurrencyTable::Get().name(table_index_);
}

std::ostream& operator<<(std::ostream& os, const Currency& currency) {
  return os << currency.code();
}

std::span<const Currency> AllCurrencies() {
  return CurrencyTable::Get().currencies();
}

}  // namespace relance
