// EInvoiceAddressLines: an EN 16931 postal address (BG-5, BG-8) as the
// lines of a letter.
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "relance/einvoice.hpp"

namespace relance {
namespace {

// `text` with each run of white space (spaces, tabs, line breaks) made one
// space, and none at either end.
std::string OneLine(std::string_view text) {
  std::string line;
  bool space = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += c;
  }
  return line;
}

void AddLine(std::vector<std::string>& lines, std::string_view text) {
  std::string line = OneLine(text);
  if (!line.empty()) lines.push_back(std::move(line));
}

}  // namespace

std::vector<std::string> EInvoiceAddressLines(const EInvoiceAddress& address,
                                              std::string_view home_country) {
  std::vector<std::string> lines;
  for (const std::string& street : address.lines) AddLine(lines, street);
  const std::string postcode = OneLine(address.postcode);
  const std::string city = OneLine(address.city);
  if (address.country == "GB") {
    AddLine(lines, city);
    AddLine(lines, postcode);
  } else {
    AddLine(lines, absl::StrCat(postcode, " ", city));
  }
  if (lines.empty()) return lines;
  if (!address.country.empty() && address.country != home_country) {
    AddLine(lines, address.country);
  }
  return lines;
}

}  // namespace relance
