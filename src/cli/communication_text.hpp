// src/cli/communication_text.hpp
// -----------------------------------------------------------------------------
// How the command prints a communication for a person (`relance evaluate`,
// `relance run`, `relance history`): level, channel, invoices, amounts per
// currency with penalties and fees, the new payment deadline.
#ifndef RELANCE_CLI_COMMUNICATION_TEXT_HPP_
#define RELANCE_CLI_COMMUNICATION_TEXT_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "relance/dunning.hpp"
#include "relance/money.hpp"

namespace relance::cli {

// "1200.00 EUR + 80.00 GBP"; "-" when empty.
std::string Join(const std::vector<Money>& amounts);

// The communication on a few lines, each starting with `indent`.
void PrintCommunication(const Communication& action, std::string_view indent);

}  // namespace relance::cli

#endif  // RELANCE_CLI_COMMUNICATION_TEXT_HPP_
