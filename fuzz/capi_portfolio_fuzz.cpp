// Fuzzes the C ABI's portfolio entry point (relance_portfolio_run_json)
// through librelance_c with random columns: the bytes become a portfolio of
// up to 24 invoices (dates around the as-of date, amounts of any sign, terms
// indices, customer codes, flags and levels possibly out of range, payment
// offsets possibly malformed), sometimes columns or outputs of the wrong
// length, and a thread count of 0..4. Properties:
//   - nothing crashes, reads out of bounds (AddressSanitizer sees the
//     arrays' exact ends: each is its own allocation) or trips a sanitizer;
//   - a failure returns the thread's last error, INVALID_ARGUMENT or
//     OUT_OF_RANGE (never MISUSE, INTERNAL or another), with a message, and
//     leaves the out string NULL;
//   - a success clears the last error and returns a JSON document of the
//     length reported, schema relance.portfolio, whose invoice count is
//     the portfolio's and whose totals (amounts) are the sums of the
//     per-invoice outputs; every action level is
//     within the ladder; one and three threads give the same document.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "nlohmann/json.hpp"
#include "relance.h"

namespace {

constexpr relance_date kAsOf = 20453;  // 2025-12-31

// portfolio-v1 (benchmarks/portfolio_v1_policy.json), inline.
constexpr char kPolicy[] =
    R"({"id": "portfolio-v1", "version": 1,
        "minimum_invoice_amount": ["15.00 EUR"],
        "penalties": {"rule": {"id": "portfolio-v1", "base": "fr-b2b",
                               "settlement": "principal-first"}},
        "min_days_between_levels": 2,
        "levels": [
          {"id": "courtesy", "offset_days": -5, "channel": "email"},
          {"id": "reminder1", "offset_days": 1, "channel": "email"},
          {"id": "call", "offset_days": 8, "channel": "phone"},
          {"id": "notice", "offset_days": 21, "channel": "registered_letter"},
          {"id": "legal", "offset_days": 90, "channel": "legal"}]})";
constexpr size_t kLevels = 5;

const relance_portfolio_evaluator* Evaluator() {
  static const relance_portfolio_evaluator* const evaluator = [] {
    relance_policy* policy = nullptr;
    RELANCE_FUZZ_CHECK(relance_policy_from_json(kPolicy, RELANCE_NUL_TERMINATED,
                                                nullptr,
                                                &policy) == RELANCE_OK);
    const char* terms[] = {"0D", "30D", "30D+CM", "CM+45D", "2/10 net 30"};
    relance_portfolio_evaluator* result = nullptr;
    RELANCE_FUZZ_CHECK(relance_portfolio_evaluator_create(
                           policy, terms, 5, "EUR", kAsOf, nullptr, &result) ==
                       RELANCE_OK);
    relance_policy_free(policy);
    return result;
  }();
  return evaluator;
}

// Reads the fuzzer's bytes; zeros once they run out.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t Next() { return at_ < size_ ? data_[at_++] : 0; }
  int64_t Signed16() {
    return static_cast<int16_t>(static_cast<uint16_t>(Next() | (Next() << 8)));
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

// An array of exactly `n` elements in its own allocation (a read past its
// end is a heap overflow AddressSanitizer reports); NULL when n is 0.
template <typename T>
struct Array {
  explicit Array(size_t n) : length(n), data(n ? new T[n]() : nullptr) {}
  size_t length;
  std::unique_ptr<T[]> data;
};

// The amount `document[key]` ("1234.56 EUR") in minor units (cents).
int64_t MinorUnits(const nlohmann::json& document, const char* key) {
  RELANCE_FUZZ_CHECK(document.contains(key) && document[key].is_string());
  relance_money money;
  const std::string text = document[key].get<std::string>();
  RELANCE_FUZZ_CHECK(relance_money_parse(text.data(), text.size(), &money) ==
                     RELANCE_OK);
  RELANCE_FUZZ_CHECK(std::strcmp(money.currency, "EUR") == 0);
  return money.minor_units;
}

// `length` perturbed now and then (one more or one less), so that length
// mismatches are exercised.
size_t Perturbed(Bytes& bytes, size_t length) {
  const uint8_t k = bytes.Next();
  if (k == 251) return length + 1;
  if (k == 252 && length > 0) return length - 1;
  return length;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes bytes(data, size);
  const size_t n = bytes.Next() % 25;
  const int threads = bytes.Next() % 5;  // 0 is refused
  const bool want_outputs = (bytes.Next() & 1) != 0;

  Array<int64_t> issue(Perturbed(bytes, n));
  Array<int64_t> amount(Perturbed(bytes, n));
  Array<int32_t> terms(Perturbed(bytes, n));
  Array<int32_t> customer(bytes.Next() % 4 == 0 ? 0 : Perturbed(bytes, n));
  Array<uint8_t> flags(bytes.Next() % 3 == 0 ? 0 : n);
  Array<uint8_t> last_level(bytes.Next() % 3 == 0 ? 0 : n);
  Array<int64_t> last_level_date(bytes.Next() % 2 == 0 ? 0 : n);
  const int32_t customer_count = bytes.Next() % 6;
  std::vector<int64_t> start(n + 1, 0);
  std::vector<int64_t> paid_on;
  std::vector<int64_t> paid;
  for (size_t i = 0; i < n; ++i) {
    if (i < issue.length) issue.data[i] = kAsOf - 800 + bytes.Signed16() % 900;
    if (i < amount.length) {
      amount.data[i] = bytes.Signed16() * (1 + bytes.Next());
    }
    if (i < terms.length) terms.data[i] = bytes.Next() % 6;  // 5: bad
    if (i < customer.length) customer.data[i] = bytes.Next() % 6;
    if (i < flags.length) flags.data[i] = bytes.Next() % 3 == 0 ? 1 : 0;
    if (i < last_level.length) last_level.data[i] = bytes.Next() % 7;
    if (i < last_level_date.length) {
      last_level_date.data[i] = kAsOf - bytes.Next();
    }
    const int count = bytes.Next() % 3;
    for (int p = 0; p < count; ++p) {
      paid_on.push_back(kAsOf - 400 + bytes.Signed16() % 500);
      paid.push_back(bytes.Signed16() * 10);
    }
    start[i + 1] = static_cast<int64_t>(paid_on.size());
  }
  if (n > 0 && bytes.Next() == 250) start[n / 2] += 7;  // malformed offsets
  Array<int64_t> payment_start(Perturbed(bytes, start.size()));
  Array<int64_t> payment_date(paid_on.size());
  Array<int64_t> payment_amount(Perturbed(bytes, paid.size()));
  for (size_t i = 0; i < payment_start.length && i < start.size(); ++i) {
    payment_start.data[i] = start[i];
  }
  for (size_t i = 0; i < paid_on.size(); ++i) payment_date.data[i] = paid_on[i];
  for (size_t i = 0; i < payment_amount.length && i < paid.size(); ++i) {
    payment_amount.data[i] = paid[i];
  }

  relance_portfolio_columns columns;
  relance_portfolio_columns_init(&columns);
#define RELANCE_FUZZ_COLUMN(field, array) \
  columns.field = (array).data.get();     \
  columns.field##_length = (array).length;
  RELANCE_FUZZ_COLUMN(issue_date, issue)
  RELANCE_FUZZ_COLUMN(amount, amount)
  RELANCE_FUZZ_COLUMN(terms, terms)
  RELANCE_FUZZ_COLUMN(customer, customer)
  RELANCE_FUZZ_COLUMN(flags, flags)
  RELANCE_FUZZ_COLUMN(last_level, last_level)
  RELANCE_FUZZ_COLUMN(last_level_date, last_level_date)
  RELANCE_FUZZ_COLUMN(payment_start, payment_start)
  RELANCE_FUZZ_COLUMN(payment_date, payment_date)
  RELANCE_FUZZ_COLUMN(payment_amount, payment_amount)
#undef RELANCE_FUZZ_COLUMN
  columns.customer_count = customer_count;

  Array<int64_t> due(Perturbed(bytes, n)), balance(n), interest(n),
      compensation(n);
  Array<uint8_t> level(n);
  relance_portfolio_outputs outputs;
  relance_portfolio_outputs_init(&outputs);
  outputs.due_date = due.data.get();
  outputs.due_date_length = due.length;
  outputs.balance = balance.data.get();
  outputs.balance_length = balance.length;
  outputs.interest = interest.data.get();
  outputs.interest_length = interest.length;
  outputs.compensation = compensation.data.get();
  outputs.compensation_length = compensation.length;
  outputs.action_level = level.data.get();
  outputs.action_level_length = level.length;

  char* json = nullptr;
  size_t length = 0;
  const relance_status status = relance_portfolio_run_json(
      Evaluator(), &columns, want_outputs ? &outputs : nullptr, threads, &json,
      &length);
  if (status != RELANCE_OK) {
    RELANCE_FUZZ_CHECK(status == relance_last_error_code());
    RELANCE_FUZZ_CHECK(status == RELANCE_ERROR_INVALID_ARGUMENT ||
                       status == RELANCE_ERROR_OUT_OF_RANGE);
    RELANCE_FUZZ_CHECK(std::strlen(relance_last_error_message()) > 0);
    RELANCE_FUZZ_CHECK(json == nullptr);
    return 0;
  }
  RELANCE_FUZZ_CHECK(relance_last_error_code() == RELANCE_OK);
  RELANCE_FUZZ_CHECK(relance_last_error_message()[0] == '\0');
  RELANCE_FUZZ_CHECK(json != nullptr && std::strlen(json) == length);
  const std::string document(json, length);
  relance_string_free(json);
  const auto parsed = nlohmann::json::parse(document, nullptr, false);
  RELANCE_FUZZ_CHECK(!parsed.is_discarded() && parsed.is_object());
  RELANCE_FUZZ_CHECK(parsed.value("schema", "") == "relance.portfolio");
  // The invoice count is the issue dates' (the others agreed with it, also
  // when every length was perturbed alike).
  RELANCE_FUZZ_CHECK(parsed.value("invoices", int64_t{-1}) ==
                     static_cast<int64_t>(issue.length));
  if (want_outputs) {
    int64_t sums[3] = {0, 0, 0};
    RELANCE_FUZZ_CHECK(issue.length == n);  // the outputs have n elements
    for (size_t i = 0; i < n; ++i) {
      sums[0] += balance.data[i];
      sums[1] += interest.data[i];
      sums[2] += compensation.data[i];
      RELANCE_FUZZ_CHECK(level.data[i] <= kLevels);
      RELANCE_FUZZ_CHECK(balance.data[i] >= 0 && interest.data[i] >= 0);
    }
    RELANCE_FUZZ_CHECK(MinorUnits(parsed, "total_balance") == sums[0]);
    RELANCE_FUZZ_CHECK(MinorUnits(parsed, "total_interest") == sums[1]);
    RELANCE_FUZZ_CHECK(MinorUnits(parsed, "total_compensation") == sums[2]);
  }
  char* again = nullptr;
  RELANCE_FUZZ_CHECK(relance_portfolio_run_json(Evaluator(), &columns, nullptr,
                                                threads == 1 ? 3 : 1, &again,
                                                nullptr) == RELANCE_OK);
  RELANCE_FUZZ_CHECK(document == again);
  relance_string_free(again);
  return 0;
}
