// PaymentTerms::Parse: the text notation of payment terms, in English and
// French. The recognised phrases are the table kPhrases below, some of them
// after a lead-in of kLeads ("paiement à", "due within"); anything else must
// be a raw DateFormula.
#include <cstddef>
#include <optional>
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
  kOnReceipt,            // 0D
  kDaysAfterInvoice,     // ND
  kEndOfMonth,           // CM
  kEndOfMonthThenDays,   // CM+ND
  kDaysEndOfMonth,       // N days "end of month": by EndOfMonthReading
  kDayOfNextMonth,       // CM+DN: day N of the month after the invoice month
  kDaysEndOfMonthOnThe,  // N days end of month, then day M ("le 10")
  kDiscount,             // P % off if paid within N days
};

struct Phrase {
  // Space-separated words; "#" is a whole number, "#th" an ordinal ("10th",
  // "1st", "1er"), "#%" a percentage ("2%", "2.5%").
  std::string_view pattern;
  Meaning meaning;
};

// The phrases, lower-case. Read top to bottom: the first match wins. A
// phrase starting "# jours" or "# days" may also follow a lead (kLeads):
// "paiement à # jours" is "# jours".
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
    {"net # days eom", Meaning::kEndOfMonthThenDays},
    {"# days eom", Meaning::kEndOfMonthThenDays},
    {"n/# eom", Meaning::kEndOfMonthThenDays},
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
    // "N days end of month, on the Mth" (Odoo's "days end of month on the").
    {"# jours fin de mois le #th", Meaning::kDaysEndOfMonthOnThe},
    {"# days end of month on the #th", Meaning::kDaysEndOfMonthOnThe},
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

// Lead-ins that change nothing: "Paiement à 45 jours fin de mois" means
// "45 jours fin de mois", "Due within 30 days EOM" means "30 days EOM". A lead
// may come once before a phrase of its language that starts with a number of
// days (`phrase_start`). Its words are compared without the accents of à, è
// and é ("a" is "à", "reglement" is "règlement"): text printed in capitals
// often drops them.
struct Lead {
  std::string_view words;
  std::string_view phrase_start;
};
constexpr Lead kLeads[] = {
    {"paiement a", "# jours"},
    {"payable a", "# jours"},
    {"reglement a", "# jours"},
    {"a", "# jours"},
    {"paiement sous", "# jours"},
    {"payable sous", "# jours"},
    {"reglement sous", "# jours"},
    {"sous", "# jours"},
    // "Paiement à réception", "Règlement à réception de facture".
    {"paiement", "à"},
    {"paiement", "a"},
    {"payable", "à"},
    {"payable", "a"},
    {"reglement", "à"},
    {"reglement", "a"},
    // "Payment on receipt", "Payable upon receipt".
    {"payment", "on"},
    {"payment", "upon"},
    {"payable", "on"},
    {"payable", "upon"},
    {"payment in", "# days"},
    {"due in", "# days"},
    {"due within", "# days"},
    {"payable in", "# days"},
    {"payable within", "# days"},
    {"payment within", "# days"},
    {"payment due in", "# days"},
    {"payment due within", "# days"},
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

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    words.push_back(text.substr(0, space));
    text = space == std::string_view::npos ? "" : text.substr(space + 1);
  }
  return words;
}

// The first phrase of kPhrases that `tokens` match, among those whose pattern
// is `starting_with` or starts with it and a space (all when empty).
std::optional<std::pair<Meaning, Captures>> MatchPhrase(
    const std::vector<Token>& tokens, std::string_view starting_with = "") {
  for (const Phrase& phrase : kPhrases) {
    const std::string_view pattern = phrase.pattern;
    if (!pattern.starts_with(starting_with) ||
        (pattern.size() > starting_with.size() && !starting_with.empty() &&
         pattern[starting_with.size()] != ' ')) {
      continue;
    }
    const std::vector<std::string_view> words = Words(pattern);
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

// A lower-case word with à, è and é written a, e, e (C3 A0, C3 A8, C3 A9).
std::string WithoutAccents(std::string_view word) {
  std::string plain;
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '\xC3' && i + 1 < word.size()) {
      const char next = word[i + 1];
      if (next == '\xA0' || next == '\xA8' || next == '\xA9') {
        plain.push_back(next == '\xA0' ? 'a' : 'e');
        ++i;
        continue;
      }
    }
    plain.push_back(word[i]);
  }
  return plain;
}

// A phrase, or a lead of kLeads and then a phrase it may lead, meaning what
// the phrase means alone.
std::optional<std::pair<Meaning, Captures>> MatchDuePhrase(
    const std::vector<Token>& tokens) {
  if (auto match = MatchPhrase(tokens)) return match;
  for (const Lead& lead : kLeads) {
    const std::vector<std::string_view> words = Words(lead.words);
    if (tokens.size() <= words.size()) continue;
    bool led = true;
    for (size_t i = 0; i < words.size() && led; ++i) {
      led = WithoutAccents(tokens[i].text) == words[i];
    }
    if (!led) continue;
    const std::vector<Token> rest(
        tokens.begin() + static_cast<std::ptrdiff_t>(words.size()),
        tokens.end());
    if (auto match = MatchPhrase(rest, lead.phrase_start)) return match;
  }
  return std::nullopt;
}

// Lower-casing of ASCII and of the Latin-1 letters (U+00C0..U+00DE but
// U+00D7, encoded C3 80..C3 9E: É -> é, À -> à, Ç -> ç); other UTF-8 bytes
// pass through unchanged.
std::string Lower(std::string_view text) {
  std::string lower;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97)
        next = static_cast<unsigned char>(next + 0x20);
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

// One Latin letter followed by a combining accent (NFD), and the precomposed
// letter (NFC) in Latin-1.
struct Composition {
  char base;
  char32_t mark;
  char32_t composed;
};
constexpr Composition kCompositions[] = {
    {'a', 0x300, 0xE0}, {'a', 0x301, 0xE1}, {'a', 0x302, 0xE2},
    {'a', 0x308, 0xE4}, {'c', 0x327, 0xE7}, {'e', 0x300, 0xE8},
    {'e', 0x301, 0xE9}, {'e', 0x302, 0xEA}, {'e', 0x308, 0xEB},
    {'i', 0x300, 0xEC}, {'i', 0x301, 0xED}, {'i', 0x302, 0xEE},
    {'i', 0x308, 0xEF}, {'o', 0x300, 0xF2}, {'o', 0x301, 0xF3},
    {'o', 0x302, 0xF4}, {'o', 0x308, 0xF6}, {'u', 0x300, 0xF9},
    {'u', 0x301, 0xFA}, {'u', 0x302, 0xFB}, {'u', 0x308, 0xFC},
};

void AppendUtf8Latin1(std::string& out, char32_t code) {
  out.push_back(static_cast<char>(0xC0 | (code >> 6)));
  out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
}

// Before matching: tabs and line breaks, U+00A0, U+202F and U+2009 become
// spaces (French typography puts no-break spaces before '%' and inside
// phrases), and a Latin letter followed by a combining accent (NFD, as some
// systems store text) becomes the precomposed letter (NFC): "e" U+0301 is
// "é". A small explicit table, no Unicode library.
std::string NormalizeTermsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::string_view rest = text.substr(i);
    if (c == '\t' || c == '\n' || c == '\r') {
      out.push_back(' ');
    } else if (rest.starts_with("\xC2\xA0")) {  // U+00A0 no-break space
      out.push_back(' ');
      ++i;
    } else if (rest.starts_with("\xE2\x80\xAF") ||  // U+202F narrow no-break
               rest.starts_with("\xE2\x80\x89")) {  // U+2009 thin space
      out.push_back(' ');
      i += 2;
    } else if (rest.size() >= 3 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z' &&
               static_cast<unsigned char>(rest[1]) >= 0xCC &&
               static_cast<unsigned char>(rest[1]) <= 0xCD) {
      // A letter and a combining mark U+0300..U+036F (CC 80..CD AF).
      const char32_t mark = static_cast<char32_t>(
          ((static_cast<unsigned char>(rest[1]) & 0x1F) << 6) |
          (static_cast<unsigned char>(rest[2]) & 0x3F));
      const bool upper = c >= 'A' && c <= 'Z';
      const char base = static_cast<char>(c | 0x20);
      bool composed = false;
      for (const Composition& k : kCompositions) {
        if (k.base == base && k.mark == mark) {
          AppendUtf8Latin1(out, upper ? k.composed - 0x20 : k.composed);
          composed = true;
          break;
        }
      }
      if (!composed) {
        out.push_back(static_cast<char>(c));
        continue;
      }
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
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

// True when `clause` is written like a date formula rather than words: only
// formula characters, a digit or a formula sign, and no run of more than two
// letters ("D32", "100000D", "CM+45X" are; "net thirty" is not). Its own
// error is then more useful than "not known terms".
bool LooksLikeFormula(std::string_view clause) {
  bool digit_or_sign = false;
  int letters = 0;
  for (char c : clause) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    letters = letter ? letters + 1 : 0;
    if (letters > 2) return false;
    if ((c >= '0' && c <= '9') || c == '+' || c == '<') {
      digit_or_sign = true;
    } else if (!letter && c != '-' && c != ' ' && c != '>') {
      return false;
    }
  }
  return digit_or_sign;
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
      return AddDiscount(match->second.percents[0], match->second.numbers[0],
                         /*eom_dated=*/false);
    }
    // Leading "2/10" discount tiers (2 % within 10 days), optionally dated
    // from the end of the month: "2/10 EOM net 30".
    size_t first = 0;
    std::vector<std::pair<Rate, int>> tiers;
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
      tiers.emplace_back(*percent, *days);
      ++first;
    }
    bool eom_dated = false;
    if (!tiers.empty() && first < tokens.size() &&
        tokens[first].text == "eom") {
      eom_dated = true;
      ++first;
    }
    // A trailing cut-off day: "10th proximo cutoff 25".
    std::optional<int> cutoff_day;
    size_t last = tokens.size();
    if (last >= first + 3 && (tokens[last - 2].text == "cutoff" ||
                              tokens[last - 2].text == "cut-off")) {
      auto day = WholeNumber(tokens[last - 1].text);
      if (!day || *day < 1 || *day > 30) {
        return Error(tokens[last - 1].offset,
                     "a cut-off day is a day of the month, 1..30");
      }
      cutoff_day = *day;
      last -= 2;
      end = tokens[last].offset;
    }
    if (first == last) {  // discounts only
      for (const auto& [percent, days] : tiers) {
        RELANCE_RETURN_IF_ERROR(AddDiscount(percent, days, eom_dated));
      }
      return absl::OkStatus();
    }
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
      if (first == last) {
        return Error(tokens[first - 1].offset,
                     "a percentage needs a due date after it (\"30% net 60\")");
      }
    }
    const std::vector<Token> due_tokens(
        tokens.begin() + static_cast<long>(first),
        tokens.begin() + static_cast<long>(last));
    std::optional<Meaning> meaning;
    RELANCE_ASSIGN_OR_RETURN(
        DateFormula due,
        DueFormula(due_tokens, tokens[first].offset, end, meaning));
    if (eom_dated && meaning == Meaning::kDaysAfterInvoice) {
      // "2/10 EOM net 30": the net days count from the end of the month too.
      RELANCE_ASSIGN_OR_RETURN(
          due,
          Formula({MonthEnd(), AddDays(due.steps().front().count)}, options_));
    }
    // "2/10 net 30 EOM": EOM dates the whole clause, the discount too (the
    // AMA's definition of EOM dating).
    if (meaning == Meaning::kEndOfMonthThenDays) eom_dated = true;
    for (const auto& [percent, days] : tiers) {
      RELANCE_RETURN_IF_ERROR(AddDiscount(percent, days, eom_dated));
    }
    InstalmentLine line{.due = std::move(due),
                        .cutoff_day = cutoff_day,
                        .adjustment = options_.adjustment};
    if (share.has_value()) {
      line.share = InstalmentLine::Share::kPercent;
      line.percent = *share;
    }
    spec_.lines.push_back(std::move(line));
    return absl::OkStatus();
  }

  // `meaning` is set to what the phrase meant, if it was a phrase.
  absl::StatusOr<DateFormula> DueFormula(const std::vector<Token>& tokens,
                                         size_t begin, size_t end,
                                         std::optional<Meaning>& meaning) {
    if (auto match = MatchDuePhrase(tokens)) {
      const std::vector<int>& n = match->second.numbers;
      meaning = match->first;
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
        case Meaning::kDaysEndOfMonthOnThe:
          // "30 jours fin de mois le 10": the month end the reading gives,
          // then the next 10th: 30D+CM+D10 (days-then-eom), or, from
          // CM+30D which is not a month end, the first 10th on or after it:
          // CM+30D-1D+D10 (eom-then-days).
          if (n[1] < 1 || n[1] > 31) {
            return Error(begin, absl::StrCat("day ", n[1],
                                             " of a month is outside 1..31"));
          }
          spec_.end_of_month_reading = options_.end_of_month_reading;
          if (options_.end_of_month_reading ==
              EndOfMonthReading::kDaysThenEndOfMonth) {
            return Formula({AddDays(n[0]), MonthEnd(), DayOfMonth(n[1])},
                           options_);
          }
          return Formula(
              {MonthEnd(), AddDays(n[0]), AddDays(-1), DayOfMonth(n[1])},
              options_);
        case Meaning::kDiscount:
          break;
      }
      return Error(begin, "a discount cannot be a due date");
    }
    // Not a phrase: a raw date formula ("CM+45D", "<30D+CM>").
    std::string_view clause = text_.substr(begin, end - begin);
    while (clause.ends_with(' ')) clause.remove_suffix(1);
    absl::StatusOr<DateFormula> formula =
        DateFormula::Parse(clause, options_.formula_options);
    if (formula.ok()) return formula;
    if (LooksLikeFormula(clause)) {
      return Error(begin, std::string(formula.status().message()));
    }
    return Error(begin,
                 absl::StrCat(internal::QuoteForMessage(clause),
                              " is neither known terms (\"net 30\", \"30 jours "
                              "fin de mois\", \"2/10 net 30\", \"10th of next "
                              "month\", ...) nor a date formula (\"CM+45D\")"));
  }

  absl::Status AddDiscount(Rate percent, int days, bool eom_dated) {
    std::vector<FormulaStep> steps;
    if (eom_dated) steps.push_back(MonthEnd());
    steps.push_back(AddDays(days));
    RELANCE_ASSIGN_OR_RETURN(DateFormula within,
                             Formula(std::move(steps), options_));
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
  const std::string normalized = NormalizeTermsText(text);
  TermsTextParser parser(normalized, options);
  RELANCE_ASSIGN_OR_RETURN(TermsSpec spec, parser.Parse());
  spec.source_text = std::string(text);
  spec.discount_base = options.discount_base;
  return Create(std::move(spec));
}

}  // namespace relance
