/* relance.h
 * -----------------------------------------------------------------------------
 * The C ABI of relance: payment terms, late-payment penalties and dunning
 * decisions for programs written in C, or in any language that calls C
 * (C#, Java, Go, PHP, Rust, ...). Plain C99; link librelance_c
 * (`pkg-config --cflags --libs relance_c`, or CMake `relance::relance_c`).
 * docs/abi.md is the guide: conventions, ownership, the stability policy.
 *
 * Conventions (the same for every function):
 *
 *   - Every function and type starts with `relance_`, every macro and
 *     constant with `RELANCE_`.
 *   - Fallible functions return a `relance_status`: RELANCE_OK (0) or an
 *     error code whose value is pinned forever. Results come back through
 *     out-parameters, which are written only on success (an out handle is
 *     set to NULL on failure).
 *   - On failure the calling thread's last error holds the code, a message
 *     saying what and where, and, when the message names one, the position
 *     (JSON path, line, column): relance_last_error_message(),
 *     relance_last_error_position(). A successful call clears it.
 *   - Compiled objects are opaque handles (relance_calendar, relance_terms,
 *     relance_penalty_rule, relance_rate_series, relance_rates,
 *     relance_policy, relance_case, relance_decision). They are immutable:
 *     once created, any number of threads may use one handle at the same
 *     time. Each is released with its `_free` function, which accepts NULL;
 *     a handle must not be freed while another thread uses it. Handles do
 *     not depend on each other's lifetime: a terms handle built with a
 *     calendar keeps what it needs after the calendar is freed.
 *   - Text the library returns (JSON documents, Graphviz dot) is a
 *     NUL-terminated UTF-8 `char*` that the caller owns and releases with
 *     relance_string_free(). Small values (a date, an amount) are written to a
 *     caller's buffer instead.
 *   - Text given to the library is UTF-8 with an explicit length in bytes;
 *     RELANCE_NUL_TERMINATED as the length means "up to the first NUL".
 *   - Dates are `relance_date`: days since 1970-01-01 (negative before),
 *     bit-identical to numpy's datetime64[D]; a date outside 0001-01-01..
 *     9999-12-31 given to any function is RELANCE_ERROR_INVALID_ARGUMENT.
 *     Amounts are `relance_money`: integer minor units and an ISO 4217
 *     code (an unknown code or more than 10^17 minor units is
 *     RELANCE_ERROR_INVALID_ARGUMENT); no floating point anywhere.
 *   - Option and result structs begin with `size`, which the caller sets to
 *     sizeof the struct it was compiled with (the `_init` functions do). See
 *     "Versioned structs" in docs/abi.md.
 *   - No C++ exception ever leaves the library, and no Abseil or C++ type
 *     crosses it. A NULL handle, a NULL out-parameter or a wrong struct size
 *     is RELANCE_ERROR_MISUSE, never a crash.
 *
 * Thread safety: every function is safe to call from several threads at
 * once, on the same handles, except that a `_free` must not run while
 * another call uses that handle. Each function's comment repeats what it
 * touches. The last error is per thread.
 *
 * Example (examples/c/invoicing.c is a complete program):
 *
 *   relance_policy* policy = NULL;
 *   if (relance_policy_from_json(policy_json, RELANCE_NUL_TERMINATED, NULL,
 *                                &policy) != RELANCE_OK) {
 *     fprintf(stderr, "%s\n", relance_last_error_message());
 *     return 1;
 *   }
 *   char* decision = NULL;
 *   relance_date as_of;
 *   relance_date_from_ymd(2026, 3, 5, &as_of);
 *   if (relance_evaluate_json(policy, case_json, RELANCE_NUL_TERMINATED,
 *                             as_of, &decision, NULL) == RELANCE_OK) {
 *     puts(decision);              // the document `relance evaluate --json`
 *   }                              // prints (docs/json.md)
 *   relance_string_free(decision);
 *   relance_policy_free(policy);
 */
#ifndef RELANCE_H_
#define RELANCE_H_

#include <stddef.h>
#include <stdint.h>

#include "relance_version.h"

#if defined(__GNUC__) || defined(__clang__)
#define RELANCE_C_API __attribute__((visibility("default")))
#else
#define RELANCE_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------
 * Status codes, versions, errors, strings
 * ------------------------------------------------------------------------- */

/* What a call did. The values are pinned: they never change meaning, and new
 * codes only get new numbers. */
typedef enum relance_status {
  RELANCE_OK = 0,
  /* Malformed or out-of-bound input: a bad amount, date, terms text, JSON
   * document or field, amounts in different currencies mixed. */
  RELANCE_ERROR_INVALID_ARGUMENT = 1,
  /* An unknown id: calendar code, preset, rate series, ladder, segment. */
  RELANCE_ERROR_NOT_FOUND = 2,
  /* Well-formed, beyond known reference data: a rate after the end of its
   * series, an obligation before the first regime a rule models. */
  RELANCE_ERROR_OUT_OF_RANGE = 3,
  /* Facts that contradict each other: an event the invoice's state does not
   * allow, an action naming a level the policy does not have. */
  RELANCE_ERROR_FAILED_PRECONDITION = 4,
  /* The caller broke the API's contract: a NULL handle or out-parameter, a
   * struct whose `size` this library does not know, an unknown enum value. */
  RELANCE_ERROR_MISUSE = 5,
  /* A caller's buffer is too small for the text (see RELANCE_*_TEXT_SIZE). */
  RELANCE_ERROR_BUFFER_TOO_SMALL = 6,
  /* Memory ran out. */
  RELANCE_ERROR_NO_MEMORY = 7,
  /* A bug in relance (please report it with the message). */
  RELANCE_ERROR_INTERNAL = 8,
  /* The ledger is in use by another process writing it (SQLite's lock is
   * held): nothing was done; try again later. */
  RELANCE_ERROR_BUSY = 9,
  /* The file is not a relance ledger, or SQLite reports it corrupt. */
  RELANCE_ERROR_DATA_LOSS = 10,
  /* This librelance_c was built without the feature called (the ledger:
   * built with RELANCE_BUILD_LEDGER=OFF). */
  RELANCE_ERROR_UNSUPPORTED = 11
} relance_status;

/* The code's name in snake case: "ok", "invalid_argument", "not_found",
 * "out_of_range", "failed_precondition", "misuse", "buffer_too_small",
 * "no_memory", "internal", "busy", "data_loss", "unsupported"; "unknown" for
 * any other value. A static string.
 * Thread-safe. */
RELANCE_C_API const char* relance_status_string(relance_status status);

/* The version of the library linked at run time: major * 10000 +
 * minor * 100 + patch, equal to relance::VersionNumber() of the C++ library
 * it contains. Compare with RELANCE_VERSION_NUMBER (the headers') to detect a
 * mismatched installation. Thread-safe. */
RELANCE_C_API int relance_version_number(void);
/* "MAJOR.MINOR.PATCH" of the linked library; a static string. Thread-safe. */
RELANCE_C_API const char* relance_version_string(void);
/* The ABI version of the linked library, RELANCE_ABI_VERSION when it is the
 * library these headers describe (the SOVERSION: librelance_c.so.1).
 * Thread-safe. */
RELANCE_C_API int relance_abi_version(void);

/* The status of this thread's last failed call, RELANCE_OK after a
 * successful one. Thread-safe (per thread). */
RELANCE_C_API relance_status relance_last_error_code(void);
/* This thread's last error message ("" after a successful call), e.g.
 * `policy: levels[2].offset_days: expected an integer, got string`. Valid
 * until this thread's next relance call; never NULL. Thread-safe (per
 * thread). */
RELANCE_C_API const char* relance_last_error_message(void);

/* Where the last error is, when its message says it. */
typedef struct relance_error_position {
  size_t size; /* sizeof(relance_error_position), set by the caller */
  /* The JSON path of the offending value, e.g. "levels[2].offset_days"
   * ("" when none). Valid until this thread's next relance call. */
  const char* path;
  /* 1-based line and column in the input text; 0 when unknown. A one-line
   * input (terms text, an amount) gives its column with line 0. */
  int64_t line;
  int64_t column;
} relance_error_position;
/* Fills `*out` with the position of this thread's last error. Returns 1 when
 * it has a path, a line or a column, 0 otherwise (and when `out` is NULL or
 * its size is unknown). Does not change the last error. Thread-safe (per
 * thread). */
RELANCE_C_API int relance_last_error_position(relance_error_position* out);

/* Releases text the library returned. NULL is ignored. Thread-safe. */
RELANCE_C_API void relance_string_free(char* text);

/* As a text length: the text ends at its first NUL. */
#define RELANCE_NUL_TERMINATED SIZE_MAX

/* ---------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------- */

/* A civil date: days since 1970-01-01 (0 is 1970-01-01; negative before).
 * relance reads and writes years 0001 to 9999. */
typedef int64_t relance_date;

/* Room for "YYYY-MM-DD" and its NUL. */
#define RELANCE_DATE_TEXT_SIZE 11

/* Parses a strict ISO 8601 date, "YYYY-MM-DD" (years 0001..9999).
 * Errors: INVALID_ARGUMENT (the message quotes the text and names the
 * column); MISUSE for NULL text or out. Thread-safe. */
RELANCE_C_API relance_status relance_date_parse(const char* text, size_t length,
                                                relance_date* out);
/* The date of year-month-day. Errors: INVALID_ARGUMENT when the day does not
 * exist or the year is outside 1..9999; MISUSE for NULL out. Thread-safe. */
RELANCE_C_API relance_status relance_date_from_ymd(int year, int month, int day,
                                                   relance_date* out);
/* The fields of `date` (each out-parameter may be NULL). Errors:
 * INVALID_ARGUMENT outside 0001-01-01..9999-12-31. Thread-safe. */
RELANCE_C_API relance_status relance_date_to_ymd(relance_date date, int* year,
                                                 int* month, int* day);
/* Writes "YYYY-MM-DD" and a NUL into `buffer` (RELANCE_DATE_TEXT_SIZE bytes
 * suffice). Errors: INVALID_ARGUMENT outside 0001..9999; BUFFER_TOO_SMALL;
 * MISUSE for a NULL buffer. Thread-safe. */
RELANCE_C_API relance_status relance_date_format(relance_date date,
                                                 char* buffer, size_t capacity);

/* ---------------------------------------------------------------------------
 * Money
 * ------------------------------------------------------------------------- */

/* An exact amount: integer minor units (cents for EUR, yen for JPY) of an
 * ISO 4217 currency, |minor_units| <= 10^17. A plain value: copy it freely.
 * Its layout is fixed (it is not versioned). */
typedef struct relance_money {
  int64_t minor_units;
  char currency[4]; /* "EUR" and a NUL */
} relance_money;

/* Room for any amount's text ("-1000000000000000.00 EUR", BHD's three
 * decimals, ...) and its NUL. */
#define RELANCE_MONEY_TEXT_SIZE 32

/* Parses "<amount> <CODE>" or "<CODE> <amount>" ("1234.56 EUR", "EUR 12",
 * "100 JPY"): at most the currency's minor digits, no thousands separator.
 * Errors: INVALID_ARGUMENT (quoting the text, naming the column: an unknown
 * currency, too many decimals, beyond 10^17 minor units); MISUSE for NULL.
 * Thread-safe. */
RELANCE_C_API relance_status relance_money_parse(const char* text,
                                                 size_t length,
                                                 relance_money* out);
/* Checks and builds an amount from minor units and a currency code.
 * Errors: INVALID_ARGUMENT for an unknown code or beyond 10^17; MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_money_make(int64_t minor_units,
                                                const char* currency,
                                                relance_money* out);
/* Writes "1234.56 EUR" and a NUL (the text relance_money_parse reads back).
 * Errors: INVALID_ARGUMENT for an invalid amount; BUFFER_TOO_SMALL; MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_money_format(const relance_money* money,
                                                  char* buffer,
                                                  size_t capacity);
/* a + b and a - b. Errors: INVALID_ARGUMENT when the currencies differ
 * (amounts never mix silently) or the result exceeds 10^17 minor units;
 * MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_money_add(const relance_money* a,
                                               const relance_money* b,
                                               relance_money* out);
RELANCE_C_API relance_status relance_money_subtract(const relance_money* a,
                                                    const relance_money* b,
                                                    relance_money* out);

/* ---------------------------------------------------------------------------
 * Business calendars
 * ------------------------------------------------------------------------- */

typedef struct relance_calendar relance_calendar;

/* How a date that is not a business day moves onto one (ISDA 2006, 4.12). */
typedef enum relance_convention {
  RELANCE_CONVENTION_UNADJUSTED = 0,
  RELANCE_CONVENTION_FOLLOWING = 1,
  RELANCE_CONVENTION_MODIFIED_FOLLOWING = 2,
  RELANCE_CONVENTION_PRECEDING = 3,
  RELANCE_CONVENTION_MODIFIED_PRECEDING = 4
} relance_convention;

/* A built-in calendar: "FR", "FR-ALSACE-MOSELLE", "DE", "GB", "US",
 * "TARGET" (ASCII case ignored). Errors: NOT_FOUND listing the codes;
 * MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_calendar_builtin(const char* code,
                                                      relance_calendar** out);
/* A calendar from its JSON definition (docs/calendars.md), e.g.
 * {"code": "ACME", "base": "FR", "holidays": [...]}. Errors:
 * INVALID_ARGUMENT with the JSON path or line and column; NOT_FOUND for an
 * unknown "base"; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_calendar_from_json(const char* json,
                                                        size_t length,
                                                        relance_calendar** out);
/* Releases a calendar; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_calendar_free(relance_calendar* calendar);

/* *out = 1 when `date` is neither a weekend day nor a holiday, else 0.
 * Errors: MISUSE. Thread-safe, also on one calendar from many threads. */
RELANCE_C_API relance_status relance_calendar_is_business_day(
    const relance_calendar* calendar, relance_date date, int* out);
/* `date` moved onto a business day by `convention`. Errors: MISUSE (also
 * for an unknown convention). Thread-safe. */
RELANCE_C_API relance_status
relance_calendar_adjust(const relance_calendar* calendar, relance_date date,
                        relance_convention convention, relance_date* out);
/* The n-th business day after `date` (n > 0), before it (n < 0), or `date`
 * (n == 0). Errors: OUT_OF_RANGE when fewer than |n| business days remain
 * before 9999-12-31 (or after 0001-01-01); MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_calendar_add_business_days(
    const relance_calendar* calendar, relance_date date, int32_t n,
    relance_date* out);
/* The business days in (from, to] (negative when to < from). Errors:
 * INVALID_ARGUMENT outside 0001..9999; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_calendar_count_business_days(
    const relance_calendar* calendar, relance_date from, relance_date to,
    int64_t* out);

/* ---------------------------------------------------------------------------
 * Payment terms
 * ------------------------------------------------------------------------- */

typedef struct relance_terms relance_terms;

/* Rounding of amounts (relance/rounding.hpp). */
typedef enum relance_rounding {
  RELANCE_ROUNDING_HALF_AWAY_FROM_ZERO = 0,
  RELANCE_ROUNDING_HALF_EVEN = 1,
  RELANCE_ROUNDING_HALF_TOWARD_ZERO = 2,
  RELANCE_ROUNDING_UP = 3,
  RELANCE_ROUNDING_DOWN = 4,
  RELANCE_ROUNDING_CEILING = 5,
  RELANCE_ROUNDING_FLOOR = 6
} relance_rounding;

/* How "30 jours fin de mois" is read (docs/terms.md). */
typedef enum relance_eom_reading {
  RELANCE_EOM_DAYS_THEN_END_OF_MONTH = 0, /* 30D+CM, the default */
  RELANCE_EOM_END_OF_MONTH_THEN_DAYS = 1  /* CM+30D */
} relance_eom_reading;

/* What discount percentages apply to. */
typedef enum relance_discount_base {
  RELANCE_DISCOUNT_BASE_TOTAL = 0,
  RELANCE_DISCOUNT_BASE_UNTAXED = 1,
  RELANCE_DISCOUNT_BASE_MIXED = 2
} relance_discount_base;

/* Options of relance_terms_parse, relance_terms_from_json and
 * relance_case_from_json. Initialise with relance_terms_options_init. */
typedef struct relance_terms_options {
  size_t size;
  relance_eom_reading end_of_month_reading;
  relance_rounding rounding;
  relance_discount_base discount_base;
  /* When not NULL, every due date is moved onto a business day of this
   * calendar by `convention`. The terms keep what they need of it. */
  const relance_calendar* calendar;
  relance_convention convention; /* default FOLLOWING */
} relance_terms_options;
/* Sets `size` and the defaults above. NULL is ignored. Thread-safe. */
RELANCE_C_API void relance_terms_options_init(relance_terms_options* options);

/* Terms from text: "2/10 net 30", "45 jours fin de mois", "30% now, 70% net
 * 60", "CM+45D" (docs/terms.md). `options` may be NULL (defaults).
 * Errors: INVALID_ARGUMENT quoting the text and naming the column; MISUSE
 * (also for a wrong options size or enum value). Thread-safe. */
RELANCE_C_API relance_status
relance_terms_parse(const char* text, size_t length,
                    const relance_terms_options* options, relance_terms** out);
/* Terms from JSON ({"text": ...} or {"lines": [...], ...}). Errors:
 * INVALID_ARGUMENT with the JSON path; NOT_FOUND for an unknown calendar;
 * MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_terms_from_json(
    const char* json, size_t length, const relance_terms_options* options,
    relance_terms** out);
/* Releases terms; NULL is ignored. Not while another thread uses them. */
RELANCE_C_API void relance_terms_free(relance_terms* terms);

/* The terms' normal form, "100% 30D; discount 2.00% within 10D", in a string
 * freed with relance_string_free (`out_length` may be NULL). Errors:
 * MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_terms_to_string(const relance_terms* terms,
                                                     char** out,
                                                     size_t* out_length);

/* Legal checks of the payment delay to add to a schedule (bit flags). */
#define RELANCE_CHECK_FR 1u        /* Code de commerce L441-10 */
#define RELANCE_CHECK_EU 2u        /* Directive 2011/7/EU, businesses */
#define RELANCE_CHECK_EU_PUBLIC 4u /* Directive 2011/7/EU, public bodies */

typedef struct relance_schedule_options {
  size_t size;
  /* The tax included in the total (needed by untaxed and mixed discount
   * bases); NULL: none. */
  const relance_money* tax;
  /* RELANCE_CHECK_* flags; 0: none. `relance terms --json` checks FR | EU. */
  unsigned checks;
} relance_schedule_options;
/* Sets `size` and the defaults (no tax, no checks). Thread-safe. */
RELANCE_C_API void relance_schedule_options_init(
    relance_schedule_options* options);

/* The schedule of an invoice of `total` dated `invoice_date`: the
 * "relance.schedule" document (docs/json.md; the one `relance terms --json`
 * prints), freed with relance_string_free. `options` may be NULL.
 * Errors: INVALID_ARGUMENT (a tax in another currency, a due date beyond
 * 9999-12-31, ...); MISUSE. Thread-safe, also on shared terms. */
RELANCE_C_API relance_status relance_terms_schedule_json(
    const relance_terms* terms, relance_date invoice_date,
    const relance_money* total, const relance_schedule_options* options,
    char** out_json, size_t* out_length);
/* The final due date for an invoice dated `invoice_date` (the latest
 * instalment's). Errors: INVALID_ARGUMENT beyond 9999-12-31; MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_terms_due_date(const relance_terms* terms,
                                                    relance_date invoice_date,
                                                    relance_date* out);

/* ---------------------------------------------------------------------------
 * Reference rates
 * ------------------------------------------------------------------------- */

/* One series of reference rates over time (ECB, Basiszinssatz, ...). */
typedef struct relance_rate_series relance_rate_series;
/* A set of series by id, which penalty rules and policies read. */
typedef struct relance_rates relance_rates;

/* A built-in series: "ecb-mro", "de-basiszinssatz", "uk-bank-rate",
 * "fr-legal-professionals", "fr-legal-individuals". Errors: NOT_FOUND;
 * MISUSE. Thread-safe. */
RELANCE_C_API relance_status
relance_rate_series_builtin(const char* id, relance_rate_series** out);
/* A host's series from JSON (docs/penalties.md: "id", "last_known_date",
 * "points": [{"from", "rate": "2.15%"}], ...). Errors: INVALID_ARGUMENT with
 * the path; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_rate_series_from_json(
    const char* json, size_t length, relance_rate_series** out);
/* A host's series from the CSV of data/rates/ (`# last_known_date:` line,
 * `effective_date,rate_percent` rows), named `id`. Errors:
 * INVALID_ARGUMENT naming the line; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_rate_series_from_csv(
    const char* csv, size_t length, const char* id, relance_rate_series** out);
/* A host's series from columns: `count` points, each rate
 * `rates_ppb[i]` (parts per billion: 2.15% is 21500000) in force from
 * `effective_dates[i]`, known up to `last_known_date`. Errors:
 * INVALID_ARGUMENT (dates not increasing, a bad id, ...); MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_rate_series_create(
    const char* id, const relance_date* effective_dates,
    const int64_t* rates_ppb, size_t count, relance_date last_known_date,
    relance_rate_series** out);
/* Releases a series; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_rate_series_free(relance_rate_series* series);
/* The rate in force on `date`, in parts per billion. Errors: OUT_OF_RANGE
 * before the series starts or after its last known date (relance never
 * extrapolates); MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_rate_series_rate_at(
    const relance_rate_series* series, relance_date date, int64_t* out_ppb);

/* Every built-in series. Errors: MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_rates_builtin(relance_rates** out);
/* `base` (NULL: the built-in series) extended or replaced by the files
 * `<id>.csv` / `<id>.json` of `directory` (docs/penalties.md, "rates
 * directory"). Errors: INVALID_ARGUMENT naming the file (missing directory,
 * invalid file, a series that disagrees with the one it extends); MISUSE.
 * Reads the file system; thread-safe. */
RELANCE_C_API relance_status relance_rates_load_directory(
    const char* directory, const relance_rates* base, relance_rates** out);
/* A copy of `rates` (NULL: the built-in series) in which `series` replaces
 * the series of its id, or is added. Errors: MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_rates_with_series(
    const relance_rates* rates, const relance_rate_series* series,
    relance_rates** out);
/* The series `id` of `rates`. Errors: NOT_FOUND; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_rates_find(const relance_rates* rates,
                                                const char* id,
                                                relance_rate_series** out);
/* Releases a set of series; NULL is ignored. */
RELANCE_C_API void relance_rates_free(relance_rates* rates);

/* ---------------------------------------------------------------------------
 * Late-payment penalties
 * ------------------------------------------------------------------------- */

typedef struct relance_penalty_rule relance_penalty_rule;

/* A statutory preset: "fr-b2b", "de-b2b", "de-b2c", "uk-late-payment",
 * "eu-directive", reading its reference rates from `rates` (NULL: the
 * built-in series). Errors: NOT_FOUND; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_penalty_rule_preset(
    const char* id, const relance_rates* rates, relance_penalty_rule** out);
/* A contractual rule from JSON (docs/penalties.md), e.g.
 * {"id": "contract", "base": "fr-b2b", "interest": {"fixed": "15%"}}.
 * Errors: INVALID_ARGUMENT with the path; NOT_FOUND for an unknown base or
 * series; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_penalty_rule_from_json(
    const char* json, size_t length, const relance_rates* rates,
    relance_penalty_rule** out);
/* Releases a rule; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_penalty_rule_free(relance_penalty_rule* rule);

/* A payment or credit note received for an invoice (a fixed layout). */
typedef enum relance_settlement_kind {
  RELANCE_SETTLEMENT_PAYMENT = 0,
  RELANCE_SETTLEMENT_CREDIT_NOTE = 1
} relance_settlement_kind;
typedef struct relance_settlement {
  relance_date date;
  relance_money amount; /* positive, in the invoice's currency */
  relance_settlement_kind kind;
} relance_settlement;
/* A cost already charged (a dunning fee), dated (a fixed layout). */
typedef struct relance_charge {
  relance_date date;
  relance_money amount;
  const char* label; /* may be NULL */
} relance_charge;

/* One invoice's facts for an assessment. Initialise with
 * relance_invoice_facts_init; `amount` and `due_date` are required. */
typedef struct relance_invoice_facts {
  size_t size;
  relance_money amount; /* the invoice total, positive */
  relance_date due_date;
  /* When the obligation arose (chooses the regime of a rule whose law
   * changed); used when has_obligation_date is 1, else the due date. */
  int has_obligation_date;
  relance_date obligation_date;
  const relance_settlement* settlements; /* `settlement_count` of them */
  size_t settlement_count;
  const relance_charge* charges; /* `charge_count` of them */
  size_t charge_count;
  int business_to_business; /* default 1; 0: a consumer */
} relance_invoice_facts;
/* Sets `size`, zero amounts and the defaults. Thread-safe. */
RELANCE_C_API void relance_invoice_facts_init(relance_invoice_facts* facts);

/* The figures of an assessment (relance/penalty.hpp, PenaltyAssessment);
 * the caller sets `size`, the library fills the fields that fit. */
typedef struct relance_assessment {
  size_t size;
  relance_money interest;     /* interest charged, rounded once */
  relance_money compensation; /* fixed recovery compensation */
  relance_money charges;      /* costs charged */
  relance_money total;        /* interest + compensation + charges */
  relance_money principal_outstanding;
  relance_money interest_outstanding;
  relance_money costs_outstanding;
  relance_money penalties_outstanding; /* interest + costs outstanding */
  relance_money total_outstanding;     /* everything still owed */
  relance_money overpaid;
} relance_assessment;

/* Assesses one invoice under `rule` as of `as_of` (inclusive), figures only
 * (no breakdown: the fast path). Errors: INVALID_ARGUMENT (a non-positive
 * amount, a settlement in another currency, ...); OUT_OF_RANGE when a rate
 * is needed beyond its series' last known date; MISUSE (also for a wrong
 * `size` of facts or out). Thread-safe, also on a shared rule. */
RELANCE_C_API relance_status relance_assess(const relance_penalty_rule* rule,
                                            const relance_invoice_facts* facts,
                                            relance_date as_of,
                                            relance_assessment* out);
/* The same with its breakdown: the "relance.assessment" document
 * (docs/json.md; what `relance penalties --json` prints), freed with
 * relance_string_free. Errors as relance_assess. Thread-safe. */
RELANCE_C_API relance_status relance_assess_json(
    const relance_penalty_rule* rule, const relance_invoice_facts* facts,
    relance_date as_of, char** out_json, size_t* out_length);

/* ---------------------------------------------------------------------------
 * Dunning: policies, cases, decisions, forecasts
 * ------------------------------------------------------------------------- */

typedef struct relance_policy relance_policy;
typedef struct relance_case relance_case;
typedef struct relance_decision relance_decision;

typedef struct relance_policy_options {
  size_t size;
  /* The reference rates the policy's penalties read; NULL: built-in. */
  const relance_rates* rates;
  /* 1: penalties beyond a series' last known date carry its last rate
   * forward (flagged) instead of being unavailable. Default 0. */
  int assume_last_rate;
} relance_policy_options;
/* Sets `size` and the defaults. Thread-safe. */
RELANCE_C_API void relance_policy_options_init(relance_policy_options* options);

/* A collection policy from JSON (docs/policy.md). `options` may be NULL.
 * Errors: INVALID_ARGUMENT with the JSON path (`policy: levels[2].
 * offset_days: ...`); NOT_FOUND for an unknown preset; MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_policy_from_json(
    const char* json, size_t length, const relance_policy_options* options,
    relance_policy** out);
/* Releases a policy; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_policy_free(relance_policy* policy);
/* The invoice lifecycle with the policy's ladders in Graphviz dot (what
 * `relance policy graph` prints), freed with relance_string_free. Errors:
 * MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_policy_graph_dot(
    const relance_policy* policy, char** out_dot, size_t* out_length);

/* A customer's case file from JSON (docs/dunning.md: {"customer": ...,
 * "events": [...]}), validated and compiled once for any number of
 * evaluations. `terms_options` (may be NULL) reads the invoices' terms.
 * Errors: INVALID_ARGUMENT with the JSON path or the event
 * (`events[3] payment on 2026-02-01: ...`); MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_case_from_json(
    const char* json, size_t length, const relance_terms_options* terms_options,
    relance_case** out);
/* Releases a case; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_case_free(relance_case* c);

/* What to do now for the case's customer under `policy`, as of `as_of`.
 * Errors: FAILED_PRECONDITION for an event impossible in the state reached;
 * INVALID_ARGUMENT for an amount in another currency than its invoice;
 * NOT_FOUND for an unknown segment; MISUSE. Thread-safe, also with the same
 * policy and case from many threads. */
RELANCE_C_API relance_status relance_evaluate(const relance_policy* policy,
                                              const relance_case* c,
                                              relance_date as_of,
                                              relance_decision** out);
/* Releases a decision; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_decision_free(relance_decision* decision);
/* The "relance.decision" document (docs/json.md), byte for byte what
 * `relance evaluate --json` prints, freed with relance_string_free.
 * Errors: MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_decision_to_json(
    const relance_decision* decision, char** out_json, size_t* out_length);
/* The number of actions (communications) due now. Errors: MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status
relance_decision_action_count(const relance_decision* decision, size_t* out);

/* One action due now. Its strings and arrays belong to the decision and
 * stay valid until relance_decision_free. */
typedef struct relance_action {
  size_t size;             /* set by the caller */
  const char* level;       /* the level id ("reminder2") */
  int32_t level_number;    /* 1-based; 0 for a thank-you */
  const char* channel;     /* "email", "letter", "registered_letter", ... */
  const char* template_id; /* "" when none */
  int task;                /* 1: a task for a person (a call) */
  int block_account;       /* 1: block the customer's account */
  size_t invoice_count;
  const char* const* invoices; /* the invoice ids */
  size_t total_due_count;
  const relance_money* total_due; /* one amount per currency */
  int has_payment_deadline;
  relance_date payment_deadline;
} relance_action;
/* Fills `*out` with action `index` (0 <= index < count). Errors: MISUSE
 * (also for an index out of range or an unknown size). Thread-safe. */
RELANCE_C_API relance_status relance_decision_action(
    const relance_decision* decision, size_t index, relance_action* out);

/* relance_case_from_json, relance_evaluate and relance_decision_to_json in
 * one call: the decision document for a case given as JSON. */
RELANCE_C_API relance_status relance_evaluate_json(
    const relance_policy* policy, const char* case_json, size_t length,
    relance_date as_of, char** out_json, size_t* out_length);

/* The road ahead from `from` to `to` (inclusive) if nothing else happens:
 * the "relance.forecast" document, freed with relance_string_free. Errors:
 * as relance_evaluate; INVALID_ARGUMENT when `to` is before `from` or more
 * than 3660 days later. Thread-safe. */
RELANCE_C_API relance_status relance_forecast_json(
    const relance_policy* policy, const relance_case* c, relance_date from,
    relance_date to, char** out_json, size_t* out_length);
/* The road ahead after `decision`'s actions are sent: its actions recorded
 * as performed, then relance_forecast_json from the day after its as-of
 * date to `to` (what `relance evaluate --forecast-to` prints as
 * "forecast"). Errors: as relance_forecast_json. Thread-safe. */
RELANCE_C_API relance_status
relance_forecast_after_json(const relance_policy* policy, const relance_case* c,
                            const relance_decision* decision, relance_date to,
                            char** out_json, size_t* out_length);

/* The invoice lifecycle table alone in Graphviz dot. Errors: MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_lifecycle_dot(char** out_dot,
                                                   size_t* out_length);

/* ---------------------------------------------------------------------------
 * Letters and dossiers
 * ------------------------------------------------------------------------- */

/* The letterhead: what only the host knows when relance writes letters and
 * dossiers, as JSON (docs/letters.md, "Letterhead"; relance/
 * letter_options_json.hpp), `letterhead_length` bytes or
 * RELANCE_NUL_TERMINATED:
 *
 *   {"language": "fr",
 *    "creditor": {"name": "Atelier Martin SARL",
 *                 "address_lines": ["12 rue des Lilas", "69003 Lyon"], ...},
 *    "debtor": {"name": "Dupont SARL", "address_lines": [...]},
 *    "agency": {"name": "Recouvrement Rhone", "address_lines": []}}
 *
 * Only "creditor" and its "name" are required; unknown keys are errors. The
 * functions below read it as the `relance` command reads --letterhead:
 *   - the language is `language` when given ("fr" or "en"), else the
 *     letterhead's "language" (French when absent);
 *   - the debtor is the letterhead's; when it has no name, the case's
 *     customer name is used (its address lines stay the letterhead's). */

/* The letters of `decision`'s communications (made under `policy` for the
 * customer of `c`): the "relance.letters" document (docs/letters.md: the
 * customer, as-of date, language, each letter's kind, level, channel,
 * invoices, file stem, templates, subject, text and HTML, and the
 * communications that are no letter, with why), byte for byte what the
 * `relance` command prints for the same inputs, freed with
 * relance_string_free.
 * `language` (NUL-terminated; NULL: the letterhead's) as above.
 * `templates_directory` (a directory path, NUL-terminated; NULL: the
 * built-in templates only) holds the host's templates, which replace or add
 * to the built-in ones (docs/letters.md, "Templates"). Rendering is pure:
 * the letters are dated decision's as-of date.
 * Errors: INVALID_ARGUMENT for a bad letterhead (`letterhead: creditor.name:
 * required`, with its JSON path for relance_last_error_position), a
 * language other than "fr" and "en", a templates directory that cannot be
 * read or holds a bad template (`<path>:<line>: ...`), a decision for
 * another customer than the case's or made by another policy; NOT_FOUND
 * when no template fits a letter or the decision's ladder is not the
 * policy's; MISUSE for a NULL `policy`, `c`, `decision`, `letterhead_json`
 * or `out_json`. Reads the file system when `templates_directory` is
 * given. Thread-safe, also on shared handles. */
RELANCE_C_API relance_status relance_letters_json(
    const relance_policy* policy, const relance_case* c,
    const relance_decision* decision, const char* letterhead_json,
    size_t letterhead_length, const char* language,
    const char* templates_directory, char** out_json, size_t* out_length);

/* The collection dossier of the case `c` as of `as_of` under `policy`
 * (docs/dossier.md: the parties, the invoices with their penalties and
 * legal basis, the payments, the full history, the totals per currency),
 * for the letterhead's creditor: the "relance.dossier" document, byte for
 * byte what the `relance` command prints for the same inputs, freed with
 * relance_string_free. `invoice` (NUL-terminated) is one invoice of the
 * case, or NULL or "" for the whole customer. The letterhead's debtor
 * address lines are the debtor's address (debtor.address); its language
 * and debtor name are not part of this document.
 * Errors: INVALID_ARGUMENT for a bad letterhead, a date outside
 * 0001..9999, a case that cannot be evaluated (FAILED_PRECONDITION for an
 * event impossible in the state reached, as relance_evaluate); NOT_FOUND
 * for an invoice not in the case (`dossier: invoice "F-9" is not in case
 * C-042 (its invoices: ...)`) or issued after `as_of`; MISUSE for a NULL
 * `policy`, `c`, `letterhead_json` or `out_json`. Thread-safe. */
RELANCE_C_API relance_status relance_dossier_json(
    const relance_policy* policy, const relance_case* c, relance_date as_of,
    const char* letterhead_json, size_t letterhead_length, const char* invoice,
    char** out_json, size_t* out_length);

/* The same dossier as a printable HTML page (UTF-8, well-formed), in
 * `language` (NUL-terminated "fr" or "en"; NULL: the letterhead's), byte
 * for byte what the `relance` command prints, freed with
 * relance_string_free. Errors: those of relance_dossier_json, and
 * INVALID_ARGUMENT for another language; MISUSE for a NULL `out_html`.
 * Thread-safe. */
RELANCE_C_API relance_status relance_dossier_html(
    const relance_policy* policy, const relance_case* c, relance_date as_of,
    const char* letterhead_json, size_t letterhead_length, const char* invoice,
    const char* language, char** out_html, size_t* out_length);

/* ---------------------------------------------------------------------------
 * Portfolios: one policy over millions of invoices stored as columns
 * ------------------------------------------------------------------------- */

/* A policy, its terms, a currency and an as-of date prepared for portfolio
 * runs (relance/batch.hpp, PortfolioEvaluator): the columnar kernel for
 * nightly runs, with the figures of relance_assess and the level of
 * relance_evaluate for every invoice, and no allocation per invoice. */
typedef struct relance_portfolio_evaluator relance_portfolio_evaluator;

/* Prepares `policy` for portfolios whose invoices carry one of the
 * `terms_count` terms texts of `terms` (relance_terms_parse's language,
 * default options: "30D", "30D+CM", "2/10 net 30"; an invoice names its
 * terms by index into this array), whose amounts are minor units of
 * `currency` (an ISO 4217 code), evaluated as of `as_of` (days since
 * 1970-01-01), with the policy's ladder `ladder` applied to every invoice
 * (NULL or "": the "default" ladder, and a policy that chooses ladders by
 * segment is refused; naming a ladder, "default" included, bypasses the
 * segment rules). The evaluator keeps what it needs: `policy` may be freed
 * before it.
 * Errors: INVALID_ARGUMENT for a terms text that does not parse (naming
 * `terms[i]` and the column), an unknown currency, an as-of date outside
 * 0001..9999, a policy or rule feature the kernel does not compute (named:
 * a contact cap, level fees, claims dunned after payment, rates fixed per
 * invoice, rounding per line or per day, 30/360), more than 65,536 terms;
 * NOT_FOUND for an unknown ladder; OUT_OF_RANGE when a reference rate the
 * rule needs up to as_of is unknown; MISUSE for NULL `policy`, `out`, `terms`
 * with a non-zero count, or a NULL `terms[i]`. Thread-safe. */
RELANCE_C_API relance_status relance_portfolio_evaluator_create(
    const relance_policy* policy, const char* const* terms, size_t terms_count,
    const char* currency, relance_date as_of, const char* ladder,
    relance_portfolio_evaluator** out);
/* Releases an evaluator; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_portfolio_evaluator_free(
    relance_portfolio_evaluator* evaluator);
/* The number of levels of the ladder applied (the length of the totals'
 * per-level arrays; action levels are 1..this). Errors: MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_portfolio_evaluator_levels(
    const relance_portfolio_evaluator* evaluator, size_t* out);

/* Bits of relance_portfolio_columns.flags. */
#define RELANCE_INVOICE_DISPUTED 1 /* disputed in full: no level */

/* A portfolio as columns: arrays the caller owns, each with its length in
 * elements. The library reads them during the call only and never beyond
 * the length given; a column's length is checked against the invoice count
 * (the length of `issue_date`), so a short array is an error, never a read
 * past its end. A pointer may be NULL only with a length of 0. Dates are
 * relance_date (days since 1970-01-01, numpy's datetime64[D]); amounts are
 * minor units of the evaluator's currency. Initialise with
 * relance_portfolio_columns_init; the fields up to `payment_amount_length`
 * are required. */
typedef struct relance_portfolio_columns {
  size_t size;
  /* Required, one per invoice: the issue date (it starts the terms and
   * chooses the penalty regime), <= as_of. */
  const int64_t* issue_date;
  size_t issue_date_length;
  /* Required, one per invoice: the invoice total, > 0. */
  const int64_t* amount;
  size_t amount_length;
  /* Required, one per invoice: the index of the invoice's terms in the
   * evaluator's terms array. */
  const int32_t* terms;
  size_t terms_length;
  /* Required: payments grouped per invoice. Invoice i's payments are
   * [payment_start[i], payment_start[i + 1]) of payment_date and
   * payment_amount, in date order. payment_start has one element per
   * invoice plus one, starts at 0, never decreases and ends at the length of
   * payment_date.
   * Amounts > 0. Payments dated after as_of are ignored. */
  const int64_t* payment_start;
  size_t payment_start_length;
  const int64_t* payment_date;
  size_t payment_date_length;
  const int64_t* payment_amount;
  size_t payment_amount_length;
  /* Optional (length 0: no letters, no customer minimum): each invoice's
   * customer, 0 .. customer_count - 1 (codes, as pandas' factorize). */
  const int32_t* customer;
  size_t customer_length;
  int32_t customer_count;
  /* Optional (length 0: none set): RELANCE_INVOICE_DISPUTED; other bits are
   * reserved and must be 0. */
  const uint8_t* flags;
  size_t flags_length;
  /* Optional (length 0: none sent): the last level sent, 0 (none) .. the
   * ladder's size, 1-based. */
  const uint8_t* last_level;
  size_t last_level_length;
  /* Optional: the date the last level was sent (read where last_level is not
   * 0). With it, the policy's gap between levels applies. */
  const int64_t* last_level_date;
  size_t last_level_date_length;
} relance_portfolio_columns;
/* Sets `size` and every column to NULL with a length of 0. Thread-safe. */
RELANCE_C_API void relance_portfolio_columns_init(
    relance_portfolio_columns* columns);

/* Where a run writes per-invoice results: arrays the caller owns, each NULL
 * (not wanted, its length 0) or exactly one element per invoice. After a
 * failed run their content is unspecified (partly written). Initialise with
 * relance_portfolio_outputs_init. */
typedef struct relance_portfolio_outputs {
  size_t size;
  int64_t* due_date; /* days since 1970-01-01: the terms' latest due date */
  size_t due_date_length;
  int64_t* balance; /* amount less payments up to as_of, >= 0 */
  size_t balance_length;
  int64_t* interest; /* late-payment interest charged on as_of */
  size_t interest_length;
  int64_t* compensation; /* fixed compensation */
  size_t compensation_length;
  uint8_t* action_level; /* the level to send today, 1-based; 0: none */
  size_t action_level_length;
} relance_portfolio_outputs;
/* Sets `size` and every output to NULL (not wanted). Thread-safe. */
RELANCE_C_API void relance_portfolio_outputs_init(
    relance_portfolio_outputs* outputs);

/* Runs the evaluator's policy over `columns` on `threads` threads (1..256;
 * the calling thread is one; results are identical for any count), writes
 * the wanted `outputs` (NULL: none) and returns the totals as the
 * "relance.portfolio" document (docs/json.md; relance/batch_json.hpp: the
 * policy, as-of date, currency and ladder, the invoice count, the total
 * balance, interest and compensation as amounts ("2110.00 EUR"), the
 * ladder's level ids and the actions and customer letters per level), freed
 * with relance_string_free.
 * Errors: INVALID_ARGUMENT naming the column and the invoice's row (the
 * first by row whatever the thread count): columns of different lengths, an
 * amount not positive, a terms index or customer code out of range, an issue
 * date after as_of, an unknown flag bit, a last level beyond the ladder,
 * payment offsets not well formed, payments out of date order or not
 * positive, an output of the wrong length, threads outside 1..256, a total
 * beyond 2^63 - 1 minor units; OUT_OF_RANGE for an invoice whose dates fall
 * outside the rule's regime or known rates (as relance_assess); MISUSE for
 * NULL `evaluator`, `columns` or `out_json`, a column or output whose
 * pointer is NULL with a non-zero length, a wrong struct size. Thread-safe:
 * any number of runs may share an evaluator. */
RELANCE_C_API relance_status
relance_portfolio_run_json(const relance_portfolio_evaluator* evaluator,
                           const relance_portfolio_columns* columns,
                           const relance_portfolio_outputs* outputs,
                           int threads, char** out_json, size_t* out_length);

/* ---- E-invoices ---------------------------------------------------------
 * docs/einvoice.md. */

/* What relance reads from one e-invoice file: an EN 16931 invoice or credit
 * note in XML (CII, UBL 2.1), a Factur-X / ZUGFeRD PDF, or a French
 * lifecycle message (CDAR), told apart by its content. *out_json is the
 * "relance.einvoice" document (every business term read, then the fact
 * relance makes of it) or "relance.einvoice_statuses" (each status with its
 * row of the status table and its fact), byte for byte what `relance
 * einvoice show --json` prints, freed with relance_string_free.
 * `bytes` of `length` bytes (RELANCE_NUL_TERMINATED only for XML);
 * `name` (NUL-terminated; NULL: "einvoice") names the file in messages;
 * `default_terms` (NUL-terminated relance terms, "30D"; NULL: none) are the
 * terms of an invoice that gives neither a due date nor terms relance reads
 * (without them its "fact" is null and "fact_error" says why).
 * Errors: INVALID_ARGUMENT for a file relance refuses, the message naming
 * the file, the business term and its XPath (`F1.xml: BT-112 (...): 1210.00
 * is not BT-109 1000.00 + BT-110 200.00 (BR-CO-15)`): not well-formed, a
 * DTD (entity bombs), too deep or too large, an unknown root, a failed
 * check, a PDF without an invoice; UNSUPPORTED for a PDF when relance was
 * built without PDF support; NO_MEMORY; MISUSE for a NULL `bytes` or
 * `out_json`. Pure and thread-safe. */
RELANCE_C_API relance_status relance_einvoice_read_json(
    const char* bytes, size_t length, const char* name,
    const char* default_terms, char** out_json, size_t* out_length);

/* ---------------------------------------------------------------------------
 * The ledger: relance's own SQLite store of receivables (docs/ledger.md)
 * ------------------------------------------------------------------------- */

/* An open ledger: a SQLite file holding customers, invoices, payments, the
 * hash-chained journal of facts, the dunning runs and the actions they
 * planned; what the `relance` command's import, run, record, history, status
 * and verify use, for a host that keeps its receivables in relance rather
 * than in its own tables.
 *
 * Every function below returns the JSON document that the command prints
 * with --json (docs/json.md, docs/ledger.md): one document per result,
 * freed with relance_string_free.
 *
 * Who recorded a fact and when (`recorded_by`, `recorded_at`) is given by
 * the caller and kept in the journal: the library reads no clock.
 * `recorded_at` is an ISO 8601 timestamp ("2026-03-31T07:00:00Z"); NULL for
 * either means "" (unknown).
 *
 * A handle is one SQLite connection: the calls on one handle are
 * serialised (a mutex; two threads may share it, one waits for the other).
 * Another process (or another handle) writing the same file at the same
 * moment makes a writing call fail at once with RELANCE_ERROR_BUSY, nothing
 * done. Every writing call is one transaction: after any error the ledger is
 * as it was.
 *
 * Built with RELANCE_BUILD_LEDGER=OFF, every relance_ledger_ function
 * returns RELANCE_ERROR_UNSUPPORTED (relance_ledger_close accepts NULL). */
typedef struct relance_ledger relance_ledger;

/* Opens the ledger at `path` (a file name, UTF-8, NUL-terminated), creating
 * it when `create` is non-zero and it does not exist, upgrading an older
 * schema. Errors: INVALID_ARGUMENT when the file does not exist and
 * `create` is 0, or cannot be created; FAILED_PRECONDITION for a ledger
 * written by a newer relance; DATA_LOSS when the file is not a relance
 * ledger; BUSY while another process upgrades it; UNSUPPORTED; MISUSE for
 * NULL `path` or `out`. Thread-safe. */
RELANCE_C_API relance_status relance_ledger_open(const char* path, int create,
                                                 relance_ledger** out);
/* Closes the ledger; NULL is ignored. Not while another thread uses it. */
RELANCE_C_API void relance_ledger_close(relance_ledger* ledger);

/* Imports one file's text: `what` is "customers", "invoices", "payments"
 * (CSV) or "events" (JSON lines), in the formats of docs/ledger_files.md,
 * or "einvoice" / "statuses" (one e-invoice or lifecycle message, as
 * relance_ledger_import_einvoice with its defaults: give `length`, a PDF
 * holds NUL bytes);
 * `text` of `length` bytes (RELANCE_NUL_TERMINATED: up to its NUL);
 * `file_name` names the file in messages and in the document ("invoices.csv";
 * NULL: "<what>"). Every row is checked first. Without `skip_bad` (0) a file
 * with any bad row is refused whole: nothing is written. With `skip_bad`
 * non-zero the good rows are imported and the bad ones reported. Importing
 * the same rows again changes nothing (counted as "unchanged").
 *
 * *out_json is the "relance.import" document in both cases: "written"
 * (false when nothing was written), the counts "rows", "imported",
 * "unchanged", "rejected", and "errors", each with "file", "line",
 * "column", "field", "message" and "text"
 * (`invoices.csv:12:5 (amount): ...`).
 *
 * A refused file is not a failed call: the function returns RELANCE_OK with
 * the document, whose "rejected" is > 0 and "errors" non-empty (and, without
 * skip_bad, "imported" 0), as `relance import --json` prints it; a host
 * checks "errors". The call fails only when it could not do its work:
 * INVALID_ARGUMENT for an unknown `what`; BUSY; DATA_LOSS; UNSUPPORTED;
 * MISUSE for a NULL `ledger`, `what`, `text` or `out_json`. Thread-safe. */
RELANCE_C_API relance_status relance_ledger_import(
    relance_ledger* ledger, const char* what, const char* text, size_t length,
    const char* file_name, int skip_bad, const char* recorded_by,
    const char* recorded_at, char** out_json, size_t* out_length);

/* Imports one e-invoice file into the ledger (docs/einvoice.md "Into the
 * ledger"), as `relance import einvoice|statuses` does: `what` is
 * "einvoice" (an EN 16931 invoice or credit note, CII or UBL XML, or a
 * Factur-X / ZUGFeRD PDF) or "statuses" (a French CDAR lifecycle message);
 * `bytes` of `length` bytes (RELANCE_NUL_TERMINATED only for XML: a PDF
 * holds NUL bytes); `file_name` names it in messages and in the ledger's
 * copy (NULL: `what`).
 * "einvoice": an invoice with an amount due becomes an invoice of the
 * customer `customer` (NUL-terminated; NULL or "": the buyer's BT-46, else
 * BT-47, else BT-48), created with the buyer's name when the ledger does
 * not know it; when it gives neither a due date nor terms relance reads,
 * `default_terms` (relance's notation, "30D"; NULL: none, and such an
 * invoice is an error) apply. A credit note naming one invoice is its
 * credit_note. An invoice with nothing due opens no case (a note).
 * "statuses": each status of the message becomes the fact of the status
 * table (docs/einvoice.md), mapped with what the ledger knows of its
 * invoice on the status date; every status is kept as evidence
 * (`customer` and `default_terms` are ignored; a 211's promise is dated
 * five days after the status).
 * *out_json is the "relance.import" document (counts, "errors", and
 * "notes": what was decided for documents and statuses that gave no
 * fact). As relance_ledger_import, a refused file is not a failed call:
 * check "errors". Errors: INVALID_ARGUMENT for another `what`; BUSY;
 * DATA_LOSS; UNSUPPORTED; MISUSE for a NULL `ledger`, `what`, `bytes` or
 * `out_json`. Thread-safe. */
RELANCE_C_API relance_status relance_ledger_import_einvoice(
    relance_ledger* ledger, const char* what, const char* bytes, size_t length,
    const char* file_name, const char* customer, const char* default_terms,
    int skip_bad, const char* recorded_by, const char* recorded_at,
    char** out_json, size_t* out_length);

/* The 212 "Encaissée" lifecycle message (CDAR XML, UTF-8) a seller whose
 * VAT is due on receipt sends for the payment `payment_id` (NUL-terminated)
 * of the ledger, on an invoice imported from an e-invoice: the payment split
 * by the invoice's VAT rates (docs/einvoice.md, "Sending 212"), as `relance
 * einvoice cashed` prints it; freed with relance_string_free. Errors:
 * NOT_FOUND for an unknown payment; FAILED_PRECONDITION when its invoice
 * was not imported from an e-invoice; INVALID_ARGUMENT when the e-invoice
 * cannot give one (a seller without a SIREN, no VAT breakdown); BUSY;
 * UNSUPPORTED; MISUSE for a NULL argument. Thread-safe. */
RELANCE_C_API relance_status relance_ledger_cashed_status(
    relance_ledger* ledger, const char* payment_id, char** out_xml,
    size_t* out_length);

/* A dunning run: evaluates every customer of the ledger under the policy
 * `policy_json` (docs/policy.md; `policy_length` bytes or
 * RELANCE_NUL_TERMINATED; `policy_options` as relance_policy_from_json, may
 * be NULL) as of `as_of` and records, in one transaction, the run and the
 * actions it plans (`dry_run` non-zero: records nothing). The policy's text
 * is kept with the run (its SHA-256). Running again for the same date plans
 * nothing new ("already_planned"); a later date continues the ladder from
 * the actions recorded as sent. *out_json is the "relance.run" document.
 * Customers whose facts cannot be evaluated are named in its "failed"; the
 * run goes on. Customers of some jurisdictions under a policy of their
 * own: relance_ledger_run_jurisdictions. Errors: INVALID_ARGUMENT for a bad
 * policy (with its JSON path) or a date outside 0001..9999; NOT_FOUND for an
 * unknown preset; BUSY; DATA_LOSS; UNSUPPORTED; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_ledger_run(
    relance_ledger* ledger, const char* policy_json, size_t policy_length,
    const relance_policy_options* policy_options, relance_date as_of,
    int dry_run, const char* recorded_by, const char* recorded_at,
    char** out_json, size_t* out_length);

/* A policy for the customers of one jurisdiction, for
 * relance_ledger_run_jurisdictions: customers whose `jurisdiction`
 * (customers.csv, docs/ledger_files.md) is `jurisdiction` are evaluated
 * under `policy_json` instead of the run's policy, as `relance run
 * --policy-for GB=uk.json` does. A plain struct, not a versioned one: a
 * later field would come with a new entry point.
 *   jurisdiction   two uppercase ASCII letters ("GB"), NUL-terminated;
 *   policy_json    the policy (docs/policy.md), `policy_length` bytes or
 *                  RELANCE_NUL_TERMINATED. Only read during the call. */
typedef struct relance_jurisdiction_policy {
  const char* jurisdiction;
  const char* policy_json;
  size_t policy_length;
} relance_jurisdiction_policy;

/* relance_ledger_run with policies of their own for some jurisdictions:
 * the `jurisdiction_count` entries of `jurisdiction_policies` (NULL when
 * the count is 0), each compiled with `policy_options` as the run's policy
 * is. A customer of a listed jurisdiction is evaluated under its policy;
 * every other customer (no jurisdiction, or one not listed) under
 * `policy_json`. Each policy's text is kept with the run (its SHA-256), and
 * *out_json is the "relance.run" document of `relance run --json
 * --policy-for ...`: its "jurisdiction_policies" lists each jurisdiction
 * with its policy's "id vN", in the order given. With no entries it is
 * relance_ledger_run. Errors: those of relance_ledger_run, and
 * INVALID_ARGUMENT for a jurisdiction that is not two uppercase letters or
 * is given twice (`relance_ledger_run_jurisdictions:
 * jurisdiction_policies[1].jurisdiction: GB is given twice`), and for a
 * bad policy, named with its jurisdiction and JSON path (`policy for GB
 * (jurisdiction_policies[0]): levels[2].offset_days: ...`;
 * relance_last_error_position gives the path); NOT_FOUND for an unknown
 * preset; MISUSE for a NULL `ledger`, `policy_json` or `out_json`, a NULL
 * `jurisdiction_policies` with a non-zero count, or an entry whose
 * `jurisdiction` or `policy_json` is NULL. Nothing is written on error.
 * Thread-safe. */
RELANCE_C_API relance_status relance_ledger_run_jurisdictions(
    relance_ledger* ledger, const char* policy_json, size_t policy_length,
    const relance_policy_options* policy_options,
    const relance_jurisdiction_policy* jurisdiction_policies,
    size_t jurisdiction_count, relance_date as_of, int dry_run,
    const char* recorded_by, const char* recorded_at, char** out_json,
    size_t* out_length);

/* Records that the planned action `action_id` (an "id" of a run's
 * "actions") was sent on `*date` (NULL: its run's date): it becomes "done"
 * and its facts join the journal. *out_json is the "relance.action"
 * document. Errors: NOT_FOUND for an unknown action; FAILED_PRECONDITION
 * when it is done already; INVALID_ARGUMENT for a date outside 0001..9999;
 * BUSY; DATA_LOSS; UNSUPPORTED; MISUSE. Thread-safe. */
RELANCE_C_API relance_status relance_ledger_record_sent(
    relance_ledger* ledger, int64_t action_id, const relance_date* date,
    const char* recorded_by, const char* recorded_at, char** out_json,
    size_t* out_length);

/* Records one fact: `event_json` is one event as a case file's "events"
 * holds it (docs/dunning.md: {"date": "2026-04-02", "type":
 * "payment_received", "invoice": "F-1", "amount": "100.00 EUR"}; a payment,
 * a dispute opened or resolved, a promise, a payment plan, a block, a
 * write-off), for `customer` (NULL or "": the invoice's customer), under
 * `id` (NULL or "": derived, for a payment as in payments.csv). The event is
 * checked against the customer's facts before it is written. *out_json is
 * the "relance.entry" document (the journal entry written). Errors:
 * INVALID_ARGUMENT for bad JSON or a bad event (`event: amount: ...`);
 * NOT_FOUND for an unknown invoice or customer; FAILED_PRECONDITION for an
 * event impossible in the invoice's state; BUSY; DATA_LOSS; UNSUPPORTED;
 * MISUSE. Nothing is written on error. Thread-safe. */
RELANCE_C_API relance_status relance_ledger_record_event(
    relance_ledger* ledger, const char* customer, const char* event_json,
    size_t event_length, const char* id, const char* recorded_by,
    const char* recorded_at, char** out_json, size_t* out_length);

/* The history of an invoice or a customer: its journal entries in
 * chronological order and the actions planned or done for it, the
 * "relance.history" document. `kind` is "invoice", "customer", or NULL: an
 * invoice of that id, else a customer (as `relance history ID`). Errors:
 * NOT_FOUND when the ledger has no such invoice / customer;
 * INVALID_ARGUMENT for another `kind`; DATA_LOSS; UNSUPPORTED; MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_ledger_history(relance_ledger* ledger,
                                                    const char* kind,
                                                    const char* id,
                                                    char** out_json,
                                                    size_t* out_length);

/* The ledger's counts (customers, invoices, payments, journal entries,
 * actions planned and done, invoices per state and level, the last run):
 * the "relance.status" document. Errors: DATA_LOSS; UNSUPPORTED; MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_ledger_status(relance_ledger* ledger,
                                                   char** out_json,
                                                   size_t* out_length);

/* Recomputes the journal's hash chain from its first entry: the
 * "relance.verify" document ("ok", "entries", the first altered entry and
 * why, the head hash). An altered journal is a successful call whose
 * document says "ok": false. Errors: DATA_LOSS; UNSUPPORTED; MISUSE.
 * Thread-safe. */
RELANCE_C_API relance_status relance_ledger_verify(relance_ledger* ledger,
                                                   char** out_json,
                                                   size_t* out_length);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* RELANCE_H_ */
