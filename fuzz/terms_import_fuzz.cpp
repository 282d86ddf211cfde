// Fuzzes ImportTerms (Odoo, ERPNext, Tryton, Business Central and SAP terms
// as those systems store them). The first byte picks the system, the rest is
// the stored record. Properties: as the other terms harnesses
// (terms_properties.hpp): accepted terms schedule an invoice into
// instalments that sum exactly to the total, with due dates in range.
#include "fuzz_check.hpp"
#include "relance/currency.hpp"
#include "relance/terms_import.hpp"
#include "terms_properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relance;
  if (size == 0) return 0;
  constexpr TermsSystem kSystems[] = {
      TermsSystem::kOdoo, TermsSystem::kErpNext, TermsSystem::kTryton,
      TermsSystem::kBusinessCentral, TermsSystem::kSap};
  const TermsSystem system = kSystems[data[0] % 5];
  static const absl::StatusOr<Currency> eur = Currency::FromCode("EUR");
  RELANCE_FUZZ_CHECK(eur.ok());
  absl::StatusOr<PaymentTerms> terms = ImportTerms(
      system, fuzz::AsText(data + 1, size - 1), TermsParseOptions{}, *eur);
  if (!terms.ok()) {
    RELANCE_FUZZ_CHECK(!terms.status().message().empty());
    return 0;
  }
  fuzz::CheckScheduleProperties(*terms);
  return 0;
}
