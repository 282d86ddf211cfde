/* Letters and dossiers over the C ABI, tested from C (C99, -Wall -Wextra
 * -pedantic -Werror, linked to librelance_c only). `capi_letters_test GROUP`
 * runs one group (CTest registers each).
 *
 * The expected values are the committed golden files of the C++ tests,
 * reviewed by reading them: tests/golden/letters/courtesy_notice.<lang>.*
 * (tests/letter_test.cpp, LetterGolden.CourtesyNotice: the policy
 * kFrenchPolicy and the Dupont case below, 9 February 2026, the creditor
 * FrenchCreditor) and tests/golden/dossier/martin_2026-03-31.* (tests/
 * dossier_test.cpp: examples/policies/standard_fr.json, the Martin case
 * below, 31 March 2026, the creditor Lune). The C ABI must give those bytes
 * exactly. */
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
    if (strstr(relance_last_error_message(), (fragment)) == NULL) {     \
      fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, \
              __LINE__, relance_last_error_message(), (fragment));      \
      ++failures;                                                       \
    }                                                                   \
  } while (0)

static relance_date Ymd(int year, int month, int day) {
  relance_date date = 0;
  if (relance_date_from_ymd(year, month, day, &date) != RELANCE_OK) exit(2);
  return date;
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

/* A file of the source tree, e.g. "tests/golden/letters/x.fr.txt". */
static char* SourceFile(const char* relative) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", RELANCE_SOURCE_DIR, relative);
  return ReadFile(path);
}

static void SourcePath(char* path, size_t size, const char* relative) {
  snprintf(path, size, "%s/%s", RELANCE_SOURCE_DIR, relative);
}

/* `text` as a JSON string's contents, escaped as relance writes JSON
 * (nlohmann::json: '"', '\\', \b \f \n \r \t, other control characters as
 * \u00XX, every other byte as is). Caller frees. */
static char* JsonEscape(const char* text) {
  size_t length = strlen(text);
  char* out = malloc(length * 6 + 1);
  char* p = out;
  if (out == NULL) exit(2);
  for (; *text != '\0'; ++text) {
    unsigned char c = (unsigned char)*text;
    switch (c) {
      case '"':
        *p++ = '\\';
        *p++ = '"';
        break;
      case '\\':
        *p++ = '\\';
        *p++ = '\\';
        break;
      case '\b':
        *p++ = '\\';
        *p++ = 'b';
        break;
      case '\f':
        *p++ = '\\';
        *p++ = 'f';
        break;
      case '\n':
        *p++ = '\\';
        *p++ = 'n';
        break;
      case '\r':
        *p++ = '\\';
        *p++ = 'r';
        break;
      case '\t':
        *p++ = '\\';
        *p++ = 't';
        break;
      default:
        if (c < 0x20) {
          p += sprintf(p, "\\u%04x", c);
        } else {
          *p++ = (char)c;
        }
    }
  }
  *p = '\0';
  return out;
}

/* Whether `json` holds the member `"key": "<value escaped>"`. */
static int HasMember(const char* json, const char* key, const char* value) {
  char* escaped = JsonEscape(value);
  size_t size = strlen(key) + strlen(escaped) + 8;
  char* member = malloc(size);
  int found;
  if (member == NULL) exit(2);
  snprintf(member, size, "\"%s\": \"%s\"", key, escaped);
  found = strstr(json, member) != NULL;
  if (!found) {
    fprintf(stderr, "no member %.120s... in the document\n", member);
  }
  free(member);
  free(escaped);
  return found;
}

/* The number of times `needle` occurs in `text`. */
static int Count(const char* text, const char* needle) {
  int count = 0;
  const char* at = text;
  while ((at = strstr(at, needle)) != NULL) {
    ++count;
    at += strlen(needle);
  }
  return count;
}

/* Checks that the letters document `json` holds exactly one letter whose
 * subject, text and HTML are the golden files tests/golden/letters/
 * <name>.<lang>.{txt,html}. The .txt holds "Subject: <subject>", a line
 * "---" and the text. */
static void CheckGoldenLetter(const char* json, const char* name,
                              const char* lang) {
  char relative[256];
  char* golden;
  char* subject;
  char* separator;
  char* html;
  snprintf(relative, sizeof relative, "tests/golden/letters/%s.%s.txt", name,
           lang);
  golden = SourceFile(relative);
  CHECK(strncmp(golden, "Subject: ", 9) == 0);
  subject = golden + 9;
  separator = strstr(subject, "\n---\n");
  CHECK(separator != NULL);
  if (separator == NULL) {
    free(golden);
    return;
  }
  *separator = '\0';
  CHECK(HasMember(json, "subject", subject));
  CHECK(HasMember(json, "text", separator + 5));
  snprintf(relative, sizeof relative, "tests/golden/letters/%s.%s.html", name,
           lang);
  html = SourceFile(relative);
  CHECK(HasMember(json, "html", html));
  CHECK(Count(json, "\"file_stem\": ") == 1);
  free(html);
  free(golden);
}

/* tests/letter_test.cpp, kFrenchPolicy: a French B2B ladder under fr-b2b. */
static const char kFrenchPolicy[] =
    "{\"id\": \"letters-fr\", \"version\": 2, \"penalties\": \"fr-b2b\","
    " \"thank_you_after_payment\": true, \"thank_you_template\": \"merci\","
    " \"levels\": ["
    "{\"id\": \"courtesy\", \"offset_days\": -5, \"channel\": \"email\","
    " \"template\": \"prevenance\"},"
    "{\"id\": \"reminder1\", \"offset_days\": 1, \"channel\": \"email\","
    " \"template\": \"relance_1\"},"
    "{\"id\": \"call\", \"offset_days\": 8, \"channel\": \"phone\"},"
    "{\"id\": \"reminder2\", \"offset_days\": 15, \"channel\": \"letter\","
    " \"template\": \"relance_2\"},"
    "{\"id\": \"notice\", \"offset_days\": 21, \"channel\":"
    " \"registered_letter\", \"template\": \"mise_en_demeure\","
    " \"payment_deadline_days\": 8, \"block_account\": true,"
    " \"statement_of_account\": true},"
    "{\"id\": \"agency\", \"offset_days\": 45, \"channel\":"
    " \"agency_handoff\", \"task\": true},"
    "{\"id\": \"legal\", \"offset_days\": 90, \"channel\": \"legal\","
    " \"task\": true}]}";

/* tests/letter_test.cpp, Dupont(): two invoices issued on 15 January 2026,
 * due on 14 February, 1 200,00 EUR and 350,50 EUR. */
static const char kDupontCase[] =
    "{\"customer\": {\"id\": \"C-042\", \"name\": \"Dupont & Fils SARL\"},"
    " \"events\": ["
    "{\"date\": \"2026-01-15\", \"type\": \"invoice_issued\", \"invoice\":"
    " \"F-2026-014\", \"amount\": \"1200.00 EUR\", \"due_date\":"
    " \"2026-02-14\"},"
    "{\"date\": \"2026-01-15\", \"type\": \"invoice_issued\", \"invoice\":"
    " \"F-2026-015\", \"amount\": \"350.50 EUR\", \"due_date\":"
    " \"2026-02-14\"}]}";

/* tests/letter_test.cpp, FrenchCreditor(): the creditor, agency and the
 * debtor's address. The debtor has no name: the case's customer name
 * ("Dupont & Fils SARL", as in FrenchCreditor) is used. No language: French. */
static const char kDupontLetterhead[] =
    "{\"creditor\": {\"name\": \"Atelier Martin SARL\","
    " \"address_lines\": [\"12 rue des Tanneurs\", \"69007 Lyon\"],"
    " \"email\": \"compta@atelier-martin.fr\","
    " \"phone\": \"+33 4 78 00 00 00\","
    " \"registration\": \"SIREN 812 345 678 \xE2\x80\x93 RCS Lyon\","
    " \"payment_link\": \"https://pay.example.com/C-042?a=1&b=2\","
    " \"iban\": \"FR76 3000 4000 0500 0012 3456 789\","
    " \"bic\": \"BNPAFRPPXXX\","
    " \"signatory\": \"Service comptabilit\xC3\xA9 clients\"},"
    " \"debtor\": {\"address_lines\": [\"4 avenue <des> Canuts\","
    " \"69100 Villeurbanne\"]},"
    " \"agency\": {\"name\": \"Recouvrement Rh\xC3\xB4ne-Alpes\","
    " \"address_lines\": [\"1 place Bellecour\", \"69002 Lyon\"]}}";

/* tests/dossier_test.cpp, kMartinCase. */
static const char kMartinCase[] =
    "{\"customer\": {\"id\": \"C-310\", \"name\": \"Boulangerie Martin "
    "SARL\"}, \"events\": ["
    "{\"date\": \"2026-01-05\", \"type\": \"invoice_issued\", \"invoice\": "
    "\"F-2001\", \"amount\": \"3000.00 EUR\", \"due_date\": \"2026-02-04\", "
    "\"reference\": \"FAC-2026-2001.pdf\"},"
    "{\"date\": \"2026-01-20\", \"type\": \"invoice_issued\", \"invoice\": "
    "\"F-2002\", \"amount\": \"1200.00 EUR\", \"terms\": \"net 30\"},"
    "{\"date\": \"2026-02-05\", \"type\": \"action_performed\", \"invoice\": "
    "\"F-2001\", \"level\": \"reminder1\", \"channel\": \"email\", "
    "\"reference\": \"R-2026-0201\"},"
    "{\"date\": \"2026-02-12\", \"type\": \"action_performed\", \"invoice\": "
    "\"F-2001\", \"level\": \"call\", \"channel\": \"phone\", \"reference\": "
    "\"appel avec Mme Martin\"},"
    "{\"date\": \"2026-02-12\", \"type\": \"promise_to_pay\", \"invoice\": "
    "\"F-2001\", \"promised_date\": \"2026-02-20\", \"amount\": \"3000.00 "
    "EUR\"},"
    "{\"date\": \"2026-02-13\", \"type\": \"promise_confirmed\", \"invoice\": "
    "\"F-2001\", \"reference\": \"courriel du 13 f\xC3\xA9vrier\"},"
    "{\"date\": \"2026-02-20\", \"type\": \"action_performed\", \"invoice\": "
    "\"F-2002\", \"level\": \"reminder1\", \"channel\": \"email\", "
    "\"reference\": \"R-2026-0233\"},"
    "{\"date\": \"2026-02-23\", \"type\": \"action_performed\", \"invoice\": "
    "\"F-2001\", \"level\": \"reminder2\", \"channel\": \"letter\", "
    "\"reference\": \"LS-2026-0042\"},"
    "{\"date\": \"2026-02-25\", \"type\": \"dispute_opened\", \"invoice\": "
    "\"F-2002\", \"amount\": \"200.00 EUR\", \"reason\": \"une palette "
    "endommag\xC3\xA9"
    "e <\xC3\xA0 la livraison>\"},"
    "{\"date\": \"2026-03-02\", \"type\": \"action_performed\", \"invoice\": "
    "\"F-2001\", \"level\": \"notice\", \"channel\": \"registered_letter\", "
    "\"reference\": \"LRAR 1A 234 567 8901 2\"},"
    "{\"date\": \"2026-03-10\", \"type\": \"dispute_resolved\", \"invoice\": "
    "\"F-2002\", \"outcome\": \"rejected\", \"reference\": \"constat du "
    "transporteur\"},"
    "{\"date\": \"2026-03-12\", \"type\": \"action_performed\", \"invoice\": "
    "\"F-2002\", \"level\": \"reminder2\", \"channel\": \"letter\", "
    "\"reference\": \"LS-2026-0051\"},"
    "{\"date\": \"2026-03-16\", \"type\": \"payment_received\", \"invoice\": "
    "\"F-2001\", \"amount\": \"3000.00 EUR\", \"reference\": \"VIR "
    "55120\"}]}";

/* tests/dossier_test.cpp, Lune(): the dossier's creditor, and the debtor's
 * address MartinDossier() gives. The letterhead says English; the JSON
 * document has no language, and the HTML page is English unless told
 * otherwise. */
static const char kLuneLetterhead[] =
    "{\"language\": \"en\", \"creditor\": {\"name\": \"Atelier Lune SAS\","
    " \"address_lines\": [\"12 rue des Lilas\", \"69003 Lyon\", \"France\"],"
    " \"registration\": \"SIREN 512 345 678\"},"
    " \"debtor\": {\"address_lines\": [\"3 place Grandcl\xC3\xA9ment\","
    " \"69100 Villeurbanne\"]}}";

static relance_policy* Policy(const char* json) {
  relance_policy* policy = NULL;
  if (relance_policy_from_json(json, RELANCE_NUL_TERMINATED, NULL, &policy) !=
      RELANCE_OK) {
    fprintf(stderr, "policy: %s\n", relance_last_error_message());
    exit(2);
  }
  return policy;
}

static relance_case* Case(const char* json) {
  relance_case* c = NULL;
  if (relance_case_from_json(json, RELANCE_NUL_TERMINATED, NULL, &c) !=
      RELANCE_OK) {
    fprintf(stderr, "case: %s\n", relance_last_error_message());
    exit(2);
  }
  return c;
}

/* --- letters ------------------------------------------------------------- */
static void TestLetters(void) {
  relance_policy* policy = Policy(kFrenchPolicy);
  relance_case* c = Case(kDupontCase);
  relance_decision* decision = NULL;
  char* json = NULL;
  size_t length = 0;
  char directory[1024];
  /* 9 February 2026, five days before the due date: the courtesy notice
   * (offset -5), the decision's one action. */
  CHECK_OK(relance_evaluate(policy, c, Ymd(2026, 2, 9), &decision));

  /* French (the letterhead's default): the golden letter, byte for byte,
   * with the debtor named after the case's customer. */
  CHECK_OK(relance_letters_json(policy, c, decision, kDupontLetterhead,
                                RELANCE_NUL_TERMINATED, NULL, NULL, &json,
                                &length));
  CHECK(relance_last_error_code() == RELANCE_OK);
  CHECK(json != NULL && strlen(json) == length);
  if (json != NULL) {
    CHECK(strncmp(json,
                  "{\n  \"schema\": \"relance.letters\",\n"
                  "  \"schema_version\": 1,\n  \"customer\": \"C-042\",\n"
                  "  \"as_of\": \"2026-02-09\",\n  \"language\": \"fr\",",
                  strlen("{\n  \"schema\": \"relance.letters\",\n"
                         "  \"schema_version\": 1,\n  \"customer\": "
                         "\"C-042\",\n  \"as_of\": \"2026-02-09\",\n"
                         "  \"language\": \"fr\",")) == 0);
    CHECK(HasMember(json, "kind", "courtesy_notice"));
    CHECK(HasMember(json, "file_stem", "2026-02-09_C-042_courtesy"));
    CHECK(HasMember(json, "text", "courtesy_notice.fr.txt"));
    CheckGoldenLetter(json, "courtesy_notice", "fr");
    CHECK(json[length - 1] == '\n');
  }
  relance_string_free(json);

  /* The language argument wins over the letterhead's: English. */
  json = NULL;
  CHECK_OK(relance_letters_json(policy, c, decision, kDupontLetterhead,
                                strlen(kDupontLetterhead), "en", NULL, &json,
                                NULL));
  if (json != NULL) {
    CHECK(HasMember(json, "language", "en"));
    CheckGoldenLetter(json, "courtesy_notice", "en");
  }
  relance_string_free(json);

  /* A debtor named in the letterhead is the one written. */
  {
    const char* named =
        "{\"creditor\": {\"name\": \"Atelier Martin SARL\"},"
        " \"debtor\": {\"name\": \"Dupont Holding SA\"}}";
    json = NULL;
    CHECK_OK(relance_letters_json(policy, c, decision, named,
                                  RELANCE_NUL_TERMINATED, NULL, NULL, &json,
                                  NULL));
    CHECK(json != NULL && strstr(json, "Dupont Holding SA") != NULL);
    CHECK(json != NULL && strstr(json, "Dupont & Fils SARL") == NULL);
    relance_string_free(json);
  }

  /* The host's templates: its French subject replaces the built-in one;
   * the text stays the built-in template's. */
  SourcePath(directory, sizeof directory, "tests/capi/letters/templates");
  json = NULL;
  CHECK_OK(relance_letters_json(policy, c, decision, kDupontLetterhead,
                                RELANCE_NUL_TERMINATED, NULL, directory, &json,
                                NULL));
  if (json != NULL) {
    CHECK(HasMember(json, "subject",
                    "Rappel amical avant \xC3\xA9"
                    "ch\xC3\xA9"
                    "ance"));
    CHECK(HasMember(json, "subject", "courtesy_notice.fr.subject.txt"));
    CHECK(HasMember(json, "text", "courtesy_notice.fr.txt"));
  }
  relance_string_free(json);
  /* In English, the host's French subject does not apply: the golden. */
  json = NULL;
  CHECK_OK(relance_letters_json(policy, c, decision, kDupontLetterhead,
                                RELANCE_NUL_TERMINATED, "en", directory, &json,
                                NULL));
  if (json != NULL) CheckGoldenLetter(json, "courtesy_notice", "en");
  relance_string_free(json);

  relance_decision_free(decision);
  relance_case_free(c);
  relance_policy_free(policy);
}

/* --- dossier ------------------------------------------------------------- */
static void TestDossier(void) {
  char* policy_json = SourceFile("examples/policies/standard_fr.json");
  relance_policy* policy = Policy(policy_json);
  relance_case* c = Case(kMartinCase);
  char* golden;
  char* out = NULL;
  size_t length = 0;

  /* The whole customer on 31 March 2026: the golden document. */
  golden = SourceFile("tests/golden/dossier/martin_2026-03-31.json");
  CHECK_OK(relance_dossier_json(policy, c, Ymd(2026, 3, 31), kLuneLetterhead,
                                RELANCE_NUL_TERMINATED, NULL, &out, &length));
  CHECK(out != NULL && length == strlen(golden) && strcmp(out, golden) == 0);
  relance_string_free(out);
  /* "" is the whole customer too. */
  out = NULL;
  CHECK_OK(relance_dossier_json(policy, c, Ymd(2026, 3, 31), kLuneLetterhead,
                                RELANCE_NUL_TERMINATED, "", &out, NULL));
  CHECK(out != NULL && strcmp(out, golden) == 0);
  relance_string_free(out);
  free(golden);

  /* One invoice: the document names it; F-2001's 3000.00 EUR, not F-2002's
   * 1200.00 EUR. */
  out = NULL;
  CHECK_OK(relance_dossier_json(policy, c, Ymd(2026, 3, 31), kLuneLetterhead,
                                RELANCE_NUL_TERMINATED, "F-2001", &out, NULL));
  if (out != NULL) {
    CHECK(strstr(out, "\"invoice\": \"F-2001\"") != NULL);
    CHECK(strstr(out, "\"invoice\": \"F-2002\"") == NULL);
  }
  relance_string_free(out);

  /* HTML: the letterhead's language (English), then French when asked. */
  golden = SourceFile("tests/golden/dossier/martin_2026-03-31.en.html");
  out = NULL;
  CHECK_OK(relance_dossier_html(policy, c, Ymd(2026, 3, 31), kLuneLetterhead,
                                RELANCE_NUL_TERMINATED, NULL, NULL, &out,
                                &length));
  CHECK(out != NULL && length == strlen(golden) && strcmp(out, golden) == 0);
  relance_string_free(out);
  free(golden);
  golden = SourceFile("tests/golden/dossier/martin_2026-03-31.fr.html");
  out = NULL;
  CHECK_OK(relance_dossier_html(policy, c, Ymd(2026, 3, 31), kLuneLetterhead,
                                RELANCE_NUL_TERMINATED, NULL, "fr", &out,
                                &length));
  CHECK(out != NULL && length == strlen(golden) && strcmp(out, golden) == 0);
  relance_string_free(out);
  free(golden);

  relance_case_free(c);
  relance_policy_free(policy);
  free(policy_json);
}

/* --- errors -------------------------------------------------------------- */
static void TestErrors(void) {
  relance_policy* policy = Policy(kFrenchPolicy);
  relance_case* c = Case(kDupontCase);
  relance_case* other = NULL;
  relance_decision* decision = NULL;
  relance_decision* other_decision = NULL;
  relance_error_position position;
  char directory[1024];
  static char untouched[] = "untouched";
  char* out = untouched;
  const char* lh = kDupontLetterhead;
  const size_t nt = RELANCE_NUL_TERMINATED;
  const relance_date day = Ymd(2026, 2, 9);
  CHECK_OK(relance_evaluate(policy, c, day, &decision));

  /* The letterhead, as the library reads it: creditor.name is required. */
  CHECK_ERROR(relance_letters_json(policy, c, decision,
                                   "{\"creditor\": {\"name\": \"\"}}", nt, NULL,
                                   NULL, &out, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "letterhead: creditor.name: required");
  CHECK(out == NULL);
  position.size = sizeof position;
  CHECK(relance_last_error_position(&position) == 1);
  CHECK(strcmp(position.path, "creditor.name") == 0);
  CHECK_ERROR(relance_letters_json(policy, c, decision, "{\"creditor\": ", nt,
                                   NULL, NULL, &out, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "letterhead: ");
  /* The length counts: the first 5 bytes of a valid letterhead are not. */
  CHECK_ERROR(
      relance_letters_json(policy, c, decision, lh, 5, NULL, NULL, &out, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT, "letterhead: ");
  CHECK_ERROR(relance_dossier_json(policy, c, day, "{\"debtor\": {}}", nt, NULL,
                                   &out, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "letterhead: ");
  CHECK_ERROR(
      relance_dossier_html(policy, c, day, "[]", nt, NULL, NULL, &out, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT, "letterhead: ");

  /* Languages: "fr" and "en" only. */
  CHECK_ERROR(
      relance_letters_json(policy, c, decision, lh, nt, "de", NULL, &out, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT,
      "language \"de\": expected one of fr, en");
  CHECK_ERROR(
      relance_letters_json(policy, c, decision, lh, nt, "FR", NULL, &out, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT, "language \"FR\"");
  CHECK_ERROR(
      relance_dossier_html(policy, c, day, lh, nt, NULL, "", &out, NULL),
      RELANCE_ERROR_INVALID_ARGUMENT, "language \"\"");

  /* Templates: a directory that does not exist, one with a stray file. */
  SourcePath(directory, sizeof directory, "tests/capi/letters/missing");
  CHECK_ERROR(relance_letters_json(policy, c, decision, lh, nt, NULL, directory,
                                   &out, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "tests/capi/letters/missing\": cannot be read");
  SourcePath(directory, sizeof directory, "tests/capi/letters/bad_templates");
  CHECK_ERROR(relance_letters_json(policy, c, decision, lh, nt, NULL, directory,
                                   &out, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "README.md\": not a template file name");

  /* A decision for another customer than the case's. */
  other = Case(
      "{\"customer\": {\"id\": \"C-777\"}, \"events\": [{\"date\": "
      "\"2026-01-15\", \"type\": \"invoice_issued\", \"invoice\": \"X-1\", "
      "\"amount\": \"10.00 EUR\", \"due_date\": \"2026-02-14\"}]}");
  CHECK_OK(relance_evaluate(policy, other, day, &other_decision));
  CHECK_ERROR(relance_letters_json(policy, c, other_decision, lh, nt, NULL,
                                   NULL, &out, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT,
              "relance_letters_json: the decision is for customer C-777, the "
              "case for C-042");
  /* A decision made by another policy. */
  {
    relance_policy* second = Policy(
        "{\"id\": \"other\", \"version\": 1, \"levels\": [{\"id\": "
        "\"courtesy\", \"offset_days\": -5, \"channel\": \"email\"}]}");
    CHECK_ERROR(relance_letters_json(second, c, decision, lh, nt, NULL, NULL,
                                     &out, NULL),
                RELANCE_ERROR_INVALID_ARGUMENT,
                "the decision was made by policy letters-fr v2, not other v1");
    relance_policy_free(second);
  }

  /* Dossiers: an invoice not in the case, a date out of range. */
  CHECK_ERROR(relance_dossier_json(policy, c, day, lh, nt, "F-9", &out, NULL),
              RELANCE_ERROR_NOT_FOUND,
              "dossier: invoice \"F-9\" is not in case C-042 (its invoices: "
              "F-2026-014, F-2026-015)");
  CHECK_ERROR(
      relance_dossier_html(policy, c, day, lh, nt, "F-9", "fr", &out, NULL),
      RELANCE_ERROR_NOT_FOUND, "dossier: invoice \"F-9\"");
  CHECK_ERROR(relance_dossier_json(policy, c, Ymd(9999, 12, 31) + 1, lh, nt,
                                   NULL, &out, NULL),
              RELANCE_ERROR_INVALID_ARGUMENT, "");
  CHECK(out == NULL);

  /* NULL pointers are MISUSE, naming the argument; out stays NULL. */
  out = untouched;
  CHECK_ERROR(
      relance_letters_json(NULL, c, decision, lh, nt, NULL, NULL, &out, NULL),
      RELANCE_ERROR_MISUSE, "relance_letters_json: policy is NULL");
  CHECK(out == NULL);
  CHECK_ERROR(relance_letters_json(policy, NULL, decision, lh, nt, NULL, NULL,
                                   &out, NULL),
              RELANCE_ERROR_MISUSE, "c is NULL");
  CHECK_ERROR(
      relance_letters_json(policy, c, NULL, lh, nt, NULL, NULL, &out, NULL),
      RELANCE_ERROR_MISUSE, "decision is NULL");
  CHECK_ERROR(relance_letters_json(policy, c, decision, NULL, nt, NULL, NULL,
                                   &out, NULL),
              RELANCE_ERROR_MISUSE, "letterhead_json is NULL");
  CHECK_ERROR(
      relance_letters_json(policy, c, decision, lh, nt, NULL, NULL, NULL, NULL),
      RELANCE_ERROR_MISUSE, "out_json is NULL");
  CHECK_ERROR(relance_dossier_json(NULL, c, day, lh, nt, NULL, &out, NULL),
              RELANCE_ERROR_MISUSE, "relance_dossier_json: policy is NULL");
  CHECK_ERROR(relance_dossier_json(policy, NULL, day, lh, nt, NULL, &out, NULL),
              RELANCE_ERROR_MISUSE, "c is NULL");
  CHECK_ERROR(relance_dossier_json(policy, c, day, NULL, nt, NULL, &out, NULL),
              RELANCE_ERROR_MISUSE, "letterhead_json is NULL");
  CHECK_ERROR(relance_dossier_json(policy, c, day, lh, nt, NULL, NULL, NULL),
              RELANCE_ERROR_MISUSE, "out_json is NULL");
  CHECK_ERROR(
      relance_dossier_html(NULL, c, day, lh, nt, NULL, NULL, &out, NULL),
      RELANCE_ERROR_MISUSE, "relance_dossier_html: policy is NULL");
  CHECK_ERROR(
      relance_dossier_html(policy, NULL, day, lh, nt, NULL, NULL, &out, NULL),
      RELANCE_ERROR_MISUSE, "c is NULL");
  CHECK_ERROR(
      relance_dossier_html(policy, c, day, NULL, nt, NULL, NULL, &out, NULL),
      RELANCE_ERROR_MISUSE, "letterhead_json is NULL");
  CHECK_ERROR(
      relance_dossier_html(policy, c, day, lh, nt, NULL, NULL, NULL, NULL),
      RELANCE_ERROR_MISUSE, "out_html is NULL");

  /* A success clears the last error. */
  CHECK_OK(relance_dossier_json(policy, c, day, lh, nt, NULL, &out, NULL));
  CHECK(relance_last_error_code() == RELANCE_OK);
  CHECK(relance_last_error_message()[0] == '\0');
  relance_string_free(out);

  relance_decision_free(other_decision);
  relance_decision_free(decision);
  relance_case_free(other);
  relance_case_free(c);
  relance_policy_free(policy);
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
  GROUP("letters", TestLetters)
  GROUP("dossier", TestDossier)
  GROUP("errors", TestErrors)
  if (!ran) {
    fprintf(stderr, "capi_letters_test: no group %s\n", group);
    return 2;
  }
  if (failures != 0) {
    fprintf(stderr, "capi_letters_test %s: %d failure(s)\n", group, failures);
    return 1;
  }
  printf("capi_letters_test %s: ok\n", group);
  return 0;
}
