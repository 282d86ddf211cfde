// Reading and writing portfolio CSV files (see relance/portfolio_csv.hpp).
//
// One pass over each text: a line is cut at its '\n' (memchr), checked for
// '\r' and '"', split at its commas, and each field is parsed in place by a
// small hand-written parser (dates, amounts, small numbers) that allocates
// nothing; ids go into one character buffer and into hash tables of views
// into the text. Messages are built only on error, then the column is
// counted. Payments are parsed into temporary columns, then placed per
// invoice with a counting sort (stable) and sorted by date within each
// invoice.
#include "relance/portfolio_csv.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/date.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using internal::QuoteForMessage;

// Debian's Abseil has its own string_view, which absl::StrCat takes; these
// convert at the boundary.
absl::string_view Av(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}
std::string_view Sv(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

constexpr std::string_view kInvoicesHeader =
    "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,"
    "last_level_sent";
constexpr std::string_view kPaymentsHeader = "invoice_id,payment_date,amount";
constexpr size_t kInvoiceFields = 8;
constexpr size_t kPaymentFields = 3;
// Amounts have at most this many digits: 10^18 - 1 < 2^63.
constexpr int kMaxAmountDigits = 18;

// --- Field parsers: no allocation, no message -----------------------------

enum class DateError { kNone, kShape, kNoSuchDate };

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }

constexpr bool IsLeapYear(int64_t y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

// Days since 1970-01-01 of a valid civil date (Howard Hinnant,
// "chrono-Compatible Low-Level Date Algorithms", days_from_civil).
constexpr int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2025, 12, 31) == 20453);  // as numpy datetime64
static_assert(DaysFromCivil(1, 1, 1) == -719162);

// `YYYY-MM-DD`, 0001-01-01 .. 9999-12-31, as days since 1970-01-01.
DateError ParseIsoDate(std::string_view s, int64_t& days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return DateError::kShape;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!IsDigit(s[i])) return DateError::kShape;
  }
  const int64_t y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
                    (s[2] - '0') * 10 + (s[3] - '0');
  const int64_t m = (s[5] - '0') * 10 + (s[6] - '0');
  const int64_t d = (s[8] - '0') * 10 + (s[9] - '0');
  static constexpr int8_t kMonthDays[] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return DateError::kNoSuchDate;
  const int64_t month_days =
      kMonthDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0);
  if (d > month_days) return DateError::kNoSuchDate;
  days = DaysFromCivil(y, m, d);
  return DateError::kNone;
}

enum class AmountError { kNone, kShape, kLeadingZero, kTooLong, kNotPositive };

// Digits, then '.' and exactly `decimals` digits when decimals > 0; no
// leading zero; at most kMaxAmountDigits digits; > 0.
AmountError ParseAmount(std::string_view s, int decimals, int64_t& minor) {
  const size_t fraction = static_cast<size_t>(decimals);
  // The digits before the point (all of them without decimals).
  const size_t whole =
      decimals == 0 ? s.size()
                    : (s.size() >= fraction + 2 ? s.size() - fraction - 1 : 0);
  if (whole == 0) return AmountError::kShape;
  if (decimals > 0 && s[whole] != '.') return AmountError::kShape;
  uint64_t value = 0;  // wraps harmlessly past 20 digits: refused below
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == whole) continue;
    const char c = s[i];
    if (!IsDigit(c)) return AmountError::kShape;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (whole + fraction > static_cast<size_t>(kMaxAmountDigits)) {
    return AmountError::kTooLong;
  }
  if (s[0] == '0' && whole > 1) return AmountError::kLeadingZero;
  if (value == 0) return AmountError::kNotPositive;
  minor = static_cast<int64_t>(value);
  return AmountError::kNone;
}

// A whole number 0..255 without leading zeros, or -1.
int ParseSmallNumber(std::string_view s) {
  if (s.empty() || s.size() > 3) return -1;
  int value = 0;
  for (char c : s) {
    if (!IsDigit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  if (s[0] == '0' && s.size() > 1) return -1;
  return value <= 255 ? value : -1;
}

// --- One CSV text, line by line --------------------------------------------

// The first ',', '\n', '\r' or '"' in [p, end), or end: sixteen bytes at a
// time where SSE2 is there (every x86-64), a byte at a time elsewhere.
inline const char* FindSeparator(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma),
                                  _mm_cmpeq_epi8(bytes, newline)),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, carriage_return),
                                  _mm_cmpeq_epi8(bytes, quote)));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return p + std::countr_zero(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != ',' && *p != '\n' && *p != '\r' && *p != '"') ++p;
  return p;
}

// Walks a text line by line, splitting each row into its fields; every
// error names the text, the line and the column.
class CsvText {
 public:
  CsvText(std::string_view name, std::string_view text)
      : name_(name), text_(text) {}

  // Reads line 1 and checks it is exactly `header`.
  absl::Status ReadHeader(std::string_view header) {
    if (text_.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          Av(name_), ":1:1: empty file, expected the header ", Av(header)));
    }
    if (!NextLine()) return error_;
    if (line_ != header) {
      size_t at = 0;
      while (at < line_.size() && at < header.size() &&
             line_[at] == header[at]) {
        ++at;
      }
      return Error(line_.data() + at,
                   absl::StrCat("expected the header ", Av(header), ", got ",
                                QuoteForMessage(line_, 120)));
    }
    return absl::OkStatus();
  }

  // Splits the next line into exactly `fields.size()` fields. False at the
  // end of the text, or on error (then error() is not OK).
  template <size_t N>
  bool NextRow(std::array<std::string_view, N>& fields) {
    if (position_ >= text_.size()) return false;
    ++line_number_;
    const char* const begin = text_.data() + position_;
    const char* const text_end = text_.data() + text_.size();
    const char* field = begin;
    size_t n = 0;
    while (true) {
      const char* stop = FindSeparator(field, text_end);
      line_ = std::string_view(begin, static_cast<size_t>(stop - begin));
      if (stop < text_end && *stop == ',') {
        if (n < N) {
          fields[n] =
              std::string_view(field, static_cast<size_t>(stop - field));
        } else if (n == N) {
          extra_field_ = field;
        }
        ++n;
        field = stop + 1;
        continue;
      }
      if (stop < text_end && *stop == '"') {
        error_ = Error(stop, "a double quote: fields are never quoted");
        return false;
      }
      // The line ends at `stop`: '\n', "\r\n" or the end of the text.
      size_t next = static_cast<size_t>(stop - text_.data());
      if (stop < text_end && *stop == '\r') {
        if (stop + 1 == text_end || stop[1] != '\n') {
          error_ = Error(stop, "a carriage return not followed by a line feed");
          return false;
        }
        ++next;
      }
      position_ = next + (stop < text_end ? 1 : 0);
      if (stop == begin) {
        error_ = Error(begin, "an empty line");
        return false;
      }
      if (n < N) {
        fields[n] = std::string_view(field, static_cast<size_t>(stop - field));
      } else if (n == N) {
        extra_field_ = field;
      }
      ++n;
      if (n != N) {
        error_ = Error(n < N ? stop : extra_field_,
                       absl::StrCat(n, " fields, expected ", N));
        return false;
      }
      return true;
    }
  }

  // An error at `where`, a pointer into the current line (or its end).
  absl::Status Error(const char* where, std::string_view what) const {
    // The column in characters: count the bytes that start one.
    size_t column = 1;
    for (const char* p = line_.data(); p < where; ++p) {
      if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++column;
    }
    return absl::InvalidArgumentError(absl::StrCat(
        Av(name_), ":", line_number_, ":", column, ": ", Av(what)));
  }

  // An error about `field` (a view into the current line) named `column`.
  absl::Status FieldError(std::string_view field, std::string_view column,
                          std::string_view what) const {
    return Error(
        field.data(),
        absl::StrCat(Av(column), " ", QuoteForMessage(field), ": ", Av(what)));
  }

  const absl::Status& error() const { return error_; }
  size_t line_number() const { return line_number_; }
  std::string_view name() const { return name_; }

 private:
  // The next line in line_, without its line end; false (error_ set) for
  // an empty line or a stray '\r' or a '"'.
  bool NextLine() {
    const char* const begin = text_.data() + position_;
    const size_t rest = text_.size() - position_;
    const char* newline =
        static_cast<const char*>(std::memchr(begin, '\n', rest));
    const char* end = newline != nullptr ? newline : begin + rest;
    position_ =
        static_cast<size_t>(end - text_.data()) + (newline != nullptr ? 1 : 0);
    if (newline != nullptr && end > begin && end[-1] == '\r') --end;
    ++line_number_;
    line_ = std::string_view(begin, static_cast<size_t>(end - begin));
    if (line_.empty()) {
      error_ = Error(begin, "an empty line");
      return false;
    }
    if (const void* cr = std::memchr(begin, '\r', line_.size())) {
      error_ = Error(static_cast<const char*>(cr),
                     "a carriage return not followed by a line feed");
      return false;
    }
    if (const void* quote = std::memchr(begin, '"', line_.size())) {
      error_ = Error(static_cast<const char*>(quote),
                     "a double quote: fields are never quoted");
      return false;
    }
    return true;
  }

  std::string_view name_;
  std::string_view text_;
  size_t position_ = 0;
  size_t line_number_ = 0;
  std::string_view line_;
  const char* extra_field_ = nullptr;
  absl::Status error_;
};

// The message of an amount parser's error.
std::string AmountProblem(AmountError error, Currency currency) {
  const int digits = currency.minor_digits();
  switch (error) {
    case AmountError::kShape:
      if (digits == 0) {
        return absl::StrCat("expected a whole number of ", Av(currency.code()),
                            " (no decimals), as 1234");
      }
      return absl::StrCat(
          "expected ", digits, " decimals (", Av(currency.code()),
          "), as 1234.",
          std::string("5678").substr(0, static_cast<size_t>(digits)));
    case AmountError::kLeadingZero:
      return "a leading zero";
    case AmountError::kTooLong:
      return absl::StrCat("more than ", kMaxAmountDigits, " digits");
    case AmountError::kNotPositive:
      return "not positive";
    case AmountError::kNone:
      break;
  }
  return "";
}

absl::Status DateFieldError(const CsvText& csv, std::string_view field,
                            std::string_view column, DateError error) {
  return csv.FieldError(field, column,
                        error == DateError::kShape
                            ? "expected a date YYYY-MM-DD"
                            : "no such date");
}

absl::Status EmptyFieldError(const CsvText& csv, std::string_view field,
                             std::string_view column) {
  return csv.Error(field.data(), absl::StrCat(Av(column), ": empty"));
}

// The ids of a PortfolioIds, indexed by text: the code of an id, and new
// ids appended to the list. Lookups dominate the reading time (a million
// invoices name a hundred thousand customers), and on a machine where a
// cache miss costs a hundred nanoseconds what matters is how many dependent
// memory accesses one takes. So:
//   - while every id has at most 15 bytes, a table of its own holds each id
//     inline with its code (24 bytes a slot, open addressing, linear
//     probing, at most half full): a lookup reads one slot, rarely two;
//   - after a longer id, a hash set of codes (absl::flat_hash_set) whose
//     hash and equality read the ids through the list.
class IdIndex {
 public:
  explicit IdIndex(PortfolioIds* ids)
      : ids_(ids), codes_(0, Hash{ids}, Equal{ids}) {}

  // Room for `count` ids.
  void Reserve(size_t count) {
    if (!inline_ids_) {
      codes_.reserve(count);
    } else if (count * 2 > slots_.size()) {
      Rehash(std::bit_ceil(count * 2));
    }
  }

  // Asks the processor to fetch what a lookup of `id` will read (a hint;
  // nothing else changes).
  void Prefetch(std::string_view id) const {
    if (!inline_ids_ || id.size() > kMaxInline || slots_.empty()) return;
    const Slot* slot = &slots_[SlotOf(KeyOf(id))];
    __builtin_prefetch(slot);
    __builtin_prefetch(reinterpret_cast<const char*>(slot) + sizeof(Slot) - 1);
  }

  // The code of `id` (not empty), or -1.
  int32_t Find(std::string_view id) const {
    if (!inline_ids_) {
      const auto found = codes_.find(id);
      return found == codes_.end() ? -1 : *found;
    }
    if (id.size() > kMaxInline || slots_.empty()) return -1;
    const Key key = KeyOf(id);
    for (size_t at = SlotOf(key);; at = (at + 1) & mask_) {
      const Slot& slot = slots_[at];
      if (slot.key.hi == 0) return -1;
      if (slot.key == key) return slot.code;
    }
  }

  // The code of `id` (not empty). A new id is appended to the list, takes
  // the next code, and sets `added`.
  int32_t FindOrAdd(std::string_view id, bool& added) {
    added = false;
    const int32_t next = static_cast<int32_t>(ids_->size());
    if (inline_ids_ && id.size() > kMaxInline) UseCodeSet();
    if (!inline_ids_) {
      return *codes_.lazy_emplace(id, [&](const auto& construct) {
        ids_->Append(id);
        added = true;
        ++count_;
        construct(next);
      });
    }
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const Key key = KeyOf(id);
    for (size_t at = SlotOf(key);; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.key == key) return slot.code;
      if (slot.key.hi == 0) {
        slot = {key, next};
        ++count_;
        ids_->Append(id);
        added = true;
        return next;
      }
    }
  }

  // Indexes every id of the list not yet indexed (codes count_.. on).
  void IndexList() {
    const size_t size = ids_->size();
    Reserve(size);
    for (size_t code = count_; code < size; ++code) {
      const std::string_view id = (*ids_)[code];
      if (inline_ids_ && id.size() > kMaxInline) UseCodeSet();
      if (inline_ids_) {
        if ((count_ + 1) * 2 > slots_.size()) Grow();
        Place({KeyOf(id), static_cast<int32_t>(code)});
      } else {
        codes_.insert(static_cast<int32_t>(code));
      }
      ++count_;
    }
  }

 private:
  static constexpr size_t kMaxInline = 15;

  // An id of 1..15 bytes, zero-padded, its length in the last byte: no two
  // ids have the same key, and an empty slot (hi == 0) is no id's.
  struct Key {
    uint64_t lo = 0;
    uint64_t hi = 0;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct Slot {
    Key key;
    int32_t code = -1;
  };

  static Key KeyOf(std::string_view id) {
    char bytes[16] = {};
    std::memcpy(bytes, id.data(), id.size());
    bytes[15] = static_cast<char>(id.size());
    Key key;
    std::memcpy(&key.lo, bytes, 8);
    std::memcpy(&key.hi, bytes + 8, 8);
    return key;
  }
  size_t SlotOf(const Key& key) const {
    // Multiply-xorshift mixing (constants of SplitMix64): every input bit
    // reaches the high bits, which choose the slot.
    uint64_t h = key.lo * 0x9e3779b97f4a7c15ULL ^ key.hi;
    h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return static_cast<size_t>(h >> shift_);
  }
  void Place(const Slot& item) {
    size_t at = SlotOf(item.key);
    while (slots_[at].key.hi != 0) at = (at + 1) & mask_;
    slots_[at] = item;
  }
  void Grow() { Rehash(slots_.empty() ? 1024 : slots_.size() * 2); }
  // `size` slots, a power of two.
  void Rehash(size_t size) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    shift_ = 64 - std::countr_zero(size);
    for (const Slot& slot : old) {
      if (slot.key.hi != 0) Place(slot);
    }
  }
  // From inline ids to the set of codes, for good.
  void UseCodeSet() {
    inline_ids_ = false;
    slots_ = {};
    codes_.reserve(count_);
    for (size_t code = 0; code < count_; ++code) {
      codes_.insert(static_cast<int32_t>(code));
    }
  }

  struct Hash {
    using is_transparent = void;
    const PortfolioIds* ids;
    size_t operator()(std::string_view id) const {
      return absl::Hash<absl::string_view>{}(Av(id));
    }
    size_t operator()(int32_t code) const {
      return (*this)((*ids)[static_cast<size_t>(code)]);
    }
  };
  struct Equal {
    using is_transparent = void;
    const PortfolioIds* ids;
    std::string_view View(std::string_view id) const { return id; }
    std::string_view View(int32_t code) const {
      return (*ids)[static_cast<size_t>(code)];
    }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return View(a) == View(b);
    }
  };

  PortfolioIds* ids_;
  bool inline_ids_ = true;
  size_t count_ = 0;  // ids indexed: codes 0 .. count_ - 1
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  absl::flat_hash_set<int32_t, Hash, Equal> codes_;
};

// The payments as read, before grouping.
struct PaymentRows {
  std::vector<int32_t> invoice;
  std::vector<int64_t> date;
  std::vector<int64_t> amount;
};

// Rows of a text (its line ends, less the header's); a capacity hint.
size_t CountLines(std::string_view text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

class PortfolioParser {
 public:
  PortfolioParser(const PortfolioCsvNames& names,
                  const PortfolioCsvOptions& options)
      : names_(names), given_currency_(options.currency) {}

  absl::Status ReadInvoices(std::string_view text) {
    CsvText csv(names_.invoices, text);
    RELANCE_RETURN_IF_ERROR(csv.ReadHeader(kInvoicesHeader));
    const size_t rows = CountLines(text);
    // Room for ids of up to 16 bytes (a guess; the buffer grows beyond).
    const size_t id_bytes =
        rows * std::min<size_t>(text.size() / (rows + 1), 16);
    data_.invoice_id.Reserve(rows, id_bytes);
    // Customer ids are coded after the rows are read, so that each lookup
    // can be prefetched well ahead (CodeCustomers).
    std::vector<std::string_view> customer_views;
    customer_views.reserve(rows);
    data_.issue_date.reserve(rows);
    data_.amount.reserve(rows);
    data_.terms.reserve(rows);
    data_.flags.reserve(rows);
    data_.last_level.reserve(rows);
    if (given_currency_.has_value()) data_.currency = *given_currency_;

    std::array<std::string_view, kInvoiceFields> f;
    while (csv.NextRow(f)) {
      const size_t row = data_.amount.size();
      if (row == static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
        return csv.Error(f[0].data(),
                         "more than 2,147,483,647 invoices in one portfolio");
      }
      // invoice_id
      if (f[0].empty()) return EmptyFieldError(csv, f[0], "invoice_id");
      if (ids_ascending_ && (row == 0 || f[0] > data_.invoice_id[row - 1])) {
        data_.invoice_id.Append(f[0]);  // above every id before: new
      } else {
        if (!index_built_) BuildInvoiceIndex(rows);
        ids_ascending_ = false;
        bool added = false;
        const int32_t seen = invoice_index_.FindOrAdd(f[0], added);
        if (!added) {
          return csv.FieldError(
              f[0], "invoice_id",
              absl::StrCat("already on line ", static_cast<int64_t>(seen) + 2));
        }
      }
      // customer_id
      if (f[1].empty()) return EmptyFieldError(csv, f[1], "customer_id");
      // issue_date
      int64_t issue = 0;
      if (const DateError e = ParseIsoDate(f[2], issue);
          e != DateError::kNone) {
        return DateFieldError(csv, f[2], "issue_date", e);
      }
      // currency
      if (row == 0 && !given_currency_.has_value()) {
        absl::StatusOr<Currency> currency = Currency::FromCode(f[3]);
        if (!currency.ok()) {
          return csv.Error(f[3].data(), Sv(currency.status().message()));
        }
        data_.currency = *currency;
      } else if (f[3] != data_.currency.code()) {
        return csv.FieldError(
            f[3], "currency",
            absl::StrCat("expected ", Av(data_.currency.code()),
                         given_currency_.has_value()
                             ? " (the currency asked for)"
                             : " (the currency of line 2)"));
      }
      // amount
      int64_t amount = 0;
      if (const AmountError e =
              ParseAmount(f[4], data_.currency.minor_digits(), amount);
          e != AmountError::kNone) {
        return csv.FieldError(f[4], "amount", AmountProblem(e, data_.currency));
      }
      // terms
      if (f[5].empty()) return EmptyFieldError(csv, f[5], "terms");
      int32_t terms = 0;
      if (f[5] == last_terms_text_) {
        terms = last_terms_;
      } else {
        const auto [known, new_terms] = terms_index_.try_emplace(
            f[5], static_cast<int32_t>(data_.terms_text.size()));
        if (new_terms) {
          absl::StatusOr<PaymentTerms> parsed = PaymentTerms::Parse(f[5]);
          if (!parsed.ok()) {
            return csv.Error(f[5].data(), Sv(parsed.status().message()));
          }
          data_.terms_text.emplace_back(f[5]);
          data_.payment_terms.push_back(*std::move(parsed));
        }
        terms = known->second;
        last_terms_text_ = f[5];
        last_terms_ = terms;
      }
      // disputed
      if (f[6] != "0" && f[6] != "1") {
        return csv.FieldError(f[6], "disputed", "expected 0 or 1");
      }
      // last_level_sent
      const int last_level = ParseSmallNumber(f[7]);
      if (last_level < 0) {
        return csv.FieldError(f[7], "last_level_sent",
                              "expected a whole number 0..255 without "
                              "leading zeros");
      }

      customer_views.push_back(f[1]);
      data_.issue_date.push_back(issue);
      data_.amount.push_back(amount);
      data_.terms.push_back(terms);
      data_.flags.push_back(f[6][0] == '1' ? kInvoiceDisputed : uint8_t{0});
      data_.last_level.push_back(static_cast<uint8_t>(last_level));
    }
    RELANCE_RETURN_IF_ERROR(csv.error());
    CodeCustomers(customer_views);
    return absl::OkStatus();
  }

  absl::Status ReadPayments(std::string_view text) {
    CsvText csv(names_.payments, text);
    RELANCE_RETURN_IF_ERROR(csv.ReadHeader(kPaymentsHeader));
    const size_t rows = CountLines(text);
    PaymentRows payments;
    payments.invoice.reserve(rows);
    payments.date.reserve(rows);
    payments.amount.reserve(rows);

    std::array<std::string_view, kPaymentFields> f;
    int32_t invoice = 0;
    while (csv.NextRow(f)) {
      if (f[0].empty()) return EmptyFieldError(csv, f[0], "invoice_id");
      invoice = FindInvoice(f[0], invoice);
      if (invoice < 0) {
        return csv.FieldError(
            f[0], "invoice_id",
            absl::StrCat("no invoice of ", Av(names_.invoices), " has it"));
      }
      int64_t date = 0;
      if (const DateError e = ParseIsoDate(f[1], date); e != DateError::kNone) {
        return DateFieldError(csv, f[1], "payment_date", e);
      }
      int64_t amount = 0;
      if (const AmountError e =
              ParseAmount(f[2], data_.currency.minor_digits(), amount);
          e != AmountError::kNone) {
        return csv.FieldError(f[2], "amount", AmountProblem(e, data_.currency));
      }
      payments.invoice.push_back(invoice);
      payments.date.push_back(date);
      payments.amount.push_back(amount);
    }
    RELANCE_RETURN_IF_ERROR(csv.error());
    GroupPayments(payments);
    return absl::OkStatus();
  }

  PortfolioData Take() && { return std::move(data_); }

 private:
  // Places the payments per invoice (a stable counting sort on the invoice),
  // then sorts each invoice's by date, stably.
  void GroupPayments(const PaymentRows& rows) {
    const size_t n = data_.invoice_count();
    std::vector<int64_t>& start = data_.payment_start;
    start.assign(n + 1, 0);
    for (int32_t invoice : rows.invoice)
      ++start[static_cast<size_t>(invoice) + 1];
    for (size_t i = 0; i < n; ++i) start[i + 1] += start[i];
    const size_t count = rows.amount.size();
    data_.payment_date.resize(count);
    data_.payment_amount.resize(count);
    {
      std::vector<int64_t> next(start.begin(), start.end() - 1);
      for (size_t p = 0; p < count; ++p) {
        const size_t to =
            static_cast<size_t>(next[static_cast<size_t>(rows.invoice[p])]++);
        data_.payment_date[to] = rows.date[p];
        data_.payment_amount[to] = rows.amount[p];
      }
    }
    // Within an invoice: by date, equal dates in file order. Invoices have
    // few payments; insertion sort is stable and allocates nothing.
    std::vector<std::pair<int64_t, int64_t>> many;
    for (size_t i = 0; i < n; ++i) {
      const size_t first = static_cast<size_t>(start[i]);
      const size_t last = static_cast<size_t>(start[i + 1]);
      int64_t* date = data_.payment_date.data();
      int64_t* amount = data_.payment_amount.data();
      if (last - first <= 32) {
        for (size_t k = first + 1; k < last; ++k) {
          const int64_t d = date[k];
          const int64_t a = amount[k];
          size_t j = k;
          for (; j > first && date[j - 1] > d; --j) {
            date[j] = date[j - 1];
            amount[j] = amount[j - 1];
          }
          date[j] = d;
          amount[j] = a;
        }
      } else {
        many.clear();
        for (size_t k = first; k < last; ++k)
          many.emplace_back(date[k], amount[k]);
        std::stable_sort(
            many.begin(), many.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t k = first; k < last; ++k) {
          date[k] = many[k - first].first;
          amount[k] = many[k - first].second;
        }
      }
    }
  }

  // data_.customer and data_.customer_id from the customer ids of the
  // rows, in order. Each lookup costs a cache miss or two on a large
  // portfolio: the slot of the id kAhead rows on is prefetched meanwhile.
  void CodeCustomers(const std::vector<std::string_view>& views) {
    constexpr size_t kAhead = 16;
    data_.customer.resize(views.size());
    bool added = false;
    for (size_t i = 0; i < views.size(); ++i) {
      if (i + kAhead < views.size())
        customer_index_.Prefetch(views[i + kAhead]);
      data_.customer[i] = customer_index_.FindOrAdd(views[i], added);
    }
  }

  // Indexes the invoice ids read so far, with room for `rows` in all.
  void BuildInvoiceIndex(size_t rows) {
    invoice_index_.Reserve(rows);
    invoice_index_.IndexList();
    index_built_ = true;
  }

  // The code of the invoice `id`, or -1. `hint` is the previous payment's:
  // exports tend to list payments in invoice order, so the few rows from it
  // on are tried first. With ascending ids, a search galloping forward from
  // the hint finds most others among nearby rows, and a binary search the
  // rest, until so many were far that the index pays for itself (building
  // it costs about as much as a few thousand far searches).
  int32_t FindInvoice(std::string_view id, int32_t hint) {
    constexpr int32_t kNearby = 4;
    constexpr int32_t kFar = 256;
    constexpr int64_t kFarLookupsBeforeIndex = 4096;
    const PortfolioIds& ids = data_.invoice_id;
    const auto at = [&ids](int32_t k) { return ids[static_cast<size_t>(k)]; };
    const int32_t n = static_cast<int32_t>(ids.size());
    const int32_t near_end = std::min(hint + kNearby, n);
    for (int32_t k = hint; k < near_end; ++k) {
      if (at(k) == id) return k;
    }
    if (!index_built_ && ids_ascending_ &&
        far_lookups_ < kFarLookupsBeforeIndex) {
      // The first id >= `id` lies in [first, last).
      int32_t first = 0;
      int32_t last = n;
      if (hint < n && at(hint) < id) {
        int32_t below = hint;  // at(below) < id
        int64_t step = 1;      // 64 bits: below + step may pass 2^31
        int64_t probe = hint + 1;
        while (probe < n && at(static_cast<int32_t>(probe)) < id) {
          below = static_cast<int32_t>(probe);
          step *= 2;
          probe = below + step;
        }
        first = below + 1;
        last = static_cast<int32_t>(std::min<int64_t>(probe + 1, n));
        if (probe - hint > kFar) ++far_lookups_;
      } else {
        ++far_lookups_;
      }
      while (first < last) {
        const int32_t middle = first + (last - first) / 2;
        if (at(middle) < id) {
          first = middle + 1;
        } else {
          last = middle;
        }
      }
      return first < n && at(first) == id ? first : -1;
    }
    if (!index_built_) BuildInvoiceIndex(static_cast<size_t>(n));
    return invoice_index_.Find(id);
  }

  const PortfolioCsvNames& names_;
  std::optional<Currency> given_currency_;
  PortfolioData data_;
  // Codes of the ids so far; the terms by views into the invoices text,
  // which outlives the parser.
  // While every invoice id is above the one before (in byte order), no id
  // can repeat and invoice_index_ is not needed: it is built only when the
  // order breaks, or for payments far from the previous one.
  bool ids_ascending_ = true;
  bool index_built_ = false;
  int64_t far_lookups_ = 0;
  IdIndex invoice_index_{&data_.invoice_id};
  IdIndex customer_index_{&data_.customer_id};
  absl::flat_hash_map<std::string_view, int32_t> terms_index_;
  // Most rows have the terms of some recent row: a one-entry cache.
  std::string_view last_terms_text_;
  int32_t last_terms_ = 0;
};

// --- Files -----------------------------------------------------------------

// A file's bytes, read into one buffer. (Not mapped: a file truncated by
// another process while mapped kills the host with SIGBUS; reading costs
// about 0.1 s of CPU per million invoices and cannot crash.)
class FileBytes {
 public:
  std::string_view text() const {
    return std::string_view(buffer_.get(), size_);
  }

 private:
  friend absl::StatusOr<FileBytes> ReadWholeFile(const std::string& path);
  size_t size_ = 0;
  std::unique_ptr<char[]> buffer_;
};

// Closes a file descriptor when it goes out of scope.
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) close(fd);
  }
};

absl::StatusOr<FileBytes> ReadWholeFile(const std::string& path) {
  FileDescriptor file{
      open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
  if (file.fd < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return absl::NotFoundError(absl::StrCat(path, ": no such file"));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot open: ", std::strerror(error)));
  }
  struct stat info;
  if (fstat(file.fd, &info) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot stat: ", std::strerror(errno)));
  }
  if (!S_ISREG(info.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a regular file"));
  }
  FileBytes file_bytes;
  size_t capacity = static_cast<size_t>(info.st_size) + 1;  // +1: sees EOF
  file_bytes.buffer_.reset(new char[capacity]);
  while (true) {
    if (file_bytes.size_ == capacity) {  // the file grew since fstat
      std::unique_ptr<char[]> bigger(new char[capacity * 2]);
      std::memcpy(bigger.get(), file_bytes.buffer_.get(), file_bytes.size_);
      file_bytes.buffer_ = std::move(bigger);
      capacity *= 2;
    }
    const ssize_t got =
        read(file.fd, file_bytes.buffer_.get() + file_bytes.size_,
             capacity - file_bytes.size_);
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": cannot read: ", std::strerror(errno)));
    }
    if (got == 0) break;
    file_bytes.size_ += static_cast<size_t>(got);
  }
  return file_bytes;
}

// --- Writing ---------------------------------------------------------------

absl::Status DataError(std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("portfolio data: ", Av(what)));
}

// A text the format can carry in an unquoted field.
bool Writable(std::string_view text) {
  return !text.empty() &&
         text.find_first_of(",\"\r\n") == std::string_view::npos;
}

void AppendDate(std::string& out, int64_t days) {
  const date::year_month_day ymd{DateFromDaysSinceEpoch(days)};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  const char text[10] = {static_cast<char>('0' + y / 1000),
                         static_cast<char>('0' + y / 100 % 10),
                         static_cast<char>('0' + y / 10 % 10),
                         static_cast<char>('0' + y % 10),
                         '-',
                         static_cast<char>('0' + m / 10),
                         static_cast<char>('0' + m % 10),
                         '-',
                         static_cast<char>('0' + d / 10),
                         static_cast<char>('0' + d % 10)};
  out.append(text, sizeof text);
}

void AppendAmount(std::string& out, int64_t minor, int decimals) {
  std::string digits = std::to_string(minor);
  if (decimals == 0) {
    out += digits;
    return;
  }
  const size_t need = static_cast<size_t>(decimals) + 1;
  if (digits.size() < need) digits.insert(0, need - digits.size(), '0');
  out.append(digits, 0, digits.size() - static_cast<size_t>(decimals));
  out += '.';
  out.append(digits, digits.size() - static_cast<size_t>(decimals));
}

constexpr int64_t kFirstDay = DaysFromCivil(1, 1, 1);
constexpr int64_t kLastDay = DaysFromCivil(9999, 12, 31);
constexpr int64_t kMaxAmount = 999'999'999'999'999'999;

absl::Status CheckWritable(const PortfolioData& data) {
  const size_t n = data.invoice_count();
  if (data.invoice_id.size() != n || data.customer.size() != n ||
      data.issue_date.size() != n || data.terms.size() != n ||
      data.flags.size() != n || data.last_level.size() != n) {
    return DataError("the invoice columns have different lengths");
  }
  if (data.terms_text.size() != data.payment_terms.size()) {
    return DataError("terms_text and payment_terms have different lengths");
  }
  const size_t payments = data.payment_count();
  if (data.payment_date.size() != payments ||
      data.payment_start.size() != n + 1 || data.payment_start.front() != 0 ||
      data.payment_start.back() != static_cast<int64_t>(payments)) {
    return DataError(
        "payment_start must have one offset per invoice plus one, from 0 "
        "to the number of payments, with payment_date as long as "
        "payment_amount");
  }
  for (size_t t = 0; t < data.terms_text.size(); ++t) {
    if (!Writable(data.terms_text[t])) {
      return DataError(absl::StrCat("terms_text[", t, "] ",
                                    QuoteForMessage(data.terms_text[t]),
                                    ": empty or holds , \" \\r or \\n"));
    }
  }
  for (size_t c = 0; c < data.customer_id.size(); ++c) {
    if (!Writable(data.customer_id[c])) {
      return DataError(absl::StrCat("customer_id[", c, "] ",
                                    QuoteForMessage(data.customer_id[c]),
                                    ": empty or holds , \" \\r or \\n"));
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const auto bad = [i](std::string_view column, std::string_view what) {
      return DataError(absl::StrCat(Av(column), "[", i, "]: ", Av(what)));
    };
    if (!Writable(data.invoice_id[i])) {
      return bad("invoice_id", "empty or holds , \" \\r or \\n");
    }
    if (data.customer[i] < 0 ||
        static_cast<size_t>(data.customer[i]) >= data.customer_id.size()) {
      return bad("customer", "not a code of customer_id");
    }
    if (data.terms[i] < 0 ||
        static_cast<size_t>(data.terms[i]) >= data.terms_text.size()) {
      return bad("terms", "not a code of terms_text");
    }
    if (data.issue_date[i] < kFirstDay || data.issue_date[i] > kLastDay) {
      return bad("issue_date", "outside 0001-01-01..9999-12-31");
    }
    if (data.amount[i] <= 0 || data.amount[i] > kMaxAmount) {
      return bad("amount", "not in 1..10^18 - 1");
    }
    if ((data.flags[i] & ~kInvoiceDisputed) != 0) {
      return bad("flags", "a bit other than kInvoiceDisputed");
    }
    if (data.payment_start[i + 1] < data.payment_start[i]) {
      return bad("payment_start", "decreases");
    }
  }
  for (size_t p = 0; p < payments; ++p) {
    if (data.payment_date[p] < kFirstDay || data.payment_date[p] > kLastDay) {
      return DataError(absl::StrCat("payment_date[", p,
                                    "]: outside 0001-01-01..9999-12-31"));
    }
    if (data.payment_amount[p] <= 0 || data.payment_amount[p] > kMaxAmount) {
      return DataError(
          absl::StrCat("payment_amount[", p, "]: not in 1..10^18 - 1"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PortfolioData> ParsePortfolioCsv(
    std::string_view invoices_csv, std::string_view payments_csv,
    const PortfolioCsvNames& names, const PortfolioCsvOptions& options) {
  PortfolioParser parser(names, options);
  RELANCE_RETURN_IF_ERROR(parser.ReadInvoices(invoices_csv));
  RELANCE_RETURN_IF_ERROR(parser.ReadPayments(payments_csv));
  return std::move(parser).Take();
}

absl::StatusOr<PortfolioData> ReadPortfolioCsv(
    const std::string& dir, const PortfolioCsvOptions& options) {
  const std::string invoices_path = dir + "/invoices.csv";
  const std::string payments_path = dir + "/payments.csv";
  RELANCE_ASSIGN_OR_RETURN(const FileBytes invoices,
                           ReadWholeFile(invoices_path));
  RELANCE_ASSIGN_OR_RETURN(const FileBytes payments,
                           ReadWholeFile(payments_path));
  return ParsePortfolioCsv(
      invoices.text(), payments.text(),
      {.invoices = invoices_path, .payments = payments_path}, options);
}

absl::StatusOr<PortfolioCsvText> FormatPortfolioCsv(const PortfolioData& data) {
  RELANCE_RETURN_IF_ERROR(CheckWritable(data));
  const int decimals = data.currency.minor_digits();
  const std::string_view currency = data.currency.code();
  PortfolioCsvText out;
  out.invoices.reserve(kInvoicesHeader.size() + 1 + data.invoice_count() * 56);
  out.payments.reserve(kPaymentsHeader.size() + 1 + data.payment_count() * 36);
  out.invoices.append(kInvoicesHeader).append("\n");
  out.payments.append(kPaymentsHeader).append("\n");
  for (size_t i = 0; i < data.invoice_count(); ++i) {
    const std::string_view id = data.invoice_id[i];
    std::string& row = out.invoices;
    row.append(id).append(",");
    row.append(data.customer_id[static_cast<size_t>(data.customer[i])]);
    row.append(",");
    AppendDate(row, data.issue_date[i]);
    row.append(",").append(currency).append(",");
    AppendAmount(row, data.amount[i], decimals);
    row.append(",").append(data.terms_text[static_cast<size_t>(data.terms[i])]);
    row.append((data.flags[i] & kInvoiceDisputed) != 0 ? ",1," : ",0,");
    row.append(std::to_string(data.last_level[i])).append("\n");
    for (int64_t p = data.payment_start[i]; p < data.payment_start[i + 1];
         ++p) {
      out.payments.append(id).append(",");
      AppendDate(out.payments, data.payment_date[static_cast<size_t>(p)]);
      out.payments += ',';
      AppendAmount(out.payments, data.payment_amount[static_cast<size_t>(p)],
                   decimals);
      out.payments += '\n';
    }
  }
  return out;
}

}  // namespace relance
