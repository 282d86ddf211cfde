// Uses the installed headers and library: parse, add, and check the version.
#include <cstdio>
#include <cstring>

#include "relance/relance.hpp"

int main() {
  absl::StatusOr<relance::Money> price = relance::Money::Parse("1234.56 EUR");
  absl::StatusOr<relance::Money> fee = relance::Money::Parse("40.00 EUR");
  if (!price.ok() || !fee.ok()) return 1;
  absl::StatusOr<relance::Money> total = relance::Add(*price, *fee);
  if (!total.ok() || total->ToString() != "1274.56 EUR") return 2;
  if (std::strcmp(relance::kVersionString, RELANCE_VERSION_STRING) != 0)
    return 3;
  std::printf("consumer: %s with relance %s\n", total->ToString().c_str(),
              relance::kVersionString);
  return 0;
}
