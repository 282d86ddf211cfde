#include "relance/internal/quote.hpp"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/calendar.hpp"
#include "relance/date.hpp"
#include "relance/date_formula.hpp"
#include "relance/event.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/money.hpp"
#include "relance/policy.hpp"
#include "relance/rate.hpp"
#include "relance/rate_series.hpp"
#include "relance/terms.hpp"
#include "test_helpers.hpp"

namespace relance::internal {
namespace {

using ::testing::EndsWith;
using ::testing::StartsWith;

TEST(Quote, PrintableTextIsQuotedAsIs) {
  EXPECT_EQ(QuoteForMessage("net 30"), "\"net 30\"");
  EXPECT_EQ(QuoteForMessage(""), "\"\"");
  // Accented letters and the no-break space (U+00A0, C2 A0) are text.
  EXPECT_EQ(QuoteForMessage("30 jours fin de mois \xC3\xA0 r\xC3\xA9"
                            "ception"),
            "\"30 jours fin de mois \xC3\xA0 r\xC3\xA9"
            "ception\"");
  EXPECT_EQ(QuoteForMessage("12,50\xC2\xA0\xE2\x82\xAC"),
            "\"12,50\xC2\xA0\xE2\x82\xAC\"");
}

TEST(Quote, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(QuoteForMessage(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
}

TEST(Quote, ControlCharactersAreEscaped) {
  EXPECT_EQ(QuoteForMessage("a\nb\rc\td"), R"("a\nb\rc\td")");
  // ESC [ 2 J clears a terminal: it must reach it as text.
  EXPECT_EQ(QuoteForMessage("\x1b[2J"), R"("\x1B[2J")");
  EXPECT_EQ(QuoteForMessage(std::string("a\0b", 3)), R"("a\x00b")");
  EXPECT_EQ(QuoteForMessage("\x7f"), R"("\x7F")");
  // C1 NEL (U+0085), the line separator and a right-to-left override.
  EXPECT_EQ(QuoteForMessage("\xC2\x85"), R"("\u0085")");
  EXPECT_EQ(QuoteForMessage("a\xE2\x80\xA8"
                            "b"),
            R"("a\u2028b")");
  EXPECT_EQ(QuoteForMessage("\xE2\x80\xAE"
                            "cba"),
            R"("\u202Ecba")");
}

TEST(Quote, InvalidUtf8IsEscapedByteByByte) {
  // A lone continuation byte, a truncated sequence, an overlong '/', a
  // UTF-16 surrogate (U+D800) and a byte that never appears in UTF-8.
  EXPECT_EQ(QuoteForMessage("\x80"), R"("\x80")");
  EXPECT_EQ(QuoteForMessage("\xC3"), R"("\xC3")");
  EXPECT_EQ(QuoteForMessage("\xC3"
                            "A"),
            R"("\xC3A")");
  EXPECT_EQ(QuoteForMessage("\xC0\xAF"), R"("\xC0\xAF")");
  EXPECT_EQ(QuoteForMessage("\xED\xA0\x80"), R"("\xED\xA0\x80")");
  EXPECT_EQ(QuoteForMessage("\xFF"), R"("\xFF")");
  // The largest code point is kept, one beyond is not.
  EXPECT_EQ(QuoteForMessage("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");
  EXPECT_EQ(QuoteForMessage("\xF4\x90\x80\x80"), R"("\xF4\x90\x80\x80")");
}

TEST(Quote, LongInputIsCutAtEightyCharacters) {
  const std::string eighty(80, 'x');
  EXPECT_EQ(QuoteForMessage(eighty), "\"" + eighty + "\"");
  EXPECT_EQ(QuoteForMessage(eighty + "y"), "\"" + eighty + "\"... (81 bytes)");
  const std::string huge(1 << 20, 'z');
  const std::string quoted = QuoteForMessage(huge);
  EXPECT_EQ(quoted.size(),
            1 + 80 + 1 + std::string("... (1048576 bytes)").size());
  EXPECT_THAT(quoted, EndsWith("\"... (1048576 bytes)"));
}

TEST(Quote, DescribesOneByte) {
  EXPECT_EQ(DescribeByteForMessage(' '), "space");
  EXPECT_EQ(DescribeByteForMessage('x'), "'x'");
  EXPECT_EQ(DescribeByteForMessage('\''), R"('\'')");
  EXPECT_EQ(DescribeByteForMessage('"'), R"('"')");
  EXPECT_EQ(DescribeByteForMessage('\\'), R"('\\')");
  EXPECT_EQ(DescribeByteForMessage('\n'), R"('\n')");
  EXPECT_EQ(DescribeByteForMessage('\x1b'), R"('\x1B')");
  EXPECT_EQ(DescribeByteForMessage('\xc3'), R"('\xC3')");
}

TEST(Quote, TheLimitCanBeChosen) {
  EXPECT_EQ(QuoteForMessage("abcdef", 3), "\"abc\"... (6 bytes)");
  EXPECT_EQ(QuoteForMessage("abc", 3), "\"abc\"");
}

TEST(Quote, CutsOnCharacterBoundaries) {
  // 81 two-byte characters: 80 are shown whole, none split.
  std::string accents;
  for (int i = 0; i < 81; ++i) accents += "\xC3\xA9";
  const std::string quoted = QuoteForMessage(accents);
  EXPECT_EQ(quoted, "\"" + accents.substr(0, 160) + "\"... (162 bytes)");
  // Escapes count as one character of the input each.
  const std::string newlines(100, '\n');
  std::string expected = "\"";
  for (int i = 0; i < 80; ++i) expected += "\\n";
  EXPECT_EQ(QuoteForMessage(newlines), expected + "\"... (100 bytes)");
  EXPECT_THAT(QuoteForMessage(newlines), StartsWith("\"\\n"));
}

// Every parser that echoes its input goes through QuoteForMessage: a message
// never carries a control character nor more than about a hundred
// characters of the input.
bool IsSafeMessage(std::string_view message) {
  for (char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return false;
  }
  // The bound tests/cli_test.sh puts on a message line: a quoted input is
  // cut, and a list of allowed keys (17 for a policy) fits.
  return message.size() <= 600;
}

// The error message of a failed parse (the result must be an error).
template <typename T>
std::string ErrorOf(const absl::StatusOr<T>& result) {
  EXPECT_FALSE(result.ok());
  return std::string(result.status().message());
}

const std::string kLong(5000, '7');

TEST(QuoteInMessages, MoneyTextIsQuotedAndCut) {
  std::string message = ErrorOf(Money::Parse("12\n50 EUR"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"(money "12\n50 EUR")"));
  message = ErrorOf(Money::Parse(kLong + " EUR"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  EXPECT_THAT(message, ::testing::HasSubstr("\"... (5004 bytes)"));
  message = ErrorOf(Money::Parse("1.00 \x1b[m"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"(currency "\x1B[m")"));
}

TEST(QuoteInMessages, RateTextIsQuotedAndCut) {
  std::string message = ErrorOf(Rate::Parse("1\t5%"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"(rate "1\t5%")"));
  EXPECT_TRUE(IsSafeMessage(ErrorOf(Rate::Parse(kLong + "x")))) << message;
}

TEST(QuoteInMessages, DateTextIsQuotedAndCut) {
  std::string message = ErrorOf(ParseDate("2026\r01-01"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"(date "2026\r01-01")"));
  EXPECT_TRUE(IsSafeMessage(ErrorOf(ParseDate(kLong))));
}

TEST(QuoteInMessages, FormulaTextIsQuotedAndCut) {
  std::string message = ErrorOf(DateFormula::Parse("CM+45D\x07"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"(date formula "CM+45D\x07")"));
  EXPECT_TRUE(IsSafeMessage(ErrorOf(DateFormula::Parse(kLong + "X"))));
}

TEST(QuoteInMessages, TermsTextIsQuotedAndCut) {
  std::string message = ErrorOf(PaymentTerms::Parse("net\x1b[2J 30"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"(terms "net\x1B[2J 30")"));
  message = ErrorOf(PaymentTerms::Parse("net 30 " + kLong + "\n"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  EXPECT_THAT(message, ::testing::HasSubstr("(5008 bytes)"));
}

TEST(QuoteInMessages, InvalidUtf8InTermsIsEscaped) {
  // Invalid UTF-8 is escaped, not passed to a terminal.
  std::string message = ErrorOf(PaymentTerms::Parse("net \xff"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"(\xFF)"));
}

TEST(QuoteInMessages, EveryJsonReaderQuotesAnUnknownKey) {
  // An unknown key, long and with an escape character, in each reader.
  const std::string key = kLong + "\\u001b";
  std::string message = ErrorOf(Policy::FromJson(
      R"({"id": "p", "version": 1, ")" + key + R"(": 1, "levels": []})"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  EXPECT_THAT(message, ::testing::HasSubstr("unknown key \"777"));
  message = ErrorOf(
      BusinessCalendar::FromJson(R"({"code": "X", ")" + key + R"(": 1})"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  message = ErrorOf(PaymentTerms::FromJson(R"({")" + key + R"(": 1})"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  message = ErrorOf(PenaltyRuleFromJson(R"({")" + key + R"(": 1})"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  message = ErrorOf(RateSeries::FromJson(R"({")" + key + R"(": 1})"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  message = ErrorOf(Case::FromJson(R"({")" + key + R"(": 1})"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
}

TEST(QuoteInMessages, AValueEchoedFromJsonIsEscaped) {
  // A value echoed in a message: a policy id with a newline.
  std::string message = ErrorOf(
      Policy::FromJson(R"({"id": "a\nb", "version": 1, "levels": [{"id": "r", )"
                       R"("offset_days": 1, "channel": "email"}]})"));
  EXPECT_THAT(message, ::testing::HasSubstr(R"("a\nb": use only letters)"));
}

TEST(QuoteInMessages, AJsonSyntaxErrorQuotesTheTokenCut) {
  // A syntax error in a long string: the token the parser echoes is quoted
  // and cut like any input.
  std::string message =
      ErrorOf(Policy::FromJson(R"({"id": ")" + kLong + "\x01"));
  EXPECT_TRUE(IsSafeMessage(message)) << message;
  EXPECT_THAT(message, ::testing::HasSubstr("invalid JSON"));
}

}  // namespace
}  // namespace relance::internal
