#!/usr/bin/env bash
# The C ABI returns the library's documents, byte for byte what the
# `relance` command prints: decisions (and forecasts) for every example
# policy and case, the policy graph, a schedule and an assessment.
#   capi_cli_test.sh RELANCE CAPI_TOOL SOURCE_DIR
set -euo pipefail
relance=$1 tool=$2 source=$3
unset RELANCE_RATES_DIR
failures=0 compared=0 refused=0
same() {  # label, then the two commands separated by --
  local label=$1 expected actual
  shift
  local cli=() capi=()
  while [[ $1 != -- ]]; do cli+=("$1"); shift; done
  shift
  capi=("$@")
  expected=$("${cli[@]}" 2>/dev/null; echo "exit $?")
  actual=$("${capi[@]}" 2>/dev/null; echo "exit $?")
  compared=$((compared + 1))
  if [[ "$expected" != "$actual" ]]; then
    echo "capi_cli_test: $label differs:" >&2
    diff <(echo "$expected") <(echo "$actual") | head -20 >&2
    failures=$((failures + 1))
  elif [[ "$expected" != *"exit 0" ]]; then
    refused=$((refused + 1))  # both refused the facts the same way
  fi
}
for policy in "$source"/examples/policies/*.json; do
  for case_file in "$source"/examples/cases/*.json; do
    for as_of in 2026-02-15 2026-03-05 2026-04-20; do
      same "evaluate $(basename "$policy") $(basename "$case_file") $as_of" \
        "$relance" evaluate --policy "$policy" --case "$case_file" \
          --as-of "$as_of" --json -- \
        "$tool" evaluate "$policy" "$case_file" "$as_of"
    done
    same "forecast $(basename "$policy") $(basename "$case_file")" \
      "$relance" evaluate --policy "$policy" --case "$case_file" \
        --as-of 2026-03-05 --forecast-to 2026-06-30 --json -- \
      "$tool" evaluate "$policy" "$case_file" 2026-03-05 2026-06-30
  done
  same "graph $(basename "$policy")" \
    "$relance" policy graph "$policy" -- "$tool" graph "$policy"
done
same "terms" "$relance" terms "2/10 net 30" --date 2026-01-31 \
  --amount "1000.00 EUR" --json -- \
  "$tool" terms "2/10 net 30" 2026-01-31 "1000.00 EUR"
same "penalties" "$relance" penalties --rule fr-b2b --amount "15000.00 EUR" \
  --due 2025-09-30 --as-of 2025-10-30 --json -- \
  "$tool" penalties fr-b2b "15000.00 EUR" 2025-09-30 2025-10-30
if [[ $failures -ne 0 ]]; then
  echo "capi_cli_test: $failures of $compared documents differ" >&2
  exit 1
fi
echo "capi_cli_test: $compared outputs identical ($refused of them the same refusal)"
