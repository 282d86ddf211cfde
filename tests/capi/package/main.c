/* A C host built against an installed librelance_c (tests/capi/package/
 * run.sh): pkg-config and CMake find_package(relance_c). run.sh compares
 * each line with a value known independently of relance. */
#include <stdio.h>

#include "relance.h"

int main(void) {
  relance_money price, fee, total;
  relance_terms* terms = NULL;
  relance_date invoice_date = 0, due = 0;
  char text[RELANCE_MONEY_TEXT_SIZE];
  char date[RELANCE_DATE_TEXT_SIZE];
  if (relance_money_parse("1234.56 EUR", RELANCE_NUL_TERMINATED, &price) ||
      relance_money_parse("40.00 EUR", RELANCE_NUL_TERMINATED, &fee) ||
      relance_money_add(&price, &fee, &total) ||
      relance_money_format(&total, text, sizeof text)) {
    return 1;
  }
  printf("sum: %s\n", text);
  if (relance_terms_parse("2/10 net 30", RELANCE_NUL_TERMINATED, NULL,
                          &terms) ||
      relance_date_from_ymd(2026, 1, 31, &invoice_date) ||
      relance_terms_due_date(terms, invoice_date, &due) ||
      relance_date_format(due, date, sizeof date)) {
    relance_terms_free(terms);
    return 1;
  }
  relance_terms_free(terms);
  printf("due: %s\n", date);
  printf("version: %s %s %d abi %d\n", RELANCE_VERSION_STRING,
         relance_version_string(), relance_version_number(),
         relance_abi_version());
  return 0;
}
