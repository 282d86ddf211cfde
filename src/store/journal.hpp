// store/journal.hpp
// -----------------------------------------------------------------------------
// The ledger journal's hash chain. Each entry's hash is the SHA-256 (OpenSSL's
// libcrypto) of its previous entry's hash and of its own content, so that
// changing, inserting or deleting an entry changes every hash after it.
//
// The content hashed is, in this order, each field written as its length in
// bytes, ':', the bytes, then '\n' (no separator can be forged inside a
// field): the previous hash, the sequence number, the customer, the event as
// `Event::ToJson` writes it, the source, who recorded it and when.
// The first entry's previous hash is 64 zeros.
#ifndef RELANCE_STORE_JOURNAL_HPP_
#define RELANCE_STORE_JOURNAL_HPP_

#include <cstdint>
#include <string>
#include <string_view>

namespace relance::store {

// The previous hash of the first entry.
inline constexpr std::string_view kJournalGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 of `bytes`, as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view bytes);

// The content of one entry, as it is hashed.
struct JournalContent {
  int64_t sequence = 0;
  std::string_view customer = {};
  std::string_view event_json = {};  // Event::ToJson()
  std::string_view source = {};
  std::string_view recorded_by = {};
  std::string_view recorded_at = {};
};

// The hash of an entry with `content` following an entry whose hash is
// `previous_hash`.
std::string ChainHash(std::string_view previous_hash,
                      const JournalContent& content);

}  // namespace relance::store

#endif  // RELANCE_STORE_JOURNAL_HPP_
