// Fuzzes LetterOptionsFromJson, the letterhead a host gives for its letters
// and dossiers (relance/letter_options_json.hpp).
// Properties:
//   - a refused letterhead has a message starting with "letterhead: ";
//   - an accepted one passes LetterOptions::Validate(), holds no control
//     character in any text, and no empty address line;
//   - it is written and read back to the same options (the writer's text is
//     a fixed point).
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "relance/letter_options_json.hpp"

namespace {

bool IsOneLine(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool AreAddressLines(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    if (line.empty() || !IsOneLine(line)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = relance::fuzz::AsText(data, size);
  absl::StatusOr<relance::LetterOptions> options =
      relance::LetterOptionsFromJson(text);
  if (!options.ok()) {
    RELANCE_FUZZ_CHECK(options.status().code() ==
                       absl::StatusCode::kInvalidArgument);
    RELANCE_FUZZ_CHECK(
        std::string(options.status().message()).starts_with("letterhead: "));
    return 0;
  }
  RELANCE_FUZZ_CHECK(options->Validate().ok());
  const relance::Creditor& creditor = options->creditor;
  for (const std::string* field : std::initializer_list<const std::string*>{
           &creditor.name, &creditor.email, &creditor.phone,
           &creditor.registration, &creditor.payment_link, &creditor.iban,
           &creditor.bic, &creditor.reference, &creditor.signatory,
           &options->debtor.name, &options->agency.name}) {
    RELANCE_FUZZ_CHECK(IsOneLine(*field));
  }
  RELANCE_FUZZ_CHECK(AreAddressLines(creditor.address_lines));
  RELANCE_FUZZ_CHECK(AreAddressLines(options->debtor.address_lines));
  RELANCE_FUZZ_CHECK(AreAddressLines(options->agency.address_lines));
  const std::string written = relance::LetterOptionsToJson(*options);
  absl::StatusOr<relance::LetterOptions> again =
      relance::LetterOptionsFromJson(written);
  RELANCE_FUZZ_CHECK(again.ok());
  RELANCE_FUZZ_CHECK(relance::LetterOptionsToJson(*again) == written);
  return 0;
}
