// relance/creditor.hpp
// -----------------------------------------------------------------------------
// The creditor: the host's company, as its letters and dossiers present it.
// relance's cases hold no creditor; the host gives it to what writes for it
// (relance/letter_data.hpp, relance/dossier.hpp).
//
// Example:
//
//   Creditor creditor{.name = "Atelier Martin SARL",
//                     .address_lines = {"12 rue des Lilas", "69003 Lyon"},
//                     .registration = "SIREN 512 345 678",
//                     .iban = "FR76 3000 6000 0112 3456 7890 189"};
#ifndef RELANCE_CREDITOR_HPP_
#define RELANCE_CREDITOR_HPP_

#include <string>
#include <vector>

#include "relance/export.hpp"

namespace relance {

struct RELANCE_API Creditor {
  // Required: the legal name ("Atelier Martin SARL").
  std::string name = {};
  // The postal address, one line per element, in print order ("12 rue des
  // Lilas", "69003 Lyon"); may be empty.
  std::vector<std::string> address_lines = {};
  std::string email = {};
  std::string phone = {};
  // The registration that identifies the company on its letters and before
  // a court ("SIREN 123 456 789", "Registered in England and Wales no.
  // 01234567", "HRB 12345 (Amtsgericht München)"); "" = none given.
  std::string registration = {};
  // How to pay: a payment page, bank details.
  std::string payment_link = {};
  std::string iban = {};
  std::string bic = {};
  // The reference the debtor quotes with a payment; "" = the customer id.
  std::string reference = {};
  // Who signs ("Service comptabilité clients", "Jane Smith, Credit
  // Controller"); "" = the creditor's name.
  std::string signatory = {};
};

}  // namespace relance

#endif  // RELANCE_CREDITOR_HPP_
