/* The C ABI's ledger tested from C (C99, -Wall -Wextra -pedantic -Werror,
 * linked to librelance_c only): the sample portfolio of examples/portfolio/
 * imported into a fresh ledger, the run of 2026-03-31 under
 * examples/policies/standard_fr.json twice, an action recorded, a history,
 * the journal verified, and the errors: a file with a bad row refused whole,
 * a ledger held by another writer, a bad event, NULL arguments; a run with
 * a policy of its own for British customers
 * (relance_ledger_run_jurisdictions) and its errors; the demo's e-invoices
 * (examples/einvoices/, README there) read (relance_einvoice_read_json) and
 * imported with their statuses (relance_ledger_import_einvoice).
 *
 * The expected counts are those `relance import/run --json` prints for the
 * same files (tests/cli/ledger_test.sh, scripts/demo): the documents are the
 * same ones (store/ledger_json.hpp). The JSON is read with strstr: the
 * documents are indented by two spaces, `"key": value`.
 *
 *   capi_ledger_test SCRATCH_DIRECTORY */
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

/* `call` fails with `code` and a last error whose message holds
 * `fragment`. */
#define CHECK_ERROR(call, code, fragment)                               \
  do {                                                                  \
    relance_status status_ = (call);                                    \
    CHECK(status_ == (code));                                           \
    CHECK(relance_last_error_code() == (code));                         \
    if (strstr(relance_last_error_message(), (fragment)) == NULL) {     \
      fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, \
              __LINE__, relance_last_error_message(), (fragment));      \
      ++failures;                                                       \
    }                                                                   \
  } while (0)

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

static int FileExists(const char* path) {
  FILE* file = fopen(path, "rb");
  if (file == NULL) return 0;
  fclose(file);
  return 1;
}

/* Whether `json` holds `"key": value` (value as JSON writes it). */
static int JsonHas(const char* json, const char* key, const char* value) {
  char pair[256];
  snprintf(pair, sizeof pair, "\"%s\": %s", key, value);
  if (json != NULL && strstr(json, pair) != NULL) return 1;
  fprintf(stderr, "document lacks %s:\n%s\n", pair, json ? json : "(null)");
  return 0;
}

static const char* scratch = NULL;

static void ScratchPath(char* buffer, size_t capacity, const char* name) {
  snprintf(buffer, capacity, "%s/%s", scratch, name);
}

/* Imports examples/portfolio/<name> as `what` and checks the rows read and
 * imported. */
static void ImportSample(relance_ledger* ledger, const char* what,
                         const char* name, const char* rows) {
  char relative[256];
  char* text;
  char* json = NULL;
  snprintf(relative, sizeof relative, "portfolio/%s", name);
  text = Example(relative);
  CHECK_OK(relance_ledger_import(ledger, what, text, RELANCE_NUL_TERMINATED,
                                 name, 0, "capi_ledger_test",
                                 "2026-03-31T07:00:00Z", &json, NULL));
  CHECK(JsonHas(json, "schema", "\"relance.import\""));
  CHECK(JsonHas(json, "written", "true"));
  CHECK(JsonHas(json, "rows", rows));
  CHECK(JsonHas(json, "imported", rows));
  CHECK(JsonHas(json, "rejected", "0"));
  relance_string_free(json);
  free(text);
}

static void TestScenario(void) {
  char path[1024];
  char* policy = Example("policies/standard_fr.json");
  relance_ledger* ledger = NULL;
  relance_ledger* missing = (relance_ledger*)1;
  char* json = NULL;
  size_t length = 0;
  relance_date as_of = 0;
  relance_date sent_on = 0;
  ScratchPath(path, sizeof path, "ledger.db");

  /* A ledger that does not exist is not created without `create`. */
  CHECK_ERROR(relance_ledger_open(path, 0, &missing),
              RELANCE_ERROR_INVALID_ARGUMENT, "ledger.db");
  CHECK(missing == NULL);
  CHECK(!FileExists(path));
  CHECK_OK(relance_ledger_open(path, 1, &ledger));
  CHECK(ledger != NULL);
  if (ledger == NULL) return;

  /* The sample files' data rows (wc -l less the header; events.jsonl has
   * one event a line). */
  ImportSample(ledger, "customers", "customers.csv", "40");
  ImportSample(ledger, "invoices", "invoices.csv", "305");
  ImportSample(ledger, "payments", "payments.csv", "221");
  ImportSample(ledger, "events", "events.jsonl", "13");

  /* Importing a file again changes nothing: every row is "unchanged". */
  {
    char* text = Example("portfolio/customers.csv");
    CHECK_OK(relance_ledger_import(ledger, "customers", text,
                                   RELANCE_NUL_TERMINATED, "customers.csv", 0,
                                   NULL, NULL, &json, NULL));
    CHECK(JsonHas(json, "written", "false"));
    CHECK(JsonHas(json, "unchanged", "40"));
    relance_string_free(json);
    json = NULL;
    free(text);
  }

  /* The run of 2026-03-31: 27 actions planned, as `relance run --as-of
   * 2026-03-31 --policy examples/policies/standard_fr.json` plans (the
   * demo). Its document is the command's: first the schema keys. */
  CHECK_OK(relance_date_from_ymd(2026, 3, 31, &as_of));
  CHECK_OK(relance_ledger_run(ledger, policy, RELANCE_NUL_TERMINATED, NULL,
                              as_of, 0, "capi_ledger_test",
                              "2026-03-31T07:00:00Z", &json, &length));
  CHECK(json != NULL && length == strlen(json));
  CHECK(json != NULL &&
        strncmp(json, "{\n  \"schema\": \"relance.run\",\n", 29) == 0);
  CHECK(JsonHas(json, "run_id", "1"));
  CHECK(JsonHas(json, "as_of", "\"2026-03-31\""));
  CHECK(JsonHas(json, "actions_planned", "27"));
  CHECK(JsonHas(json, "already_planned", "0"));
  relance_string_free(json);
  json = NULL;

  /* A dry run of the same day writes nothing and plans nothing new. */
  CHECK_OK(relance_ledger_run(ledger, policy, RELANCE_NUL_TERMINATED, NULL,
                              as_of, 1, NULL, NULL, &json, NULL));
  CHECK(JsonHas(json, "run_id", "null"));
  CHECK(JsonHas(json, "actions_planned", "0"));
  relance_string_free(json);
  json = NULL;

  /* The same day again: nothing planned twice, the 27 already planned. */
  CHECK_OK(relance_ledger_run(ledger, policy, RELANCE_NUL_TERMINATED, NULL,
                              as_of, 0, NULL, NULL, &json, NULL));
  CHECK(JsonHas(json, "run_id", "2"));
  CHECK(JsonHas(json, "actions_planned", "0"));
  CHECK(JsonHas(json, "already_planned", "27"));
  relance_string_free(json);
  json = NULL;

  /* Action 1 sent on 2026-04-01: done, dated so. */
  CHECK_OK(relance_date_from_ymd(2026, 4, 1, &sent_on));
  CHECK_OK(relance_ledger_record_sent(ledger, 1, &sent_on, "capi_ledger_test",
                                      "2026-04-01T08:00:00Z", &json, NULL));
  CHECK(JsonHas(json, "schema", "\"relance.action\""));
  CHECK(JsonHas(json, "id", "1"));
  CHECK(JsonHas(json, "status", "\"done\""));
  CHECK(JsonHas(json, "performed_on", "\"2026-04-01\""));
  relance_string_free(json);
  json = NULL;
  /* ... and not twice; an unknown action is not found. */
  CHECK_ERROR(
      relance_ledger_record_sent(ledger, 1, NULL, NULL, NULL, &json, NULL),
      RELANCE_ERROR_FAILED_PRECONDITION, "");
  CHECK(json == NULL);
  CHECK_ERROR(
      relance_ledger_record_sent(ledger, 999, NULL, NULL, NULL, &json, NULL),
      RELANCE_ERROR_NOT_FOUND, "999");

  /* C-1001's history: a customer's document, with its facts. */
  CHECK_OK(relance_ledger_history(ledger, "customer", "C-1001", &json, NULL));
  CHECK(JsonHas(json, "schema", "\"relance.history\""));
  CHECK(JsonHas(json, "subject", "\"customer\""));
  CHECK(JsonHas(json, "id", "\"C-1001\""));
  CHECK(json != NULL && strstr(json, "\"invoice_issued\"") != NULL);
  relance_string_free(json);
  json = NULL;
  /* Without a kind, an id that is no invoice is looked up as a customer. */
  CHECK_OK(relance_ledger_history(ledger, NULL, "C-1001", &json, NULL));
  CHECK(JsonHas(json, "subject", "\"customer\""));
  relance_string_free(json);
  json = NULL;
  CHECK_ERROR(relance_ledger_history(ledger, "invoice", "C-1001", &json, NULL),
              RELANCE_ERROR_NOT_FOUND, "C-1001");
  CHECK_ERROR(relance_ledger_history(ledger, "person", "C-1001", &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "kind");

  /* A fact recorded: C-1001 disputes FA-2026-0089 (issued 2026-02-25, 30
   * days, unpaid); the customer is found from the invoice. */
  {
    const char* event =
        "{\"date\": \"2026-04-02\", \"type\": \"dispute_opened\", "
        "\"invoice\": \"FA-2026-0089\"}";
    CHECK_OK(relance_ledger_record_event(
        ledger, NULL, event, RELANCE_NUL_TERMINATED, NULL, "capi_ledger_test",
        "2026-04-02T09:00:00Z", &json, NULL));
    CHECK(JsonHas(json, "schema", "\"relance.entry\""));
    CHECK(JsonHas(json, "customer", "\"C-1001\""));
    CHECK(JsonHas(json, "type", "\"dispute_opened\""));
    relance_string_free(json);
    json = NULL;
    /* An invoice the ledger does not hold. */
    CHECK_ERROR(relance_ledger_record_event(
                    ledger, NULL,
                    "{\"date\": \"2026-04-02\", \"type\": "
                    "\"dispute_opened\", \"invoice\": \"F-404\"}",
                    RELANCE_NUL_TERMINATED, NULL, NULL, NULL, &json, NULL),
                RELANCE_ERROR_NOT_FOUND, "F-404");
  }
  /* A bad event: nothing written, the message says where. */
  CHECK_ERROR(relance_ledger_record_event(ledger, NULL, "{\"date\": 5}",
                                          RELANCE_NUL_TERMINATED, NULL, NULL,
                                          NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "event");
  CHECK(json == NULL);
  CHECK_ERROR(relance_ledger_record_event(ledger, NULL, "{not json",
                                          RELANCE_NUL_TERMINATED, NULL, NULL,
                                          NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "");

  /* The journal's chain is intact. */
  CHECK_OK(relance_ledger_verify(ledger, &json, NULL));
  CHECK(JsonHas(json, "schema", "\"relance.verify\""));
  CHECK(JsonHas(json, "ok", "true"));
  CHECK(JsonHas(json, "first_altered", "null"));
  relance_string_free(json);
  json = NULL;

  /* The status: 40 customers, 305 invoices, 221 payments; 26 actions
   * planned and 1 done. */
  CHECK_OK(relance_ledger_status(ledger, &json, NULL));
  CHECK(JsonHas(json, "schema", "\"relance.status\""));
  CHECK(JsonHas(json, "customers", "40"));
  CHECK(JsonHas(json, "invoices", "305"));
  CHECK(JsonHas(json, "actions_planned", "26"));
  CHECK(JsonHas(json, "actions_done", "1"));
  relance_string_free(json);
  json = NULL;

  relance_ledger_close(ledger);
  relance_ledger_close(NULL);
  free(policy);
}

static void TestRefusedImport(void) {
  char path[1024];
  relance_ledger* ledger = NULL;
  char* json = NULL;
  /* Row 3 (line 3) has 2026-02-30, a day that does not exist: without
   * skip_bad the file is refused whole, F-1 included. */
  const char* invoices =
      "invoice_id,customer_id,issue_date,currency,amount,due_date\n"
      "F-1,C-1,2026-01-05,EUR,1200.00,2026-02-04\n"
      "F-2,C-1,2026-02-30,EUR,300.00,2026-03-30\n";
  ScratchPath(path, sizeof path, "refused.db");
  CHECK_OK(relance_ledger_open(path, 1, &ledger));
  if (ledger == NULL) return;
  CHECK_OK(relance_ledger_import(ledger, "invoices", invoices,
                                 RELANCE_NUL_TERMINATED, "bad.csv", 0, NULL,
                                 NULL, &json, NULL));
  CHECK(relance_last_error_code() == RELANCE_OK);
  CHECK(JsonHas(json, "written", "false"));
  CHECK(JsonHas(json, "rows", "2"));
  CHECK(JsonHas(json, "imported", "0"));
  CHECK(JsonHas(json, "rejected", "1"));
  CHECK(JsonHas(json, "line", "3"));
  CHECK(JsonHas(json, "field", "\"issue_date\""));
  relance_string_free(json);
  json = NULL;
  CHECK_OK(relance_ledger_status(ledger, &json, NULL));
  CHECK(JsonHas(json, "invoices", "0"));
  relance_string_free(json);
  json = NULL;
  /* With skip_bad the good row goes in. */
  CHECK_OK(relance_ledger_import(ledger, "invoices", invoices,
                                 RELANCE_NUL_TERMINATED, "bad.csv", 1, NULL,
                                 NULL, &json, NULL));
  CHECK(JsonHas(json, "written", "true"));
  CHECK(JsonHas(json, "imported", "1"));
  CHECK(JsonHas(json, "rejected", "1"));
  relance_string_free(json);
  json = NULL;
  /* An unknown kind of file. */
  CHECK_ERROR(
      relance_ledger_import(ledger, "bills", invoices, RELANCE_NUL_TERMINATED,
                            NULL, 0, NULL, NULL, &json, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT, "\"bills\"");
  CHECK(json == NULL);
  relance_ledger_close(ledger);
}

/* Another process holds the ledger's write lock (Python's sqlite3 module,
 * as another program would): a write is refused at once with
 * RELANCE_ERROR_BUSY, nothing written; once released, it goes through. */
static void TestBusy(void) {
  char path[1024];
  char ready[1024];
  char release[1024];
  char command[4096];
  relance_ledger* ledger = NULL;
  char* json = NULL;
  int i;
  const char* customers = "customer_id,name\nC-9,Busy SARL\n";
  ScratchPath(path, sizeof path, "busy.db");
  ScratchPath(ready, sizeof ready, "busy.ready");
  ScratchPath(release, sizeof release, "busy.release");
  CHECK_OK(relance_ledger_open(path, 1, &ledger));
  if (ledger == NULL) return;
  snprintf(command, sizeof command,
           "/usr/bin/python3 -c 'import sqlite3, sys, time, os\n"
           "c = sqlite3.connect(sys.argv[1]); c.isolation_level = None\n"
           "c.execute(\"BEGIN IMMEDIATE\"); open(sys.argv[2], \"w\").close()\n"
           "for _ in range(300):\n"
           "    if os.path.exists(sys.argv[3]): break\n"
           "    time.sleep(0.1)\n"
           "c.execute(\"ROLLBACK\")\n"
           "os.remove(sys.argv[2])' '%s' '%s' '%s' &",
           path, ready, release);
  CHECK(system(command) == 0);
  for (i = 0; i < 300 && !FileExists(ready); ++i) {
    if (system("sleep 0.1") != 0) break;
  }
  CHECK(FileExists(ready));
  CHECK_ERROR(relance_ledger_import(ledger, "customers", customers,
                                    RELANCE_NUL_TERMINATED, NULL, 0, NULL, NULL,
                                    &json, NULL),
              RELANCE_ERROR_BUSY, "in use by another relance process");
  CHECK(json == NULL);
  CHECK(strcmp(relance_status_string(RELANCE_ERROR_BUSY), "busy") == 0);
  {
    FILE* file = fopen(release, "wb");
    if (file != NULL) fclose(file);
  }
  for (i = 0; i < 300 && FileExists(ready); ++i) {
    if (system("sleep 0.1") != 0) break;
  }
  CHECK_OK(relance_ledger_import(ledger, "customers", customers,
                                 RELANCE_NUL_TERMINATED, NULL, 0, NULL, NULL,
                                 &json, NULL));
  CHECK(JsonHas(json, "imported", "1"));
  CHECK(JsonHas(json, "file", "\"customers\""));
  relance_string_free(json);
  relance_ledger_close(ledger);
}

/* A file that is not a ledger is RELANCE_ERROR_DATA_LOSS. */
static void TestNotALedger(void) {
  char path[1024];
  relance_ledger* ledger = (relance_ledger*)1;
  FILE* file;
  ScratchPath(path, sizeof path, "not_a_ledger.db");
  file = fopen(path, "wb");
  CHECK(file != NULL);
  if (file == NULL) return;
  fputs(
      "this is a text file, not a SQLite database, long enough to be "
      "read as one: 0123456789012345678901234567890123456789\n",
      file);
  fclose(file);
  /* SQLite's "file is not a database". */
  CHECK_ERROR(relance_ledger_open(path, 1, &ledger), RELANCE_ERROR_DATA_LOSS,
              "database");
  CHECK(ledger == NULL);
  CHECK(strcmp(relance_status_string(RELANCE_ERROR_DATA_LOSS), "data_loss") ==
        0);
}

static void TestMisuse(void) {
  char path[1024];
  relance_ledger* ledger = NULL;
  char* json = NULL;
  ScratchPath(path, sizeof path, "misuse.db");
  CHECK_ERROR(relance_ledger_open(NULL, 1, &ledger), RELANCE_ERROR_MISUSE,
              "path is NULL");
  CHECK_ERROR(relance_ledger_open(path, 1, NULL), RELANCE_ERROR_MISUSE,
              "out is NULL");
  CHECK_OK(relance_ledger_open(path, 1, &ledger));
  if (ledger == NULL) return;
  CHECK_ERROR(relance_ledger_import(NULL, "customers", "", 0, NULL, 0, NULL,
                                    NULL, &json, NULL),
              RELANCE_ERROR_MISUSE, "ledger is NULL");
  CHECK_ERROR(relance_ledger_import(ledger, NULL, "", 0, NULL, 0, NULL, NULL,
                                    &json, NULL),
              RELANCE_ERROR_MISUSE, "what is NULL");
  CHECK_ERROR(relance_ledger_import(ledger, "customers", NULL, 0, NULL, 0, NULL,
                                    NULL, &json, NULL),
              RELANCE_ERROR_MISUSE, "text is NULL");
  CHECK_ERROR(relance_ledger_import(ledger, "customers", "", 0, NULL, 0, NULL,
                                    NULL, NULL, NULL),
              RELANCE_ERROR_MISUSE, "out_json is NULL");
  CHECK_ERROR(
      relance_ledger_run(ledger, NULL, 0, NULL, 0, 0, NULL, NULL, &json, NULL),
      RELANCE_ERROR_MISUSE, "policy_json is NULL");
  /* A bad policy names its field. */
  CHECK_ERROR(relance_ledger_run(ledger, "{\"id\": 3}", RELANCE_NUL_TERMINATED,
                                 NULL, 0, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "policy");
  CHECK_ERROR(
      relance_ledger_record_sent(NULL, 1, NULL, NULL, NULL, &json, NULL),
      RELANCE_ERROR_MISUSE, "ledger is NULL");
  CHECK_ERROR(relance_ledger_record_event(ledger, NULL, NULL, 0, NULL, NULL,
                                          NULL, &json, NULL),
              RELANCE_ERROR_MISUSE, "event_json is NULL");
  CHECK_ERROR(relance_ledger_history(ledger, NULL, NULL, &json, NULL),
              RELANCE_ERROR_MISUSE, "id is NULL");
  CHECK_ERROR(relance_ledger_status(NULL, &json, NULL), RELANCE_ERROR_MISUSE,
              "ledger is NULL");
  CHECK_ERROR(relance_ledger_verify(ledger, NULL, NULL), RELANCE_ERROR_MISUSE,
              "out_json is NULL");
  CHECK(json == NULL);
  relance_ledger_close(ledger);
}

/* Whether the first `"key": value` after `anchor` in `json` is the one
 * given: in a run's document, the level of the action that follows a
 * customer's id. */
static int JsonHasAfter(const char* json, const char* anchor, const char* key,
                        const char* value) {
  char pair[256];
  char prefix[256];
  const char* at = json == NULL ? NULL : strstr(json, anchor);
  const char* found;
  snprintf(prefix, sizeof prefix, "\"%s\": ", key);
  snprintf(pair, sizeof pair, "\"%s\": %s", key, value);
  found = at == NULL ? NULL : strstr(at, prefix);
  if (found != NULL && strncmp(found, pair, strlen(pair)) == 0) return 1;
  fprintf(stderr, "document lacks %s after %s:\n%s\n", pair, anchor,
          json ? json : "(null)");
  return 0;
}

/* Two customers, one in France and one in Great Britain, each with one
 * invoice of 1000.00 due 2026-03-03, 28 days late on 2026-03-31. The run's
 * policy has one level, "rappel_fr" (email, from 1 day late); the British
 * policy one level, "reminder_uk" (letter, from 1 day late). Run under both,
 * C-FR gets "rappel_fr" and C-GB "reminder_uk"; without the British policy
 * C-GB gets "rappel_fr" too. */
static const char kFrenchPolicy[] =
    "{\"id\": \"fr\", \"version\": 1, \"levels\": [{\"id\": \"rappel_fr\", "
    "\"offset_days\": 1, \"channel\": \"email\", \"template\": "
    "\"relance_1\"}]}";
static const char kBritishPolicy[] =
    "{\"id\": \"uk\", \"version\": 2, \"levels\": [{\"id\": \"reminder_uk\", "
    "\"offset_days\": 1, \"channel\": \"letter\", \"template\": "
    "\"uk_reminder_1\"}]}";

static void TestJurisdictions(void) {
  char path[1024];
  relance_ledger* ledger = NULL;
  char* json = NULL;
  char* plain = NULL;
  size_t length = 0;
  relance_date as_of = 0;
  relance_error_position position;
  relance_jurisdiction_policy policies[2];
  const char* customers =
      "customer_id,name,segment,language,jurisdiction\n"
      "C-FR,Dupont SARL,,fr,FR\n"
      "C-GB,Smith Ltd,,en,GB\n";
  const char* invoices =
      "invoice_id,customer_id,issue_date,currency,amount,due_date\n"
      "F-FR,C-FR,2026-02-01,EUR,1000.00,2026-03-03\n"
      "F-GB,C-GB,2026-02-01,GBP,1000.00,2026-03-03\n";
  ScratchPath(path, sizeof path, "jurisdictions.db");
  CHECK_OK(relance_ledger_open(path, 1, &ledger));
  if (ledger == NULL) return;
  CHECK_OK(relance_ledger_import(ledger, "customers", customers,
                                 RELANCE_NUL_TERMINATED, NULL, 0, NULL, NULL,
                                 &json, NULL));
  CHECK(JsonHas(json, "imported", "2"));
  relance_string_free(json);
  CHECK_OK(relance_ledger_import(ledger, "invoices", invoices,
                                 RELANCE_NUL_TERMINATED, NULL, 0, NULL, NULL,
                                 &json, NULL));
  CHECK(JsonHas(json, "imported", "2"));
  relance_string_free(json);
  json = NULL;
  CHECK_OK(relance_date_from_ymd(2026, 3, 31, &as_of));

  /* Without jurisdiction policies it is relance_ledger_run, byte for byte
   * (dry runs: nothing recorded, so the two see the same ledger). */
  CHECK_OK(relance_ledger_run(ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED,
                              NULL, as_of, 1, NULL, NULL, &plain, NULL));
  CHECK_OK(relance_ledger_run_jurisdictions(
      ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, NULL, 0, as_of, 1,
      NULL, NULL, &json, NULL));
  CHECK(plain != NULL && json != NULL && strcmp(plain, json) == 0);
  CHECK(JsonHasAfter(json, "\"C-GB\"", "level", "\"rappel_fr\""));
  CHECK(JsonHas(json, "jurisdiction_policies", "[]"));
  relance_string_free(plain);
  relance_string_free(json);
  json = NULL;

  /* The errors, before the real run: each writes nothing (the run below is
   * run 1). A bad British policy names the jurisdiction and the JSON path
   * ("one" is no integer). */
  policies[0].jurisdiction = "GB";
  policies[0].policy_json =
      "{\"id\": \"uk\", \"version\": 2, \"levels\": [{\"id\": "
      "\"reminder_uk\", \"offset_days\": \"one\", \"channel\": \"letter\"}]}";
  policies[0].policy_length = RELANCE_NUL_TERMINATED;
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  1, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "policy for GB (jurisdiction_policies[0]): "
              "levels[0].offset_days: expected an integer");
  CHECK(json == NULL);
  position.size = sizeof position;
  CHECK(relance_last_error_position(&position) == 1);
  CHECK(strcmp(position.path, "levels[0].offset_days") == 0);
  /* Text that is not JSON: the jurisdiction and the line and column. The
   * length given (17 bytes) cuts the text after `{"id": "uk", "ve`. */
  policies[0].policy_json = kBritishPolicy;
  policies[0].policy_length = 17;
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  1, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "policy for GB (jurisdiction_policies[0]): invalid JSON");
  policies[0].policy_length = RELANCE_NUL_TERMINATED;
  /* GB twice, even with the same policy. */
  policies[1] = policies[0];
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  2, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "jurisdiction_policies[1].jurisdiction: GB is given twice");
  /* A jurisdiction as customers.csv never holds it. */
  policies[1].jurisdiction = "gb";
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  2, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "jurisdiction_policies[1].jurisdiction: expected two uppercase "
              "letters (\"GB\"), got \"gb\"");
  policies[1].jurisdiction = "GBR";
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  2, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "got \"GBR\"");
  /* NULL misuse. */
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, NULL, 1,
                  as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_MISUSE,
              "relance_ledger_run_jurisdictions: jurisdiction_policies is "
              "NULL with jurisdiction_count 1");
  policies[1].jurisdiction = NULL;
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  2, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_MISUSE,
              "jurisdiction_policies[1].jurisdiction is NULL");
  policies[1].jurisdiction = "DE";
  policies[1].policy_json = NULL;
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  2, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_MISUSE,
              "jurisdiction_policies[1].policy_json is NULL");
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  NULL, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  1, as_of, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_MISUSE, "ledger is NULL");
  CHECK_ERROR(
      relance_ledger_run_jurisdictions(ledger, NULL, 0, NULL, policies, 1,
                                       as_of, 0, NULL, NULL, &json, NULL),
      RELANCE_ERROR_MISUSE, "policy_json is NULL");
  CHECK_ERROR(relance_ledger_run_jurisdictions(
                  ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies,
                  1, as_of, 0, NULL, NULL, NULL, NULL),
              RELANCE_ERROR_MISUSE, "out_json is NULL");
  /* Policy options of a size this library does not know: named with the
   * entry point (every policy is compiled with them). */
  {
    relance_policy_options options;
    relance_policy_options_init(&options);
    options.size = 3;
    CHECK_ERROR(relance_ledger_run_jurisdictions(
                    ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, &options,
                    policies, 1, as_of, 0, NULL, NULL, &json, NULL),
                RELANCE_ERROR_MISUSE,
                "relance_ledger_run_jurisdictions: policy_options->size is 3");
  }
  /* relance_ledger_run's own misuse still names it. */
  CHECK_ERROR(relance_ledger_run(ledger, NULL, 0, NULL, as_of, 0, NULL, NULL,
                                 &json, NULL),
              RELANCE_ERROR_MISUSE, "relance_ledger_run: policy_json is NULL");
  CHECK(json == NULL);

  /* The run: C-FR under the run's policy, C-GB under the British one. */
  CHECK_OK(relance_ledger_run_jurisdictions(
      ledger, kFrenchPolicy, RELANCE_NUL_TERMINATED, NULL, policies, 1, as_of,
      0, "capi_ledger_test", "2026-03-31T07:00:00Z", &json, &length));
  CHECK(json != NULL && length == strlen(json));
  CHECK(JsonHas(json, "run_id", "1"));
  CHECK(JsonHas(json, "policy", "\"fr\""));
  CHECK(JsonHas(json, "actions_planned", "2"));
  CHECK(JsonHasAfter(json, "\"C-FR\"", "level", "\"rappel_fr\""));
  CHECK(JsonHasAfter(json, "\"C-FR\"", "channel", "\"email\""));
  CHECK(JsonHasAfter(json, "\"C-GB\"", "level", "\"reminder_uk\""));
  CHECK(JsonHasAfter(json, "\"C-GB\"", "channel", "\"letter\""));
  /* The document lists GB with its policy's "id vN". */
  CHECK(JsonHasAfter(json, "\"jurisdiction_policies\"", "jurisdiction",
                     "\"GB\""));
  CHECK(JsonHasAfter(json, "\"jurisdiction_policies\"", "policy", "\"uk v2\""));
  relance_string_free(json);
  json = NULL;
  relance_ledger_close(ledger);
}

/* The bytes of examples/<relative> and their number (a PDF holds NULs). */
static char* ExampleBytes(const char* relative, size_t* size) {
  char path[1024];
  char* bytes;
  FILE* file;
  long length;
  snprintf(path, sizeof path, "%s/examples/%s", RELANCE_SOURCE_DIR, relative);
  file = fopen(path, "rb");
  if (file == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(file, 0, SEEK_END);
  length = ftell(file);
  fseek(file, 0, SEEK_SET);
  bytes = malloc((size_t)length + 1);
  if (bytes == NULL ||
      fread(bytes, 1, (size_t)length, file) != (size_t)length) {
    exit(2);
  }
  fclose(file);
  *size = (size_t)length;
  return bytes;
}

static void TestEInvoices(void) {
  char path[1024];
  relance_ledger* ledger = NULL;
  char* json = NULL;
  size_t size = 0;
  char* invoice = Example("einvoices/FX-2026-0001.xml");
  char* xrechnung = Example("einvoices/FX-2026-0003.xml");
  char* cashed = Example("einvoices/statuses/FX-2026-0001_212_encaissee.xml");
  char* pdf = ExampleBytes("einvoices/FX-2026-0006.pdf", &size);
  relance_status status;

  /* Read: FX-2026-0001, 1440.00 EUR due 2026-03-04 for C-1001. */
  CHECK_OK(relance_einvoice_read_json(invoice, RELANCE_NUL_TERMINATED,
                                      "FX-2026-0001.xml", NULL, &json, NULL));
  CHECK(JsonHas(json, "schema", "\"relance.einvoice\""));
  CHECK(JsonHas(json, "amount_due", "\"1440.00 EUR\""));
  CHECK(JsonHas(json, "kind", "\"invoice_issued\""));
  relance_string_free(json);
  json = NULL;
  /* FX-2026-0003: no due date, no terms relance reads. */
  CHECK_OK(relance_einvoice_read_json(xrechnung, RELANCE_NUL_TERMINATED, NULL,
                                      NULL, &json, NULL));
  CHECK(JsonHas(json, "fact", "null"));
  relance_string_free(json);
  json = NULL;
  CHECK_OK(relance_einvoice_read_json(xrechnung, RELANCE_NUL_TERMINATED, NULL,
                                      "30D", &json, NULL));
  CHECK(JsonHas(json, "default_terms_applied", "true"));
  relance_string_free(json);
  json = NULL;
  /* The PDF, by its length; UNSUPPORTED in a build without PDF support. */
  status = relance_einvoice_read_json(pdf, size, "FX-2026-0006.pdf", NULL,
                                      &json, NULL);
  CHECK(status == RELANCE_OK || status == RELANCE_ERROR_UNSUPPORTED);
  if (status == RELANCE_OK) {
    CHECK(JsonHas(json, "source", "\"FX-2026-0006.pdf#factur-x.xml\""));
    CHECK(JsonHas(json, "amount_due", "\"3900.00 EUR\""));
  }
  relance_string_free(json);
  json = NULL;
  CHECK_OK(relance_einvoice_read_json(cashed, RELANCE_NUL_TERMINATED, NULL,
                                      NULL, &json, NULL));
  CHECK(JsonHas(json, "schema", "\"relance.einvoice_statuses\""));
  CHECK(JsonHas(json, "effect", "\"payment\""));
  relance_string_free(json);
  json = NULL;
  CHECK_ERROR(relance_einvoice_read_json("<a>", RELANCE_NUL_TERMINATED,
                                         "broken.xml", NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "broken.xml: not well-formed XML");
  CHECK(json == NULL);
  CHECK_ERROR(relance_einvoice_read_json(NULL, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_MISUSE, "bytes");

  /* Into a fresh ledger. */
  ScratchPath(path, sizeof path, "einvoices.db");
  CHECK_OK(relance_ledger_open(path, 1, &ledger));
  CHECK_OK(relance_ledger_import_einvoice(
      ledger, "einvoice", invoice, RELANCE_NUL_TERMINATED, "FX-2026-0001.xml",
      NULL, NULL, 0, "capi_ledger_test", "2026-03-31T07:00:00Z", &json, NULL));
  CHECK(JsonHas(json, "imported", "1"));
  relance_string_free(json);
  json = NULL;
  /* Refused without default terms (a document, not a failed call)... */
  CHECK_OK(relance_ledger_import_einvoice(
      ledger, "einvoice", xrechnung, RELANCE_NUL_TERMINATED, "FX-2026-0003.xml",
      NULL, NULL, 0, "capi_ledger_test", "2026-03-31T07:00:00Z", &json, NULL));
  CHECK(JsonHas(json, "written", "false"));
  CHECK(JsonHas(json, "field", "\"BT-9\""));
  relance_string_free(json);
  json = NULL;
  /* ... imported with them, for the customer the host names. */
  CHECK_OK(relance_ledger_import_einvoice(
      ledger, "einvoice", xrechnung, RELANCE_NUL_TERMINATED, "FX-2026-0003.xml",
      "C-9999", "30D", 0, "capi_ledger_test", "2026-03-31T07:00:00Z", &json,
      NULL));
  CHECK(JsonHas(json, "imported", "1"));
  relance_string_free(json);
  json = NULL;
  CHECK_OK(relance_ledger_history(ledger, "customer", "C-9999", &json, NULL));
  CHECK(JsonHas(json, "invoice", "\"FX-2026-0003\""));
  relance_string_free(json);
  json = NULL;
  /* The 212 through relance_ledger_import: a payment of 600.00 EUR. */
  CHECK_OK(relance_ledger_import(
      ledger, "statuses", cashed, RELANCE_NUL_TERMINATED, "212.xml", 0,
      "capi_ledger_test", "2026-03-31T07:00:00Z", &json, NULL));
  CHECK(JsonHas(json, "imported", "1"));
  relance_string_free(json);
  json = NULL;
  CHECK_ERROR(relance_ledger_import_einvoice(ledger, "invoices", invoice,
                                             RELANCE_NUL_TERMINATED, NULL, NULL,
                                             NULL, 0, NULL, NULL, &json, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "expected \"einvoice\" or \"statuses\"");
  relance_ledger_close(ledger);
  free(invoice);
  free(xrechnung);
  free(cashed);
  free(pdf);
}

int main(int argc, char** argv) {
  char command[2048];
  if (argc != 2) {
    fprintf(stderr, "usage: capi_ledger_test SCRATCH_DIRECTORY\n");
    return 2;
  }
  scratch = argv[1];
  snprintf(command, sizeof command, "rm -rf '%s' && mkdir -p '%s'", scratch,
           scratch);
  if (system(command) != 0) return 2;
  TestScenario();
  TestRefusedImport();
  TestBusy();
  TestNotALedger();
  TestMisuse();
  TestJurisdictions();
  TestEInvoices();
  if (failures != 0) {
    fprintf(stderr, "capi_ledger_test: %d failure(s)\n", failures);
    return 1;
  }
  printf("capi_ledger_test: ok\n");
  return 0;
}
