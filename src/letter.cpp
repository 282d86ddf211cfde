#include "relance/letter.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

// A file-name-safe copy: ASCII letters, digits, '-' and '_' kept, every other
// byte '_'.
std::string FileSafe(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!keep) c = '_';
  }
  return out;
}

// The rendered subject on one line: its lines joined by a space, trimmed.
std::string OneLine(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  };
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    if (!line.empty()) {
      if (!out.empty()) out += ' ';
      out += line;
    }
    start = end + 1;
  }
  return out;
}

// The names a letter's templates are looked up under, most specific first
// (relance/letter_templates.hpp).
std::vector<std::string> TemplateNames(const std::string& template_id,
                                       LetterKind kind, int reminder_number) {
  std::vector<std::string> names;
  if (!template_id.empty()) names.push_back(template_id);
  if (kind == LetterKind::kReminder) {
    names.push_back(absl::StrCat("reminder_", reminder_number));
  }
  names.emplace_back(ToString(kind));
  return names;
}

// Renders the three parts of `letter` with `data`.
absl::Status RenderParts(const LetterTemplates& templates,
                         const std::vector<std::string>& names,
                         const TemplateValue& data, Letter& letter) {
  for (LetterPart part :
       {LetterPart::kSubject, LetterPart::kText, LetterPart::kHtml}) {
    const LetterTemplate* found = nullptr;
    std::string file_name;
    for (const std::string& name : names) {
      found = templates.Find(name, letter.language, part);
      if (found != nullptr) {
        file_name = LetterTemplateFileName(name, letter.language, part);
        break;
      }
    }
    if (found == nullptr) {
      return absl::NotFoundError(absl::StrCat(
          "letter: no template for ",
          LetterTemplateFileName(names.back(), letter.language, part),
          " (looked for ", absl::StrJoin(names, ", "), ")"));
    }
    RELANCE_ASSIGN_OR_RETURN(std::string rendered, found->Render(data));
    switch (part) {
      case LetterPart::kSubject:
        letter.subject = OneLine(rendered);
        letter.subject_template = std::move(file_name);
        break;
      case LetterPart::kText:
        letter.text = std::move(rendered);
        letter.text_template = std::move(file_name);
        break;
      case LetterPart::kHtml:
        letter.html = std::move(rendered);
        letter.html_template = std::move(file_name);
        break;
    }
  }
  return absl::OkStatus();
}

std::string Stem(const Decision& decision, std::string_view what) {
  return absl::StrCat(FormatDate(decision.as_of), "_",
                      FileSafe(decision.customer), "_", FileSafe(what));
}

}  // namespace

absl::StatusOr<RenderedLetters> RenderLetters(const Decision& decision,
                                              const Policy& policy,
                                              const LetterTemplates& templates,
                                              const LetterOptions& options) {
  RELANCE_RETURN_IF_ERROR(options.Validate());
  RELANCE_ASSIGN_OR_RETURN(const Ladder* ladder,
                           policy.FindLadder(decision.ladder));
  RenderedLetters result{.customer = decision.customer,
                         .as_of = decision.as_of,
                         .language = options.language};
  absl::flat_hash_map<std::string, int> per_level;
  for (const Communication& communication : decision.actions) {
    ++per_level[communication.level];
  }
  for (size_t i = 0; i < decision.actions.size(); ++i) {
    const Communication& communication = decision.actions[i];
    RELANCE_ASSIGN_OR_RETURN(const LetterChoice choice,
                             ChooseLetter(communication, *ladder));
    if (!choice.kind) {
      result.skipped.push_back({.level = communication.level,
                                .channel = communication.channel,
                                .why = choice.why});
      continue;
    }
    RELANCE_ASSIGN_OR_RETURN(
        const TemplateValue data,
        BuildLetterData(decision, policy,
                        {.kind = *choice.kind,
                         .reminder_number = choice.reminder_number,
                         .action = i},
                        options));
    Letter letter{.kind = *choice.kind,
                  .language = options.language,
                  .channel = communication.channel,
                  .level = communication.level,
                  .level_number = communication.level_number,
                  .reminder_number = choice.reminder_number,
                  .invoices = communication.invoices};
    RELANCE_RETURN_IF_ERROR(
        RenderParts(templates,
                    TemplateNames(communication.template_id, *choice.kind,
                                  choice.reminder_number),
                    data, letter));
    letter.file_stem = Stem(decision, communication.level);
    if (per_level[communication.level] > 1 && !communication.invoices.empty()) {
      absl::StrAppend(&letter.file_stem, "_",
                      FileSafe(communication.invoices.front()));
    }
    result.letters.push_back(std::move(letter));
  }
  return result;
}

absl::StatusOr<Letter> RenderConfirmation(const Decision& decision,
                                          const Policy& policy,
                                          const Event& event,
                                          const LetterTemplates& templates,
                                          const LetterOptions& options) {
  LetterKind kind;
  switch (event.kind) {
    case EventKind::kPromiseToPay:
      kind = LetterKind::kPromiseConfirmation;
      break;
    case EventKind::kPaymentPlanAgreed:
      kind = LetterKind::kPaymentPlanConfirmation;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("letter: a ", std::string(ToString(event.kind)),
                       " event has no confirmation (only promise_to_pay and "
                       "payment_plan_agreed)"));
  }
  RELANCE_ASSIGN_OR_RETURN(
      const TemplateValue data,
      BuildLetterData(decision, policy, {.kind = kind, .event = event},
                      options));
  Letter letter{
      .kind = kind, .language = options.language, .channel = Channel::kEmail};
  const TemplateValue* invoices = data.Find("invoices");
  if (invoices != nullptr) {
    for (const TemplateValue& row : invoices->items()) {
      const TemplateValue* number = row.Find("number");
      if (number != nullptr) letter.invoices.push_back(number->text());
    }
  }
  RELANCE_RETURN_IF_ERROR(
      RenderParts(templates, TemplateNames("", kind, 0), data, letter));
  letter.file_stem = Stem(decision, ToString(kind));
  return letter;
}

}  // namespace relance
