// Fuzzes DateFormula::Parse and Evaluate.
// Properties: an accepted formula prints (ToString) to text that parses to an
// equal formula; evaluating it from a few dates, with a business calendar,
// gives a date within 0001-01-01..9999-12-31 or an error, quickly.
#include "fuzz_check.hpp"
#include "relance/builtin_calendars.hpp"
#include "relance/date_formula.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using relance::DateFormula;
  const std::string_view text = relance::fuzz::AsText(data, size);
  absl::StatusOr<DateFormula> formula = DateFormula::Parse(text);
  if (!formula.ok()) {
    RELANCE_FUZZ_CHECK(!formula.status().message().empty());
    return 0;
  }
  absl::StatusOr<DateFormula> again = DateFormula::Parse(formula->ToString());
  RELANCE_FUZZ_CHECK(again.ok() && *again == *formula);

  static const auto calendar = relance::BuiltinCalendar("FR");
  RELANCE_FUZZ_CHECK(calendar.ok());
  for (const relance::Date from :
       {relance::MakeDate(2026, 1, 15), relance::MakeDate(2024, 2, 29),
        relance::MakeDate(1, 1, 1), relance::MakeDate(9999, 12, 31)}) {
    absl::StatusOr<relance::Date> due = formula->Evaluate(from, &**calendar);
    if (!due.ok()) continue;
    RELANCE_FUZZ_CHECK(*due >= relance::kMinDate && *due <= relance::kMaxDate);
  }
  return 0;
}
