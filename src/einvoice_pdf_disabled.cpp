// ReadEInvoicePdf when relance is built without libqpdf
// (RELANCE_WITH_PDF=OFF): the entry point exists, so that hosts link the
// same API either way, and says why it cannot read.
#include <string>

#include "absl/strings/str_cat.h"
#include "relance/einvoice_pdf.hpp"

namespace relance {

bool EInvoicePdfSupported() { return false; }

absl::StatusOr<EInvoice> ReadEInvoicePdf(std::string_view /*pdf_bytes*/,
                                         std::string_view name) {
  return absl::UnimplementedError(
      absl::StrCat(std::string(name),
                   ": relance was built without PDF support "
                   "(RELANCE_WITH_PDF=OFF)"));
}

}  // namespace relance
