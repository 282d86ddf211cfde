// bindings/python/src/register_einvoice.cpp
// -----------------------------------------------------------------------------
// E-invoices: relance.read_einvoice (the relance.einvoice or
// relance.einvoice_statuses document of one file, docs/einvoice.md) and
// _einvoice_json (its bytes, which the parity tests compare with the
// command's and librelance_c's).
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/einvoice_file.hpp"
#include "relance/einvoice_json.hpp"
#include "relance/einvoice_pdf.hpp"

namespace relance::python {
namespace {

// The document of `data` (bytes: the file's content, read as `name`).
std::string EInvoiceJson(const py::bytes& data,
                         const std::optional<std::string>& name,
                         const std::optional<std::string>& default_terms) {
  const std::string bytes = data;
  const std::string file_name = name.value_or("einvoice");
  const EInvoiceFactOptions options{.default_terms =
                                        default_terms.value_or("")};
  absl::StatusOr<std::string> document;
  {
    py::gil_scoped_release release;
    document = [&]() -> absl::StatusOr<std::string> {
      absl::StatusOr<EInvoiceFile> file = ReadEInvoiceFile(bytes, file_name);
      if (!file.ok()) return file.status();
      return EInvoiceFileToJson(*file, options);
    }();
  }
  return Unwrap(std::move(document));
}

}  // namespace

void RegisterEInvoice(py::module_& m) {
  m.def("_einvoice_json", &EInvoiceJson, py::arg("data"),
        py::arg("name") = py::none(), py::arg("default_terms") = py::none(),
        "read_einvoice's document as the library writes it (a str).");
  m.def("einvoice_pdf_supported", &EInvoicePdfSupported,
        "True when relance was built with PDF support (Factur-X PDFs).");
}

}  // namespace relance::python
