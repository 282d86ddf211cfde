#include "relance/internal/quote.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"

namespace relance::internal {
namespace {

// The length of the well-formed UTF-8 sequence at `text[i]` (1..4) and its
// code point, or 0 when the byte there does not start one (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
size_t DecodeUtf8(std::string_view text, size_t i, uint32_t& code_point) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t lead = byte(i);
  size_t length = 0;
  uint32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code_point = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code_point = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code_point = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (code_point < min || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

bool IsInvisibleControl(uint32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
         c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

std::string Hex(const char* format, uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, static_cast<unsigned>(value));
  return buffer;
}

}  // namespace

std::string QuoteForMessage(std::string_view text, size_t max_characters) {
  std::string quoted = "\"";
  size_t characters = 0;
  size_t i = 0;
  while (i < text.size() && characters < max_characters) {
    uint32_t c = 0;
    const size_t length = DecodeUtf8(text, i, c);
    ++characters;
    if (length == 0) {
      quoted += Hex("\\x%02X", static_cast<uint8_t>(text[i]));
      ++i;
      continue;
    }
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\r':
        quoted += "\\r";
        break;
      case '\t':
        quoted += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          quoted += Hex("\\x%02X", c);
        } else if (IsInvisibleControl(c)) {
          quoted += Hex("\\u%04X", c);
        } else {
          quoted.append(text.substr(i, length));
        }
    }
    i += length;
  }
  quoted += '"';
  if (i < text.size())
    absl::StrAppend(&quoted, "... (", text.size(), " bytes)");
  return quoted;
}

std::string DescribeByteForMessage(char c) {
  if (c == ' ') return "space";
  if (c == '\'') return "'\\''";
  const auto byte = static_cast<uint8_t>(c);
  if (byte >= 0x80) return "'" + Hex("\\x%02X", byte) + "'";
  const std::string quoted = QuoteForMessage(std::string_view(&c, 1));
  if (c == '"') return "'\"'";
  return "'" + quoted.substr(1, quoted.size() - 2) + "'";
}

}  // namespace relance::internal
