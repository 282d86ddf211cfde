#include "store/journal.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"

namespace relance::store {
namespace {

void AppendField(std::string& text, std::string_view field) {
  absl::StrAppend(&text, field.size(), ":");
  text.append(field);
  text.push_back('\n');
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest fails only when the library cannot allocate its context;
  // there is no sensible hash then.
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length,
                 EVP_sha256(), nullptr) != 1) {
    std::abort();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

std::string ChainHash(std::string_view previous_hash,
                      const JournalContent& content) {
  std::string text;
  text.reserve(160 + content.event_json.size() + content.customer.size() +
               content.source.size());
  AppendField(text, previous_hash);
  AppendField(text, absl::StrCat(content.sequence));
  AppendField(text, content.customer);
  AppendField(text, content.event_json);
  AppendField(text, content.source);
  AppendField(text, content.recorded_by);
  AppendField(text, content.recorded_at);
  return Sha256Hex(text);
}

}  // namespace relance::store
