#!/usr/bin/env bash
# End-to-end tests of the `relance` command: outputs, JSON, exit codes and
# error messages. Expected holidays come from the official lists cited in
# tests/builtin_calendars_test.cpp.
set -u
relance=${RELANCE:?set RELANCE to the relance executable}
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0

# check NAME EXPECTED_EXIT EXPECTED_SUBSTRING -- COMMAND...
# Runs the command, compares its exit code and looks for the substring in its
# stdout+stderr.
check() {
  local name=$1 expected_exit=$2 expected_text=$3
  shift 4
  local output exit_code
  output=$("$@" 2>&1)
  exit_code=$?
  if [[ $exit_code -ne $expected_exit ]]; then
    echo "FAIL $name: exit $exit_code, expected $expected_exit"; echo "$output" | head -20
    failed=$((failed + 1)); return
  fi
  if [[ "$output" != *"$expected_text"* ]]; then
    echo "FAIL $name: output lacks \"$expected_text\""; echo "$output" | head -20
    failed=$((failed + 1)); return
  fi
  echo "ok   $name"
  passed=$((passed + 1))
}

check version 0 "relance 0." -- "$relance" --version
check help 0 "calendar" -- "$relance" --help
check no-subcommand 2 "subcommand" -- "$relance"
check unknown-subcommand 2 "relance:" -- "$relance" frobnicate

# France 2026 (service-public.fr): 11 holidays; Ascension Thursday 14 May.
check fr-2026-count 0 "FR (" -- "$relance" calendar FR --year 2026
check fr-2026-ascension 0 "2026-05-14  Thursday  Ascension" -- "$relance" calendar FR --year 2026
check fr-2026-eleven 0 ": 11 holidays" -- "$relance" calendar FR --year 2026
# England and Wales 2027 (gov.uk): Christmas Saturday -> substitute Monday 27.
check gb-2027-json 0 '"date": "2027-12-27"' -- "$relance" calendar GB --year 2027 --json
# Good Friday 2026 is 3 April, Easter Monday 6 April: TARGET closed both.
check target-adjust 0 "2026-04-03 (Friday, not a business day) -> 2026-04-07 (Tuesday)" \
  -- "$relance" calendar TARGET --adjust 2026-04-03 --convention following
# Sunday 31 May 2026: following is Monday 1 June (another month), so
# modified-following goes back to Friday 29 May.
check fr-modified-following 0 "-> 2026-05-29 (Friday)" \
  -- "$relance" calendar FR --adjust 2026-05-31 --convention modified-following
check adjust-json 0 '"adjusted": "2026-05-29"' \
  -- "$relance" calendar FR --adjust 2026-05-31 --convention modified-following --json
check list 0 "FR-ALSACE-MOSELLE" -- "$relance" calendar --list
check json-file 0 "Company Christmas Eve" -- "$relance" calendar "$root/examples/calendars/acme.json" --year 2026

# Bad input: exit 2 with a message naming what is wrong.
check bad-date 2 'date "2026-02-30": day 30 does not exist' -- "$relance" calendar FR --adjust 2026-02-30
check bad-convention 2 'convention "sideways": expected one of' -- "$relance" calendar FR --adjust 2026-02-02 --convention sideways
check bad-year-text 2 "relance:" -- "$relance" calendar FR --year twenty
check bad-year-range 2 "--year 0" -- "$relance" calendar FR --year 0
check both-modes 2 "exactly one of --year or --adjust" -- "$relance" calendar FR --year 2026 --adjust 2026-01-01
check neither-mode 2 "exactly one of --year or --adjust" -- "$relance" calendar FR
check missing-file 2 'cannot open file' -- "$relance" calendar "$scratch/none.json" --year 2026
printf '{"code": "X", "holidays": [{"name": "y", "month": 13, "day": 1}]}' > "$scratch/bad.json"
check bad-json-calendar 2 "holidays[0].month" -- "$relance" calendar "$scratch/bad.json" --year 2026
printf '{"code": ' > "$scratch/truncated.json"
check truncated-json 2 "truncated.json" -- "$relance" calendar "$scratch/truncated.json" --year 2026
# Unknown code: a well-formed request the data cannot answer: exit 3.
check unknown-code 3 '"XX"' -- "$relance" calendar XX --year 2026

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
