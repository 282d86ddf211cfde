#!/usr/bin/env bash
# End-to-end tests of the `relance` command: outputs, JSON, exit codes and
# error messages. Expected holidays come from the official lists cited in
# tests/builtin_calendars_test.cpp.
#
# JSON is checked by parsing it, never by grepping its text. The checker
# tests/cli/json_query.py (run with /usr/bin/python3) reads one document on
# stdin and prints the value at a jq-like path (.key, [3], [-1], [*],
# ["odd key"], |length, |keys); it fails with a message when the input is not
# exactly one valid JSON document or the path is missing. To check a section:
#
#   check_json NAME EXIT PATH VALUE -- COMMAND...
#     stdout parses and the value at PATH is exactly VALUE (a string as is,
#     anything else as compact JSON: true, 11, ["a",1]; one line per value
#     for [*] paths, so VALUE may be several lines):
#     check_json fr-2026 0 '.holidays|length' 11 -- "$relance" calendar FR --year 2026 --json
#   check_json_has NAME EXIT PATH VALUE -- COMMAND...
#     as check_json, but VALUE need only be one of the lines printed:
#     check_json_has ecb 0 '.series[*].id' ecb-mro -- "$relance" rates --list --json
#   check_json_refused NAME EXIT TEXT -- COMMAND...
#     a failing --json command prints nothing on stdout (never half a
#     document) and its one-line "relance: " message contains TEXT.
#   json_query PATH <file   anywhere else (exit 0 found, 1 missing, 2 not JSON).
set -u
relance=${RELANCE:?set RELANCE to the relance executable}
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# shellcheck source=cli/checks.sh
source "$root/tests/cli/checks.sh"

json_checker_fails json-query-empty 2 '' .
json_checker_fails json-query-text 2 'relance: error' .
json_checker_fails json-query-trailing 2 '{"a": 1} {"a": 2}' .a
json_checker_fails json-query-duplicate-key 2 '{"a": 1, "a": 2}' .a
json_checker_fails json-query-missing-key 1 '{"a": 1}' .b
json_checker_fails json-query-index-range 1 '{"a": [1]}' '.a[1]'
json_checker_fails json-query-not-an-array 1 '{"a": "x"}' '.a[0]'
if [[ "$(printf '{"a": [1, {"b": null}], "c": "d"}' | json_query '.a[-1].b' '.a|length' .c '.a[*]')" == $'null\n2\nd\n1\n{"b":null}' ]]; then
  echo "ok   json-query-values"; passed=$((passed + 1))
else
  echo "FAIL json-query-values"; failed=$((failed + 1))
fi

check version 0 "relance 0." -- "$relance" --version
check help 0 "calendar" -- "$relance" --help
check no-subcommand 2 "give a command" -- "$relance"
check unknown-subcommand 2 "relance:" -- "$relance" frobnicate

# France 2026 (service-public.fr): 11 holidays; Ascension Thursday 14 May.
check fr-2026-count 0 "FR (" -- "$relance" calendar FR --year 2026
check fr-2026-ascension 0 "2026-05-14  Thursday  Ascension" -- "$relance" calendar FR --year 2026
check fr-2026-eleven 0 ": 11 holidays" -- "$relance" calendar FR --year 2026
# England and Wales 2027 (gov.uk): Christmas Saturday -> substitute Monday 27.
# gov.uk: 8 bank holidays in 2027; the seventh is Monday 27 December, the
# substitute for Christmas Day (Saturday 25).
check_json gb-2027-json 0 '.holidays[6]' '{"date":"2027-12-27","name":"Christmas Day (substitute day)","weekday":"monday","nominal_date":"2027-12-25"}' \
  -- "$relance" calendar GB --year 2027 --json
check_json gb-2027-json-count 0 '.holidays|length' 8 -- "$relance" calendar GB --year 2027 --json
check_json gb-2027-json-header 0 '.calendar' GB -- "$relance" calendar GB --year 2027 --json
check_json gb-2027-json-year 0 '.year' 2027 -- "$relance" calendar GB --year 2027 --json
# France 2026 (service-public.fr): the 11 dates in order.
check_json fr-2026-json-dates 0 '.holidays[*].date' "$(printf '%s\n' 2026-01-01 2026-04-06 2026-05-01 2026-05-08 2026-05-14 2026-05-25 2026-07-14 2026-08-15 2026-11-01 2026-11-11 2026-12-25)" \
  -- "$relance" calendar FR --year 2026 --json
check_json fr-2026-json-ascension 0 '.holidays[4].name' Ascension -- "$relance" calendar FR --year 2026 --json
# Good Friday 2026 is 3 April, Easter Monday 6 April: TARGET closed both.
check target-adjust 0 "2026-04-03 (Friday, not a business day) -> 2026-04-07 (Tuesday)" \
  -- "$relance" calendar TARGET --adjust 2026-04-03 --convention following
# Sunday 31 May 2026: following is Monday 1 June (another month), so
# modified-following goes back to Friday 29 May.
check fr-modified-following 0 "-> 2026-05-29 (Friday)" \
  -- "$relance" calendar FR --adjust 2026-05-31 --convention modified-following
check_json adjust-json 0 '.adjusted' 2026-05-29 \
  -- "$relance" calendar FR --adjust 2026-05-31 --convention modified-following --json
check_json adjust-json-not-business-day 0 '.is_business_day' false \
  -- "$relance" calendar FR --adjust 2026-05-31 --convention modified-following --json
check_json adjust-json-echoes-the-request 0 '.convention' modified-following \
  -- "$relance" calendar FR --adjust 2026-05-31 --convention modified-following --json
# A business day is left alone: Monday 1 June 2026.
check_json adjust-json-business-day 0 '.adjusted' 2026-06-01 \
  -- "$relance" calendar FR --adjust 2026-06-01 --convention modified-following --json
check list 0 "FR-ALSACE-MOSELLE" -- "$relance" calendar --list
check_json list-json 0 '.calendars[*].code' "$(printf '%s\n' FR FR-ALSACE-MOSELLE DE GB US TARGET)" -- "$relance" calendar --list --json
check json-file 0 "Company Christmas Eve" -- "$relance" calendar "$root/examples/calendars/acme.json" --year 2026

# Bad input: exit 2 with a message naming what is wrong.
check bad-date 2 'date "2026-02-30": day 30 does not exist' -- "$relance" calendar FR --adjust 2026-02-30
check bad-convention 2 'convention "sideways": expected one of' -- "$relance" calendar FR --adjust 2026-02-02 --convention sideways
check bad-year-text 2 "relance:" -- "$relance" calendar FR --year twenty
check bad-year-range 2 "--year 0" -- "$relance" calendar FR --year 0
check both-modes 2 "exactly one of --year or --adjust" -- "$relance" calendar FR --year 2026 --adjust 2026-01-01
check neither-mode 2 "exactly one of --year or --adjust" -- "$relance" calendar FR
# -1 is a year like any other, not "no --year".
check year-minus-one-and-adjust 2 "exactly one of --year or --adjust" -- "$relance" calendar FR --year -1 --adjust 2026-01-02
check year-minus-one 2 "--year -1: expected a year from 1 to 9999" -- "$relance" calendar FR --year -1
check empty-adjust-and-year 2 "exactly one of --year or --adjust" -- "$relance" calendar FR --year 2026 --adjust ""
check missing-file 2 'none.json": cannot open' -- "$relance" calendar "$scratch/none.json" --year 2026
printf '{"code": "X", "holidays": [{"name": "y", "month": 13, "day": 1}]}' > "$scratch/bad.json"
check bad-json-calendar 2 "holidays[0].month" -- "$relance" calendar "$scratch/bad.json" --year 2026
printf '{"code": ' > "$scratch/truncated.json"
check truncated-json 2 "truncated.json" -- "$relance" calendar "$scratch/truncated.json" --year 2026
# Unknown code: a well-formed request the data cannot answer: exit 3.
check unknown-code 3 '"XX"' -- "$relance" calendar XX --year 2026
# With --json, a refusal prints no (half) document.
check_json_refused unknown-code-json 3 'built-in calendar "XX" not found' -- "$relance" calendar XX --year 2026 --json
check_json_refused bad-date-json 2 'date "2026-02-30": day 30 does not exist' -- "$relance" calendar FR --adjust 2026-02-30 --json
check_json_refused bad-json-calendar-json 2 "holidays[0].month" -- "$relance" calendar "$scratch/bad.json" --year 2026 --json

# Payment terms. 2/10 net 30 from 2026-01-31: due 2026-03-02, 2% off until
# 2026-02-10.
check terms-net30 0 "1000.00 EUR due 2026-03-02" -- "$relance" terms "2/10 net 30" --date 2026-01-31 --amount "1000.00 EUR"
check terms-discount 0 "discount 2.00% if paid by 2026-02-10: 20.00 EUR off, pay 980.00 EUR" -- "$relance" terms "2/10 net 30" --date 2026-01-31 --amount "1000.00 EUR"
# 45 jours fin de mois, invoice 2023-01-15 (DGCCRF's two readings).
check terms-eom-a 0 "due 2023-03-31" -- "$relance" terms "45 jours fin de mois" --date 2023-01-15
check terms-eom-b 0 "due 2023-03-17" -- "$relance" terms "45 jours fin de mois" --date 2023-01-15 --eom-reading eom-then-days
check terms-eom-says 0 '"end of month" read as: eom-then-days' -- "$relance" terms "45 jours fin de mois" --date 2023-01-15 --eom-reading eom-then-days
check terms-legal 0 "FR: VIOLATION (Code de commerce L441-10)" -- "$relance" terms "net 90" --date 2026-01-15
check terms-legal-ok 0 "FR: within the legal maximum (longest delay 60 days)" -- "$relance" terms "net 60" --date 2026-01-15
check terms-json 0 '"final_due_date": "2026-03-02"' -- "$relance" terms "2/10 net 30" --date 2026-01-31 --json
check terms-calendar 0 "due 2026-05-04 (formula gave 2026-05-02)" -- "$relance" terms "net 30" --date 2026-04-02 --calendar FR
check terms-file 0 "instalment 2" -- "$relance" terms "$root/examples/terms/split_fr.json" --date 2026-01-15 --amount "1000.00 EUR"
check terms-bad-text 2 'terms "net thirty" at column 1' -- "$relance" terms "net thirty" --date 2026-01-31
check terms-bad-date 2 'date "2026-02-30"' -- "$relance" terms "net 30" --date 2026-02-30
check terms-bad-amount 2 'money "1.001 EUR"' -- "$relance" terms "net 30" --date 2026-01-31 --amount "1.001 EUR"
check terms-bad-reading 2 'end-of-month reading "sideways"' -- "$relance" terms "net 30" --date 2026-01-31 --eom-reading sideways
check terms-bad-jurisdiction 2 'jurisdiction "XX"' -- "$relance" terms "net 30" --date 2026-01-31 --jurisdiction XX
check terms-missing-date 2 "--date" -- "$relance" terms "net 30"
check terms-unknown-calendar 3 '"XX"' -- "$relance" terms "net 30" --date 2026-01-31 --calendar XX
# Formulas starting with '-' and a letter are TERMS, not unknown options:
# -CM-1D+D31 from 2026-02-10 is the 28th (the last day stands for 31); -WD2
# from Wednesday 2026-01-07 is Tuesday 2026-01-06.
check terms-leading-minus 0 "due 2026-02-28" -- "$relance" terms -CM-1D+D31 --date 2026-02-10
check terms-leading-minus-weekday 0 "due 2026-01-06" -- "$relance" terms -WD2 --date 2026-01-07
check terms-double-dash 0 "due 2026-01-06" -- "$relance" terms --date 2026-01-07 -- -WD2
check terms-unknown-option 2 'unexpected argument "--frobnicate"' -- "$relance" terms "net 30" --date 2026-01-07 --frobnicate
check terms-two-terms 2 'unexpected argument "-WD2"' -- "$relance" terms "net 30" -WD2 --date 2026-01-07
check terms-no-terms 2 "TERMS is required" -- "$relance" terms --date 2026-01-07
check terms-formula-error 2 "day 32 is outside 1..31" -- "$relance" terms D32 --date 2026-01-07
# Odoo's 'excluded' and 'mixed' examples (test_early_payment_discount.py):
# 1000.00 + 15 % tax, 10 % within 10 days.
check terms-untaxed 0 "100.00 EUR off, pay 1050.00 EUR" -- "$relance" terms "10/10 net 30" --date 2019-01-01 --amount "1150.00 EUR" --tax 150.00 --discount-base untaxed
check terms-mixed 0 "100.00 EUR off, pay 1035.00 EUR" -- "$relance" terms "10/10 net 30" --date 2019-01-01 --amount "1150.00 EUR" --tax 150.00 --discount-base mixed
check terms-mixed-json 0 '"tax_reduction": "15.00 EUR"' -- "$relance" terms "10/10 net 30" --date 2019-01-01 --amount "1150.00 EUR" --tax "150.00 EUR" --discount-base mixed --json
check terms-untaxed-no-tax 2 "need the invoice's tax amount" -- "$relance" terms "10/10 net 30" --date 2019-01-01 --amount "1150.00 EUR" --discount-base untaxed
check terms-bad-base 2 'discount base "net"' -- "$relance" terms "10/10 net 30" --date 2019-01-01 --discount-base net
check terms-credit-note 0 "-700.00 EUR due" -- "$relance" terms "30% now, 70% net 60" --date 2026-01-15 --amount "-1000.00 EUR"
check terms-cutoff 0 "due 2026-03-10" -- "$relance" terms "10th proximo cutoff 25" --date 2026-01-26
# Other systems' terms as they store them.
check terms-from-odoo 0 "due 2023-03-15" -- "$relance" terms --from odoo "$root/examples/terms/odoo15_31_days_on_the_15th.json" --date 2023-01-16
check terms-from-tryton 0 "due 2023-03-31" -- "$relance" terms --from tryton "$root/examples/terms/tryton_1_month_day_31.json" --date 2023-02-01
check terms-from-sap 0 "due 2026-03-15" -- "$relance" terms --from sap "$root/examples/terms/sap_day_limits.json" --date 2026-02-16
check terms-from-unknown 2 'terms system "quickbooks"' -- "$relance" terms --from quickbooks "$root/examples/terms/sap_day_limits.json" --date 2026-02-16

# Penalties. Les Echos Publishing's example: 15 000 EUR due 2018-04-15, paid
# 2018-05-15, 15 %: 184.93 EUR.
check penalties-rate 0 "interest:     184.93 EUR" -- "$relance" penalties --rate 15% --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15
# French statutory rule in 2018: ECB 0.00 % + 10 = 10 %: 15000 x 0.10 x 30/365
# = 123.29, plus 40.00.
check penalties-fr 0 "total:        163.29 EUR" -- "$relance" penalties --rule fr-b2b --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15
# A payment of 5000 on 2018-05-01 (costs first: 40.00, interest 65.75, then
# 4894.25 principal): 16 days on 15000 (65.753) + 14 days on 10105.75
# (38.762) = 104.515 -> 104.52.
check penalties-payment 0 "interest:     104.52 EUR" -- "$relance" penalties --rule fr-b2b --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15 --payment 2018-05-01=5000.00
check penalties-json 0 '"interest": "184.93 EUR"' -- "$relance" penalties --rate 15% --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15 --json
check penalties-day-count 0 "interest:     187.50 EUR" -- "$relance" penalties --rate 15% --day-count act/360 --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15
# A rate needs its unit: "15" could be 15 % or the ratio 15 (1500 %).
check penalties-rate-bp 0 "interest:     184.93 EUR" -- "$relance" penalties --rate 1500bp --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15
check penalties-bare-rate 2 '--rate: rate "15": expected a percentage such as "15%" (a bare number is ambiguous between 15 % and 1500 %)' -- "$relance" penalties --rate 15 --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15
# A rule carries its own day count: --day-count goes with --rate only.
check penalties-day-count-with-rule 2 "--day-count goes with --rate only" -- "$relance" penalties --rule fr-b2b --day-count act/360 --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15
check penalties-default-day-count-with-rule 2 "--day-count goes with --rate only" -- "$relance" penalties --rule fr-b2b --day-count act/365 --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15
check penalties-uk 0 "compensation: 70.00 GBP" -- "$relance" penalties --rule uk-late-payment --amount "1000.00 GBP" --due 2016-02-01 --as-of 2016-03-22
check penalties-beyond 3 "rate series ecb-mro: no rate known for 2026-07-01" -- "$relance" penalties --rule fr-b2b --amount "100.00 EUR" --due 2026-06-01 --as-of 2026-12-31
printf '{"id": "ecb-mro", "last_known_date": "2026-12-31", "points": [{"from": "1999-01-01", "rate": "3%%"}, {"from": "2026-06-17", "rate": "2.40%%"}]}' > "$scratch/ecb.json"
printf '{"base": "fr-b2b", "floor": null}' > "$scratch/rule.json"
check penalties-host-series 0 "at 12.40%" -- "$relance" penalties --rule "$scratch/rule.json" --series "$scratch/ecb.json" --amount "100.00 EUR" --due 2026-07-01 --as-of 2026-07-31
printf '{"id": "ecb-mro", "last_known_date": "2026-12-31", "points": [{"from": "1999-01-01", "rate": "3%%"}, {"from": "2026-06-17", "rate": "2.40"}]}' > "$scratch/bare_ecb.json"
check penalties-bare-series-rate 2 'points[1].rate: rate "2.40": expected a percentage' -- "$relance" penalties --rule "$scratch/rule.json" --series "$scratch/bare_ecb.json" --amount "100.00 EUR" --due 2026-07-01 --as-of 2026-07-31
check penalties-no-rule 2 "exactly one of --rule or --rate" -- "$relance" penalties --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01
check penalties-bad-payment 2 '--payment "2026-01-10": expected DATE=AMOUNT' -- "$relance" penalties --rate 10% --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01 --payment 2026-01-10
check penalties-bad-payment-amount 2 'money "5.001"' -- "$relance" penalties --rate 10% --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01 --payment 2026-01-10=5.001
check penalties-unknown-rule 3 'unknown preset' -- "$relance" penalties --rule xx --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01
printf '{"interest": {"fixed": "15"}}' > "$scratch/bad_rule.json"
check penalties-bad-rule-file 2 'interest.fixed' -- "$relance" penalties --rule "$scratch/bad_rule.json" --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01
check rates-at 0 "ecb-mro on 2025-07-01: 2.15%" -- "$relance" rates ecb-mro --at 2025-07-01
check rates-list 0 "de-basiszinssatz" -- "$relance" rates --list
check rates-series 0 "from 2024-06-12  4.25%" -- "$relance" rates ecb-mro
check rates-beyond 3 "no rate known for 2099-01-01" -- "$relance" rates ecb-mro --at 2099-01-01
check rates-unknown 3 'rate series "libor"' -- "$relance" rates libor
# The ECB's MRO rate: 2.15 % from 11 June 2025; 4.25 % from 12 June 2024
# ("Key ECB interest rates").
check_json rates-at-json 0 '.rate' 2.15% -- "$relance" rates ecb-mro --at 2025-07-01 --json
check_json rates-at-json-date 0 '.date' 2025-07-01 -- "$relance" rates ecb-mro --at 2025-07-01 --json
check_json rates-at-json-series 0 '.series' ecb-mro -- "$relance" rates ecb-mro --at 2025-07-01 --json
check_json rates-list-json 0 '.series[*].id' "$(printf '%s\n' de-basiszinssatz ecb-mro fr-legal-individuals fr-legal-professionals uk-bank-rate)" -- "$relance" rates --list --json
check_json_has rates-series-json 0 '.points[*]' '{"from":"2024-06-12","rate":"4.25%"}' -- "$relance" rates ecb-mro --json
check_json rates-series-json-first 0 '.points[0]' '{"from":"1999-01-01","rate":"3.00%"}' -- "$relance" rates ecb-mro --json
check_json_refused rates-beyond-json 3 "no rate known for 2099-01-01" -- "$relance" rates ecb-mro --at 2099-01-01 --json
check_json_refused rates-unknown-json 3 'rate series "libor"' -- "$relance" rates libor --json

# Reference rates after the built-in series end (June 2026): today's runs.
# Refused by default, with how to supply the rate.
check penalties-today-refused 3 "relance rates add ecb-mro --from YYYY-MM-DD --rate R% --last-known 2026-12-01 --rates DIR" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-01 --as-of 2026-12-01
check penalties-today-refused-names 3 "(known from 1999-01-01 to 2026-06-10, last rate 2.15%)" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-01 --as-of 2026-12-01
# --assume-last-rate: June at 12.15 %, 1 July - 1 December (154 days) at the
# assumed 12.15 %: 10000 x 12.15 % x 183/365 = 609.16.
check penalties-assume 0 "(assumed rate)" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-01 --as-of 2026-12-01 --assume-last-rate
check penalties-assume-total 0 "interest:     609.16 EUR" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-01 --as-of 2026-12-01 --assume-last-rate
check penalties-assume-says 0 "- Rate assumed: ecb-mro is known up to 2026-06-10" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-01 --as-of 2026-12-01 --assume-last-rate
check penalties-assume-json 0 '"assumed-last-rate"' -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-01 --as-of 2026-12-01 --assume-last-rate --json
# A rates directory: record a (hypothetical) ECB change of 2.40 % from
# 2026-06-17, confirmed unchanged up to 2026-12-01.
rates_dir="$scratch/rates"
check rates-add-no-dir 2 "Give --rates DIR or set RELANCE_RATES_DIR" -- env -u RELANCE_RATES_DIR "$relance" rates add ecb-mro --from 2026-06-17 --rate 2.40%
check rates-add 0 "ecb-mro: 2.40% from 2026-06-17, known up to 2026-12-01 (created" -- "$relance" rates add ecb-mro --from 2026-06-17 --rate 2.40% --last-known 2026-12-01 --rates "$rates_dir"
check rates-add-file 0 "2026-06-17,2.40" -- cat "$rates_dir/ecb-mro.csv"
check rates-add-again 0 "already recorded" -- "$relance" rates add ecb-mro --from 2026-06-17 --rate 2.40% --rates "$rates_dir"
check rates-add-contradicts 2 "a change from 2026-06-01 contradicts the known series" -- "$relance" rates add ecb-mro --from 2026-06-01 --rate 2.40% --rates "$rates_dir"
check rates-add-bare-rate 2 'rate "2.40": expected a percentage' -- "$relance" rates add ecb-mro --from 2026-12-17 --rate 2.40 --rates "$rates_dir"
check rates-add-half-year 2 "the next one is from 2026-07-01, not 2027-01-01" -- "$relance" rates add de-basiszinssatz --from 2027-01-01 --rate 1.52% --rates "$rates_dir"
check rates-add-unknown 3 "pass --new" -- "$relance" rates add ecb_mro --from 2026-12-17 --rate 2.40% --rates "$rates_dir"
check rates-add-left-unchanged 0 "# last_known_date: 2026-12-01" -- cat "$rates_dir/ecb-mro.csv"
check rates-with-dir 0 "ecb-mro on 2026-11-01: 2.40%" -- "$relance" rates ecb-mro --at 2026-11-01 --rates "$rates_dir"
check rates-with-env 0 "ecb-mro on 2026-11-01: 2.40%" -- env RELANCE_RATES_DIR="$rates_dir" "$relance" rates ecb-mro --at 2026-11-01
check_json rates-with-dir-json 0 '.rate' 2.40% -- "$relance" rates ecb-mro --at 2026-11-01 --rates "$rates_dir" --json
check_json_has rates-list-dir-json 0 '.series[*].last_known_date' 2026-12-01 -- "$relance" rates --list --rates "$rates_dir" --json
check rates-list-dir 0 "ecb-mro	1999-01-01 .. 2026-12-01" -- "$relance" rates --list --rates "$rates_dir"
check rates-at-beyond-hint 3 "relance rates add ecb-mro --last-known 2026-12-01" -- "$relance" rates ecb-mro --at 2026-12-01
# fr-b2b with the directory: 2026 H2 fixed on 1 July: 2.40 + 10 = 12.40 %.
check penalties-rates-dir 0 "at 12.40%" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-30 --as-of 2026-12-01 --rates "$rates_dir"
check penalties-rates-env 0 "at 12.40%" -- env RELANCE_RATES_DIR="$rates_dir" "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-30 --as-of 2026-12-01
printf '# last_known_date: 2026-12-31\neffective_date,rate_percent\n2025-06-11,2.25\n' > "$scratch/bad_rates_ecb.csv"
mkdir -p "$scratch/bad_rates" && mv "$scratch/bad_rates_ecb.csv" "$scratch/bad_rates/ecb-mro.csv"
check penalties-rates-dir-bad 2 "ecb-mro.csv: rate series ecb-mro: on 2025-06-11 it gives 2.25% but the series it extends gives 2.15%" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-30 --as-of 2026-12-01 --rates "$scratch/bad_rates"
check penalties-rates-dir-missing 2 "not a directory" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2026-06-30 --as-of 2026-12-01 --rates "$scratch/none"
# evaluate as of today: the actions are proposed and the penalties marked
# unavailable (a warning, exit 0); then with the directory or the opt-in.
check evaluate-today-unavailable 0 "warning: penalties of invoice F-1001 unavailable" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-12-01
check_json evaluate-today-unavailable-json 0 .penalties_unavailable true -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-12-01 --json
check_json evaluate-today-unavailable-note 0 '.notes[1].code' penalty_unavailable -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-12-01 --json
check_json evaluate-today-unavailable-action 0 '.actions[0].level' reminder1 -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-12-01 --json
check evaluate-today-rates 0 "customer" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-12-01 --rates "$rates_dir"
check evaluate-today-assume 0 "Rate assumed: ecb-mro" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-12-01 --assume-last-rate

# Penalties: every flag has a sentence; payments with their currency.
check penalties-payment-currency 0 "interest:     " -- "$relance" penalties --rule fr-b2b --amount "15000.00 EUR" --due 2024-05-15 --as-of 2024-09-30 --payment "2024-06-10=5000.00 EUR"
check penalties-payment-other-currency 2 '--payment "2024-06-10=5000.00 USD": 5000.00 USD but the invoice is in EUR; relance never mixes currencies' -- "$relance" penalties --rule fr-b2b --amount "15000.00 EUR" --due 2024-05-15 --as-of 2024-09-30 --payment "2024-06-10=5000.00 USD"
check penalties-after-as-of 0 "dated after the as-of date 2018-05-15 (100.00 EUR) is ignored" -- "$relance" penalties --rate 15% --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15 --payment 2018-06-01=100.00
check penalties-not-late 0 "No interest: on 2018-04-10 the due date 2018-04-15 has not passed" -- "$relance" penalties --rate 15% --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-04-10
# 15000 paid 15100 on 2018-05-15: interest 184.93, 100 - 184.93 < 0: not
# overpaid; paid 15200 with a 0 % rate: 200.00 over.
check penalties-overpaid 0 "overpaid:     200.00 EUR" -- "$relance" penalties --rate 0% --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15 --payment 2018-05-15=15200.00
check penalties-overpaid-json 0 '"overpaid": "200.00 EUR"' -- "$relance" penalties --rate 0% --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15 --payment 2018-05-15=15200.00 --json
# The French floor binds a contractual rate: 5 % in March 2024 becomes
# 3 x 5.07 % = 15.21 %: 10000 x 15.21 % x 30/365 = 125.01.
printf '{"base": "fr-b2b", "interest": {"fixed": "5%%"}}' > "$scratch/contract5.json"
check penalties-contract-floor 0 "interest:     125.01 EUR" -- "$relance" penalties --rule "$scratch/contract5.json" --amount "10000.00 EUR" --due 2024-03-01 --as-of 2024-03-31
check penalties-statutory-floor-says 0 "the statutory rate is charged as the law sets it" -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2024-03-01 --as-of 2024-03-31
# Regimes: de-b2b before 2014-07-29 is base + 8 (-0.73 + 8 = 7.27 %), no
# Pauschale; the UK fixed sums start with contracts of 2002-08-07.
check penalties-de-old 0 "at 7.27%" -- "$relance" penalties --rule de-b2b --amount "10000.00 EUR" --due 2014-09-30 --as-of 2014-10-30 --obligation-date 2014-07-28
check penalties-de-new 0 "compensation: 40.00 EUR" -- "$relance" penalties --rule de-b2b --amount "10000.00 EUR" --due 2014-09-30 --as-of 2014-10-30 --obligation-date 2014-07-29
check penalties-uk-before 3 "penalty rule uk-late-payment: obligations arising before 2002-08-07 are not modelled" -- "$relance" penalties --rule uk-late-payment --amount "1000.00 GBP" --due 2002-09-01 --as-of 2002-10-01 --obligation-date 2002-08-06
# fr-b2b before 2013 (LME): ECB + 10 at the latest operation, no EUR 40;
# before 2009: not modelled.
check penalties-fr-2012 0 "compensation: 0.00 EUR" -- "$relance" penalties --rule fr-b2b --amount "1000.00 EUR" --due 2012-12-15 --as-of 2013-01-15
check penalties-fr-before-2009 3 "before 2009-01-01 are not modelled" -- "$relance" penalties --rule fr-b2b --amount "1000.00 EUR" --due 2008-12-15 --as-of 2009-01-15

# Policies.
check policy-check 0 "valid policy standard-fr v1" -- "$relance" policy check "$root/examples/policies/standard_fr.json"
check policy-check-ladder 0 "registered_letter" -- "$relance" policy check "$root/examples/policies/standard_fr.json"
check policy-graph 0 'promised -> overdue [label="promise_broken [past due]"]' -- "$relance" policy graph "$root/examples/policies/uk_late_payment.json"
check policy-graph-ladder 0 'subgraph "cluster_default"' -- "$relance" policy graph "$root/examples/policies/gentle_reliable.json"
check policy-missing 2 'none.json": cannot open' -- "$relance" policy check "$scratch/none.json"
printf '{"id": "x", "version": 0, "levels": []}' > "$scratch/bad_policy.json"
check policy-invalid 2 "bad_policy.json: policy: version" -- "$relance" policy check "$scratch/bad_policy.json"
check policy-no-subcommand 2 "relance:" -- "$relance" policy

# Dunning evaluation. Dupont: F-1001 (30 jours fin de mois from 2026-01-05:
# due 2026-02-28) had its courtesy notice; on 2026-03-05 reminder1 is due.
check evaluate 0 "reminder1 (level 2), email, template relance_1" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05
check evaluate-paid 0 "F-1007  paid" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05
check_json evaluate-json-schema 0 .schema relance.decision -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --json
check_json evaluate-json-levels 0 '.actions[0].invoice_levels' '["reminder1"]' -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --json
check_json evaluate-json-reason 0 '.invoices[0].reason.code' level_due -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --json
check_json evaluate-json-paid 0 '.invoices[1].state' paid -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --json
# --forecast-to with --json: {"decision": ..., "forecast": ...}; after
# reminder1 on 2026-03-05 the call (offset +8, 2026-03-08) waits for the
# 5-day minimum gap: 2026-03-10; then reminder2 (+15), the notice (+21).
check_json evaluate-forecast-json 0 '.forecast.items[*].date' "2026-03-10
2026-03-15
2026-03-21
2026-04-14
2026-05-29" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --forecast-to 2026-06-30 --json
check_json evaluate-forecast-json-schema 0 '.forecast.schema' relance.forecast -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --forecast-to 2026-06-30 --json
check_json evaluate-forecast-json-decision 0 '.decision.actions[0].level' reminder1 -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --forecast-to 2026-06-30 --json
check evaluate-forecast 0 "2026-03-21" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/dupont_ladder.json" --as-of 2026-03-05 --forecast-to 2026-06-30
# Martin: the partial dispute was upheld, 2500.00 keeps escalating.
check evaluate-dispute 0 "2500.00 EUR" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/martin_dispute.json" --as-of 2026-03-01
check_json evaluate-dispute-json 0 '.actions[0].outstanding' '["2500.00 EUR"]' -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$root/examples/cases/martin_dispute.json" --as-of 2026-03-01 --json
printf '{"customer": {"id": "C"}, "events": [{"date": "2026-01-10", "type": "invoice_issued", "invoice": "F", "amount": "10.00 EUR", "due_date": "2026-02-09"}, {"date": "2026-03-01", "type": "payment_received", "invoice": "F", "amount": "10.00 EUR"}, {"date": "2026-03-05", "type": "written_off", "invoice": "F"}]}' > "$scratch/written_off.json"
check evaluate-impossible 2 "not allowed for invoice F in state paid" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$scratch/written_off.json" --as-of 2026-03-10
check evaluate-bad-case 2 "none.json" -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$scratch/none.json" --as-of 2026-03-10

# Exit codes by cause: 2 for input out of bounds, 3 only when the reference
# data cannot answer (docs/cli.md).
check_message bound-amount 2 'money "1000000000000000000.00 EUR": beyond the supported magnitude' \
  -- "$relance" penalties --rate 10% --amount "1000000000000000000.00 EUR" --due 2026-01-01 --as-of 2026-02-01
# 100000 % is the largest rate; on 1000.00 EUR for a year it owes 1000000.00
# EUR, a valid figure. On the largest amount the interest is beyond the bound.
check bound-rate-ok 0 "interest:     1000000.00 EUR" \
  -- "$relance" penalties --rate 100000% --amount "1000.00 EUR" --due 2025-01-01 --as-of 2026-01-01
check_message bound-rate-interest 2 "beyond the supported magnitude" \
  -- "$relance" penalties --rate 100000% --amount "1000000000000000.00 EUR" --due 2025-01-01 --as-of 2026-01-01
check_message bound-rate 2 'rate "100001%": beyond the supported magnitude of 100000%' \
  -- "$relance" penalties --rate 100001% --amount "1000.00 EUR" --due 2025-01-01 --as-of 2026-01-01
check_message bound-terms-date 2 "the date would be after 9999-12-31, outside the supported dates 0001-01-01..9999-12-31" \
  -- "$relance" terms "net 30" --date 9999-12-31
check_message unknown-currency 2 'currency "XYZ": not an active ISO 4217 currency' \
  -- "$relance" terms "net 30" --date 2026-01-01 --amount "10.00 XYZ"
check_message bound-digits 2 "more than 30 digits" \
  -- "$relance" terms "net 30" --date 2026-01-01 --amount "1234567890123456789012345678901234567890.00 EUR"
printf '{"customer": {"id": "C"}, "events": [{"date": "2026-01-10", "type": "invoice_issued", "invoice": "F", "amount": "1000000000000000000.00 EUR", "due_date": "2026-02-09"}]}' > "$scratch/huge_case.json"
check_message bound-case-amount 2 "beyond the supported magnitude" \
  -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$scratch/huge_case.json" --as-of 2026-03-10
printf '{"customer": {"id": "C"}, "events": [{"date": "2026-01-10", "type": "invoice_issued", "invoice": "F", "amount": 1e400, "due_date": "2026-02-09"}]}' > "$scratch/huge_number_case.json"
check_message bound-case-number 2 "huge_number_case.json: " \
  -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$scratch/huge_number_case.json" --as-of 2026-03-10
printf '{"id": "p", "version": 1, "levels": [{"id": "r", "offset_days": 99999999999999999999999, "channel": "email"}]}' > "$scratch/huge_policy.json"
check_message bound-policy-number 2 "levels[0].offset_days: expected an integer, got number" \
  -- "$relance" policy check "$scratch/huge_policy.json"
# Still exit 3: a code, preset or series relance does not know, a date beyond
# a series, an event the invoice's state does not allow.
check_message still-3-calendar 3 'built-in calendar "XX" not found' -- "$relance" calendar XX --year 2026
check_message still-3-preset 3 'penalty rule "xx": unknown preset' \
  -- "$relance" penalties --rule xx --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01
check_message still-3-series 3 "no rate known for 2099-01-01" -- "$relance" rates ecb-mro --at 2099-01-01

# Input files: only regular files of at most 16 MiB, refused before reading;
# nothing blocks (timeout 20 in check_message).
mkdir "$scratch/dir.json"
check_message file-directory 2 "dir.json\": is a directory, expected a regular file" \
  -- "$relance" policy check "$scratch/dir.json"
check_message file-directory-calendar 2 "is a directory" -- "$relance" calendar "$scratch/dir.json" --year 2026
check_message file-directory-terms 2 "is a directory" -- "$relance" terms "$scratch/dir.json" --date 2026-01-01
mkfifo "$scratch/fifo.json"
check_message file-fifo 2 "fifo.json\": is a FIFO (named pipe), expected a regular file" \
  -- "$relance" policy check "$scratch/fifo.json"
check_message file-fifo-case 2 "is a FIFO" \
  -- "$relance" evaluate --policy "$root/examples/policies/standard_fr.json" --case "$scratch/fifo.json" --as-of 2026-03-10
check_message file-dev-zero 2 'file "/dev/zero": is a character device, expected a regular file' \
  -- "$relance" policy check /dev/zero
check_message file-dev-zero-series 2 "is a character device" \
  -- "$relance" penalties --rate 10% --series /dev/zero --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01
ln -s /dev/zero "$scratch/zero.json"
check_message file-symlink-to-device 2 "is a character device" -- "$relance" calendar "$scratch/zero.json" --year 2026
# 16 MiB + 1 byte (a sparse file: nothing is written, nothing must be read).
truncate -s $((16 * 1024 * 1024 + 1)) "$scratch/big.json"
check_message file-too-big 2 "big.json\": is 16777217 bytes, more than the limit of 16777216 bytes (16 MiB)" \
  -- "$relance" policy check "$scratch/big.json"
# Exactly 16 MiB is read (and is not JSON).
truncate -s $((16 * 1024 * 1024)) "$scratch/limit.json"
check_message file-at-limit 2 "invalid JSON" -- "$relance" policy check "$scratch/limit.json"
check_message file-missing 2 "none.json\": cannot open: No such file or directory" \
  -- "$relance" policy check "$scratch/none.json"

# Messages quote at most 80 characters of the input and escape control
# characters, whatever the parser.
long=$(printf 'x%.0s' {1..5000})
check_message quote-terms-long 2 '... (5000 bytes)' -- "$relance" terms "$long" --date 2026-01-01
check_message quote-terms-escape 2 'terms "net\x1B[2J 30"' -- "$relance" terms $'net\e[2J 30' --date 2026-01-01
check_message quote-money 2 'money "12\n50 EUR"' -- "$relance" terms "net 30" --date 2026-01-01 --amount $'12\n50 EUR'
check_message quote-money-long 2 '... (5004 bytes)' -- "$relance" terms "net 30" --date 2026-01-01 --amount "$long EUR"
check_message quote-date 2 'date "2026\t01-01"' -- "$relance" terms "net 30" --date $'2026\t01-01'
check_message quote-date-long 2 'date "xxxxxxxx' -- "$relance" terms "net 30" --date "$long"
check_message quote-rate 2 'rate "1\r5%"' \
  -- "$relance" penalties --rate $'1\r5%' --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01
check_message quote-formula 2 'terms "CM+45D\x07"' -- "$relance" terms $'CM+45D\a' --date 2026-01-01
# A formula of 2000 steps echoed in normalised form is cut too.
# 31 steps (the most is 32), 153 characters: quoted to about 80.
check_message quote-long-formula 2 '"... (153 bytes) counts business days' \
  -- "$relance" terms "$(printf '100D+%.0s' {1..30})1WD" --date 2026-01-01
check_message quote-calendar-code 3 '"\x1B]0;owned\x07"' -- "$relance" calendar $'\e]0;owned\a' --year 2026
check_message quote-payment 2 '--payment "2026\n"' \
  -- "$relance" penalties --rate 10% --amount "100.00 EUR" --due 2026-01-01 --as-of 2026-02-01 --payment $'2026\n'
printf '{"id": "p", "version": 1, "levels": [], "%s\\u001b": 1}' "$long" > "$scratch/key_policy.json"
check_message quote-json-key 2 '... (5001 bytes) (expected one of' -- "$relance" policy check "$scratch/key_policy.json"
printf '{"id": "p", "version": 1, "name": "%s' "$long" > "$scratch/open_string.json"
check_message quote-json-syntax 2 'invalid JSON' -- "$relance" policy check "$scratch/open_string.json"
printf '{"id": "p\\nq", "version": 1, "levels": [{"id": "r", "offset_days": 1, "channel": "email"}]}' > "$scratch/id_policy.json"
check_message quote-json-value 2 '"p\nq": use only letters' -- "$relance" policy check "$scratch/id_policy.json"
check_message quote-file-name 2 'file "' -- "$relance" policy check "$scratch/"$'\e[31m'"red.json"

# CLI11's own errors in the same shape: one line, exit 2.
check_message cli-unknown-option 2 'terms: unexpected argument "--frobnicate" (unknown option, or a second TERMS' \
  -- "$relance" terms "net 30" --date 2026-01-01 --frobnicate
check_message cli-extra-argument 2 'calendar: unexpected argument "extra"' -- "$relance" calendar FR extra --year 2026
check_message cli-bad-integer 2 'calendar: --year: expected a whole number, got "twenty"' -- "$relance" calendar FR --year twenty
check_message cli-huge-integer 2 'calendar: --year: expected a whole number, got "99999999999999999999"' \
  -- "$relance" calendar FR --year 99999999999999999999
check_message cli-missing-required 2 "terms: --date is required" -- "$relance" terms "net 30"
check_message cli-missing-value 2 "calendar: --year: expected a value after it" -- "$relance" calendar FR --year
check_message cli-no-command 2 "give a command: calendar, terms, penalties" -- "$relance"
check_message cli-unknown-command 2 'unknown command "frobnicate"; give one of calendar, terms' -- "$relance" frobnicate
check_message cli-policy-no-command 2 "policy: give a command: check, graph" -- "$relance" policy
check_message cli-unknown-option-escaped 2 'unknown option "--x\x1B[2J"' -- "$relance" rates $'--x\e[2J'

# policy check --json: one JSON document, valid or not.
# Parsed by Python when it is installed; otherwise one object, braces first
# and last.
is_json() {
  if command -v python3 >/dev/null; then
    python3 -c 'import json, sys; json.load(sys.stdin)'
  else
    local text
    text=$(cat)
    [[ $text == "{"* && $text == *"}" ]]
  fi
}
check policy-check-json 0 '"ok": true' -- "$relance" policy check "$root/examples/policies/standard_fr.json" --json
check policy-check-json-levels 0 '"channel": "registered_letter"' -- "$relance" policy check "$root/examples/policies/standard_fr.json" --json
if "$relance" policy check "$root/examples/policies/standard_fr.json" --json | is_json; then
  echo "ok   policy-check-json-parses"; passed=$((passed + 1))
else
  echo "FAIL policy-check-json-parses"; failed=$((failed + 1))
fi
"$relance" policy check "$scratch/bad_policy.json" --json >"$scratch/check.json" 2>/dev/null
code=$?
if [[ $code -eq 2 ]] && is_json <"$scratch/check.json" &&
   grep -q '"ok": false' "$scratch/check.json" &&
   grep -q '"message": ".*bad_policy.json: policy: version' "$scratch/check.json" &&
   grep -q '"exit_code": 2' "$scratch/check.json"; then
  echo "ok   policy-check-json-error"; passed=$((passed + 1))
else
  echo "FAIL policy-check-json-error: exit $code"; cat "$scratch/check.json"; failed=$((failed + 1))
fi
check policy-check-json-missing 2 '"ok": false' -- "$relance" policy check "$scratch/none.json" --json

# No date after 9999-12-31 is ever printed: an error instead.
no_far_date() {
  local name=$1; shift
  local output
  output=$("$@" 2>&1)
  if [[ "$output" == *"10000-"* ]] || [[ "$output" == *"+1"????"-"* ]]; then
    echo "FAIL $name: printed a date after 9999-12-31"; echo "$output" | grep -m3 "10000-"
    failed=$((failed + 1)); return
  fi
  echo "ok   $name"; passed=$((passed + 1))
}
for code in FR FR-ALSACE-MOSELLE DE GB US TARGET; do
  no_far_date "far-calendar-$code" "$relance" calendar "$code" --year 9999 --json
  check_json "far-calendar-json-$code" 0 '.year' 9999 -- "$relance" calendar "$code" --year 9999 --json
  no_far_date "far-adjust-$code" "$relance" calendar "$code" --adjust 9999-12-31 --convention following
done
no_far_date far-terms "$relance" terms "2/10 net 30" --date 9999-12-01 --json
no_far_date far-terms-calendar "$relance" terms "net 30" --date 9999-12-01 --calendar FR
check_message far-terms-discount 2 "the date would be after 9999-12-31" -- "$relance" terms "2/40 net 20" --date 9999-12-01
no_far_date far-penalties "$relance" penalties --rate 10% --amount "100.00 EUR" --due 9999-12-30 --as-of 9999-12-31 --json
printf '{"customer": {"id": "C"}, "events": [{"date": "9999-11-01", "type": "invoice_issued", "invoice": "F", "amount": "100.00 EUR", "due_date": "9999-12-20"}]}' > "$scratch/far_case.json"
# A policy without penalties (whose rates end in 2026): a level 30 days after
# the due date 9999-12-20 would be in the year 10000.
printf '{"id": "p", "version": 1, "levels": [{"id": "r1", "offset_days": 30, "channel": "email", "payment_deadline_days": 10}]}' > "$scratch/far_policy.json"
check_message far-evaluate 2 "falls after 9999-12-31, the last supported date" \
  -- "$relance" evaluate --policy "$scratch/far_policy.json" --case "$scratch/far_case.json" --as-of 9999-12-25
printf '{"customer": {"id": "C"}, "events": [{"date": "9999-11-01", "type": "invoice_issued", "invoice": "F", "amount": "100.00 EUR", "due_date": "9999-12-01"}]}' > "$scratch/far_case_deadline.json"
# r1 is due on 9999-12-31; its payment deadline would be 10000-01-10.
check_message far-evaluate-deadline 2 "the payment deadline of r1 falls after 9999-12-31" \
  -- "$relance" evaluate --policy "$scratch/far_policy.json" --case "$scratch/far_case_deadline.json" --as-of 9999-12-31
no_far_date far-evaluate-forecast "$relance" evaluate --policy "$scratch/far_policy.json" --case "$scratch/far_case.json" --as-of 9999-11-02 --forecast-to 9999-12-31

# The demo prints commands that can be pasted back.
# shellcheck source=../scripts/demo
source "$root/scripts/demo"
printed=$(command_line terms "2/10 net 30" --amount "it's 1 EUR" '$HOME' "")
if [[ "$printed" == "relance terms '2/10 net 30' --amount 'it'\\''s 1 EUR' '\$HOME' ''" ]] &&
   eval "set -- ${printed#relance }" && [[ $# -eq 6 && $1 == terms && $2 == "2/10 net 30" && $4 == "it's 1 EUR" && $5 == '$HOME' ]]; then
  echo "ok   demo-quoting"; passed=$((passed + 1))
else
  echo "FAIL demo-quoting: $printed"; failed=$((failed + 1))
fi

# check_json NAME PYTHON_CONDITION -- COMMAND...
# Runs the command (exit 0), parses its stdout as JSON with python3 and
# evaluates the condition on it, bound to `d`.
check_json() {
  local name=$1 condition=$2
  shift 3
  if ! command -v python3 >/dev/null; then
    echo "skip $name: no python3"; return
  fi
  if "$@" >"$scratch/json" 2>"$scratch/json_err" &&
     python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$scratch/json" "$condition"; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name: $condition"; head -c 2000 "$scratch/json" "$scratch/json_err"
    failed=$((failed + 1))
  fi
}

# The library's documents (docs/json.md): schema first, null for absent,
# money as text.
check_json penalties-json-document 'list(d)[:2] == ["schema", "schema_version"] and d["schema"] == "relance.assessment" and d["schema_version"] == 1 and d["interest"] == "184.93 EUR" and d["regime"] is None and d["total_outstanding"] == "15184.93 EUR" and d["penalties_outstanding"] == "184.93 EUR" and d["lines"][0]["days"] == 30' -- "$relance" penalties --rate 15% --amount "15000.00 EUR" --due 2018-04-15 --as-of 2018-05-15 --json
# fr-b2b, 10 000.00 EUR paid in full 30 days late (docs/penalties.md, "One
# settlement model"): 148.08 of principal still owed.
check_json penalties-json-settlement 'd["rule"] == "fr-b2b" and d["principal_outstanding"] == "148.08 EUR" and d["total_outstanding"] == "148.08 EUR"' -- "$relance" penalties --rule fr-b2b --amount "10000.00 EUR" --due 2025-01-31 --as-of 2025-03-02 --payment 2025-03-02=10000.00 --json
check_json penalties-json-de-regime 'd["regime"] is not None and "a.F." in d["regime"] and d["compensation"] == "0.00 EUR"' -- "$relance" penalties --rule de-b2b --amount "10000.00 EUR" --due 2014-09-30 --as-of 2014-10-30 --obligation-date 2014-07-28 --json
check_json terms-json-document 'list(d)[:2] == ["schema", "schema_version"] and d["schema"] == "relance.schedule" and d["final_due_date"] == "2026-03-02" and d["eom_reading"] is None and d["tax_reduction"] is None and d["discounts"][0]["net_payable"] == "980.00 EUR"' -- "$relance" terms "2/10 net 30" --date 2026-01-31 --amount "1000.00 EUR" --json
check_json policy-json-new-settings 'd["policy"]["min_days_between_levels"] == 5 and d["policy"]["dun_late_payment_claims"] is False and d["policy"]["penalty_rule"]["source"] == "preset"' -- "$relance" policy check "$root/examples/policies/standard_fr.json" --json

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
