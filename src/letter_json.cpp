#include "relance/letter_json.hpp"

#include <string>

#include "json_document.hpp"

namespace relance {
namespace {

using Json = internal::OrderedJson;
using internal::TextJson;

Json LetterJson(const Letter& letter) {
  return {{"kind", std::string(ToString(letter.kind))},
          {"level", TextJson(letter.level)},
          {"level_number",
           letter.level_number > 0 ? Json(letter.level_number) : Json(nullptr)},
          {"reminder_number", letter.reminder_number > 0
                                  ? Json(letter.reminder_number)
                                  : Json(nullptr)},
          {"channel", ToString(letter.channel)},
          {"invoices", letter.invoices},
          {"file_stem", letter.file_stem},
          {"templates",
           {{"subject", letter.subject_template},
            {"text", letter.text_template},
            {"html", letter.html_template}}},
          {"subject", letter.subject},
          {"text", letter.text},
          {"html", letter.html}};
}

}  // namespace

std::string LettersToJson(const RenderedLetters& letters) {
  Json document = internal::NewDocument("letters");
  document["customer"] = letters.customer;
  document["as_of"] = FormatDate(letters.as_of);
  document["language"] = std::string(LanguageCode(letters.language));
  Json list = Json::array();
  for (const Letter& letter : letters.letters) {
    list.push_back(LetterJson(letter));
  }
  document["letters"] = std::move(list);
  Json skipped = Json::array();
  for (const SkippedCommunication& communication : letters.skipped) {
    skipped.push_back({{"level", communication.level},
                       {"channel", ToString(communication.channel)},
                       {"why", communication.why}});
  }
  document["skipped"] = std::move(skipped);
  return internal::Dump(document);
}

}  // namespace relance
