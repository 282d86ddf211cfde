// EInvoiceAddressLines: an EN 16931 postal address (BG-5, BG-8) as the
// lines of a letter.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "relance/einvoice.hpp"

namespace relance {
namespace {

// The last line of a letter abroad: the country's name in capitals without
// accents, in French from France or Monaco, else in English (the Universal
// Postal Union's rule for international mail: the country of destination
// on the last line, in capitals, in the language of the country of origin
// or one known internationally, French and English being its own). The European
// Economic Area, Switzerland, the United Kingdom and a few neighbours; any
// other country keeps its ISO 3166-1 code.
struct CountryName {
  std::string_view code;
  std::string_view french;
  std::string_view english;
};
constexpr CountryName kCountryNames[] = {
    {"AD", "ANDORRE", "ANDORRA"},
    {"AT", "AUTRICHE", "AUSTRIA"},
    {"BE", "BELGIQUE", "BELGIUM"},
    {"BG", "BULGARIE", "BULGARIA"},
    {"CA", "CANADA", "CANADA"},
    {"CH", "SUISSE", "SWITZERLAND"},
    {"CY", "CHYPRE", "CYPRUS"},
    {"CZ", "TCHEQUIE", "CZECHIA"},
    {"DE", "ALLEMAGNE", "GERMANY"},
    {"DK", "DANEMARK", "DENMARK"},
    {"EE", "ESTONIE", "ESTONIA"},
    {"ES", "ESPAGNE", "SPAIN"},
    {"FI", "FINLANDE", "FINLAND"},
    {"FR", "FRANCE", "FRANCE"},
    {"GB", "ROYAUME-UNI", "UNITED KINGDOM"},
    {"GR", "GRECE", "GREECE"},
    {"HR", "CROATIE", "CROATIA"},
    {"HU", "HONGRIE", "HUNGARY"},
    {"IE", "IRLANDE", "IRELAND"},
    {"IS", "ISLANDE", "ICELAND"},
    {"IT", "ITALIE", "ITALY"},
    {"LI", "LIECHTENSTEIN", "LIECHTENSTEIN"},
    {"LT", "LITUANIE", "LITHUANIA"},
    {"LU", "LUXEMBOURG", "LUXEMBOURG"},
    {"LV", "LETTONIE", "LATVIA"},
    {"MC", "MONACO", "MONACO"},
    {"MT", "MALTE", "MALTA"},
    {"NL", "PAYS-BAS", "NETHERLANDS"},
    {"NO", "NORVEGE", "NORWAY"},
    {"PL", "POLOGNE", "POLAND"},
    {"PT", "PORTUGAL", "PORTUGAL"},
    {"RO", "ROUMANIE", "ROMANIA"},
    {"SE", "SUEDE", "SWEDEN"},
    {"SI", "SLOVENIE", "SLOVENIA"},
    {"SK", "SLOVAQUIE", "SLOVAKIA"},
    {"US", "ETATS-UNIS", "UNITED STATES"},
};

std::string CountryLine(std::string_view country,
                        std::string_view home_country) {
  const bool french = home_country == "FR" || home_country == "MC";
  for (const CountryName& name : kCountryNames) {
    if (name.code == country) {
      return std::string(french ? name.french : name.english);
    }
  }
  return std::string(country);
}

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
    AddLine(lines, CountryLine(address.country, home_country));
  }
  return lines;
}

}  // namespace relance
