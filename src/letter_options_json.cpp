// LetterOptionsFromJson / LetterOptionsToJson: the letterhead file
// (relance/letter_options_json.hpp).
#include "relance/letter_options_json.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "relance/creditor.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/language.hpp"
#include "relance/letter_data.hpp"

namespace relance {
namespace {

using Json = internal::Json;

const internal::JsonReader& Reader() {
  static const internal::JsonReader* const reader =
      new internal::JsonReader("letterhead");
  return *reader;
}

std::string Path(std::string_view parent, std::string_view key) {
  return parent.empty()
             ? std::string(key)
             : absl::StrCat(std::string(parent), ".", std::string(key));
}

// A one-line text: no line break or other control character, which would
// break a letter's subject, its address block or the text layout.
absl::StatusOr<std::string> GetLine(std::string_view path, const Json& value) {
  RELANCE_ASSIGN_OR_RETURN(std::string text, Reader().GetString(path, value));
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return Reader().Invalid(
          path, "a line break or other control character (one line of text)");
    }
  }
  return text;
}

// Reads `object[key]` into `text` when present.
absl::Status ReadLine(std::string_view parent, const Json& object,
                      std::string_view key, std::string& text) {
  const auto found = object.find(std::string(key));
  if (found == object.end()) return absl::OkStatus();
  RELANCE_ASSIGN_OR_RETURN(text, GetLine(Path(parent, key), *found));
  return absl::OkStatus();
}

absl::Status ReadAddress(std::string_view parent, const Json& object,
                         std::vector<std::string>& lines) {
  const auto found = object.find("address_lines");
  if (found == object.end()) return absl::OkStatus();
  const std::string path = Path(parent, "address_lines");
  if (!found->is_array()) {
    return Reader().WrongType(path, "an array of strings", *found);
  }
  for (size_t i = 0; i < found->size(); ++i) {
    const std::string line_path = absl::StrCat(path, "[", i, "]");
    RELANCE_ASSIGN_OR_RETURN(std::string line, GetLine(line_path, (*found)[i]));
    if (line.empty()) {
      return Reader().Invalid(line_path, "an empty address line");
    }
    lines.push_back(std::move(line));
  }
  return absl::OkStatus();
}

absl::StatusOr<Creditor> ReadCreditor(const Json& object) {
  constexpr std::string_view kPath = "creditor";
  if (!object.is_object())
    return Reader().WrongType(kPath, "an object", object);
  RELANCE_RETURN_IF_ERROR(Reader().CheckKeys(
      kPath, object,
      {"name", "address_lines", "email", "phone", "registration",
       "payment_link", "iban", "bic", "reference", "signatory"}));
  Creditor creditor;
  RELANCE_RETURN_IF_ERROR(ReadLine(kPath, object, "name", creditor.name));
  if (creditor.name.empty()) {
    return Reader().Invalid("creditor.name", "required, the creditor's name");
  }
  RELANCE_RETURN_IF_ERROR(ReadAddress(kPath, object, creditor.address_lines));
  RELANCE_RETURN_IF_ERROR(ReadLine(kPath, object, "email", creditor.email));
  RELANCE_RETURN_IF_ERROR(ReadLine(kPath, object, "phone", creditor.phone));
  RELANCE_RETURN_IF_ERROR(
      ReadLine(kPath, object, "registration", creditor.registration));
  RELANCE_RETURN_IF_ERROR(
      ReadLine(kPath, object, "payment_link", creditor.payment_link));
  RELANCE_RETURN_IF_ERROR(ReadLine(kPath, object, "iban", creditor.iban));
  RELANCE_RETURN_IF_ERROR(ReadLine(kPath, object, "bic", creditor.bic));
  RELANCE_RETURN_IF_ERROR(
      ReadLine(kPath, object, "reference", creditor.reference));
  RELANCE_RETURN_IF_ERROR(
      ReadLine(kPath, object, "signatory", creditor.signatory));
  if (!creditor.bic.empty() && creditor.iban.empty()) {
    return Reader().Invalid("creditor.bic", "given without creditor.iban");
  }
  return creditor;
}

absl::StatusOr<LetterParty> ReadParty(std::string_view path,
                                      const Json& object) {
  if (!object.is_object()) return Reader().WrongType(path, "an object", object);
  RELANCE_RETURN_IF_ERROR(
      Reader().CheckKeys(path, object, {"name", "address_lines"}));
  LetterParty party;
  RELANCE_RETURN_IF_ERROR(ReadLine(path, object, "name", party.name));
  RELANCE_RETURN_IF_ERROR(ReadAddress(path, object, party.address_lines));
  return party;
}

nlohmann::ordered_json PartyJson(const LetterParty& party) {
  return {{"name", party.name}, {"address_lines", party.address_lines}};
}

}  // namespace

absl::StatusOr<LetterOptions> LetterOptionsFromJson(
    std::string_view json_text) {
  RELANCE_ASSIGN_OR_RETURN(Json document, Reader().Parse(json_text));
  if (!document.is_object()) {
    return Reader().WrongType("", "an object", document);
  }
  RELANCE_RETURN_IF_ERROR(Reader().CheckKeys(
      "", document, {"language", "creditor", "debtor", "agency"}));
  LetterOptions options;
  if (const auto language = document.find("language");
      language != document.end()) {
    RELANCE_ASSIGN_OR_RETURN(
        options.language,
        Reader().GetParsed("language", *language, ParseLanguage));
  }
  const auto creditor = document.find("creditor");
  if (creditor == document.end()) {
    return Reader().Invalid("creditor", "required, the creditor's name");
  }
  RELANCE_ASSIGN_OR_RETURN(options.creditor, ReadCreditor(*creditor));
  if (const auto debtor = document.find("debtor"); debtor != document.end()) {
    RELANCE_ASSIGN_OR_RETURN(options.debtor, ReadParty("debtor", *debtor));
  }
  if (const auto agency = document.find("agency"); agency != document.end()) {
    RELANCE_ASSIGN_OR_RETURN(options.agency, ReadParty("agency", *agency));
  }
  return options;
}

absl::StatusOr<LetterOptions> LetterOptionsForCustomer(
    const LetterOptions& letterhead, std::optional<std::string_view> language,
    std::string_view customer_name, std::string_view customer_language,
    std::span<const std::string> customer_address_lines) {
  LetterOptions options = letterhead;
  if (language.has_value()) {
    RELANCE_ASSIGN_OR_RETURN(options.language, ParseLanguage(*language));
  } else if (!customer_language.empty()) {
    if (absl::StatusOr<Language> own = ParseLanguage(customer_language);
        own.ok()) {
      options.language = *own;
    }
  }
  if (options.debtor.name.empty()) {
    options.debtor.name = std::string(customer_name);
  }
  if (options.debtor.address_lines.empty()) {
    options.debtor.address_lines.assign(customer_address_lines.begin(),
                                        customer_address_lines.end());
  }
  return options;
}

std::string LetterOptionsToJson(const LetterOptions& options) {
  const Creditor& creditor = options.creditor;
  nlohmann::ordered_json document = {
      {"language", std::string(LanguageCode(options.language))},
      {"creditor",
       {{"name", creditor.name},
        {"address_lines", creditor.address_lines},
        {"email", creditor.email},
        {"phone", creditor.phone},
        {"registration", creditor.registration},
        {"payment_link", creditor.payment_link},
        {"iban", creditor.iban},
        {"bic", creditor.bic},
        {"reference", creditor.reference},
        {"signatory", creditor.signatory}}},
      {"debtor", PartyJson(options.debtor)},
      {"agency", PartyJson(options.agency)}};
  return document.dump(2, ' ', false,
                       nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace relance
