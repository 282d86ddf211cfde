#!/usr/bin/env bash
# End-to-end tests of the letters and dossiers of the command line
# (`relance evaluate --letters`, `relance run --letters`, `relance letter`,
# `relance dossier`): the files written, their figures for a person (known
# from the case: invoice F-1001 of 1 200,00 EUR due 28 February 2026 is 5
# days late on 5 March), the customer's language, letters written again
# exactly as the run wrote them whatever was recorded since, and every bad
# input refused before anything is written.
set -u
relance=${RELANCE:?set RELANCE to the relance executable}
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# shellcheck source=checks.sh
source "$root/tests/cli/checks.sh"
export RELANCE_NOW=2026-03-31T07:00:00Z

standard="$root/examples/policies/standard_fr.json"
uk="GB=$root/examples/policies/uk_late_payment.json"
dupont="$root/examples/cases/dupont_ladder.json"
letterhead="$root/examples/letterhead.json"
portfolio="$root/examples/portfolio"
# French amounts and day counts: U+202F between thousands, U+00A0 before
# the euro sign and the unit (relance/language.hpp).
nnbsp=$'\u202f'
nbsp=$'\u00a0'

# pass NAME / fail NAME WHY: a check written out in the test itself.
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# file_has NAME FILE TEXT: FILE holds TEXT.
file_has() {
  if [[ -f "$2" ]] && grep -qF -- "$3" "$2"; then pass "$1"; else
    fail "$1" "$2 lacks \"$3\""; [[ -f "$2" ]] && head -30 "$2"; fi
}
# absent NAME PATH: PATH does not exist.
absent() { if [[ ! -e "$2" ]]; then pass "$1"; else fail "$1" "$2 exists"; fi; }

# --- evaluate --letters -------------------------------------------------------
out="$scratch/evaluate"
check evaluate-letters 0 "2026-03-05_C-042_reminder1.txt, 2026-03-05_C-042_reminder1.html" -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$out" --letterhead "$letterhead" --html
letter="$out/2026-03-05_C-042_reminder1.txt"
if [[ "$(head -n 1 "$letter")" == "Subject: Relance n°${nbsp}1 – facture F-1001 non réglée" ]] &&
  [[ -z "$(sed -n 2p "$letter")" ]]; then pass evaluate-letter-subject-line; else
  fail evaluate-letter-subject-line "$(head -n 2 "$letter")"; fi
file_has evaluate-letter-invoice "$letter" "Facture F-1001 du 5 janvier 2026${nbsp}: 1${nnbsp}200,00${nbsp}€, échéance le 28 février 2026, 5${nbsp}jours de retard"
file_has evaluate-letter-creditor "$letter" "IBAN FR76 3000 4000 0500 0012 3456 789"
file_has evaluate-letter-debtor "$letter" "Dupont SARL"
file_has evaluate-letter-html "$out/2026-03-05_C-042_reminder1.html" "<!DOCTYPE html>"
if [[ -z "$(find "$out" -name '.relance-letters-*')" ]]; then pass evaluate-no-staging-left; else
  fail evaluate-no-staging-left "$(ls -a "$out")"; fi
# --lang en: the same figures, in English.
check evaluate-letters-english 0 "Reminder no. 1 – overdue invoice F-1001" -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/english" --letterhead "$letterhead" --lang en
file_has evaluate-letter-english-figures "$scratch/english/2026-03-05_C-042_reminder1.txt" "Invoice F-1001 of 5 January 2026: €1,200.00, due on 28 February 2026, 5 days overdue"
# --json: the decision and the relance.letters document together.
check_json evaluate-letters-json 0 '.letters.schema' relance.letters -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/json" --letterhead "$letterhead" --json
check_json evaluate-letters-json-stem 0 '.letters.letters[0].file_stem' 2026-03-05_C-042_reminder1 -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/json" --letterhead "$letterhead" --json
check_json evaluate-letters-json-decision 0 '.decision.actions[0].level' reminder1 -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/json" --letterhead "$letterhead" --json
# A host's template replaces the built-in one for this policy's level
# (template id relance_1): the subject only, the rest stays built in.
mkdir -p "$scratch/templates"
printf 'Rappel {{customer_name}} : {{reference}}\n' >"$scratch/templates/relance_1.fr.subject.txt"
check evaluate-letters-override 0 "Rappel Dupont SARL : C-042" -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/override" --letterhead "$letterhead" --templates "$scratch/templates"
file_has evaluate-letters-override-body "$scratch/override/2026-03-05_C-042_reminder1.txt" "5${nbsp}jours de retard"

# Bad input: refused before any file is written.
check_message evaluate-letters-no-letterhead 2 "--letterhead FILE is required to write letters" -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/none1"
absent evaluate-letters-no-letterhead-nothing-written "$scratch/none1"
printf '{"creditor": {"name": ""}}' >"$scratch/nameless.json"
check_message evaluate-letters-bad-letterhead 2 'nameless.json: letterhead: creditor.name: required' -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/none2" --letterhead "$scratch/nameless.json"
absent evaluate-letters-bad-letterhead-nothing-written "$scratch/none2"
printf '{"creditor": {"name": "Lune", "adress_lines": []}}' >"$scratch/misspelt.json"
check_message evaluate-letters-misspelt-letterhead 2 'letterhead: creditor: unknown key "adress_lines"' -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/none2" --letterhead "$scratch/misspelt.json"
mkdir -p "$scratch/bad_templates"
printf 'Relance {{invoice_totl}}\n' >"$scratch/bad_templates/reminder.fr.txt"
check_message evaluate-letters-bad-template 2 'reminder.fr.txt:1:' -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/none3" --letterhead "$letterhead" --templates "$scratch/bad_templates"
check evaluate-letters-bad-template-names-variable 2 'unknown variable "invoice_totl"' -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/none3" --letterhead "$letterhead" --templates "$scratch/bad_templates"
absent evaluate-letters-bad-template-nothing-written "$scratch/none3"
check_message evaluate-letters-bad-lang 2 '--lang: language "de": expected one of fr, en' -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/none4" --letterhead "$letterhead" --lang de
check evaluate-letterhead-needs-letters 2 "--letterhead requires --letters" -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letterhead "$letterhead"
printf 'x' >"$scratch/a_file"
check_message evaluate-letters-not-a-directory 2 'a_file' -- "$relance" evaluate --policy "$standard" --case "$dupont" --as-of 2026-03-05 --letters "$scratch/a_file" --letterhead "$letterhead"

# --- run --letters over the sample portfolio ---------------------------------
db="$scratch/ledger.db"
for kind in customers invoices payments; do
  "$relance" import "$kind" "$portfolio/$kind.csv" --db "$db" >/dev/null
done
"$relance" import events "$portfolio/events.jsonl" --db "$db" >/dev/null
letters="$scratch/letters"
# A template that does not load stops the run: nothing recorded, nothing
# written.
check_message run-letters-bad-template 2 'reminder.fr.txt:1:' -- "$relance" run --as-of 2026-03-31 --policy "$standard" --policy-for "$uk" --db "$db" --letters "$letters" --letterhead "$letterhead" --templates "$scratch/bad_templates"
check_json run-letters-bad-template-no-run 0 '.last_run' null -- "$relance" status --db "$db" --json
absent run-letters-bad-template-nothing-written "$letters"
# German customers with letters due (C-2003 and others) are written in the
# letterhead's French, with a warning.
check run-letters-other-language-warning 0 'customers of language "de" (relance writes letters in fr and en): written in fr' -- "$relance" run --as-of 2026-03-31 --policy "$standard" --policy-for "$uk" --db "$db" --letters "$scratch/dry" --letterhead "$letterhead" --dry-run --summary
# Every action planned on 31 March is an e-mail: one letter each.
check_json run-letters 0 '.letters|length' 25 -- "$relance" run --as-of 2026-03-31 --policy "$standard" --policy-for "$uk" --db "$db" --letters "$letters" --letterhead "$letterhead" --json
count=$(find "$letters" -name '*.txt' | wc -l)
if [[ $count -eq 25 ]]; then pass run-letters-files; else fail run-letters-files "$count text files"; fi
if [[ -z "$(find "$letters" -name '.relance-letters-*')" ]]; then pass run-no-staging-left; else
  fail run-no-staging-left "$(ls -a "$letters")"; fi
# Each customer in its language (customers.csv): C-3002 writes English; a
# German customer gets the letterhead's language, relance writing no German.
file_has run-letters-english-customer "$letters/2026-03-31_C-3002_reminder1.txt" "Subject: Reminder no. 1"
file_has run-letters-english-pounds "$letters/2026-03-31_C-3002_reminder1.txt" "£1,880.00"
file_has run-letters-german-customer-in-french "$letters/2026-03-31_C-2003_reminder1.txt" "Subject: Relance n°${nbsp}1"
# The debtor's address is customers.csv's (`address`, one line each), the
# letterhead giving none: C-3002's block is its name then its four lines.
if [[ "$(<"$letters/2026-03-31_C-3002_reminder1.txt")" == *$'Jones Haulage Ltd\nUnit 6, Canal Side\nLEEDS\nLS11 5QR\nROYAUME-UNI\n'* ]]; then
  pass run-letters-customer-address; else fail run-letters-customer-address "$(head -14 "$letters/2026-03-31_C-3002_reminder1.txt")"; fi
# The same run again plans nothing and writes no letter.
check_json run-letters-again 0 '.letters|length' 0 -- "$relance" run --as-of 2026-03-31 --policy "$standard" --policy-for "$uk" --db "$db" --letters "$scratch/again" --letterhead "$letterhead" --json

# --- letter ACTION_ID: the letter the run wrote, again ------------------------
"$relance" letter 1 --db "$db" --letterhead "$letterhead" >"$scratch/letter1.txt" 2>&1
if cmp -s "$scratch/letter1.txt" "$letters/2026-03-31_C-1001_reminder1.txt"; then
  pass letter-same-as-run; else fail letter-same-as-run "$(diff "$scratch/letter1.txt" "$letters/2026-03-31_C-1001_reminder1.txt" | head)"; fi
# Facts recorded since (the letter sent, a payment dated that day) do not
# change it: the decision is made again on the journal the run saw.
"$relance" record sent 1 --db "$db" >/dev/null
"$relance" record payment --invoice FA-2026-0037 --amount "1290.00 EUR" --date 2026-03-31 --db "$db" >/dev/null
"$relance" letter 1 --db "$db" --letterhead "$letterhead" >"$scratch/letter1_later.txt" 2>&1
if cmp -s "$scratch/letter1_later.txt" "$letters/2026-03-31_C-1001_reminder1.txt"; then
  pass letter-same-after-later-facts; else fail letter-same-after-later-facts "$(diff "$scratch/letter1_later.txt" "$letters/2026-03-31_C-1001_reminder1.txt" | head)"; fi
check letter-html 0 "<!DOCTYPE html>" -- "$relance" letter 18 --db "$db" --letterhead "$letterhead" --html
check letter-lang 0 "Subject: Reminder no. 1" -- "$relance" letter 1 --db "$db" --letterhead "$letterhead" --lang en
check_json letter-json 0 '.letters[0].file_stem' 2026-03-31_C-1001_reminder1 -- "$relance" letter 1 --db "$db" --letterhead "$letterhead" --json
check_message letter-unknown-action 3 'no action 999 in the ledger' -- "$relance" letter 999 --db "$db" --letterhead "$letterhead"
check_message letter-no-letterhead 2 '--letterhead FILE is required' -- "$relance" letter 1 --db "$db"
check letter-bad-id 2 "ACTION_ID" -- "$relance" letter 0 --db "$db" --letterhead "$letterhead"

# letter --entry N: the written confirmation of a promise to pay. The
# journal holds the invoices, then the payments, then the events in file
# order: the promise of C-1003 (6 300,00 EUR by 10 February 2026, for
# FA-2025-0124) is the third event.
invoices=$(($(wc -l <"$portfolio/invoices.csv") - 1))
payments=$(($(wc -l <"$portfolio/payments.csv") - 1))
promise=$((invoices + payments + 3))
check letter-confirmation 0 "Subject: Confirmation de votre engagement de paiement" -- "$relance" letter --entry "$promise" --db "$db" --letterhead "$letterhead"
check letter-confirmation-figures 0 "6${nnbsp}300,00${nbsp}€ au plus tard le 10 février 2026" -- "$relance" letter --entry "$promise" --db "$db" --letterhead "$letterhead"
check_message letter-confirmation-not-a-promise 2 'journal entry 1 (invoice_issued) has no written confirmation' -- "$relance" letter --entry 1 --db "$db" --letterhead "$letterhead"
check_message letter-neither 2 'give an ACTION_ID, or --entry SEQUENCE' -- "$relance" letter --db "$db" --letterhead "$letterhead"
check_message letter-action-with-policy 2 '--policy goes with --entry' -- "$relance" letter 1 --policy "$standard" --db "$db" --letterhead "$letterhead"
check_message letter-unknown-entry 3 'no journal entry 99999 in the ledger' -- "$relance" letter --entry 99999 --db "$db" --letterhead "$letterhead"

# --- dossier ------------------------------------------------------------------
check_json dossier-customer 0 '.debtor.id' C-1001 -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --json
check_json dossier-creditor 0 '.creditor.registration' "SIREN 812 345 678 – RCS Lyon" -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --json
# The action recorded as sent is in the history, with its reference.
check_json dossier-history-action 0 '.history[-2].reference' "action 1" -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --json
check_json dossier-invoice 0 '.invoice' FA-2026-0025 -- "$relance" dossier FA-2026-0025 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --json
check_json dossier-invoice-policy 0 '.policy' uk-standard -- "$relance" dossier FA-2026-0025 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --json
check dossier-html 0 "page written to $scratch/c1001.html" -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --html "$scratch/c1001.html"
file_has dossier-html-page "$scratch/c1001.html" "Atelier Martin SARL"
"$relance" dossier C-3002 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --html "$scratch/c3002.html" >/dev/null
file_has dossier-html-customer-language "$scratch/c3002.html" '<html lang="en">'
# A host's own page: its names are checked when it is loaded.
printf '<html><body><h1>{{debtor.name}}</h1>{{#invoices}}<p>{{number}}</p>{{/invoices}}</body></html>\n' >"$scratch/page.html"
check dossier-host-template 0 "page written" -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --html "$scratch/own.html" --template "$scratch/page.html"
file_has dossier-host-template-page "$scratch/own.html" "<h1>Dupont, Fils &amp; Cie</h1>"
printf '<p>{{debtor.nom}}</p>\n' >"$scratch/bad_page.html"
check_message dossier-bad-host-template 2 'bad_page.html:1:' -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead" --html "$scratch/own2.html" --template "$scratch/bad_page.html"
absent dossier-bad-host-template-nothing-written "$scratch/own2.html"
check_message dossier-unknown 3 'dossier: no customer or invoice "C-404" in the ledger' -- "$relance" dossier C-404 --as-of 2026-03-31 --db "$db" --letterhead "$letterhead"
check_message dossier-neither 2 'name a CUSTOMER or INVOICE of the ledger, or give --case FILE' -- "$relance" dossier --as-of 2026-03-31 --db "$db" --letterhead "$letterhead"
check_message dossier-case-needs-policy 2 '--case needs --policy FILE' -- "$relance" dossier --case "$dupont" --as-of 2026-03-31 --letterhead "$letterhead"
check_json dossier-case 0 '.debtor.id' C-042 -- "$relance" dossier --case "$dupont" --policy "$standard" --as-of 2026-03-05 --letterhead "$letterhead" --json
check_json dossier-case-invoice 0 '.invoices[0].invoice' F-1001 -- "$relance" dossier --case "$dupont" --policy "$standard" --as-of 2026-03-05 --invoice F-1001 --letterhead "$letterhead" --json
check_message dossier-case-unknown-invoice 3 'dossier: invoice "F-9"' -- "$relance" dossier --case "$dupont" --policy "$standard" --as-of 2026-03-05 --invoice F-9 --letterhead "$letterhead"
# Before any run there is no policy to take by default.
fresh="$scratch/fresh.db"
"$relance" import invoices "$portfolio/invoices.csv" --db "$fresh" >/dev/null
check_message dossier-no-run-no-policy 2 'dossier: no run yet' -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$fresh" --letterhead "$letterhead"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
