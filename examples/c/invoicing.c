/* An invoicing product embedding relance through its C ABI.
 *
 * The product keeps its own invoices and payments (here, an array); once a
 * day it asks relance what to do for each customer: it compiles its
 * collection policy once, turns each customer's invoices into a case file,
 * evaluates it as of today and prints the actions to take: the letters and
 * calls its own mailer and task list would then carry out.
 *
 *   invoicing POLICY.json [AS_OF]        (AS_OF defaults to 2026-03-05)
 *
 * Build: cc invoicing.c $(pkg-config --cflags --libs relance_c) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relance.h"

/* The product's own records. */
typedef struct Invoice {
  const char* customer;
  const char* number;
  const char* issued;  /* YYYY-MM-DD */
  const char* amount;  /* "1200.00 EUR" */
  const char* terms;   /* payment terms as printed on the invoice */
  const char* paid_on; /* NULL while unpaid */
} Invoice;

static const Invoice kInvoices[] = {
    {"C-042", "F-1001", "2026-01-05", "1200.00 EUR", "30 jours fin de mois",
     NULL},
    {"C-042", "F-1007", "2026-01-20", "480.00 EUR", "net 30", "2026-03-02"},
    {"C-077", "F-1010", "2026-01-10", "950.00 EUR", "net 15", NULL},
    {"C-077", "F-1012", "2026-02-25", "300.00 EUR", "net 30", NULL},
};
static const char* const kCustomers[] = {"C-042", "C-077"};

static char* ReadFile(const char* path) {
  FILE* file = fopen(path, "rb");
  char* text = NULL;
  long size;
  if (file == NULL) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 &&
      fseek(file, 0, SEEK_SET) == 0 &&
      (text = malloc((size_t)size + 1)) != NULL) {
    if (fread(text, 1, (size_t)size, file) == (size_t)size) {
      text[size] = '\0';
    } else {
      free(text);
      text = NULL;
    }
  }
  fclose(file);
  return text;
}

/* The customer's case file: one invoice_issued event per invoice and one
 * payment_received per payment, in date order (this simple product pays
 * invoices in full and issues them in date order). */
static void WriteCase(const char* customer, char* out, size_t size) {
  size_t used = 0;
  size_t i;
  int first = 1;
  used += (size_t)snprintf(out + used, size - used,
                           "{\"customer\": {\"id\": \"%s\"}, \"events\": [",
                           customer);
  for (i = 0; i < sizeof kInvoices / sizeof kInvoices[0]; ++i) {
    const Invoice* invoice = &kInvoices[i];
    if (strcmp(invoice->customer, customer) != 0) continue;
    used += (size_t)snprintf(
        out + used, size - used,
        "%s{\"date\": \"%s\", \"type\": \"invoice_issued\", \"invoice\": "
        "\"%s\", \"amount\": \"%s\", \"terms\": \"%s\"}",
        first ? "" : ", ", invoice->issued, invoice->number, invoice->amount,
        invoice->terms);
    first = 0;
  }
  for (i = 0; i < sizeof kInvoices / sizeof kInvoices[0]; ++i) {
    const Invoice* invoice = &kInvoices[i];
    if (strcmp(invoice->customer, customer) != 0 || invoice->paid_on == NULL) {
      continue;
    }
    used += (size_t)snprintf(
        out + used, size - used,
        ", {\"date\": \"%s\", \"type\": \"payment_received\", \"invoice\": "
        "\"%s\", \"amount\": \"%s\"}",
        invoice->paid_on, invoice->number, invoice->amount);
  }
  snprintf(out + used, size - used, "]}");
}

static int Report(const char* what) {
  fprintf(stderr, "invoicing: %s: %s (%s)\n", what,
          relance_last_error_message(),
          relance_status_string(relance_last_error_code()));
  return 1;
}

int main(int argc, char** argv) {
  relance_policy* policy = NULL;
  relance_date as_of = 0;
  char* policy_json;
  size_t c;
  int status = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: invoicing POLICY.json [AS_OF]\n");
    return 2;
  }
  if (relance_version_number() != RELANCE_VERSION_NUMBER) {
    fprintf(stderr, "invoicing: built with relance %s, running with %s\n",
            RELANCE_VERSION_STRING, relance_version_string());
  }
  policy_json = ReadFile(argv[1]);
  if (policy_json == NULL) {
    fprintf(stderr, "invoicing: cannot read %s\n", argv[1]);
    return 2;
  }
  /* Compile the policy once; it serves every customer (and thread). */
  if (relance_policy_from_json(policy_json, RELANCE_NUL_TERMINATED, NULL,
                               &policy) != RELANCE_OK) {
    free(policy_json);
    return Report("policy");
  }
  free(policy_json);
  if (relance_date_parse(argc > 2 ? argv[2] : "2026-03-05",
                         RELANCE_NUL_TERMINATED, &as_of) != RELANCE_OK) {
    relance_policy_free(policy);
    return Report("as-of date");
  }

  for (c = 0; c < sizeof kCustomers / sizeof kCustomers[0]; ++c) {
    char case_json[4096];
    relance_case* file = NULL;
    relance_decision* decision = NULL;
    size_t count = 0, a;
    WriteCase(kCustomers[c], case_json, sizeof case_json);
    if (relance_case_from_json(case_json, RELANCE_NUL_TERMINATED, NULL,
                               &file) != RELANCE_OK ||
        relance_evaluate(policy, file, as_of, &decision) != RELANCE_OK ||
        relance_decision_action_count(decision, &count) != RELANCE_OK) {
      status = Report(kCustomers[c]);
      relance_case_free(file);
      continue;
    }
    printf("%s: %lu action(s)\n", kCustomers[c], (unsigned long)count);
    for (a = 0; a < count; ++a) {
      relance_action action;
      size_t i;
      memset(&action, 0, sizeof action);
      action.size = sizeof action;
      if (relance_decision_action(decision, a, &action) != RELANCE_OK) {
        status = Report("action");
        continue;
      }
      printf("  %s by %s%s%s, invoices", action.level, action.channel,
             action.template_id[0] != '\0' ? ", template " : "",
             action.template_id);
      for (i = 0; i < action.invoice_count; ++i) {
        printf(" %s", action.invoices[i]);
      }
      printf(", to pay");
      for (i = 0; i < action.total_due_count; ++i) {
        char amount[RELANCE_MONEY_TEXT_SIZE];
        if (relance_money_format(&action.total_due[i], amount, sizeof amount) ==
            RELANCE_OK) {
          printf(" %s", amount);
        }
      }
      printf("\n");
    }
    relance_decision_free(decision);
    relance_case_free(file);
  }
  relance_policy_free(policy);
  return status;
}
