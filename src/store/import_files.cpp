#include "store/import_files.hpp"

#include <csv.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/internal/file_reader.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/quote.hpp"
#include "relance/terms.hpp"

namespace relance::store {
namespace {

using internal::QuoteForMessage;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

absl::string_view AsAbsl(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

// ---------------------------------------------------------------------------
// Errors, with the cap.

class ErrorSink {
 public:
  explicit ErrorSink(std::string_view file) : file_(file) {}

  void Add(int line, int column, std::string_view field, std::string message) {
    if (errors_.size() >= kMaxImportErrors) {
      if (omitted_ == 0) first_omitted_line_ = line;
      ++omitted_;
      return;
    }
    errors_.push_back(RowError{.origin = {.file = file_, .line = line},
                               .column = column,
                               .field = std::string(field),
                               .message = std::move(message)});
  }

  std::vector<RowError> Finish() && {
    if (omitted_ > 0) {
      errors_.push_back(RowError{
          .origin = {.file = file_, .line = first_omitted_line_},
          .message = absl::StrCat("... and ", omitted_, " more errors")});
    }
    return std::move(errors_);
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<RowError> errors_;
  size_t omitted_ = 0;
  int first_omitted_line_ = 0;
};

// ---------------------------------------------------------------------------
// CSV records with libcsv.

// One record of a CSV file: where it starts, its text and its fields.
struct CsvRecord {
  int line = 0;  // the physical line where it starts (1-based)
  // The record's text in the file, without the final line break (with the
  // line breaks of quoted fields spanning lines).
  std::string_view raw;
  std::span<const std::string_view> fields;
};

// libcsv's parser state between records (ROW_NOT_BEGUN in libcsv.c): the
// state is not in csv.h, but `pstate` is a public member and csv_init and
// the end of every record set it to 0.
constexpr int kCsvRowNotBegun = 0;

// libcsv trims spaces and tabs around unquoted fields unless told that no
// character is a space: relance never trims silently.
int NoSpace(unsigned char) { return 0; }

// The text from `begin` to the end of the line holding `end - 1`, without
// its line break.
std::string_view WithoutLineBreak(std::string_view text) {
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  return text;
}

// Where the physical line holding `pos` ends, after its line break: LF,
// CRLF or a carriage return alone (which libcsv takes for the end of a
// record too, so a record always ends with a physical line).
size_t NextCsvLine(std::string_view text, size_t pos) {
  // A plain loop: find_first_of calls memchr on the set for every byte.
  for (size_t end = pos; end < text.size(); ++end) {
    if (text[end] == '\n') return end + 1;
    if (text[end] == '\r') {
      return end + 1 < text.size() && text[end + 1] == '\n' ? end + 2 : end + 1;
    }
  }
  return text.size();
}

// Splits a CSV text into records: feeds libcsv one physical line at a time
// so that each record knows the line it starts on and its raw text. Quoting
// errors are reported through `on_error` (line, column, message) with the
// record's raw text in `on_reject`; reading resumes at the next line.
class CsvSplitter {
 public:
  using OnRecord = absl::FunctionRef<void(const CsvRecord&)>;
  using OnError = absl::FunctionRef<void(
      int line, int column, std::string message, std::string_view raw)>;

  CsvSplitter(std::string_view text, OnRecord on_record, OnError on_error)
      : text_(text), on_record_(on_record), on_error_(on_error) {}

  void Run() {
    size_t pos = text_.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
    Init();
    int line = 0;
    while (pos < text_.size()) {
      ++line;
      const size_t next = NextCsvLine(text_, pos);
      if (parser_.pstate == kCsvRowNotBegun) StartRecord(line, pos);
      line_next_ = next;
      const size_t length = next - pos;
      const size_t fed =
          csv_parse(&parser_, text_.data() + pos, length, &CsvSplitter::OnField,
                    &CsvSplitter::OnRecordEnd, this);
      if (fed != length) QuotingError(pos + fed);
      pos = next;
    }
    line_next_ = text_.size();
    if (csv_fini(&parser_, &CsvSplitter::OnField, &CsvSplitter::OnRecordEnd,
                 this) != 0) {
      UnclosedQuote();
    }
    csv_free(&parser_);
  }

 private:
  void Init() {
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_space_func(&parser_, &NoSpace);
    buffer_.clear();
    ends_.clear();
  }

  void StartRecord(int line, size_t begin) {
    record_line_ = line;
    record_begin_ = begin;
  }

  static void OnField(void* data, size_t length, void* self_pointer) {
    auto* self = static_cast<CsvSplitter*>(self_pointer);
    if (length > 0)
      self->buffer_.append(static_cast<const char*>(data), length);
    self->ends_.push_back(self->buffer_.size());
  }

  static void OnRecordEnd(int /*terminator*/, void* self_pointer) {
    static_cast<CsvSplitter*>(self_pointer)->EndRecord();
  }

  void EndRecord() {
    views_.clear();
    size_t begin = 0;
    for (const size_t end : ends_) {
      views_.push_back(std::string_view(buffer_).substr(begin, end - begin));
      begin = end;
    }
    const CsvRecord record{.line = record_line_,
                           .raw = WithoutLineBreak(text_.substr(
                               record_begin_, line_next_ - record_begin_)),
                           .fields = views_};
    on_record_(record);
    buffer_.clear();
    ends_.clear();
  }

  // csv_parse stopped at `at` (strict mode): a quote inside an unquoted
  // field, or a character after a closing quote.
  void QuotingError(size_t at) {
    const int column = static_cast<int>(ends_.size()) + 1;
    std::string message;
    if (csv_error(&parser_) != CSV_EPARSE) {
      message = csv_strerror(csv_error(&parser_));
    } else if (text_[at] == '"') {
      message =
          "a quote inside an unquoted field (quote the whole field and "
          "double the quote: \"a\"\"b\")";
    } else {
      message = absl::StrCat(
          "expected ',' or the end of the line after a closing quote, got ",
          internal::DescribeByteForMessage(text_[at]));
    }
    on_error_(record_line_, column, std::move(message),
              WithoutLineBreak(
                  text_.substr(record_begin_, line_next_ - record_begin_)));
    csv_free(&parser_);
    Init();
  }

  // The text ended inside a quoted field: the error names the line where
  // that field starts.
  void UnclosedQuote() {
    const std::string_view rest = text_.substr(record_begin_);
    size_t field_begin = 0;
    bool quoted = false;
    for (size_t i = 0; i < rest.size(); ++i) {
      if (rest[i] == '"') {
        quoted = !quoted;
      } else if (rest[i] == ',' && !quoted) {
        field_begin = i + 1;
      }
    }
    int line = record_line_;
    const size_t field_at = record_begin_ + field_begin;
    for (size_t at = NextCsvLine(text_, record_begin_);
         at <= field_at && at < text_.size(); at = NextCsvLine(text_, at)) {
      ++line;
    }
    on_error_(line, static_cast<int>(ends_.size()) + 1,
              "quoted field not closed: the file ends inside it",
              WithoutLineBreak(rest));
  }

  std::string_view text_;
  OnRecord on_record_;
  OnError on_error_;
  csv_parser parser_ = {};
  std::string buffer_;
  std::vector<size_t> ends_;
  std::vector<std::string_view> views_;
  size_t line_next_ = 0;
  int record_line_ = 0;
  size_t record_begin_ = 0;
};

// ---------------------------------------------------------------------------
// Values. Each check returns "" or the error message.

bool HasControlCharacter(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

// Free text (a name): any characters but control ones other than tab and
// line breaks (an escape sequence would reach letters and terminals).
std::string CheckText(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) {
      return absl::StrCat("control character in ", QuoteForMessage(text));
    }
  }
  return "";
}

std::string CheckId(std::string_view text) {
  if (text.empty()) return "required";
  if (text.size() > kMaxIdBytes) {
    return absl::StrCat("longer than ", kMaxIdBytes, " bytes (", text.size(),
                        "): ", QuoteForMessage(text));
  }
  if (HasControlCharacter(text)) {
    return absl::StrCat("control character in ", QuoteForMessage(text));
  }
  if (text.front() == ' ' || text.back() == ' ') {
    return absl::StrCat("space at the start or end of ", QuoteForMessage(text));
  }
  return "";
}

// Two letters between `low` and `high` ("fr" or "FR").
std::string CheckTwoLetters(std::string_view text, char low, char high,
                            std::string_view kind, std::string_view example) {
  if (text.size() == 2 && text[0] >= low && text[0] <= high && text[1] >= low &&
      text[1] <= high) {
    return "";
  }
  return absl::StrCat("expected two ", std::string(kind), " letters (\"",
                      std::string(example), "\"), got ", QuoteForMessage(text));
}

// A positive amount in canonical decimal form with `digits` decimals
// (`digits` < 0: any number of them, the currency being unknown yet).
// Writes the minor units (when `digits` >= 0).
std::string CheckAmount(std::string_view text, int digits,
                        std::string_view currency_code, int64_t* minor_units) {
  if (text.empty()) return "required";
  const size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos
                                        ? std::string_view()
                                        : text.substr(point + 1);
  const auto all_digits = [](std::string_view part) {
    for (const char c : part) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (point != std::string_view::npos && fraction.empty())) {
    return absl::StrCat("expected an amount like 1234.56, got ",
                        QuoteForMessage(text));
  }
  if (whole.size() > 1 && whole[0] == '0') {
    return absl::StrCat("leading zero in ", QuoteForMessage(text));
  }
  if (digits >= 0 && fraction.size() != static_cast<size_t>(digits)) {
    if (digits == 0) {
      return absl::StrCat("expected no decimals (", std::string(currency_code),
                          "), got ", QuoteForMessage(text));
    }
    return absl::StrCat("expected ", digits, " decimals (",
                        std::string(currency_code), "), got ",
                        QuoteForMessage(text));
  }
  // At most 17 significant digits in all: 10^17 minor units.
  bool positive = false;
  int64_t value = 0;
  size_t significant = 0;
  for (const std::string_view part : {whole, fraction}) {
    for (const char c : part) {
      if (value == 0 && c == '0') continue;
      positive = true;
      if (++significant > 18) break;
      value = value * 10 + (c - '0');
    }
  }
  if (!positive) {
    return absl::StrCat("must be positive, got ", QuoteForMessage(text));
  }
  if (significant > 18 || value > Money::kMaxMinorUnits) {
    return absl::StrCat("above the largest amount (10^17 minor units), got ",
                        QuoteForMessage(text));
  }
  *minor_units = value;
  return "";
}

std::string StatusText(const absl::Status& status) {
  return std::string(status.message());
}

// ---------------------------------------------------------------------------
// The CSV files: header, then rows.

// The number of line feeds: about the number of rows.
size_t LineBreaks(std::string_view text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

struct ColumnSpec {
  std::string_view name;
  bool required = false;
};

// Where each known column sits in the file's records (-1: absent).
template <size_t N>
using ColumnSlots = std::array<int, N>;

// An error found in a row, before the row's errors are sorted by column.
struct FieldError {
  int column = 0;
  std::string_view field;
  std::string message;
};

// The fields of one data record, by column, and its errors (kept in
// `pending`, which the caller reports in column order).
template <size_t N>
class RowReader {
 public:
  RowReader(const std::array<ColumnSpec, N>& specs, const ColumnSlots<N>& slots,
            const CsvRecord& record, std::vector<FieldError>& pending)
      : specs_(specs), slots_(slots), record_(record), pending_(pending) {}

  bool Has(size_t column) const { return slots_[column] >= 0; }
  // The field, "" when the column is absent.
  std::string_view Get(size_t column) const {
    return Has(column) ? record_.fields[static_cast<size_t>(slots_[column])]
                       : std::string_view();
  }
  // Reports an error on the column (which must be present).
  void Error(size_t column, std::string message) {
    pending_.push_back(FieldError{.column = slots_[column] + 1,
                                  .field = specs_[column].name,
                                  .message = std::move(message)});
  }
  // Reports `message` unless it is "".
  void Check(size_t column, std::string message) {
    if (!message.empty()) Error(column, std::move(message));
  }
  bool ok() const { return pending_.empty(); }
  int line() const { return record_.line; }

 private:
  const std::array<ColumnSpec, N>& specs_;
  const ColumnSlots<N>& slots_;
  const CsvRecord& record_;
  std::vector<FieldError>& pending_;
};

// Reads a CSV file whose columns are `specs`: checks the header, then calls
// `parse_row(RowReader&, Row&)` for each data record with the right number
// of fields; a row is kept when no error was reported on it.
// `check_header(slots, errors, header_line)` adds file-specific header
// rules and returns false on error.
template <typename Row, size_t N, typename ParseRow, typename CheckHeader>
ParsedRows<Row> ReadCsv(std::string_view text, std::string_view file_name,
                        const std::array<ColumnSpec, N>& specs,
                        const CheckHeader& check_header,
                        const ParseRow& parse_row) {
  ParsedRows<Row> parsed;
  ErrorSink errors(file_name);
  ColumnSlots<N> slots;
  slots.fill(-1);
  bool have_header = false;
  bool header_ok = false;
  size_t field_count = 0;
  // About one row a line: no growing and moving of a million rows.
  parsed.rows.reserve(LineBreaks(text));
  std::vector<FieldError> pending;
  const auto reject = [&](std::string_view raw) {
    parsed.rejected_lines.emplace_back(raw);
  };

  const auto read_header = [&](const CsvRecord& record) {
    have_header = true;
    header_ok = true;
    field_count = record.fields.size();
    for (size_t i = 0; i < record.fields.size(); ++i) {
      const std::string_view name = record.fields[i];
      const int column = static_cast<int>(i) + 1;
      size_t known = N;
      for (size_t k = 0; k < N; ++k) {
        if (specs[k].name == name) known = k;
      }
      if (known == N) {
        std::vector<std::string> names;
        for (const ColumnSpec& spec : specs) names.emplace_back(spec.name);
        errors.Add(
            record.line, column, "",
            absl::StrCat("unknown column ", QuoteForMessage(name),
                         "; the columns are ", absl::StrJoin(names, ", ")));
        header_ok = false;
      } else if (slots[known] >= 0) {
        errors.Add(record.line, column, specs[known].name,
                   absl::StrCat("column given twice (also column ",
                                slots[known] + 1, ")"));
        header_ok = false;
      } else {
        slots[known] = static_cast<int>(i);
      }
    }
    for (size_t k = 0; k < N; ++k) {
      if (specs[k].required && slots[k] < 0) {
        errors.Add(record.line, 0, "",
                   absl::StrCat("missing required column \"",
                                std::string(specs[k].name), "\""));
        header_ok = false;
      }
    }
    if (header_ok) header_ok = check_header(slots, errors, record.line);
  };

  const auto on_record = [&](const CsvRecord& record) {
    if (!have_header) {
      read_header(record);
      return;
    }
    if (!header_ok) {
      reject(record.raw);
      return;
    }
    if (record.fields.size() != field_count) {
      errors.Add(record.line, 0, "",
                 absl::StrCat(record.fields.size(), " fields, expected ",
                              field_count));
      reject(record.raw);
      return;
    }
    pending.clear();
    RowReader<N> reader(specs, slots, record, pending);
    Row row;
    row.origin.file = std::string(file_name);
    row.origin.line = record.line;
    row.origin.text = record.raw;
    parse_row(reader, row);
    if (pending.empty()) {
      parsed.rows.push_back(std::move(row));
      return;
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const FieldError& a, const FieldError& b) {
                       return a.column < b.column;
                     });
    for (FieldError& error : pending) {
      errors.Add(record.line, error.column, error.field,
                 std::move(error.message));
    }
    reject(record.raw);
  };
  const auto on_error = [&](int line, int column, std::string message,
                            std::string_view raw) {
    errors.Add(line, column, "", std::move(message));
    // A quoting error in the header: no data record can be read.
    if (!have_header) {
      have_header = true;
      header_ok = false;
      return;
    }
    reject(raw);
  };
  CsvSplitter(text, on_record, on_error).Run();
  if (!have_header) {
    std::vector<std::string> names;
    for (const ColumnSpec& spec : specs) names.emplace_back(spec.name);
    errors.Add(1, 0, "",
               absl::StrCat("no header: the file is empty (the columns are ",
                            absl::StrJoin(names, ", "), ")"));
  }
  parsed.errors = std::move(errors).Finish();
  return parsed;
}

// Duplicate ids of one file: the first line of each.
class IdRegistry {
 public:
  // `expected`: about how many ids the file has (its line count).
  explicit IdRegistry(size_t expected) { lines_.reserve(expected); }

  // Returns "" or `"F-1" is already on line 2`.
  std::string Add(std::string_view id, int line) {
    const auto [it, added] = lines_.try_emplace(AsAbsl(id), line);
    if (added) return "";
    return absl::StrCat(QuoteForMessage(id), " is already on line ",
                        it->second);
  }

 private:
  absl::flat_hash_map<std::string, int> lines_;
};

// "", or `~k` for the k-th time `key` is seen (k >= 2).
class RepeatCounter {
 public:
  explicit RepeatCounter(size_t expected) { counts_.reserve(expected); }

  std::string Suffix(std::string_view key) {
    const int count = ++counts_[AsAbsl(key)];
    return count == 1 ? std::string() : absl::StrCat("~", count);
  }

 private:
  absl::flat_hash_map<std::string, int> counts_;
};

// Currency codes, the last one kept (a file usually has one currency).
class CurrencyReader {
 public:
  // Returns "" or the error.
  std::string Read(std::string_view code, Currency* currency) {
    if (code.empty()) return "required";
    if (last_ok_ && code == last_code_) {
      *currency = last_;
      return "";
    }
    absl::StatusOr<Currency> parsed = Currency::FromCode(code);
    if (!parsed.ok()) return StatusText(parsed.status());
    last_code_ = std::string(code);
    last_ = *parsed;
    last_ok_ = true;
    *currency = *parsed;
    return "";
  }

 private:
  bool last_ok_ = false;
  std::string last_code_;
  Currency last_;
};

std::string ReadDate(std::string_view text, Date* date) {
  if (text.empty()) return "required";
  absl::StatusOr<Date> parsed = ParseDate(text);
  if (!parsed.ok()) return StatusText(parsed.status());
  *date = *parsed;
  return "";
}

// ---------------------------------------------------------------------------
// customers.csv

enum CustomerColumn : size_t {
  kCustomerId,
  kCustomerName,
  kCustomerSegment,
  kCustomerLanguage,
  kCustomerJurisdiction,
  kCustomerAddress,
};
constexpr std::array<ColumnSpec, 6> kCustomerColumns = {{
    {"customer_id", true},
    {"name", false},
    {"segment", false},
    {"language", false},
    {"jurisdiction", false},
    {"address", false},
}};

// The lines of an `address` field: one line of the letter per line of the
// (quoted) field, spaces around each trimmed, blank lines left out.
std::string ParseAddressLines(std::string_view field,
                              std::vector<std::string>& lines) {
  for (const std::string& each : SplitAddressLines(field)) {
    std::string_view line = each;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (line.empty()) continue;
    if (HasControlCharacter(line)) {
      return absl::StrCat("control character in address line ",
                          QuoteForMessage(line));
    }
    lines.emplace_back(line);
  }
  return "";
}

// ---------------------------------------------------------------------------
// invoices.csv

enum InvoiceColumn : size_t {
  kInvoiceId,
  kInvoiceCustomer,
  kInvoiceIssueDate,
  kInvoiceCurrency,
  kInvoiceAmount,
  kInvoiceDueDate,
  kInvoiceTerms,
  kInvoiceDisputed,
  kInvoiceLastLevel,
};
constexpr std::array<ColumnSpec, 9> kInvoiceColumns = {{
    {"invoice_id", true},
    {"customer_id", true},
    {"issue_date", true},
    {"currency", true},
    {"amount", true},
    {"due_date", false},
    {"terms", false},
    {"disputed", false},
    {"last_level_sent", false},
}};

// Each distinct terms text parsed once: "" or its error.
class TermsChecker {
 public:
  const std::string& Check(std::string_view text) {
    const auto it = results_.find(AsAbsl(text));
    if (it != results_.end()) return it->second;
    absl::StatusOr<PaymentTerms> terms = PaymentTerms::Parse(text);
    return results_
        .emplace(AsAbsl(text),
                 terms.ok() ? std::string() : StatusText(terms.status()))
        .first->second;
  }

 private:
  absl::flat_hash_map<std::string, std::string> results_;
};

// ---------------------------------------------------------------------------
// payments.csv

enum PaymentColumn : size_t {
  kPaymentInvoice,
  kPaymentDate,
  kPaymentAmount,
  kPaymentId,
  kPaymentCurrency,
};
constexpr std::array<ColumnSpec, 5> kPaymentColumns = {{
    {"invoice_id", true},
    {"payment_date", true},
    {"amount", true},
    {"payment_id", false},
    {"currency", false},
}};

template <size_t N>
bool NoHeaderRule(const ColumnSlots<N>&, ErrorSink&, int) {
  return true;
}

// ---------------------------------------------------------------------------
// events.jsonl

std::string HexSha256Prefix(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (size_t i = 0; i < 8 && i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

bool IsBlank(std::string_view line) {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------

absl::StatusOr<std::string> ReadImportFile(const std::string& path) {
  return internal::ReadFileWithin(path, {.bytes = kMaxImportFileBytes,
                                         .size = "4 GiB",
                                         .what = "an import file"});
}

ParsedRows<CustomerRow> ParseCustomersCsv(std::string_view text,
                                          std::string_view file_name) {
  IdRegistry ids(LineBreaks(text));
  return ReadCsv<CustomerRow>(
      text, file_name, kCustomerColumns, NoHeaderRule<6>,
      [&](RowReader<6>& row, CustomerRow& customer) {
        const std::string_view id = row.Get(kCustomerId);
        std::string error = CheckId(id);
        if (error.empty()) error = ids.Add(id, row.line());
        row.Check(kCustomerId, std::move(error));
        customer.id = std::string(id);
        const std::string_view name = row.Get(kCustomerName);
        row.Check(kCustomerName, CheckText(name));
        customer.name = std::string(name);
        const std::string_view segment = row.Get(kCustomerSegment);
        if (!segment.empty()) row.Check(kCustomerSegment, CheckId(segment));
        customer.segment = std::string(segment);
        const std::string_view language = row.Get(kCustomerLanguage);
        if (!language.empty()) {
          row.Check(kCustomerLanguage,
                    CheckTwoLetters(language, 'a', 'z', "lowercase", "fr"));
        }
        customer.language = std::string(language);
        const std::string_view jurisdiction = row.Get(kCustomerJurisdiction);
        if (!jurisdiction.empty()) {
          row.Check(kCustomerJurisdiction,
                    CheckTwoLetters(jurisdiction, 'A', 'Z', "uppercase", "FR"));
        }
        customer.jurisdiction = std::string(jurisdiction);
        row.Check(kCustomerAddress, ParseAddressLines(row.Get(kCustomerAddress),
                                                      customer.address_lines));
      });
}

ParsedRows<InvoiceRow> ParseInvoicesCsv(std::string_view text,
                                        std::string_view file_name) {
  IdRegistry ids(LineBreaks(text));
  CurrencyReader currencies;
  TermsChecker terms;
  const auto check_header = [](const ColumnSlots<9>& slots, ErrorSink& errors,
                               int line) {
    if (slots[kInvoiceDueDate] < 0 && slots[kInvoiceTerms] < 0) {
      errors.Add(line, 0, "",
                 "missing column \"due_date\" or \"terms\" (each invoice "
                 "gives one of them)");
      return false;
    }
    return true;
  };
  return ReadCsv<InvoiceRow>(
      text, file_name, kInvoiceColumns, check_header,
      [&](RowReader<9>& row, InvoiceRow& invoice) {
        const std::string_view id = row.Get(kInvoiceId);
        std::string error = CheckId(id);
        if (error.empty()) error = ids.Add(id, row.line());
        row.Check(kInvoiceId, std::move(error));
        invoice.id = std::string(id);

        const std::string_view customer = row.Get(kInvoiceCustomer);
        row.Check(kInvoiceCustomer, CheckId(customer));
        invoice.customer = std::string(customer);

        const bool issue_ok = [&] {
          std::string date_error =
              ReadDate(row.Get(kInvoiceIssueDate), &invoice.issue_date);
          const bool ok = date_error.empty();
          row.Check(kInvoiceIssueDate, std::move(date_error));
          return ok;
        }();

        Currency currency;
        std::string currency_error =
            currencies.Read(row.Get(kInvoiceCurrency), &currency);
        const bool currency_ok = currency_error.empty();
        row.Check(kInvoiceCurrency, std::move(currency_error));

        const std::string_view amount = row.Get(kInvoiceAmount);
        int64_t minor_units = 0;
        std::string amount_error =
            CheckAmount(amount, currency_ok ? currency.minor_digits() : -1,
                        currency.code(), &minor_units);
        if (amount_error.empty() && currency_ok) {
          invoice.amount = Money::Zero(currency);
          absl::StatusOr<Money> money =
              Money::FromMinorUnits(minor_units, currency);
          if (money.ok()) {
            invoice.amount = *money;
          } else {
            amount_error = StatusText(money.status());
          }
        }
        row.Check(kInvoiceAmount, std::move(amount_error));

        const std::string_view due = row.Get(kInvoiceDueDate);
        const std::string_view terms_text = row.Get(kInvoiceTerms);
        if (!due.empty() && !terms_text.empty()) {
          row.Error(kInvoiceTerms,
                    "give either due_date or terms, not both (due_date is " +
                        QuoteForMessage(due) + ")");
        } else if (due.empty() && terms_text.empty()) {
          row.Error(row.Has(kInvoiceDueDate) ? kInvoiceDueDate : kInvoiceTerms,
                    "required: a due_date or terms");
        } else if (!due.empty()) {
          Date due_date;
          std::string due_error = ReadDate(due, &due_date);
          if (due_error.empty()) {
            invoice.due_date = due_date;
            if (issue_ok && due_date < invoice.issue_date) {
              due_error = absl::StrCat("due date ", FormatDate(due_date),
                                       " is before the issue date ",
                                       FormatDate(invoice.issue_date));
            }
          }
          row.Check(kInvoiceDueDate, std::move(due_error));
        } else {
          row.Check(kInvoiceTerms, terms.Check(terms_text));
          invoice.terms = std::string(terms_text);
        }

        const std::string_view disputed = row.Get(kInvoiceDisputed);
        if (disputed == "1") {
          invoice.disputed = true;
        } else if (!disputed.empty() && disputed != "0") {
          row.Error(kInvoiceDisputed, absl::StrCat("expected 0 or 1, got ",
                                                   QuoteForMessage(disputed)));
        }

        const std::string_view level = row.Get(kInvoiceLastLevel);
        if (!level.empty()) {
          const bool digits =
              level.size() <= 2 && level[0] >= '0' && level[0] <= '9' &&
              (level.size() == 1 ||
               (level[0] != '0' && level[1] >= '0' && level[1] <= '9'));
          if (digits) {
            invoice.last_level_sent =
                level.size() == 1 ? level[0] - '0'
                                  : (level[0] - '0') * 10 + (level[1] - '0');
          } else {
            row.Error(kInvoiceLastLevel,
                      absl::StrCat("expected a whole number 0..99, got ",
                                   QuoteForMessage(level)));
          }
        }
      });
}

ParsedRows<PaymentRow> ParsePaymentsCsv(std::string_view text,
                                        std::string_view file_name) {
  IdRegistry ids(0);  // payment_id is rare
  RepeatCounter repeats(LineBreaks(text));
  CurrencyReader currencies;
  return ReadCsv<PaymentRow>(
      text, file_name, kPaymentColumns, NoHeaderRule<5>,
      [&](RowReader<5>& row, PaymentRow& payment) {
        const std::string_view invoice = row.Get(kPaymentInvoice);
        row.Check(kPaymentInvoice, CheckId(invoice));
        payment.invoice = std::string(invoice);

        row.Check(kPaymentDate, ReadDate(row.Get(kPaymentDate), &payment.date));

        const std::string_view code = row.Get(kPaymentCurrency);
        Currency currency;
        bool currency_ok = false;
        if (!code.empty()) {
          std::string currency_error = currencies.Read(code, &currency);
          currency_ok = currency_error.empty();
          row.Check(kPaymentCurrency, std::move(currency_error));
          payment.currency = std::string(code);
        }

        const std::string_view amount = row.Get(kPaymentAmount);
        int64_t minor_units = 0;
        std::string amount_error =
            CheckAmount(amount, currency_ok ? currency.minor_digits() : -1,
                        currency.code(), &minor_units);
        if (amount_error.empty() && currency_ok) {
          absl::StatusOr<Money> money =
              Money::FromMinorUnits(minor_units, currency);
          if (money.ok()) {
            payment.amount = *money;
          } else {
            amount_error = StatusText(money.status());
          }
        }
        row.Check(kPaymentAmount, std::move(amount_error));
        payment.amount_text = std::string(amount);

        const std::string_view id = row.Get(kPaymentId);
        if (!id.empty()) {
          std::string error = CheckId(id);
          if (error.empty()) error = ids.Add(id, row.line());
          row.Check(kPaymentId, std::move(error));
          payment.id = std::string(id);
        } else if (row.ok()) {
          // The date as written: ParseDate read it, so it is the
          // canonical YYYY-MM-DD (FormatDate's text).
          std::string derived =
              absl::StrCat(payment.invoice, "@", AsAbsl(row.Get(kPaymentDate)),
                           "#", payment.amount_text);
          absl::StrAppend(&derived, repeats.Suffix(derived));
          payment.id = std::move(derived);
        }
      });
}

absl::StatusOr<Money> PaymentAmount(const PaymentRow& row, Currency currency) {
  if (!row.currency.empty()) {
    if (row.currency != currency.code()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "currency ", row.currency, " differs from the invoice's ",
          std::string(currency.code())));
    }
    if (row.amount.currency() == currency) return row.amount;
  }
  int64_t minor_units = 0;
  std::string error = CheckAmount(row.amount_text, currency.minor_digits(),
                                  currency.code(), &minor_units);
  if (!error.empty()) return absl::InvalidArgumentError(error);
  return Money::FromMinorUnits(minor_units, currency);
}

ParsedRows<EventRow> ParseEventsJsonl(std::string_view text,
                                      std::string_view file_name) {
  ParsedRows<EventRow> parsed;
  ErrorSink errors(file_name);
  absl::flat_hash_map<std::string, int> explicit_ids;
  RepeatCounter repeats(LineBreaks(text));
  const internal::JsonReader reader("event");
  size_t pos = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  int line_number = 0;
  while (pos < text.size()) {
    ++line_number;
    const size_t newline = text.find('\n', pos);
    const size_t next =
        newline == std::string_view::npos ? text.size() : newline + 1;
    const std::string_view line =
        WithoutLineBreak(text.substr(pos, next - pos));
    pos = next;
    if (IsBlank(line)) continue;

    bool ok = true;
    const auto fail = [&](std::string_view field, std::string message) {
      ok = false;
      errors.Add(line_number, 0, field, std::move(message));
    };
    EventRow row;
    row.origin = {
        .file = std::string(file_name), .line = line_number, .text = line};
    absl::StatusOr<internal::Json> json = reader.Parse(line);
    if (!json.ok()) {
      fail("", StatusText(json.status()));
    } else if (!json->is_object()) {
      fail("", absl::StrCat("event: expected an object, got ",
                            internal::JsonReader::TypeName(*json)));
    } else {
      const auto type = json->find("type");
      if (type != json->end() && type->is_string()) {
        const std::string& kind = type->get_ref<const std::string&>();
        if (kind == "invoice_issued" || kind == "payment_received") {
          const bool invoice = kind == "invoice_issued";
          fail("type",
               absl::StrCat("event: type: ", kind,
                            " is not imported from events: use `relance "
                            "import ",
                            invoice ? "invoices` (invoices.csv)"
                                    : "payments` (payments.csv)"));
        }
      }
      std::string id;
      for (const std::string_view key : {"id", "customer"}) {
        const auto it = json->find(std::string(key));
        if (it == json->end()) continue;
        if (!it->is_string()) {
          fail(key, absl::StrCat("event: ", std::string(key),
                                 ": expected a string, got ",
                                 internal::JsonReader::TypeName(*it)));
        } else {
          std::string value = it->get<std::string>();
          const std::string error = CheckId(value);
          if (!error.empty()) {
            fail(key, absl::StrCat("event: ", std::string(key), ": ", error));
          } else if (key == "id") {
            // A used id is an error even when its first line has others.
            const auto [first, added] =
                explicit_ids.try_emplace(AsAbsl(value), line_number);
            if (!added) {
              fail("id", absl::StrCat("event: id: ", QuoteForMessage(value),
                                      " is already on line ", first->second));
            }
          }
          (key == "id" ? id : row.customer) = std::move(value);
        }
        json->erase(it);
      }
      if (ok) {
        absl::StatusOr<Event> event = Event::FromJson(json->dump());
        if (!event.ok()) {
          std::string message = StatusText(event.status());
          // The event reader lists its keys; this file has two more.
          if (message.find("unknown key") != std::string::npos) {
            absl::StrAppend(&message,
                            "; events.jsonl also takes id and "
                            "customer");
          }
          fail("", std::move(message));
        } else {
          row.event = *std::move(event);
          if (row.customer.empty() && row.event.Invoices().empty()) {
            fail("customer",
                 absl::StrCat("event: customer: required on an event that "
                              "names no invoice (",
                              std::string(ToString(row.event.kind)), ")"));
          }
        }
      }
      if (ok) {
        if (id.empty()) {
          const std::string key =
              absl::StrCat(row.customer, "\n", row.event.ToJson());
          id = absl::StrCat("E", HexSha256Prefix(key), repeats.Suffix(key));
        }
        row.id = std::move(id);
      }
    }
    if (ok) {
      parsed.rows.push_back(std::move(row));
    } else {
      parsed.rejected_lines.emplace_back(line);
    }
  }
  parsed.errors = std::move(errors).Finish();
  return parsed;
}

std::string_view CsvHeaderLine(std::string_view text) {
  if (text.starts_with(kByteOrderMark))
    text.remove_prefix(kByteOrderMark.size());
  while (!text.empty()) {
    const size_t next = NextCsvLine(text, 0);
    const std::string_view line = WithoutLineBreak(text.substr(0, next));
    if (!line.empty()) return line;
    text.remove_prefix(next);
  }
  return std::string_view();
}

std::string FormatRejects(std::string_view header_line,
                          const std::vector<std::string>& rejected_lines) {
  std::string out;
  if (!header_line.empty()) absl::StrAppend(&out, AsAbsl(header_line), "\n");
  for (const std::string& line : rejected_lines) {
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace relance::store
