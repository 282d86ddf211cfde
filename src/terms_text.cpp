// PaymentTerms::Parse: the text notation of payment terms, in English and
// French. The recognised phrases are the table kPhrases below; anything else
// must be a raw DateFormula.
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/terms.hpp"

namespace relance {
namespace {

// What a phrase means. N is the first number in the phrase, P a percentage.
enum class Meaning {
  kOnReceipt,           // 0D
  kDaysAfterInvoice,    // ND
  kEndOfMonth,          // CM
  kEndOfMonthThenDays,  // CM+ND
  kDaysEndOfMonth,      // N days "end of month": by EndOfMonthReading
  kDayOfNextMonth,      // CM+DN: day N of the month after the invoice month
  kDiscount,            // P % off if paid within N days
};

struct Phrase {
  // Space-separated words; "#" is a whole number, "#th" an ordinal ("10th",
  // "1st", "1er"), "#%" a percentage ("2%", "2.5%").
  std::string_view pattern;
  Meaning meaning;
};

// The phrases, lower-case. Read top to bottom: the first match wins.
constexpr Phrase kPhrases[] = {
    // Due immediately.
    {"due on receipt", Meaning::kOnReceipt},
    {"due upon receipt", Meaning::kOnReceipt},
    {"on receipt", Meaning::kOnReceipt},
    {"upon receipt", Meaning::kOnReceipt},
    {"now", Meaning::kOnReceipt},
    {"immediately", Meaning::kOnReceipt},
    {"cash", Meaning::kOnReceipt},
    {"à réception", Meaning::kOnReceipt},
    {"a réception", Meaning::kOnReceipt},
    {"a reception", Meaning::kOnReceipt},
    {"à réception de facture", Meaning::kOnReceipt},
    {"à réception de la facture", Meaning::kOnReceipt},
    {"comptant", Meaning::kOnReceipt},
    {"au comptant", Meaning::kOnReceipt},
    {"paiement comptant", Meaning::kOnReceipt},
    // N days after the invoice date.
    {"net #", Meaning::kDaysAfterInvoice},
    {"net # days", Meaning::kDaysAfterInvoice},
    {"n/#", Meaning::kDaysAfterInvoice},
    {"# days", Meaning::kDaysAfterInvoice},
    {"# days net", Meaning::kDaysAfterInvoice},
    {"# jours", Meaning::kDaysAfterInvoice},
    {"# jours net", Meaning::kDaysAfterInvoice},
    {"# jours nets", Meaning::kDaysAfterInvoice},
    {"# jours date de facture", Meaning::kDaysAfterInvoice},
    {"# jours date de facturation", Meaning::kDaysAfterInvoice},
    // End of the invoice month, then N days ("net 30 EOM" in US usage).
    {"net # eom", Meaning::kEndOfMonthThenDays},
    {"eom #", Meaning::kEndOfMonthThenDays},
    {"eom net #", Meaning::kEndOfMonthThenDays},
    {"net eom #", Meaning::kEndOfMonthThenDays},
    {"# eom", Meaning::kEndOfMonthThenDays},
    {"fin de mois # jours", Meaning::kEndOfMonthThenDays},
    {"fin de mois + # jours", Meaning::kEndOfMonthThenDays},
    {"fin de mois plus # jours", Meaning::kEndOfMonthThenDays},
    // End of the invoice month.
    {"eom", Meaning::kEndOfMonth},
    {"net eom", Meaning::kEndOfMonth},
    {"end of month", Meaning::kEndOfMonth},
    {"fin de mois", Meaning::kEndOfMonth},
    // "N days end of month": two readings, chosen by an option.
    {"# jours fin de mois", Meaning::kDaysEndOfMonth},
    {"# jours fdm", Meaning::kDaysEndOfMonth},
    {"# days end of month", Meaning::kDaysEndOfMonth},
    // Day N of the following month ("proximo", "month following invoice").
    {"#th of next month", Meaning::kDayOfNextMonth},
    {"# of next month", Meaning::kDayOfNextMonth},
    {"#th of the following month", Meaning::kDayOfNextMonth},
    {"#th of following month", Meaning::kDayOfNextMonth},
    {"# mfi", Meaning::kDayOfNextMonth},
    {"#th mfi", Meaning::kDayOfNextMonth},
    {"#th prox", Meaning::kDayOfNextMonth},
    {"#th proximo", Meaning::kDayOfNextMonth},
    {"net #th prox", Meaning::kDayOfNextMonth},
    {"net #th proximo", Meaning::kDayOfNextMonth},
    {"le # du mois suivant", Meaning::kDayOfNextMonth},
    {"le #th du mois suivant", Meaning::kDayOfNextMonth},
    // Early-payment discounts.
    {"escompte #% à # jours", Meaning::kDiscount},
    {"escompte #% a # jours", Meaning::kDiscount},
    {"escompte de #% à # jours", Meaning::kDiscount},
    {"escompte de #% a # jours", Meaning::kDiscount},
    {"#% discount within # days", Meaning::kDiscount},
    {"#% discount if paid within # days", Meaning::kDiscount},
};

struct Token {
  std::string text;  // lower-case
  size_t offset;     // byte offset in the whole text
};

// What a phrase match captured.
struct Captures {
  std::vector<int> numbers;
  std::vector<Rate> percents;
};

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<int> WholeNumber(std::string_view text) {
  if (!AllDigits(text) || text.size() > 5) return std::nullopt;
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

std::optional<int> Ordinal(std::string_view text) {
  for (std::string_view suffix : {"st", "nd", "rd", "th", "er", "e"}) {
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      if (auto n = WholeNumber(text.substr(0, text.size() - suffix.size()))) {
        return n;
      }
    }
  }
  return WholeNumber(text);
}

bool MatchWord(std::string_view word, const Token& token, Captures& captures) {
  if (word == "#") {
    auto n = WholeNumber(token.text);
    if (!n) return false;
    captures.numbers.push_back(*n);
    return true;
  }
  if (word == "#th") {
    auto n = Ordinal(token.text);
    if (!n) return false;
    captures.numbers.push_back(*n);
    return true;
  }
  if (word == "#%") {
    if (!token.text.ends_with('%')) return false;
    absl::StatusOr<Rate> rate = Rate::Parse(token.text);
    if (!rate.ok()) return false;
    captures.percents.push_back(*rate);
    return true;
  }
  if (word == "n/#") {
    if (!token.text.starts_with("n/")) return false;
    auto n = WholeNumber(std::string_view(token.text).substr(2));
    if (!n) return false;
    captures.numbers.push_back(*n);
    return true;
  }
  return word == token.text;
}

std::optional<std::pair<Meaning, Captures>> MatchPhrase(
    const std::vector<Token>& tokens) {
  for (const Phrase& phrase : kPhrases) {
    std::vector<std::string_view> words;
    std::string_view rest = phrase.pattern;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      words.push_back(rest.substr(0, space));
      rest = space == std::string_view::npos ? "" : rest.substr(space + 1);
    }
    if (words.size() != tokens.size()) continue;
    Captures captures;
    bool matched = true;
    for (size_t i = 0; i < words.size() && matched; ++i) {
      matched = MatchWord(words[i], tokens[i], captures);
    }
    if (matched) return std::make_pair(phrase.meaning, std::move(captures));
  }
  return std::nullopt;
}

// ASCII lower-casing; UTF-8 bytes (é, à) pass through unchanged, and the
// upper-case forms of those two letters are folded too.
std::string Lower(std::string_view text) {
  std::string lower;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next == 0x89 || next == 0x80)
        next = static_cast<unsigned char>(next + 0x20);  // É->é, À->à
      lower.push_back(static_cast<char>(c));
      lower.push_back(static_cast<char>(next));
      ++i;
      continue;
    }
    // ASCII only: std::tolower depends on the global locale (in a Turkish
    // one, 'I' becomes a dotless i).
    lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return lower;
}

std::vector<Token> Tokenize(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> tokens;
  size_t i = begin;
  while (i < end) {
    while (i < end && text[i] == ' ') ++i;
    if (i >= end) break;
    const size_t start = i;
    while (i < end && text[i] != ' ') ++i;
    std::string word = Lower(text.substr(start, i - start));
    // "2 %" is one percentage.
    if (word == "%" && !tokens.empty()) {
      tokens.back().text += "%";
      continue;
    }
    tokens.push_back({std::move(word), start});
  }
  return tokens;
}

absl::StatusOr<DateFormula> Formula(std::vector<FormulaStep> steps,
                                    const TermsParseOptions& options) {
  return DateFormula::FromSteps(std::move(steps), options.formula_options);
}

FormulaStep AddDays(int days) {
  return {.kind = FormulaStep::Kind::kAdd,
          .count = days,
          .unit = FormulaStep::Unit::kDay};
}
FormulaStep MonthEnd() {
  return {.kind = FormulaStep::Kind::kPeriodEnd,
          .unit = FormulaStep::Unit::kMonth};
}
FormulaStep DayOfMonth(int day) {
  return {.kind = FormulaStep::Kind::kDayOfMonth, .count = day};
}

class TermsTextParser {
 public:
  TermsTextParser(std::string_view text, const TermsParseOptions& options)
      : text_(text), options_(options) {}

  absl::StatusOr<TermsSpec> Parse() {
    if (text_.find_first_not_of(' ') == std::string_view::npos) {
      return absl::InvalidArgumentError(
          "terms \"\": empty, expected e.g. \"net 30\" or \"30 jours fin de "
          "mois\"");
    }
    spec_.rounding = options_.rounding;
    spec_.source_text = std::string(text_);
    size_t begin = 0;
    while (begin <= text_.size()) {
      size_t end = text_.find_first_of(",;", begin);
      if (end == std::string_view::npos) end = text_.size();
      RELANCE_RETURN_IF_ERROR(ParseClause(begin, end));
      begin = end + 1;
    }
    if (spec_.lines.empty()) {
      return Error(0, "no due date: add e.g. \"net 30\"");
    }
    return std::move(spec_);
  }

 private:
  absl::Status ParseClause(size_t begin, size_t end) {
    std::vector<Token> tokens = Tokenize(text_, begin, end);
    if (tokens.empty()) return Error(begin, "empty clause");
    // A whole-clause discount phrase.
    if (auto match = MatchPhrase(tokens);
        match && match->first == Meaning::kDiscount) {
      return AddDiscount(match->second.percents[0], match->second.numbers[0]);
    }
    // Leading "2/10" discount tiers (2 % within 10 days).
    size_t first = 0;
    while (first < tokens.size()) {
      const std::string& word = tokens[first].text;
      const size_t slash = word.find('/');
      if (slash == std::string::npos || word.starts_with("n/")) break;
      absl::StatusOr<Rate> percent =
          Rate::Parse(absl::StrCat(word.substr(0, slash), "%"));
      auto days = WholeNumber(std::string_view(word).substr(slash + 1));
      if (!percent.ok() || !days) {
        return Error(tokens[first].offset,
                     absl::StrCat(internal::QuoteForMessage(word),
                                  " is not a discount such as 2/10"));
      }
      RELANCE_RETURN_IF_ERROR(AddDiscount(*percent, *days));
      ++first;
    }
    if (first == tokens.size()) return absl::OkStatus();  // discounts only
    // An optional leading percentage: "30% now", "70% net 60".
    std::optional<Rate> share;
    if (tokens[first].text.ends_with('%')) {
      absl::StatusOr<Rate> percent = Rate::Parse(tokens[first].text);
      if (!percent.ok()) {
        return Error(tokens[first].offset,
                     absl::StrCat(internal::QuoteForMessage(tokens[first].text),
                                  " is not a percentage"));
      }
      share = *percent;
      ++first;
      if (first == tokens.size()) {
        return Error(tokens[first - 1].offset,
                     "a percentage needs a due date after it (\"30% net 60\")");
      }
    }
    const std::vector<Token> due_tokens(
        tokens.begin() + static_cast<long>(first), tokens.end());
    RELANCE_ASSIGN_OR_RETURN(DateFormula due,
                             DueFormula(due_tokens, tokens[first].offset, end));
    InstalmentLine line{.due = std::move(due),
                        .adjustment = options_.adjustment};
    if (share.has_value()) {
      line.share = InstalmentLine::Share::kPercent;
      line.percent = *share;
    }
    spec_.lines.push_back(std::move(line));
    return absl::OkStatus();
  }

  absl::StatusOr<DateFormula> DueFormula(const std::vector<Token>& tokens,
                                         size_t begin, size_t end) {
    if (auto match = MatchPhrase(tokens)) {
      const std::vector<int>& n = match->second.numbers;
      switch (match->first) {
        case Meaning::kOnReceipt:
          return Formula({AddDays(0)}, options_);
        case Meaning::kDaysAfterInvoice:
          return Formula({AddDays(n[0])}, options_);
        case Meaning::kEndOfMonth:
          return Formula({MonthEnd()}, options_);
        case Meaning::kEndOfMonthThenDays:
          return Formula({MonthEnd(), AddDays(n[0])}, options_);
        case Meaning::kDaysEndOfMonth:
          spec_.end_of_month_reading = options_.end_of_month_reading;
          if (options_.end_of_month_reading ==
              EndOfMonthReading::kDaysThenEndOfMonth) {
            return Formula({AddDays(n[0]), MonthEnd()}, options_);
          }
          return Formula({MonthEnd(), AddDays(n[0])}, options_);
        case Meaning::kDayOfNextMonth:
          if (n[0] < 1 || n[0] > 31) {
            return Error(begin, absl::StrCat("day ", n[0],
                                             " of a month is outside 1..31"));
          }
          return Formula({MonthEnd(), DayOfMonth(n[0])}, options_);
        case Meaning::kDiscount:
          break;
      }
      return Error(begin, "a discount cannot be a due date");
    }
    // Not a phrase: a raw date formula ("CM+45D", "<30D+CM>").
    const std::string_view clause = text_.substr(begin, end - begin);
    absl::StatusOr<DateFormula> formula =
        DateFormula::Parse(clause, options_.formula_options);
    if (formula.ok()) return formula;
    return Error(begin,
                 absl::StrCat(internal::QuoteForMessage(clause),
                              " is neither known terms (\"net 30\", \"30 jours "
                              "fin de mois\", \"2/10 net 30\", \"10th of next "
                              "month\", ...) nor a date formula (\"CM+45D\")"));
  }

  absl::Status AddDiscount(Rate percent, int days) {
    RELANCE_ASSIGN_OR_RETURN(DateFormula within,
                             Formula({AddDays(days)}, options_));
    spec_.discounts.push_back(
        {.percent = percent, .within = std::move(within)});
    return absl::OkStatus();
  }

  absl::Status Error(size_t offset, std::string_view what) const {
    size_t column = 1;
    for (size_t i = 0; i < offset && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    }
    return absl::InvalidArgumentError(
        absl::StrCat("terms ", internal::QuoteForMessage(text_), " at column ",
                     column, ": ", std::string(what)));
  }

  std::string_view text_;
  const TermsParseOptions& options_;
  TermsSpec spec_;
};

}  // namespace

absl::StatusOr<PaymentTerms> PaymentTerms::Parse(
    std::string_view text, const TermsParseOptions& options) {
  TermsTextParser parser(text, options);
  RELANCE_ASSIGN_OR_RETURN(TermsSpec spec, parser.Parse());
  return Create(std::move(spec));
}

}  // namespace relance
