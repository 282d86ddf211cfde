// The C ABI's e-invoice reader (relance/einvoice_file.hpp): the
// relance.einvoice or relance.einvoice_statuses document of one file, as
// `relance einvoice show --json` prints it.
#include <string>

#include "capi_internal.hpp"
#include "relance/einvoice_file.hpp"
#include "relance/einvoice_json.hpp"

using relance::capi::ReturnText;
using relance::capi::Text;

relance_status relance_einvoice_read_json(const char* bytes, size_t length,
                                          const char* name,
                                          const char* default_terms,
                                          char** out_json, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(bytes);
  const std::string file_name = name != nullptr ? name : "einvoice";
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::EInvoiceFile file,
      relance::ReadEInvoiceFile(Text(bytes, length), file_name));
  const relance::EInvoiceFactOptions options{
      .default_terms = default_terms != nullptr ? default_terms : ""};
  return ReturnText(relance::EInvoiceFileToJson(file, options), out_json,
                    out_length);
  RELANCE_CAPI_END
}
