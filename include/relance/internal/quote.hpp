// relance/internal/quote.hpp
// -----------------------------------------------------------------------------
// How an error message shows what the user wrote.
//
// Every parser that echoes its input in a message (money, rate, date, date
// formula, terms text, JSON readers, the command line) quotes it with
// `QuoteForMessage`, so that a message is always one line of printable text
// of bounded length, whatever the input: a terminal never receives an escape
// sequence from a file, a log line is never split by a newline in a value,
// and a megabyte of input gives a message of about a hundred characters.
//
// Example:
//   QuoteForMessage("net 30")        // "\"net 30\""
//   QuoteForMessage("net\t30\n")     // "\"net\\t30\\n\""
//   QuoteForMessage(std::string(1000, 'x'))
//                                    // "\"xxx...x\"... (1000 bytes)", 80 x
#ifndef RELANCE_INTERNAL_QUOTE_HPP_
#define RELANCE_INTERNAL_QUOTE_HPP_

#include <cstddef>
#include <string>
#include <string_view>

namespace relance::internal {

// The most characters (Unicode code points) of an input that a message shows.
inline constexpr size_t kMaxQuotedCharacters = 80;

// `text` between double quotes, made safe for a one-line message:
//   - `"` and `\` are escaped as `\"` and `\\`;
//   - control characters are escaped: `\n`, `\r`, `\t`, other C0 controls
//     and DEL as `\xNN`; C1 controls (U+0080..U+009F), the line and
//     paragraph separators (U+2028, U+2029) and the bidirectional controls
//     (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) as `\uNNNN`, so that
//     no input can reorder or split the message around it;
//   - a byte that is not part of well-formed UTF-8 is escaped as `\xNN`;
//   - other characters, accented letters and U+00A0 included, are kept.
// At most `max_characters` characters of `text` are shown; a longer input is
// cut on a character boundary and the closing quote is followed by
// `... (N bytes)`, N being the size of the whole input.
std::string QuoteForMessage(std::string_view text,
                            size_t max_characters = kMaxQuotedCharacters);

// One byte of an input, as a parser names the character it did not expect:
// "space" for ' ', otherwise the byte between single quotes, escaped as in
// QuoteForMessage ('x', '\'', '\n', '\x1B'; a byte >= 0x80, part of a
// multi-byte character, as '\xC3').
std::string DescribeByteForMessage(char c);

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_QUOTE_HPP_
