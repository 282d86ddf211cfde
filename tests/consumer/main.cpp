// A host program built against an installed relance (tests/consumer/run.sh).
// It prints what the library computes; run.sh compares each line with a value
// known independently of relance, so a broken package or library fails.
#include <iostream>

#include "relance/relance.hpp"

int main() {
  using relance::operator<<;  // Date is a std::chrono type (relance/date.hpp)

  const auto price = relance::Money::Parse("1234.56 EUR");
  const auto fee = relance::Money::Parse("40.00 EUR");
  if (!price.ok() || !fee.ok()) return 1;
  const auto total = relance::Add(*price, *fee);
  if (!total.ok()) return 1;
  std::cout << "sum: " << *total << "\n";

  const auto terms = relance::PaymentTerms::Parse("2/10 net 30");
  if (!terms.ok()) return 1;
  const auto schedule = terms->Schedule(relance::MakeDate(2026, 1, 31), *price);
  if (!schedule.ok() || schedule->instalments.size() != 1 ||
      schedule->discounts.size() != 1) {
    return 1;
  }
  std::cout << "due: " << schedule->instalments[0].due_date << "\n";
  std::cout << "discount: " << schedule->discounts[0].discount << " by "
            << schedule->discounts[0].deadline << "\n";

  const auto fr = relance::BuiltinCalendar("FR");
  if (!fr.ok()) return 1;
  std::cout << "adjusted: "
            << (*fr)->Adjust(relance::MakeDate(2026, 5, 31),
                             relance::BusinessDayConvention::kModifiedFollowing)
            << "\n";

  // The headers' version and the linked library's version.
  std::cout << "version: " << relance::kVersionString << " "
            << relance::VersionString() << " " << relance::VersionNumber()
            << "\n";
  return 0;
}
