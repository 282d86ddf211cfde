// Fuzzes Money::Parse and Money::ParseAmount.
// Properties: what parses formats back (ToString / FormatAmount) to text that
// parses to the same value; the value stays within the documented bound.
#include "fuzz_check.hpp"
#include "relance/currency.hpp"
#include "relance/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using relance::Money;
  const std::string_view text = relance::fuzz::AsText(data, size);

  absl::StatusOr<Money> money = Money::Parse(text);
  if (money.ok()) {
    RELANCE_FUZZ_CHECK(money->minor_units() <= Money::kMaxMinorUnits &&
                       money->minor_units() >= -Money::kMaxMinorUnits);
    absl::StatusOr<Money> again = Money::Parse(money->ToString());
    RELANCE_FUZZ_CHECK(again.ok() && *again == *money);
  } else {
    RELANCE_FUZZ_CHECK(!money.status().message().empty());
  }

  for (std::string_view code : {"EUR", "JPY", "BHD"}) {
    absl::StatusOr<relance::Currency> currency =
        relance::Currency::FromCode(code);
    RELANCE_FUZZ_CHECK(currency.ok());
    absl::StatusOr<Money> amount = Money::ParseAmount(text, *currency);
    if (!amount.ok()) continue;
    RELANCE_FUZZ_CHECK(amount->currency() == *currency);
    absl::StatusOr<Money> again =
        Money::ParseAmount(amount->FormatAmount(), *currency);
    RELANCE_FUZZ_CHECK(again.ok() && *again == *amount);
  }
  return 0;
}
