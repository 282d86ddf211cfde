/* capi_tool: a few of `relance`'s commands written over the C ABI, so that
 * tests/capi/capi_cli_test.sh can compare their output byte for byte with
 * the command's (the documents must be the library's, whichever surface
 * prints them).
 *
 *   capi_tool evaluate POLICY.json CASE.json AS_OF [FORECAST_TO]
 *   capi_tool graph POLICY.json
 *   capi_tool terms TEXT INVOICE_DATE AMOUNT       (checks FR and EU)
 *   capi_tool penalties PRESET AMOUNT DUE AS_OF
 * Exit 0, or on failure the exit code `relance` gives the same error (2 bad
 * input, 3 not answerable, 1 a bug) with the last error on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relance.h"

static char* ReadFile(const char* path) {
  FILE* file = fopen(path, "rb");
  char* text;
  long size;
  if (file == NULL) return NULL;
  fseek(file, 0, SEEK_END);
  size = ftell(file);
  fseek(file, 0, SEEK_SET);
  text = malloc((size_t)size + 1);
  if (text != NULL && fread(text, 1, (size_t)size, file) == (size_t)size) {
    text[size] = '\0';
  } else {
    free(text);
    text = NULL;
  }
  fclose(file);
  return text;
}

static int Failed(void) {
  relance_status code = relance_last_error_code();
  fprintf(stderr, "capi_tool: %s: %s\n", relance_status_string(code),
          relance_last_error_message());
  switch (code) {
    case RELANCE_ERROR_INVALID_ARGUMENT:
    case RELANCE_ERROR_FAILED_PRECONDITION:
      return 2;
    case RELANCE_ERROR_NOT_FOUND:
    case RELANCE_ERROR_OUT_OF_RANGE:
      return 3;
    default:
      return 1;
  }
}

static int Evaluate(int argc, char** argv) {
  char* policy_json;
  char* case_json;
  relance_policy* policy = NULL;
  relance_case* c = NULL;
  relance_decision* decision = NULL;
  relance_date as_of = 0, to = 0;
  char* document = NULL;
  char* forecast = NULL;
  int code = 0;
  if (argc < 5) return 2;
  policy_json = ReadFile(argv[2]);
  case_json = ReadFile(argv[3]);
  if (policy_json == NULL || case_json == NULL) return 2;
  if (relance_policy_from_json(policy_json, RELANCE_NUL_TERMINATED, NULL,
                               &policy) != RELANCE_OK ||
      relance_case_from_json(case_json, RELANCE_NUL_TERMINATED, NULL, &c) !=
          RELANCE_OK ||
      relance_date_parse(argv[4], RELANCE_NUL_TERMINATED, &as_of) !=
          RELANCE_OK ||
      relance_evaluate(policy, c, as_of, &decision) != RELANCE_OK ||
      relance_decision_to_json(decision, &document, NULL) != RELANCE_OK) {
    code = Failed();
  } else if (argc < 6) {
    fputs(document, stdout);
  } else if (relance_date_parse(argv[5], RELANCE_NUL_TERMINATED, &to) !=
                 RELANCE_OK ||
             (to > as_of &&
              relance_forecast_after_json(policy, c, decision, to, &forecast,
                                          NULL) != RELANCE_OK)) {
    code = Failed();
  } else {
    printf("{\"decision\": %s, \"forecast\": %s}\n", document,
           forecast != NULL ? forecast : "null");
  }
  relance_string_free(forecast);
  relance_string_free(document);
  relance_decision_free(decision);
  relance_case_free(c);
  relance_policy_free(policy);
  free(case_json);
  free(policy_json);
  return code;
}

static int Graph(int argc, char** argv) {
  char* policy_json;
  relance_policy* policy = NULL;
  char* dot = NULL;
  int code = 0;
  if (argc < 3 || (policy_json = ReadFile(argv[2])) == NULL) return 2;
  if (relance_policy_from_json(policy_json, RELANCE_NUL_TERMINATED, NULL,
                               &policy) != RELANCE_OK ||
      relance_policy_graph_dot(policy, &dot, NULL) != RELANCE_OK) {
    code = Failed();
  } else {
    fputs(dot, stdout);
  }
  relance_string_free(dot);
  relance_policy_free(policy);
  free(policy_json);
  return code;
}

static int Terms(int argc, char** argv) {
  relance_terms* terms = NULL;
  relance_date date = 0;
  relance_money total;
  relance_schedule_options options;
  char* json = NULL;
  int code = 0;
  if (argc < 5) return 2;
  relance_schedule_options_init(&options);
  options.checks = RELANCE_CHECK_FR | RELANCE_CHECK_EU;
  if (relance_terms_parse(argv[2], RELANCE_NUL_TERMINATED, NULL, &terms) !=
          RELANCE_OK ||
      relance_date_parse(argv[3], RELANCE_NUL_TERMINATED, &date) !=
          RELANCE_OK ||
      relance_money_parse(argv[4], RELANCE_NUL_TERMINATED, &total) !=
          RELANCE_OK ||
      relance_terms_schedule_json(terms, date, &total, &options, &json, NULL) !=
          RELANCE_OK) {
    code = Failed();
  } else {
    fputs(json, stdout);
  }
  relance_string_free(json);
  relance_terms_free(terms);
  return code;
}

static int Penalties(int argc, char** argv) {
  relance_penalty_rule* rule = NULL;
  relance_invoice_facts facts;
  relance_date as_of = 0;
  char* json = NULL;
  int code = 0;
  if (argc < 6) return 2;
  relance_invoice_facts_init(&facts);
  if (relance_penalty_rule_preset(argv[2], NULL, &rule) != RELANCE_OK ||
      relance_money_parse(argv[3], RELANCE_NUL_TERMINATED, &facts.amount) !=
          RELANCE_OK ||
      relance_date_parse(argv[4], RELANCE_NUL_TERMINATED, &facts.due_date) !=
          RELANCE_OK ||
      relance_date_parse(argv[5], RELANCE_NUL_TERMINATED, &as_of) !=
          RELANCE_OK ||
      relance_assess_json(rule, &facts, as_of, &json, NULL) != RELANCE_OK) {
    code = Failed();
  } else {
    fputs(json, stdout);
  }
  relance_string_free(json);
  relance_penalty_rule_free(rule);
  return code;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  if (strcmp(argv[1], "evaluate") == 0) return Evaluate(argc, argv);
  if (strcmp(argv[1], "graph") == 0) return Graph(argc, argv);
  if (strcmp(argv[1], "terms") == 0) return Terms(argc, argv);
  if (strcmp(argv[1], "penalties") == 0) return Penalties(argc, argv);
  return 2;
}
