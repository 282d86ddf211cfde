// The C ABI's letters and dossiers: a decision's messages rendered
// (relance/letter.hpp) and a case's collection dossier (relance/dossier.hpp),
// returned as the library's documents. The letterhead, the language and the
// debtor are resolved as the command line and the Python package resolve
// them (docs/letters.md, "Letterhead"), so the three give the same bytes.
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "capi_internal.hpp"
#include "relance/dossier.hpp"
#include "relance/dossier_html.hpp"
#include "relance/dossier_json.hpp"
#include "relance/language.hpp"
#include "relance/letter.hpp"
#include "relance/letter_data.hpp"
#include "relance/letter_json.hpp"
#include "relance/letter_options_json.hpp"
#include "relance/letter_templates.hpp"

namespace relance::capi {
namespace {

// The options of the letterhead `letterhead` for the case `c`: the language
// `language` when given (NULL: the letterhead's), the debtor named after the
// case's customer when the letterhead names none.
absl::StatusOr<LetterOptions> Letterhead(std::string_view letterhead,
                                         const char* language,
                                         const CompiledCase& c) {
  absl::StatusOr<LetterOptions> options = LetterOptionsFromJson(letterhead);
  if (!options.ok()) return options.status();
  return LetterOptionsForCustomer(
      *options,
      language == nullptr ? std::nullopt
                          : std::optional<std::string_view>(language),
      c.source().customer_name);
}

// The dossier of `c` as of `as_of` for the letterhead's creditor, to its
// debtor's address.
absl::StatusOr<Dossier> MakeDossier(const Policy& policy, const CompiledCase& c,
                                    Date as_of, const LetterOptions& options,
                                    const char* invoice) {
  return BuildDossier(
      policy, c, as_of,
      DossierOptions{.creditor = options.creditor,
                     .debtor_address_lines = options.debtor.address_lines,
                     .invoice = invoice == nullptr ? "" : invoice});
}

}  // namespace
}  // namespace relance::capi

using namespace relance::capi;  // NOLINT: the entry points below use it all

extern "C" {

relance_status relance_letters_json(
    const relance_policy* policy, const relance_case* c,
    const relance_decision* decision, const char* letterhead_json,
    size_t letterhead_length, const char* language,
    const char* templates_directory, char** out_json, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(c);
  RELANCE_CAPI_REQUIRE(decision);
  RELANCE_CAPI_REQUIRE(letterhead_json);
  if (decision->value.customer != c->value.customer_id()) {
    return Fail(RELANCE_ERROR_INVALID_ARGUMENT,
                absl::StrCat(__func__, ": the decision is for customer ",
                             decision->value.customer, ", the case for ",
                             c->value.customer_id()));
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::LetterOptions options,
      Letterhead(Text(letterhead_json, letterhead_length), language, c->value));
  relance::LetterTemplates templates = relance::LetterTemplates::Builtin();
  if (templates_directory != nullptr) {
    RELANCE_CAPI_ASSIGN_OR_RETURN(templates,
                                  templates.WithDirectory(templates_directory));
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::RenderedLetters letters,
      relance::RenderLetters(decision->value, policy->value, templates,
                             options));
  return ReturnText(relance::LettersToJson(letters), out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_dossier_json(const relance_policy* policy,
                                    const relance_case* c, relance_date as_of,
                                    const char* letterhead_json,
                                    size_t letterhead_length,
                                    const char* invoice, char** out_json,
                                    size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(c);
  RELANCE_CAPI_REQUIRE(letterhead_json);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date, ToDate(as_of));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::LetterOptions options,
      Letterhead(Text(letterhead_json, letterhead_length), nullptr, c->value));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::Dossier dossier,
      MakeDossier(policy->value, c->value, date, options, invoice));
  return ReturnText(relance::DossierToJson(dossier), out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_dossier_html(const relance_policy* policy,
                                    const relance_case* c, relance_date as_of,
                                    const char* letterhead_json,
                                    size_t letterhead_length,
                                    const char* invoice, const char* language,
                                    char** out_html, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_html);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(c);
  RELANCE_CAPI_REQUIRE(letterhead_json);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date, ToDate(as_of));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::LetterOptions options,
      Letterhead(Text(letterhead_json, letterhead_length), language, c->value));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::Dossier dossier,
      MakeDossier(policy->value, c->value, date, options, invoice));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const std::string html,
      relance::DossierToHtml(dossier, options.language));
  return ReturnText(html, out_html, out_length);
  RELANCE_CAPI_END
}

}  // extern "C"
