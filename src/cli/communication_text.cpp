#include "cli/communication_text.hpp"

#include <iostream>

namespace relance::cli {

std::string Join(const std::vector<Money>& amounts) {
  std::string text;
  for (const Money& amount : amounts) {
    if (!text.empty()) text += " + ";
    text += amount.ToString();
  }
  return text.empty() ? "-" : text;
}

void PrintCommunication(const Communication& action, std::string_view indent) {
  std::cout << indent << action.level;
  if (action.level_number > 0)
    std::cout << " (level " << action.level_number << ")";
  std::cout << ", " << ToString(action.channel);
  if (!action.template_id.empty())
    std::cout << ", template " << action.template_id;
  if (action.task) std::cout << ", task for a person";
  if (action.block_account) std::cout << ", block the account";
  std::cout << "\n" << indent << "  invoices:";
  for (size_t i = 0; i < action.invoices.size(); ++i) {
    std::cout << " " << action.invoices[i];
    if (action.invoice_levels[i] != action.level) {
      std::cout << " (" << action.invoice_levels[i] << ")";
    }
  }
  std::cout << "\n"
            << indent << "  outstanding: " << Join(action.outstanding)
            << "; penalties: " << Join(action.penalties)
            << "; fees: " << Join(action.fees);
  if (!action.fees_charged.empty()) {
    std::cout << "; fees charged earlier: " << Join(action.fees_charged);
  }
  std::cout << "; total to pay: " << Join(action.total_due) << "\n";
  if (!action.statement.empty()) {
    std::cout << indent << "  statement of account:";
    for (const std::string& invoice : action.statement) {
      std::cout << " " << invoice;
    }
    std::cout << "\n";
  }
  if (action.payment_deadline) {
    std::cout << indent << "  new payment deadline: "
              << FormatDate(*action.payment_deadline) << "\n";
  }
}

}  // namespace relance::cli
