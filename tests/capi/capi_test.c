/* The C ABI tested from C: tests/capi/capi_test.c is compiled as C99 with
 * -std=c99 -Wall -Wextra -pedantic -Werror and linked to librelance_c only.
 * `capi_test GROUP` runs one group (CTest registers each); expected values
 * are independent of relance: hand calculations, statutes and published
 * dates, shown beside each check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relance.h"

static int failures = 0;

#define CHECK(condition)                                               \
  do {                                                                 \
    if (!(condition)) {                                                \
      fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s %s)\n", \
              __FILE__, __LINE__, #condition,                          \
              relance_status_string(relance_last_error_code()),        \
              relance_last_error_message());                           \
      ++failures;                                                      \
    }                                                                  \
  } while (0)

#define CHECK_OK(call) CHECK((call) == RELANCE_OK)

/* `call` fails with `code` and leaves a last error with that code and a
 * message containing `fragment`. */
#define CHECK_ERROR(call, code, fragment)                               \
  do {                                                                  \
    relance_status status_ = (call);                                    \
    CHECK(status_ == (code));                                           \
    CHECK(relance_last_error_code() == (code));                         \
    CHECK(relance_last_error_message()[0] != '\0');                     \
    if (strstr(relance_last_error_message(), (fragment)) == NULL) {     \
      fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, \
              __LINE__, relance_last_error_message(), (fragment));      \
      ++failures;                                                       \
    }                                                                   \
  } while (0)

static relance_date Ymd(int year, int month, int day) {
  relance_date date = 0;
  if (relance_date_from_ymd(year, month, day, &date) != RELANCE_OK) {
    fprintf(stderr, "bad date %d-%d-%d\n", year, month, day);
    exit(2);
  }
  return date;
}

static relance_money Money(const char* text) {
  relance_money money;
  memset(&money, 0, sizeof money);
  if (relance_money_parse(text, RELANCE_NUL_TERMINATED, &money) != RELANCE_OK) {
    fprintf(stderr, "bad amount %s\n", text);
    exit(2);
  }
  return money;
}

static int MoneyIs(relance_money money, const char* text) {
  char buffer[RELANCE_MONEY_TEXT_SIZE];
  if (relance_money_format(&money, buffer, sizeof buffer) != RELANCE_OK) {
    return 0;
  }
  if (strcmp(buffer, text) != 0) {
    fprintf(stderr, "amount %s, expected %s\n", buffer, text);
    return 0;
  }
  return 1;
}

static int DateIs(relance_date date, const char* text) {
  char buffer[RELANCE_DATE_TEXT_SIZE];
  if (relance_date_format(date, buffer, sizeof buffer) != RELANCE_OK) return 0;
  if (strcmp(buffer, text) != 0) {
    fprintf(stderr, "date %s, expected %s\n", buffer, text);
    return 0;
  }
  return 1;
}

static char* ReadFile(const char* path) {
  FILE* file = fopen(path, "rb");
  char* text;
  long size;
  if (file == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(file, 0, SEEK_END);
  size = ftell(file);
  fseek(file, 0, SEEK_SET);
  text = malloc((size_t)size + 1);
  if (text == NULL || fread(text, 1, (size_t)size, file) != (size_t)size) {
    exit(2);
  }
  text[size] = '\0';
  fclose(file);
  return text;
}

static char* Example(const char* relative) {
  char path[1024];
  snprintf(path, sizeof path, "%s/examples/%s", RELANCE_SOURCE_DIR, relative);
  return ReadFile(path);
}

/* --- versions ------------------------------------------------------------ */
static void TestVersions(void) {
  /* The header's version and the library's are the same build. */
  CHECK(relance_version_number() == RELANCE_VERSION_NUMBER);
  CHECK(RELANCE_VERSION_NUMBER == RELANCE_VERSION_MAJOR * 10000 +
                                      RELANCE_VERSION_MINOR * 100 +
                                      RELANCE_VERSION_PATCH);
  CHECK(strcmp(relance_version_string(), RELANCE_VERSION_STRING) == 0);
  CHECK(relance_abi_version() == RELANCE_ABI_VERSION);
  CHECK(strcmp(relance_version_string(), RELANCE_PROJECT_VERSION) == 0);
  /* Pinned codes and their names. */
  CHECK(RELANCE_OK == 0 && RELANCE_ERROR_INVALID_ARGUMENT == 1 &&
        RELANCE_ERROR_NOT_FOUND == 2 && RELANCE_ERROR_OUT_OF_RANGE == 3 &&
        RELANCE_ERROR_FAILED_PRECONDITION == 4 && RELANCE_ERROR_MISUSE == 5 &&
        RELANCE_ERROR_BUFFER_TOO_SMALL == 6 && RELANCE_ERROR_NO_MEMORY == 7 &&
        RELANCE_ERROR_INTERNAL == 8);
  CHECK(strcmp(relance_status_string(RELANCE_OK), "ok") == 0);
  CHECK(strcmp(relance_status_string(RELANCE_ERROR_OUT_OF_RANGE),
               "out_of_range") == 0);
  CHECK(strcmp(relance_status_string((relance_status)99), "unknown") == 0);
  relance_string_free(NULL); /* accepted */
}

/* --- dates and money ------------------------------------------------------ */
static void TestValues(void) {
  relance_date date = 0;
  relance_money a, b, sum;
  char small[4];
  int year = 0, month = 0, day = 0;
  /* 1970-01-01 is day 0; 2000-01-01 is 30 * 365 + 7 leap days (1972..1996)
   * = 10957; 2000-03-01 is 31 + 29 days later: 11017. */
  CHECK_OK(relance_date_parse("1970-01-01", RELANCE_NUL_TERMINATED, &date));
  CHECK(date == 0);
  CHECK_OK(relance_date_parse("2000-03-01", 10, &date));
  CHECK(date == 11017);
  /* A length stops the text: "2000-03-01T12" read as its first 10 bytes. */
  CHECK_OK(relance_date_parse("2000-03-01T12", 10, &date));
  CHECK(date == 11017);
  CHECK(Ymd(2000, 1, 1) == 10957);
  CHECK(Ymd(1969, 12, 31) == -1);
  CHECK_OK(relance_date_to_ymd(11017, &year, &month, &day));
  CHECK(year == 2000 && month == 3 && day == 1);
  CHECK(DateIs(11017, "2000-03-01"));
  CHECK_ERROR(relance_date_parse("2025-02-29", RELANCE_NUL_TERMINATED, &date),
              RELANCE_ERROR_INVALID_ARGUMENT, "2025-02-29");
  CHECK_ERROR(relance_date_from_ymd(2025, 2, 29, &date),
              RELANCE_ERROR_INVALID_ARGUMENT, "");
  CHECK_ERROR(relance_date_format(11017, small, sizeof small),
              RELANCE_ERROR_BUFFER_TOO_SMALL, "needs 11 bytes");
  CHECK_ERROR(relance_date_format(5000000, small, sizeof small),
              RELANCE_ERROR_INVALID_ARGUMENT, "outside");

  /* 1234.56 + 40.00 = 1274.56; JPY has no minor digits. */
  CHECK_OK(relance_money_parse("1234.56 EUR", RELANCE_NUL_TERMINATED, &a));
  CHECK(a.minor_units == 123456 && strcmp(a.currency, "EUR") == 0);
  CHECK_OK(relance_money_make(4000, "EUR", &b));
  CHECK_OK(relance_money_add(&a, &b, &sum));
  CHECK(MoneyIs(sum, "1274.56 EUR"));
  CHECK_OK(relance_money_subtract(&b, &a, &sum));
  CHECK(MoneyIs(sum, "-1194.56 EUR"));
  CHECK(MoneyIs(Money("EUR 12"), "12.00 EUR"));
  CHECK(MoneyIs(Money("100 JPY"), "100 JPY"));
  /* Mixed currencies are an error, never a conversion. */
  b = Money("1.00 USD");
  CHECK_ERROR(relance_money_add(&a, &b, &sum), RELANCE_ERROR_INVALID_ARGUMENT,
              "USD");
  CHECK_ERROR(relance_money_parse("1.001 EUR", RELANCE_NUL_TERMINATED, &a),
              RELANCE_ERROR_INVALID_ARGUMENT, "1.001 EUR");
  CHECK_ERROR(relance_money_parse("1.5 JPY", RELANCE_NUL_TERMINATED, &a),
              RELANCE_ERROR_INVALID_ARGUMENT, "");
  CHECK_ERROR(relance_money_make(1, "XYZ", &a), RELANCE_ERROR_INVALID_ARGUMENT,
              "XYZ");
  /* 10^17 minor units is the bound. */
  CHECK_OK(relance_money_make(100000000000000000LL, "EUR", &a));
  CHECK_ERROR(relance_money_make(100000000000000001LL, "EUR", &a),
              RELANCE_ERROR_INVALID_ARGUMENT, "");
  memcpy(b.currency, "EURO", 4); /* no NUL */
  CHECK_ERROR(relance_money_format(&b, small, sizeof small),
              RELANCE_ERROR_INVALID_ARGUMENT, "NUL");
  /* A successful call clears the last error. */
  CHECK_OK(relance_date_parse("2026-01-01", RELANCE_NUL_TERMINATED, &date));
  CHECK(relance_last_error_code() == RELANCE_OK);
  CHECK(relance_last_error_message()[0] == '\0');
}

/* --- calendars ------------------------------------------------------------ */
static void TestCalendars(void) {
  relance_calendar* fr = NULL;
  relance_calendar* acme = NULL;
  relance_calendar* missing = (relance_calendar*)&failures;
  relance_date date = 0;
  int business = -1;
  int64_t count = 0;
  char* json;
  CHECK_OK(relance_calendar_builtin("fr", &fr));
  /* Sunday 2026-05-31, modified following: Monday 1 June is in the next
   * month, so back to Friday 29 May (ISDA 2006 4.12). */
  CHECK_OK(relance_calendar_adjust(
      fr, Ymd(2026, 5, 31), RELANCE_CONVENTION_MODIFIED_FOLLOWING, &date));
  CHECK(DateIs(date, "2026-05-29"));
  /* 14 July is the Fête nationale (Code du travail L3133-1). */
  CHECK_OK(relance_calendar_is_business_day(fr, Ymd(2026, 7, 14), &business));
  CHECK(business == 0);
  /* Friday 2026-07-10 + 2 business days: Monday 13, then Wednesday 15 (14 is
   * a holiday). */
  CHECK_OK(relance_calendar_add_business_days(fr, Ymd(2026, 7, 10), 2, &date));
  CHECK(DateIs(date, "2026-07-15"));
  CHECK_OK(relance_calendar_add_business_days(fr, Ymd(2026, 7, 15), -2, &date));
  CHECK(DateIs(date, "2026-07-10"));
  /* Mon 2026-06-01 -> Mon 2026-06-08, a plain week: 5. */
  CHECK_OK(relance_calendar_count_business_days(fr, Ymd(2026, 6, 1),
                                                Ymd(2026, 6, 8), &count));
  CHECK(count == 5);
  CHECK_ERROR(
      relance_calendar_add_business_days(fr, Ymd(9999, 12, 20), 100, &date),
      RELANCE_ERROR_OUT_OF_RANGE, "fewer than 100");
  CHECK_ERROR(relance_calendar_adjust(fr, 0, (relance_convention)42, &date),
              RELANCE_ERROR_MISUSE, "convention");
  CHECK_ERROR(relance_calendar_builtin("XX", &missing), RELANCE_ERROR_NOT_FOUND,
              "XX");
  CHECK(missing == NULL); /* an out handle is NULL after a failure */

  json = Example("calendars/acme.json");
  CHECK_OK(relance_calendar_from_json(json, strlen(json), &acme));
  free(json);
  CHECK(acme != NULL);
  {
    relance_error_position position;
    relance_calendar* refused = NULL;
    const char* bad =
        "{\"code\": \"X\", \"holidays\": [{\"month\": 13, "
        "\"day\": 1, \"name\": \"n\"}]}";
    CHECK_ERROR(
        relance_calendar_from_json(bad, RELANCE_NUL_TERMINATED, &refused),
        RELANCE_ERROR_INVALID_ARGUMENT, "holidays[0].month");
    position.size = sizeof position;
    CHECK(relance_last_error_position(&position) == 1);
    CHECK(strcmp(position.path, "holidays[0].month") == 0);
    /* A syntax error gives its line and column. */
    CHECK_ERROR(relance_calendar_from_json("{\n  \"code\": }",
                                           RELANCE_NUL_TERMINATED, &refused),
                RELANCE_ERROR_INVALID_ARGUMENT, "line 2");
    CHECK(relance_last_error_position(&position) == 1);
    CHECK(position.line == 2 && position.column == 11);
    CHECK(strcmp(position.path, "") == 0);
  }
  relance_calendar_free(acme);
  relance_calendar_free(fr);
  relance_calendar_free(NULL);
}

/* --- terms ---------------------------------------------------------------- */
static void TestTerms(void) {
  relance_terms* terms = NULL;
  relance_terms_options options;
  relance_schedule_options schedule_options;
  relance_calendar* fr = NULL;
  relance_money total = Money("1234.56 EUR");
  relance_date due = 0;
  char* text = NULL;
  char* json = NULL;
  size_t length = 0;
  /* "2/10 net 30" on 2026-01-31: due 30 days later, 2026-03-02 (February
   * has 28 days); 2% of 1234.56 = 24.69 off by 2026-02-10. */
  CHECK_OK(
      relance_terms_parse("2/10 net 30", RELANCE_NUL_TERMINATED, NULL, &terms));
  CHECK_OK(relance_terms_due_date(terms, Ymd(2026, 1, 31), &due));
  CHECK(DateIs(due, "2026-03-02"));
  CHECK_OK(relance_terms_to_string(terms, &text, &length));
  CHECK(text != NULL && strlen(text) == length);
  relance_string_free(text);
  CHECK_OK(relance_terms_schedule_json(terms, Ymd(2026, 1, 31), &total, NULL,
                                       &json, &length));
  CHECK(strstr(json, "\"schema\": \"relance.schedule\"") != NULL);
  CHECK(strstr(json, "\"due_date\": \"2026-03-02\"") != NULL);
  CHECK(strstr(json, "\"discount\": \"24.69 EUR\"") != NULL);
  CHECK(strstr(json, "\"deadline\": \"2026-02-10\"") != NULL);
  CHECK(strstr(json, "\"legal\": []") != NULL);
  relance_string_free(json);
  /* With the French check: 30 days is within L441-10's 60. */
  relance_schedule_options_init(&schedule_options);
  schedule_options.checks = RELANCE_CHECK_FR;
  CHECK_OK(relance_terms_schedule_json(terms, Ymd(2026, 1, 31), &total,
                                       &schedule_options, &json, NULL));
  CHECK(strstr(json, "\"jurisdiction\": \"FR\"") != NULL);
  CHECK(strstr(json, "\"compliant\": true") != NULL);
  relance_string_free(json);
  /* A tax in another currency. */
  {
    relance_money tax = Money("10.00 USD");
    schedule_options.tax = &tax;
    CHECK_ERROR(relance_terms_schedule_json(terms, Ymd(2026, 1, 31), &total,
                                            &schedule_options, &json, NULL),
                RELANCE_ERROR_INVALID_ARGUMENT, "USD");
    schedule_options.tax = NULL;
  }
  schedule_options.checks = 8;
  CHECK_ERROR(relance_terms_schedule_json(terms, Ymd(2026, 1, 31), &total,
                                          &schedule_options, &json, NULL),
              RELANCE_ERROR_MISUSE, "checks");
  relance_terms_free(terms);

  /* "30 jours fin de mois" read end of month then 30 days: 2026-01-15 ->
   * 2026-01-31 + 30 = 2026-03-02; the default reading (30 days, then the
   * month's end): 2026-02-14 -> 2026-02-28. */
  relance_terms_options_init(&options);
  options.end_of_month_reading = RELANCE_EOM_END_OF_MONTH_THEN_DAYS;
  CHECK_OK(relance_terms_parse("30 jours fin de mois", RELANCE_NUL_TERMINATED,
                               &options, &terms));
  CHECK_OK(relance_terms_due_date(terms, Ymd(2026, 1, 15), &due));
  CHECK(DateIs(due, "2026-03-02"));
  relance_terms_free(terms);
  CHECK_OK(relance_terms_parse("30 jours fin de mois", RELANCE_NUL_TERMINATED,
                               NULL, &terms));
  CHECK_OK(relance_terms_due_date(terms, Ymd(2026, 1, 15), &due));
  CHECK(DateIs(due, "2026-02-28"));
  relance_terms_free(terms);

  /* An older, shorter options struct (without calendar and convention) is
   * accepted; its missing fields take their defaults. */
  relance_terms_options_init(&options);
  options.size = offsetof(relance_terms_options, calendar);
  options.end_of_month_reading = RELANCE_EOM_END_OF_MONTH_THEN_DAYS;
  options.calendar = (const relance_calendar*)&failures; /* never read */
  CHECK_OK(relance_terms_parse("30 jours fin de mois", RELANCE_NUL_TERMINATED,
                               &options, &terms));
  CHECK_OK(relance_terms_due_date(terms, Ymd(2026, 1, 15), &due));
  CHECK(DateIs(due, "2026-03-02"));
  relance_terms_free(terms);

  /* Net 30 adjusted on the French calendar: 2026-06-14 + 30 = Tuesday
   * 2026-07-14, the Fête nationale, following: Wednesday 15 July. The terms
   * keep the calendar after it is freed. */
  CHECK_OK(relance_calendar_builtin("FR", &fr));
  relance_terms_options_init(&options);
  options.calendar = fr;
  CHECK_OK(
      relance_terms_parse("net 30", RELANCE_NUL_TERMINATED, &options, &terms));
  relance_calendar_free(fr);
  CHECK_OK(relance_terms_due_date(terms, Ymd(2026, 6, 14), &due));
  CHECK(DateIs(due, "2026-07-15"));
  relance_terms_free(terms);

  /* Errors: the column of what was not understood, and JSON paths. */
  terms = (relance_terms*)&failures;
  CHECK_ERROR(
      relance_terms_parse("net 3O", RELANCE_NUL_TERMINATED, NULL, &terms),
      RELANCE_ERROR_INVALID_ARGUMENT, "net 3O");
  CHECK(terms == NULL);
  {
    relance_error_position position;
    position.size = sizeof position;
    CHECK(relance_last_error_position(&position) == 1);
    CHECK(position.column > 0);
  }
  CHECK_ERROR(relance_terms_from_json("{\"text\": 30}", RELANCE_NUL_TERMINATED,
                                      NULL, &terms),
              RELANCE_ERROR_INVALID_ARGUMENT, "text");
  CHECK_ERROR(relance_terms_from_json("{\"text\": ", RELANCE_NUL_TERMINATED,
                                      NULL, &terms),
              RELANCE_ERROR_INVALID_ARGUMENT, "invalid JSON");
  json = Example("terms/split_fr.json");
  CHECK_OK(relance_terms_from_json(json, strlen(json), NULL, &terms));
  free(json);
  relance_terms_free(terms);
}

/* --- rates and penalties -------------------------------------------------- */
static void TestPenalties(void) {
  relance_penalty_rule* rule = NULL;
  relance_invoice_facts facts;
  relance_assessment result;
  relance_rate_series* series = NULL;
  relance_rates* rates = NULL;
  relance_settlement payment;
  int64_t ppb = 0;
  char* json = NULL;
  /* The ECB main refinancing rate from 2025-06-11: 2.15 % (ECB press
   * release of 5 June 2025). */
  CHECK_OK(relance_rate_series_builtin("ecb-mro", &series));
  CHECK_OK(relance_rate_series_rate_at(series, Ymd(2025, 7, 1), &ppb));
  CHECK(ppb == 21500000);
  CHECK_ERROR(relance_rate_series_rate_at(series, Ymd(2099, 1, 1), &ppb),
              RELANCE_ERROR_OUT_OF_RANGE, "ecb-mro");
  relance_rate_series_free(series);

  /* Code de commerce L441-10, second half of 2025: ECB 2.15 % + 10 points;
   * 15000.00 EUR due 2025-09-30, as of 2025-10-30: 30 days x 15000.00 x
   * 12.15 % / 365 = 149.79 EUR; EUR 40 compensation (D441-5). */
  CHECK_OK(relance_penalty_rule_preset("fr-b2b", NULL, &rule));
  relance_invoice_facts_init(&facts);
  facts.amount = Money("15000.00 EUR");
  facts.due_date = Ymd(2025, 9, 30);
  memset(&result, 0, sizeof result);
  result.size = sizeof result;
  CHECK_OK(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result));
  CHECK(MoneyIs(result.interest, "149.79 EUR"));
  CHECK(MoneyIs(result.compensation, "40.00 EUR"));
  CHECK(MoneyIs(result.total, "189.79 EUR"));
  CHECK(MoneyIs(result.total_outstanding, "15189.79 EUR"));
  CHECK_OK(relance_assess_json(rule, &facts, Ymd(2025, 10, 30), &json, NULL));
  CHECK(strstr(json, "\"schema\": \"relance.assessment\"") != NULL);
  CHECK(strstr(json, "\"interest\": \"149.79 EUR\"") != NULL);
  CHECK(strstr(json, "\"days\": 30") != NULL);
  relance_string_free(json);
  /* A shorter result struct gets the fields that fit. */
  memset(&result, 0, sizeof result);
  result.size = offsetof(relance_assessment, compensation);
  CHECK_OK(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result));
  CHECK(MoneyIs(result.interest, "149.79 EUR"));
  CHECK(result.compensation.minor_units == 0);
  /* A payment in another currency. */
  payment.date = Ymd(2025, 10, 10);
  payment.amount = Money("100.00 USD");
  payment.kind = RELANCE_SETTLEMENT_PAYMENT;
  facts.settlements = &payment;
  facts.settlement_count = 1;
  result.size = sizeof result;
  CHECK_ERROR(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result),
              RELANCE_ERROR_INVALID_ARGUMENT, "USD");
  /* Paid in full on the due date: not late, so neither interest nor the
   * compensation (D441-5 is owed for late payment only), nothing owed. */
  payment.amount = Money("15000.00 EUR");
  payment.date = Ymd(2025, 9, 30);
  CHECK_OK(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result));
  CHECK(MoneyIs(result.interest, "0.00 EUR"));
  CHECK(MoneyIs(result.compensation, "0.00 EUR"));
  CHECK(MoneyIs(result.total_outstanding, "0.00 EUR"));
  payment.kind = (relance_settlement_kind)7;
  CHECK_ERROR(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result),
              RELANCE_ERROR_MISUSE, "kind");
  facts.settlements = NULL;
  CHECK_ERROR(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result),
              RELANCE_ERROR_MISUSE, "settlements is NULL");
  facts.settlement_count = 0;
  /* Beyond the series' last known date: relance does not guess. */
  CHECK_ERROR(relance_assess(rule, &facts, Ymd(2099, 1, 1), &result),
              RELANCE_ERROR_OUT_OF_RANGE, "ecb-mro");
  relance_penalty_rule_free(rule);

  /* A host's series replaces the built-in one: ECB at 1 % from 2025-01-01,
   * known to 2099-12-31; fr-b2b then charges 11 %: 15000.00 x 11 % x 30 /
   * 365 = 135.62 EUR (135.616...). */
  {
    relance_date dates[1];
    int64_t values[1];
    dates[0] = Ymd(1999, 1, 1);
    values[0] = 10000000; /* 1 % */
    CHECK_OK(relance_rate_series_create("ecb-mro", dates, values, 1,
                                        Ymd(2099, 12, 31), &series));
  }
  CHECK_OK(relance_rates_with_series(NULL, series, &rates));
  relance_rate_series_free(series);
  CHECK_OK(relance_penalty_rule_preset("fr-b2b", rates, &rule));
  CHECK_OK(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result));
  CHECK(MoneyIs(result.interest, "135.62 EUR"));
  relance_penalty_rule_free(rule);
  CHECK_OK(relance_rates_find(rates, "ecb-mro", &series));
  CHECK_OK(relance_rate_series_rate_at(series, Ymd(2090, 1, 1), &ppb));
  CHECK(ppb == 10000000);
  relance_rate_series_free(series);
  relance_rates_free(rates);

  /* A contractual rule from JSON: 15 % a year, act/365: 15000.00 x 15 % x
   * 30 / 365 = 184.93 EUR (184.931...). */
  CHECK_OK(relance_penalty_rule_from_json(
      "{\"id\": \"contract\", \"base\": \"fr-b2b\", \"interest\": "
      "{\"fixed\": \"15%\"}}",
      RELANCE_NUL_TERMINATED, NULL, &rule));
  CHECK_OK(relance_assess(rule, &facts, Ymd(2025, 10, 30), &result));
  CHECK(MoneyIs(result.interest, "184.93 EUR"));
  relance_penalty_rule_free(rule);
  CHECK_ERROR(
      relance_penalty_rule_from_json("{\"id\": \"x\", \"interest\": "
                                     "{\"fixed\": 15}}",
                                     RELANCE_NUL_TERMINATED, NULL, &rule),
      RELANCE_ERROR_INVALID_ARGUMENT, "interest.fixed");
  CHECK_ERROR(relance_penalty_rule_preset("xx-b2b", NULL, &rule),
              RELANCE_ERROR_NOT_FOUND, "xx-b2b");

  /* Series from CSV and JSON; a rates directory that does not exist. */
  CHECK_OK(relance_rate_series_from_csv(
      "# last_known_date: 2026-12-31\neffective_date,rate_percent\n"
      "2026-01-01,2.00\n",
      RELANCE_NUL_TERMINATED, "host-rate", &series));
  CHECK_OK(relance_rate_series_rate_at(series, Ymd(2026, 6, 1), &ppb));
  CHECK(ppb == 20000000);
  relance_rate_series_free(series);
  CHECK_ERROR(relance_rate_series_from_json("{\"id\": \"h\"}",
                                            RELANCE_NUL_TERMINATED, &series),
              RELANCE_ERROR_INVALID_ARGUMENT, "");
  CHECK_ERROR(relance_rates_load_directory("/nonexistent/rates", NULL, &rates),
              RELANCE_ERROR_INVALID_ARGUMENT, "/nonexistent/rates");
  CHECK_OK(relance_rates_builtin(&rates));
  relance_rates_free(rates);
}

/* --- dunning -------------------------------------------------------------- */
static void TestDunning(void) {
  char* policy_json = Example("policies/standard_fr.json");
  char* case_json = Example("cases/dupont_ladder.json");
  relance_policy* policy = NULL;
  relance_case* dupont = NULL;
  relance_case* refused = NULL;
  relance_decision* decision = NULL;
  relance_action action;
  size_t count = 0;
  char* json = NULL;
  char* dot = NULL;
  CHECK_OK(relance_policy_from_json(policy_json, strlen(policy_json), NULL,
                                    &policy));
  CHECK_OK(relance_case_from_json(case_json, strlen(case_json), NULL, &dupont));
  /* Dupont's F-1001 (1200.00 EUR, "30 jours fin de mois" from 2026-01-05:
   * 2026-02-04, then the month's end, 2026-02-28) is 5 days late on
   * 2026-03-05: reminder1 (offset +1) is due, with 40.00 EUR compensation
   * and 1200.00 x 12.15 % x 5 / 365 = 2.00 EUR interest: 1242.00 EUR. */
  CHECK_OK(relance_evaluate(policy, dupont, Ymd(2026, 3, 5), &decision));
  CHECK_OK(relance_decision_action_count(decision, &count));
  CHECK(count == 1);
  memset(&action, 0, sizeof action);
  action.size = sizeof action;
  CHECK_OK(relance_decision_action(decision, 0, &action));
  CHECK(strcmp(action.level, "reminder1") == 0);
  CHECK(strcmp(action.channel, "email") == 0);
  CHECK(strcmp(action.template_id, "relance_1") == 0);
  CHECK(action.invoice_count == 1 && strcmp(action.invoices[0], "F-1001") == 0);
  CHECK(action.total_due_count == 1 &&
        MoneyIs(action.total_due[0], "1242.00 EUR"));
  CHECK_ERROR(relance_decision_action(decision, 1, &action),
              RELANCE_ERROR_MISUSE, "out of range");
  action.size = 3;
  CHECK_ERROR(relance_decision_action(decision, 0, &action),
              RELANCE_ERROR_MISUSE, "size");
  CHECK_OK(relance_decision_to_json(decision, &json, NULL));
  CHECK(strncmp(json, "{\n  \"schema\": \"relance.decision\"", 32) == 0);
  relance_string_free(json);
  /* The road ahead from the next day to the end of June. */
  CHECK_OK(relance_forecast_after_json(policy, dupont, decision,
                                       Ymd(2026, 6, 30), &json, NULL));
  CHECK(strstr(json, "\"schema\": \"relance.forecast\"") != NULL);
  CHECK(strstr(json, "\"from\": \"2026-03-06\"") != NULL);
  relance_string_free(json);
  CHECK_OK(relance_forecast_json(policy, dupont, Ymd(2026, 3, 5),
                                 Ymd(2026, 4, 30), &json, NULL));
  CHECK(strstr(json, "\"items\"") != NULL);
  relance_string_free(json);
  CHECK_ERROR(relance_forecast_json(policy, dupont, Ymd(2026, 3, 5),
                                    Ymd(2036, 12, 31), &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "");
  relance_decision_free(decision);
  /* The one-call form gives the same document. */
  CHECK_OK(relance_evaluate_json(policy, case_json, strlen(case_json),
                                 Ymd(2026, 3, 5), &json, NULL));
  CHECK(strstr(json, "\"level\": \"reminder1\"") != NULL);
  relance_string_free(json);
  CHECK_OK(relance_policy_graph_dot(policy, &dot, NULL));
  CHECK(strncmp(dot, "digraph", 7) == 0);
  CHECK(strstr(dot, "cluster_default") != NULL);
  relance_string_free(dot);
  CHECK_OK(relance_lifecycle_dot(&dot, NULL));
  CHECK(strncmp(dot, "digraph", 7) == 0);
  relance_string_free(dot);

  /* Errors: a malformed policy with its path, contradictory facts. */
  {
    relance_policy* bad = (relance_policy*)&failures;
    relance_error_position position;
    CHECK_ERROR(relance_policy_from_json(
                    "{\"id\": \"p\", \"version\": 1, \"levels\": [{\"id\": "
                    "\"r\", \"offset_days\": \"one\", \"channel\": "
                    "\"email\"}]}",
                    RELANCE_NUL_TERMINATED, NULL, &bad),
                RELANCE_ERROR_INVALID_ARGUMENT, "levels[0].offset_days");
    CHECK(bad == NULL);
    position.size = sizeof position;
    CHECK(relance_last_error_position(&position) == 1);
    CHECK(strcmp(position.path, "levels[0].offset_days") == 0);
  }
  CHECK_ERROR(relance_case_from_json(
                  "{\"customer\": {\"id\": \"C\"}, \"events\": [{\"date\": "
                  "\"2026-01-05\", \"type\": \"payment_received\", "
                  "\"invoice\": \"F-1\", \"amount\": \"1.00 EUR\"}]}",
                  RELANCE_NUL_TERMINATED, NULL, &refused),
              RELANCE_ERROR_INVALID_ARGUMENT, "events[0]");
  CHECK_ERROR(
      relance_evaluate_json(policy, "{\"customer\": ", RELANCE_NUL_TERMINATED,
                            Ymd(2026, 3, 5), &json, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT, "invalid JSON");
  /* A payment in USD on a EUR invoice. */
  CHECK_ERROR(
      relance_evaluate_json(
          policy,
          "{\"customer\": {\"id\": \"C\"}, \"events\": ["
          "{\"date\": \"2026-01-05\", \"type\": \"invoice_issued\", "
          "\"invoice\": \"F-1\", \"amount\": \"100.00 EUR\", \"due_date\": "
          "\"2026-02-04\"},"
          "{\"date\": \"2026-02-10\", \"type\": \"payment_received\", "
          "\"invoice\": \"F-1\", \"amount\": \"100.00 USD\"}]}",
          RELANCE_NUL_TERMINATED, Ymd(2026, 3, 5), &json, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT, "USD");
  relance_case_free(dupont);
  relance_policy_free(policy);
  free(policy_json);
  free(case_json);
}

/* --- misuse: NULL handles and out-parameters, wrong sizes ---------------- */
static void TestMisuse(void) {
  relance_date date = 0;
  relance_money money = Money("1.00 EUR");
  relance_calendar* calendar = NULL;
  relance_terms* terms = NULL;
  relance_terms_options options;
  relance_invoice_facts facts;
  relance_assessment result;
  relance_policy_options policy_options;
  relance_policy* policy = NULL;
  relance_penalty_rule* rule = NULL;
  relance_decision* decision = NULL;
  relance_rate_series* series = NULL;
  relance_rates* rates = NULL;
  relance_case* c = NULL;
  relance_error_position position;
  char* text = NULL;
  size_t count = 0;
  int flag = 0;
  int64_t number = 0;
  char buffer[64];

  CHECK_ERROR(relance_date_parse(NULL, 3, &date), RELANCE_ERROR_MISUSE,
              "relance_date_parse: text is NULL");
  CHECK_ERROR(relance_date_parse("2026-01-01", RELANCE_NUL_TERMINATED, NULL),
              RELANCE_ERROR_MISUSE, "out is NULL");
  CHECK_ERROR(relance_date_from_ymd(2026, 1, 1, NULL), RELANCE_ERROR_MISUSE,
              "out");
  CHECK_ERROR(relance_date_format(0, NULL, 11), RELANCE_ERROR_MISUSE, "buffer");
  CHECK_ERROR(relance_money_parse("1.00 EUR", RELANCE_NUL_TERMINATED, NULL),
              RELANCE_ERROR_MISUSE, "out");
  CHECK_ERROR(relance_money_make(1, NULL, &money), RELANCE_ERROR_MISUSE,
              "currency");
  CHECK_ERROR(relance_money_format(NULL, buffer, sizeof buffer),
              RELANCE_ERROR_MISUSE, "money");
  CHECK_ERROR(relance_money_add(&money, NULL, &money), RELANCE_ERROR_MISUSE,
              "b is NULL");
  CHECK_ERROR(relance_money_subtract(NULL, &money, &money),
              RELANCE_ERROR_MISUSE, "a is NULL");
  CHECK_ERROR(relance_calendar_builtin(NULL, &calendar), RELANCE_ERROR_MISUSE,
              "code");
  CHECK_ERROR(relance_calendar_builtin("FR", NULL), RELANCE_ERROR_MISUSE,
              "out");
  CHECK_ERROR(relance_calendar_from_json(NULL, 0, &calendar),
              RELANCE_ERROR_MISUSE, "json");
  CHECK_ERROR(relance_calendar_is_business_day(NULL, 0, &flag),
              RELANCE_ERROR_MISUSE, "calendar");
  CHECK_ERROR(
      relance_calendar_adjust(NULL, 0, RELANCE_CONVENTION_FOLLOWING, &date),
      RELANCE_ERROR_MISUSE, "calendar");
  CHECK_ERROR(relance_calendar_add_business_days(NULL, 0, 1, &date),
              RELANCE_ERROR_MISUSE, "calendar");
  CHECK_ERROR(relance_calendar_count_business_days(NULL, 0, 1, &number),
              RELANCE_ERROR_MISUSE, "calendar");
  CHECK_ERROR(relance_terms_parse(NULL, 0, NULL, &terms), RELANCE_ERROR_MISUSE,
              "text");
  CHECK_ERROR(relance_terms_from_json("{}", 2, NULL, NULL),
              RELANCE_ERROR_MISUSE, "out");
  CHECK_ERROR(relance_terms_to_string(NULL, &text, NULL), RELANCE_ERROR_MISUSE,
              "terms");
  CHECK_ERROR(relance_terms_schedule_json(NULL, 0, &money, NULL, &text, NULL),
              RELANCE_ERROR_MISUSE, "terms");
  CHECK_ERROR(relance_terms_due_date(NULL, 0, &date), RELANCE_ERROR_MISUSE,
              "terms");
  /* Wrong option sizes: zero, not a multiple of the alignment, larger than
   * this library knows. */
  relance_terms_options_init(&options);
  options.size = 0;
  CHECK_ERROR(
      relance_terms_parse("net 30", RELANCE_NUL_TERMINATED, &options, &terms),
      RELANCE_ERROR_MISUSE, "options->size is 0");
  options.size = sizeof options + 8;
  CHECK_ERROR(
      relance_terms_parse("net 30", RELANCE_NUL_TERMINATED, &options, &terms),
      RELANCE_ERROR_MISUSE, "options->size");
  options.size = 13;
  CHECK_ERROR(relance_case_from_json("{}", 2, &options, &c),
              RELANCE_ERROR_MISUSE, "options->size is 13");
  relance_terms_options_init(&options);
  options.rounding = (relance_rounding)99;
  CHECK_ERROR(
      relance_terms_parse("net 30", RELANCE_NUL_TERMINATED, &options, &terms),
      RELANCE_ERROR_MISUSE, "rounding");
  relance_invoice_facts_init(&facts);
  facts.amount = money;
  facts.due_date = 0;
  CHECK_OK(relance_penalty_rule_preset("uk-late-payment", NULL, &rule));
  result.size = sizeof result;
  facts.size = offsetof(relance_invoice_facts, due_date); /* lacks due_date */
  CHECK_ERROR(relance_assess(rule, &facts, 10, &result), RELANCE_ERROR_MISUSE,
              "facts->size");
  facts.size = sizeof facts;
  result.size = sizeof result + 16;
  CHECK_ERROR(relance_assess(rule, &facts, 10, &result), RELANCE_ERROR_MISUSE,
              "out->size");
  result.size = sizeof result;
  CHECK_ERROR(relance_assess(NULL, &facts, 10, &result), RELANCE_ERROR_MISUSE,
              "rule is NULL");
  CHECK_ERROR(relance_assess(rule, NULL, 10, &result), RELANCE_ERROR_MISUSE,
              "facts is NULL");
  CHECK_ERROR(relance_assess(rule, &facts, 10, NULL), RELANCE_ERROR_MISUSE,
              "out is NULL");
  CHECK_ERROR(relance_assess_json(rule, &facts, 10, NULL, NULL),
              RELANCE_ERROR_MISUSE, "out_json");
  relance_penalty_rule_free(rule);
  CHECK_ERROR(relance_penalty_rule_preset(NULL, NULL, &rule),
              RELANCE_ERROR_MISUSE, "id");
  CHECK_ERROR(relance_penalty_rule_from_json(NULL, 0, NULL, &rule),
              RELANCE_ERROR_MISUSE, "json");
  CHECK_ERROR(relance_rate_series_builtin(NULL, &series), RELANCE_ERROR_MISUSE,
              "id");
  CHECK_ERROR(relance_rate_series_from_json(NULL, 0, &series),
              RELANCE_ERROR_MISUSE, "json");
  CHECK_ERROR(relance_rate_series_from_csv("x", 1, NULL, &series),
              RELANCE_ERROR_MISUSE, "id");
  CHECK_ERROR(relance_rate_series_create("s", NULL, NULL, 2, 0, &series),
              RELANCE_ERROR_MISUSE, "effective_dates");
  CHECK_ERROR(relance_rate_series_rate_at(NULL, 0, &number),
              RELANCE_ERROR_MISUSE, "series");
  CHECK_ERROR(relance_rates_builtin(NULL), RELANCE_ERROR_MISUSE, "out");
  CHECK_ERROR(relance_rates_load_directory(NULL, NULL, &rates),
              RELANCE_ERROR_MISUSE, "directory");
  CHECK_ERROR(relance_rates_with_series(NULL, NULL, &rates),
              RELANCE_ERROR_MISUSE, "series");
  CHECK_ERROR(relance_rates_find(NULL, "ecb-mro", &series),
              RELANCE_ERROR_MISUSE, "rates");
  relance_policy_options_init(&policy_options);
  policy_options.size = 4;
  CHECK_ERROR(relance_policy_from_json("{}", 2, &policy_options, &policy),
              RELANCE_ERROR_MISUSE, "options->size is 4");
  CHECK_ERROR(relance_policy_from_json(NULL, 0, NULL, &policy),
              RELANCE_ERROR_MISUSE, "json");
  CHECK_ERROR(relance_policy_graph_dot(NULL, &text, NULL), RELANCE_ERROR_MISUSE,
              "policy");
  CHECK_ERROR(relance_case_from_json(NULL, 0, NULL, &c), RELANCE_ERROR_MISUSE,
              "json");
  CHECK_ERROR(relance_evaluate(NULL, c, 0, &decision), RELANCE_ERROR_MISUSE,
              "policy is NULL");
  CHECK(decision == NULL);
  CHECK_ERROR(relance_evaluate_json(NULL, "{}", 2, 0, &text, NULL),
              RELANCE_ERROR_MISUSE, "policy");
  CHECK_ERROR(relance_decision_to_json(NULL, &text, NULL), RELANCE_ERROR_MISUSE,
              "decision");
  CHECK_ERROR(relance_decision_action_count(NULL, &count), RELANCE_ERROR_MISUSE,
              "decision");
  CHECK_ERROR(relance_decision_action(NULL, 0, NULL), RELANCE_ERROR_MISUSE,
              "decision");
  CHECK_ERROR(relance_forecast_json(NULL, NULL, 0, 1, &text, NULL),
              RELANCE_ERROR_MISUSE, "policy");
  CHECK_ERROR(relance_forecast_after_json(NULL, NULL, NULL, 1, &text, NULL),
              RELANCE_ERROR_MISUSE, "policy");
  CHECK_ERROR(relance_lifecycle_dot(NULL, NULL), RELANCE_ERROR_MISUSE,
              "out_dot");
  /* The position of a misuse: none. A NULL or unknown-size position struct
   * is refused without touching the last error. */
  position.size = sizeof position;
  CHECK(relance_last_error_position(&position) == 0);
  CHECK(relance_last_error_position(NULL) == 0);
  position.size = 1;
  CHECK(relance_last_error_position(&position) == 0);
  CHECK(relance_last_error_code() == RELANCE_ERROR_MISUSE);
  /* Every _free accepts NULL. */
  relance_calendar_free(NULL);
  relance_terms_free(NULL);
  relance_rate_series_free(NULL);
  relance_rates_free(NULL);
  relance_penalty_rule_free(NULL);
  relance_policy_free(NULL);
  relance_case_free(NULL);
  relance_decision_free(NULL);
  relance_string_free(NULL);
}

/* --- portfolios: the columnar kernel over caller-owned arrays ------------- */

/* The portfolio-v1 policy (benchmarks/portfolio_v1_policy.json, the
 * workload of BENCHMARK.md): French statutory interest (fr-b2b: ECB + 10
 * points, Actual/365, EUR 40 compensation), payments on principal first, no
 * dunning below 15.00 EUR, levels 1..7 at -5, +1, +8, +15, +21, +45, +90
 * days from the due date, no gap between levels. */
static const char kPortfolioPolicy[] =
    "{\"id\": \"portfolio-v1\", \"version\": 1,"
    " \"minimum_invoice_amount\": [\"15.00 EUR\"],"
    " \"penalties\": {\"rule\": {\"id\": \"portfolio-v1\", \"base\": "
    "\"fr-b2b\", \"settlement\": \"principal-first\"}},"
    " \"min_days_between_levels\": 0,"
    " \"levels\": ["
    "  {\"id\": \"courtesy\", \"offset_days\": -5, \"channel\": \"email\"},"
    "  {\"id\": \"reminder1\", \"offset_days\": 1, \"channel\": \"email\"},"
    "  {\"id\": \"call\", \"offset_days\": 8, \"channel\": \"phone\"},"
    "  {\"id\": \"reminder2\", \"offset_days\": 15, \"channel\": \"letter\"},"
    "  {\"id\": \"notice\", \"offset_days\": 21, \"channel\": "
    "\"registered_letter\"},"
    "  {\"id\": \"agency\", \"offset_days\": 45, \"channel\": "
    "\"agency_handoff\"},"
    "  {\"id\": \"legal\", \"offset_days\": 90, \"channel\": \"legal\"}]}";

/* Whether the array `"key": [...]` of `json` (written on one line or on
 * many) holds the seven counts `c0`..`c6`. */
static int JsonCounts(const char* json, const char* key, long long c0,
                      long long c1, long long c2, long long c3, long long c4,
                      long long c5, long long c6) {
  const long long expected[7] = {c0, c1, c2, c3, c4, c5, c6};
  char quoted[64];
  const char* at;
  char* end;
  int i;
  snprintf(quoted, sizeof quoted, "\"%s\": [", key);
  at = strstr(json, quoted);
  if (at == NULL) return 0;
  at += strlen(quoted);
  for (i = 0; i < 7; ++i) {
    while (*at == ' ' || *at == '\n' || *at == ',') ++at;
    if (strtoll(at, &end, 10) != expected[i] || end == at) {
      fprintf(stderr, "%s[%d] differs in:\n%s\n", key, i, json);
      return 0;
    }
    at = end;
  }
  while (*at == ' ' || *at == '\n') ++at;
  return *at == ']';
}

/* Whether `json` holds `"key": value` (value written as JSON writes it). */
static int JsonHas(const char* json, const char* key, const char* value) {
  char pair[128];
  snprintf(pair, sizeof pair, "\"%s\": %s", key, value);
  if (strstr(json, pair) != NULL) return 1;
  fprintf(stderr, "document lacks %s:\n%s\n", pair, json);
  return 0;
}

/* The tiny portfolio below, as of 2025-12-31 (day 20453). The rate is
 * 12.15 % on every day charged (ECB 2.15 % from 2025-06-11, + 10 points;
 * L441-10), Actual/365, rounded once per invoice half away from zero:
 *
 *  row cust issued      amount  terms   due         paid                 flags
 *   0   0   2025-11-01  1000.00 30D     2025-12-01  -
 *   1   0   2025-12-10   500.00 30D+CM  2026-01-31  -
 *   2   1   2025-10-15  2000.00 30D     2025-11-14  1500.00 on 2025-12-01,
 * level 2 sent 2025-11-16 3   1   2025-09-01   100.00 30D     2025-10-01  -
 * disputed 4   2   2025-11-20    10.00 30D     2025-12-20  - 5   2   2025-10-01
 * 300.00 30D     2025-10-31  300.00 on 2025-10-31
 *
 *  0: 30 days late (12-02..12-31): 1000.00 x 12.15 % x 30 / 365 = 9.986 ->
 *     9.99; EUR 40; levels due by 12-31: -5, +1, +8, +15, +21 -> 5; the
 *     courtesy level is passed over once overdue, one level a run: 2.
 *  1: due 2026-01-09 then the month's end, 2026-01-31; courtesy at 01-26:
 *     nothing yet.
 *  2: 11-15..12-01 (a payment still bears interest on its day) on 2000.00,
 *     17 days; 12-02..12-31 on 500.00, 30 days: (2000.00 x 17 + 500.00 x
 *     30) x 12.15 % / 365 = 49000.00 x 0.1215 / 365 = 16.310 -> 16.31;
 *     EUR 40; six levels due (11-09 .. 12-29), level 2 sent: level 3.
 *  3: 91 days (10-02..12-31): 100.00 x 12.15 % x 91 / 365 = 3.029 -> 3.03;
 *     EUR 40; disputed: no level.
 *  4: 11 days: 10.00 x 12.15 % x 11 / 365 = 0.0366 -> 0.04; EUR 40; 10.00
 *     is below the 15.00 minimum: no level.
 *  5: paid in full on its due date: nothing late, nothing owed.
 *
 * Totals: balance 1000 + 500 + 500 + 100 + 10 = 2110.00; interest 9.99 +
 * 16.31 + 3.03 + 0.04 = 29.37; compensation 4 x 40 = 160.00; actions at
 * levels 2 and 3, one each; letters: customer 0 at level 2 (its highest),
 * customer 1 at level 3, customer 2 none. */
static const int64_t kIssue[] = {20393, 20432, 20376, 20332, 20412, 20362};
static const int64_t kAmount[] = {100000, 50000, 200000, 10000, 1000, 30000};
static const int32_t kTerms[] = {0, 1, 0, 0, 0, 0};
static const int32_t kCustomer[] = {0, 0, 1, 1, 2, 2};
static const uint8_t kFlags[] = {0, 0, 0, RELANCE_INVOICE_DISPUTED, 0, 0};
static const uint8_t kLastLevel[] = {0, 0, 2, 0, 0, 0};
static const int64_t kLastLevelDate[] = {0, 0, 20408, 0, 0, 0};
static const int64_t kPaymentStart[] = {0, 0, 0, 1, 1, 1, 2};
static const int64_t kPaymentDate[] = {20423, 20392};
static const int64_t kPaymentAmount[] = {150000, 30000};

static void TinyColumns(relance_portfolio_columns* columns) {
  relance_portfolio_columns_init(columns);
  columns->issue_date = kIssue;
  columns->issue_date_length = 6;
  columns->amount = kAmount;
  columns->amount_length = 6;
  columns->terms = kTerms;
  columns->terms_length = 6;
  columns->payment_start = kPaymentStart;
  columns->payment_start_length = 7;
  columns->payment_date = kPaymentDate;
  columns->payment_date_length = 2;
  columns->payment_amount = kPaymentAmount;
  columns->payment_amount_length = 2;
  columns->customer = kCustomer;
  columns->customer_length = 6;
  columns->customer_count = 3;
  columns->flags = kFlags;
  columns->flags_length = 6;
  columns->last_level = kLastLevel;
  columns->last_level_length = 6;
  columns->last_level_date = kLastLevelDate;
  columns->last_level_date_length = 6;
}

/* Runs `columns` expecting `code` and a message naming `fragment`. */
#define CHECK_RUN_ERROR(evaluator, columns, outputs, threads, code, fragment) \
  do {                                                                        \
    char* refused_ = (char*)&failures;                                        \
    CHECK_ERROR(relance_portfolio_run_json((evaluator), (columns), (outputs), \
                                           (threads), &refused_, NULL),       \
                (code), (fragment));                                          \
    CHECK(refused_ == NULL);                                                  \
  } while (0)

static void TestPortfolio(void) {
  relance_policy* policy = NULL;
  relance_portfolio_evaluator* evaluator = NULL;
  relance_portfolio_evaluator* refused = NULL;
  relance_portfolio_columns columns;
  relance_portfolio_outputs outputs;
  const char* terms[] = {"30D", "30D+CM"};
  const relance_date as_of = 20453; /* 2025-12-31 */
  int64_t due[6], balance[6], interest[6], compensation[6];
  uint8_t level[6];
  char* json = NULL;
  char* again = NULL;
  size_t length = 0, levels = 0;
  int threads;
  CHECK_OK(relance_policy_from_json(kPortfolioPolicy, RELANCE_NUL_TERMINATED,
                                    NULL, &policy));
  CHECK_OK(relance_portfolio_evaluator_create(policy, terms, 2, "EUR", as_of,
                                              NULL, &evaluator));
  /* The evaluator keeps what it needs of the policy. */
  relance_policy_free(policy);
  policy = NULL;
  CHECK_OK(relance_portfolio_evaluator_levels(evaluator, &levels));
  CHECK(levels == 7);

  TinyColumns(&columns);
  relance_portfolio_outputs_init(&outputs);
  outputs.due_date = due;
  outputs.due_date_length = 6;
  outputs.balance = balance;
  outputs.balance_length = 6;
  outputs.interest = interest;
  outputs.interest_length = 6;
  outputs.compensation = compensation;
  outputs.compensation_length = 6;
  outputs.action_level = level;
  outputs.action_level_length = 6;
  CHECK_OK(relance_portfolio_run_json(evaluator, &columns, &outputs, 1, &json,
                                      &length));
  CHECK(json != NULL && strlen(json) == length);
  /* Due dates: 2025-12-01, 2026-01-31, 2025-11-14, 2025-10-01, 2025-12-20,
   * 2025-10-31. */
  CHECK(due[0] == 20423 && due[1] == 20484 && due[2] == 20406 &&
        due[3] == 20362 && due[4] == 20442 && due[5] == 20392);
  CHECK(balance[0] == 100000 && balance[1] == 50000 && balance[2] == 50000 &&
        balance[3] == 10000 && balance[4] == 1000 && balance[5] == 0);
  CHECK(interest[0] == 999 && interest[1] == 0 && interest[2] == 1631 &&
        interest[3] == 303 && interest[4] == 4 && interest[5] == 0);
  CHECK(compensation[0] == 4000 && compensation[1] == 0 &&
        compensation[2] == 4000 && compensation[3] == 4000 &&
        compensation[4] == 4000 && compensation[5] == 0);
  CHECK(level[0] == 2 && level[1] == 0 && level[2] == 3 && level[3] == 0 &&
        level[4] == 0 && level[5] == 0);
  /* The totals document. */
  CHECK(JsonHas(json, "schema", "\"relance.portfolio\""));
  CHECK(JsonHas(json, "invoices", "6"));
  CHECK(JsonHas(json, "total_balance", "\"2110.00 EUR\""));
  CHECK(JsonHas(json, "total_interest", "\"29.37 EUR\""));
  CHECK(JsonHas(json, "total_compensation", "\"160.00 EUR\""));
  CHECK(JsonCounts(json, "actions_per_level", 0, 1, 1, 0, 0, 0, 0));
  CHECK(JsonCounts(json, "letters_per_level", 0, 1, 1, 0, 0, 0, 0));
  /* Any thread count gives the same document; outputs are optional. */
  for (threads = 2; threads <= 4; ++threads) {
    CHECK_OK(relance_portfolio_run_json(evaluator, &columns, NULL, threads,
                                        &again, NULL));
    CHECK(again != NULL && strcmp(again, json) == 0);
    relance_string_free(again);
    again = NULL;
  }
  /* An older, shorter columns struct (without customers, flags and levels):
   * no letters, invoice 3 is not disputed (but 100.00 is owed and overdue:
   * its levels run from the start, the courtesy passed over: level 2), and
   * invoice 2 starts again at level 2. */
  columns.size = offsetof(relance_portfolio_columns, customer);
  columns.customer = (const int32_t*)&failures; /* never read */
  CHECK_OK(relance_portfolio_run_json(evaluator, &columns, &outputs, 1, &again,
                                      NULL));
  CHECK(level[0] == 2 && level[2] == 2 && level[3] == 2);
  CHECK(JsonCounts(again, "actions_per_level", 0, 3, 0, 0, 0, 0, 0));
  CHECK(JsonCounts(again, "letters_per_level", 0, 0, 0, 0, 0, 0, 0));
  relance_string_free(again);
  again = NULL;
  /* An empty portfolio (payment_start still holds its one 0): zeros. */
  relance_portfolio_columns_init(&columns);
  columns.payment_start = kPaymentStart;
  columns.payment_start_length = 1;
  CHECK_OK(
      relance_portfolio_run_json(evaluator, &columns, NULL, 1, &again, NULL));
  CHECK(JsonHas(again, "invoices", "0"));
  CHECK(JsonHas(again, "total_balance", "\"0.00 EUR\""));
  relance_string_free(again);
  again = NULL;

  /* Errors of the run name the column and the row. */
  {
    int64_t bad_amount[6];
    int64_t bad_start[7];
    int64_t bad_dates[2];
    int32_t bad_terms[6];
    int32_t bad_customer[6];
    uint8_t bad_flags[6];
    uint8_t bad_levels[6];
    int64_t bad_issue[6];
    memcpy(bad_amount, kAmount, sizeof bad_amount);
    memcpy(bad_start, kPaymentStart, sizeof bad_start);
    memcpy(bad_dates, kPaymentDate, sizeof bad_dates);
    memcpy(bad_terms, kTerms, sizeof bad_terms);
    memcpy(bad_customer, kCustomer, sizeof bad_customer);
    memcpy(bad_flags, kFlags, sizeof bad_flags);
    memcpy(bad_levels, kLastLevel, sizeof bad_levels);
    memcpy(bad_issue, kIssue, sizeof bad_issue);

    TinyColumns(&columns);
    bad_amount[3] = 0;
    columns.amount = bad_amount;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "amount");
    CHECK(strstr(relance_last_error_message(), "3") != NULL);
    bad_amount[3] = -5;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 2,
                    RELANCE_ERROR_INVALID_ARGUMENT, "amount");

    TinyColumns(&columns);
    columns.amount_length = 5; /* shorter than issue_date */
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "amount");

    TinyColumns(&columns);
    bad_terms[4] = 2; /* two terms: 0 and 1 */
    columns.terms = bad_terms;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "terms");
    CHECK(strstr(relance_last_error_message(), "4") != NULL);

    TinyColumns(&columns);
    bad_customer[1] = 3; /* three customers: 0..2 */
    columns.customer = bad_customer;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "customer");

    TinyColumns(&columns);
    bad_issue[2] = as_of + 1;
    columns.issue_date = bad_issue;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "issue_date");

    TinyColumns(&columns);
    bad_flags[0] = 4; /* a reserved bit */
    columns.flags = bad_flags;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "flags");

    TinyColumns(&columns);
    bad_levels[5] = 8; /* the ladder has 7 levels */
    columns.last_level = bad_levels;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "last_level");

    TinyColumns(&columns);
    bad_start[4] = 0; /* {0, 0, 0, 1, 0, ...}: decreases */
    columns.payment_start = bad_start;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "payment_start");
    bad_start[4] = 1;
    bad_start[6] = 1; /* ends before the payments do */
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "payment_start");

    TinyColumns(&columns);
    columns.payment_amount_length = 1;
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "payment_amount");

    {
      /* Invoice 2 paid twice, out of date order. */
      const int64_t start[] = {0, 0, 0, 2, 2, 2, 3};
      const int64_t dates[] = {20423, 20410, 20392};
      const int64_t amounts[] = {100000, 100, 30000};
      const int64_t zero[] = {100000, 0, 30000};
      TinyColumns(&columns);
      columns.payment_start = start;
      columns.payment_date = dates;
      columns.payment_date_length = 3;
      columns.payment_amount = amounts;
      columns.payment_amount_length = 3;
      CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                      RELANCE_ERROR_INVALID_ARGUMENT, "payment_date");
      (void)bad_dates;
      /* 2 dates only, 3 amounts and offsets ending at 3. */
      columns.payment_date = kPaymentDate;
      columns.payment_date_length = 2;
      CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                      RELANCE_ERROR_INVALID_ARGUMENT, "number of payments (2)");
      {
        const int64_t ordered[] = {20410, 20423, 20392};
        columns.payment_date = ordered;
        columns.payment_date_length = 3;
        columns.payment_amount = zero;
        CHECK_RUN_ERROR(evaluator, &columns, NULL, 1,
                        RELANCE_ERROR_INVALID_ARGUMENT, "payment_amount");
      }
    }

    /* An output of the wrong length. */
    TinyColumns(&columns);
    outputs.interest_length = 5;
    CHECK_RUN_ERROR(evaluator, &columns, &outputs, 1,
                    RELANCE_ERROR_INVALID_ARGUMENT, "interest");
    outputs.interest_length = 6;
    /* Threads: 1..256. */
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 0,
                    RELANCE_ERROR_INVALID_ARGUMENT, "threads");
    CHECK_RUN_ERROR(evaluator, &columns, NULL, 257,
                    RELANCE_ERROR_INVALID_ARGUMENT, "threads");
  }

  /* Misuse: NULL arguments, NULL arrays with a length, wrong sizes. */
  TinyColumns(&columns);
  CHECK_RUN_ERROR(NULL, &columns, NULL, 1, RELANCE_ERROR_MISUSE,
                  "relance_portfolio_run_json: evaluator is NULL");
  CHECK_RUN_ERROR(evaluator, NULL, NULL, 1, RELANCE_ERROR_MISUSE,
                  "columns is NULL");
  CHECK_ERROR(
      relance_portfolio_run_json(evaluator, &columns, NULL, 1, NULL, NULL),
      RELANCE_ERROR_MISUSE, "out_json is NULL");
  columns.flags = NULL;
  CHECK_RUN_ERROR(evaluator, &columns, NULL, 1, RELANCE_ERROR_MISUSE,
                  "columns->flags is NULL with a length of 6");
  TinyColumns(&columns);
  columns.size = offsetof(relance_portfolio_columns, payment_amount);
  CHECK_RUN_ERROR(evaluator, &columns, NULL, 1, RELANCE_ERROR_MISUSE,
                  "columns->size");
  columns.size = sizeof columns + 8;
  CHECK_RUN_ERROR(evaluator, &columns, NULL, 1, RELANCE_ERROR_MISUSE,
                  "columns->size");
  TinyColumns(&columns);
  outputs.size = 3;
  CHECK_RUN_ERROR(evaluator, &columns, &outputs, 1, RELANCE_ERROR_MISUSE,
                  "outputs->size is 3");
  outputs.size = sizeof outputs;
  outputs.balance = NULL;
  CHECK_RUN_ERROR(evaluator, &columns, &outputs, 1, RELANCE_ERROR_MISUSE,
                  "outputs->balance is NULL with a length of 6");
  /* An older outputs struct without action_level leaves it untouched. */
  outputs.balance = balance;
  outputs.size = offsetof(relance_portfolio_outputs, action_level);
  outputs.action_level = NULL; /* never read */
  CHECK_OK(relance_portfolio_run_json(evaluator, &columns, &outputs, 1, &again,
                                      NULL));
  CHECK(strcmp(again, json) == 0);
  relance_string_free(again);
  CHECK_ERROR(relance_portfolio_evaluator_levels(NULL, &levels),
              RELANCE_ERROR_MISUSE, "evaluator is NULL");
  CHECK_ERROR(relance_portfolio_evaluator_levels(evaluator, NULL),
              RELANCE_ERROR_MISUSE, "out is NULL");
  relance_portfolio_evaluator_free(evaluator);
  relance_string_free(json);

  /* Errors of the evaluator's creation. */
  CHECK_OK(relance_policy_from_json(kPortfolioPolicy, RELANCE_NUL_TERMINATED,
                                    NULL, &policy));
  refused = (relance_portfolio_evaluator*)&failures;
  {
    const char* bad_terms[] = {"30D", "net 3O"};
    const char* null_terms[] = {"30D", NULL};
    relance_error_position position;
    CHECK_ERROR(relance_portfolio_evaluator_create(policy, bad_terms, 2, "EUR",
                                                   as_of, NULL, &refused),
                RELANCE_ERROR_INVALID_ARGUMENT, "terms[1]");
    CHECK(refused == NULL);
    CHECK(strstr(relance_last_error_message(), "net 3O") != NULL);
    position.size = sizeof position;
    CHECK(relance_last_error_position(&position) == 1);
    CHECK(strcmp(position.path, "terms[1]") == 0);
    CHECK(position.column > 0);
    CHECK_ERROR(relance_portfolio_evaluator_create(policy, null_terms, 2, "EUR",
                                                   as_of, NULL, &refused),
                RELANCE_ERROR_MISUSE, "terms[1] is NULL");
    CHECK_ERROR(relance_portfolio_evaluator_create(policy, NULL, 2, "EUR",
                                                   as_of, NULL, &refused),
                RELANCE_ERROR_MISUSE, "terms is NULL with a count of 2");
  }
  CHECK_ERROR(relance_portfolio_evaluator_create(policy, terms, 2, "XYZ", as_of,
                                                 NULL, &refused),
              RELANCE_ERROR_INVALID_ARGUMENT, "XYZ");
  CHECK_ERROR(relance_portfolio_evaluator_create(policy, terms, 2, "EUR",
                                                 5000000, NULL, &refused),
              RELANCE_ERROR_INVALID_ARGUMENT, "outside");
  CHECK_ERROR(relance_portfolio_evaluator_create(policy, terms, 2, "EUR", as_of,
                                                 "fast", &refused),
              RELANCE_ERROR_NOT_FOUND, "fast");
  /* Beyond the ECB series' last known date, and no rate assumed. */
  CHECK_ERROR(relance_portfolio_evaluator_create(
                  policy, terms, 2, "EUR", Ymd(2099, 1, 1), NULL, &refused),
              RELANCE_ERROR_OUT_OF_RANGE, "ecb-mro");
  CHECK_ERROR(relance_portfolio_evaluator_create(NULL, terms, 2, "EUR", as_of,
                                                 NULL, &refused),
              RELANCE_ERROR_MISUSE, "policy is NULL");
  CHECK_ERROR(relance_portfolio_evaluator_create(policy, terms, 2, NULL, as_of,
                                                 NULL, &refused),
              RELANCE_ERROR_MISUSE, "currency is NULL");
  CHECK_ERROR(relance_portfolio_evaluator_create(policy, terms, 2, "EUR", as_of,
                                                 NULL, NULL),
              RELANCE_ERROR_MISUSE, "out is NULL");
  relance_policy_free(policy);
  /* A policy the kernel does not compute: standard_fr caps contacts
   * (min_days_between_contacts), which needs each customer's history. */
  {
    char* standard = Example("policies/standard_fr.json");
    CHECK_OK(
        relance_policy_from_json(standard, strlen(standard), NULL, &policy));
    free(standard);
    CHECK_ERROR(relance_portfolio_evaluator_create(policy, terms, 2, "EUR",
                                                   as_of, "default", &refused),
                RELANCE_ERROR_INVALID_ARGUMENT, "min_days_between_contacts");
    CHECK(refused == NULL);
    relance_policy_free(policy);
  }
  relance_portfolio_evaluator_free(NULL);
  relance_portfolio_columns_init(NULL);
  relance_portfolio_outputs_init(NULL);
}

int main(int argc, char** argv) {
  const char* group = argc > 1 ? argv[1] : "all";
  int all = strcmp(group, "all") == 0;
  int ran = 0;
#define GROUP(name, function)            \
  if (all || strcmp(group, name) == 0) { \
    function();                          \
    ran = 1;                             \
  }
  GROUP("versions", TestVersions)
  GROUP("values", TestValues)
  GROUP("calendars", TestCalendars)
  GROUP("terms", TestTerms)
  GROUP("penalties", TestPenalties)
  GROUP("dunning", TestDunning)
  GROUP("misuse", TestMisuse)
  GROUP("portfolio", TestPortfolio)
  if (!ran) {
    fprintf(stderr, "capi_test: no group %s\n", group);
    return 2;
  }
  if (failures != 0) {
    fprintf(stderr, "capi_test %s: %d failure(s)\n", group, failures);
    return 1;
  }
  printf("capi_test %s: ok\n", group);
  return 0;
}
