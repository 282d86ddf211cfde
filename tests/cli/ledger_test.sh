#!/usr/bin/env bash
# End-to-end tests of the ledger commands (`relance import`, `run`,
# `record`, `history`, `report aging`, `status`, `verify`) against real
# SQLite files: every kind of bad import row, idempotent re-imports, runs
# that never plan twice, recording and continuing, an altered journal
# caught by verify, a newer schema refused, a second writer refused, and a
# run killed in the middle that leaves the ledger as it was.
#
# Tampering and locking use Python's sqlite3 module (/usr/bin/python3), as
# another program on the machine would.
set -u
relance=${RELANCE:?set RELANCE to the relance executable}
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# shellcheck source=checks.sh
source "$root/tests/cli/checks.sh"
export RELANCE_NOW=2026-03-31T07:00:00Z

db="$scratch/ledger.db"
standard="$root/examples/policies/standard_fr.json"
sql() { /usr/bin/python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.isolation_level = None
for row in c.execute(sys.argv[2]): print("|".join(map(str, row)))' "$@"; }

# --- Imports: every kind of bad row, nothing imported -------------------------
cat >"$scratch/bad_invoices.csv" <<'EOF'
invoice_id,customer_id,issue_date,currency,amount,terms,due_date
F-1,C-1,2026-01-05,EUR,1200.00,30D,
F-2,C-1,2026-02-30,EUR,300.00,30D,
F-3,C-1,2026-01-05,EUR,12.5,30D,
F-4,C-1,2026-01-05,EUR,-5.00,30D,
F-5,C-1,2026-01-05,XYZ,5.00,30D,
F-6,C-1,2026-01-05,EUR,5.00,net 3O,
F-7,C-1,2026-01-05,EUR,5.00,,2026-01-01
F-8,C-1,2026-01-05,EUR,5.00,30D,2026-02-04
F-1,C-2,2026-01-06,EUR,10.00,30D,
,C-1,2026-01-05,EUR,5.00,30D,
F-9,C-1,2026-01-05,EUR,5.00
"F-10,C-1,2026-01-05,EUR,5.00,30D,
EOF
check import-bad-rows 2 "11 errors, nothing imported" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-bad-date 2 "bad_invoices.csv:3:3 (issue_date)" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-bad-decimals 2 "bad_invoices.csv:4:5 (amount)" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-bad-sign 2 "bad_invoices.csv:5:5 (amount)" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-bad-currency 2 "bad_invoices.csv:6:4 (currency)" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-bad-terms 2 "bad_invoices.csv:7:6 (terms)" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-due-before-issue 2 "bad_invoices.csv:8:7 (due_date)" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-both-due-and-terms 2 "bad_invoices.csv:9" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-duplicate-id 2 "already on line 2" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-empty-id 2 "bad_invoices.csv:11:1 (invoice_id)" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-field-count 2 "bad_invoices.csv:12" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check import-unclosed-quote 2 "bad_invoices.csv:13" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db"
check_json import-bad-json 2 '.imported' 0 -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db" --json
check_json import-bad-json-errors 2 '.errors|length' 11 -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db" --json
check_json import-bad-nothing-written 0 '.invoices' 0 -- "$relance" status --db "$db" --json
# A file that is not there is bad input (exit 2), not missing reference data.
check_message import-missing-file 2 'none.csv": cannot open: No such file or directory' -- "$relance" import invoices "$scratch/none.csv" --db "$db"

# --skip-bad: the good row goes in, the bad ones to the rejects file, which
# reads back with the same errors.
check import-skip-bad 0 "1 imported" -- "$relance" import invoices "$scratch/bad_invoices.csv" --db "$db" --skip-bad --rejects "$scratch/rejects.csv"
if [[ "$(head -n 1 "$scratch/rejects.csv")" == "invoice_id,customer_id,issue_date,currency,amount,terms,due_date" ]] &&
  [[ "$(sed -n 2p "$scratch/rejects.csv")" == "F-2,C-1,2026-02-30,EUR,300.00,30D," ]]; then
  echo "ok   import-rejects-file"; passed=$((passed + 1))
else
  echo "FAIL import-rejects-file"; cat "$scratch/rejects.csv"; failed=$((failed + 1))
fi
# The rejects file holds the 11 bad rows, with the same 11 errors (F-1 of
# C-2 is no longer a duplicate in the file, but the ledger has F-1 of C-1).
check_json import-rejects-read-back 2 '.errors|length' 11 -- "$relance" import invoices "$scratch/rejects.csv" --db "$db" --json
rm -f "$db" "$db-wal" "$db-shm"

# Ledger-level errors: a payment for an unknown invoice, in another
# currency, before its invoice.
printf 'invoice_id,customer_id,issue_date,currency,amount,due_date\nF-1,C-1,2026-01-05,EUR,1200.00,2026-02-04\n' >"$scratch/one.csv"
check import-one 0 "1 imported" -- "$relance" import invoices "$scratch/one.csv" --db "$db"
printf 'invoice_id,payment_date,amount,currency\nF-404,2026-02-01,10.00,EUR\nF-1,2026-02-01,10.00,GBP\nF-1,2026-01-02,10.00,EUR\n' >"$scratch/bad_payments.csv"
check import-payment-unknown-invoice 2 'bad_payments.csv:2 (invoice_id): no invoice "F-404"' -- "$relance" import payments "$scratch/bad_payments.csv" --db "$db"
check import-payment-currency 2 'bad_payments.csv:3 (currency): the payment is in GBP' -- "$relance" import payments "$scratch/bad_payments.csv" --db "$db"
check import-payment-before-issue 2 'bad_payments.csv:4 (payment_date)' -- "$relance" import payments "$scratch/bad_payments.csv" --db "$db"
printf '{"customer": "C-1", "date": "2026-02-10", "type": "dispute_resolved", "invoice": "F-1", "outcome": "rejected"}\n{"date": "2026-02-10", "type": "payment_received", "invoice": "F-1", "amount": "1.00 EUR"}\n{"date": "2026-02-31", "type": "written_off", "invoice": "F-1"}\n' >"$scratch/bad_events.jsonl"
check import-event-impossible 2 "bad_events.jsonl:1" -- "$relance" import events "$scratch/bad_events.jsonl" --db "$db"
check import-event-payment 2 "relance import payments" -- "$relance" import events "$scratch/bad_events.jsonl" --db "$db"
check import-event-date 2 "bad_events.jsonl:3" -- "$relance" import events "$scratch/bad_events.jsonl" --db "$db"
check_json import-events-nothing-written 0 '.journal_entries' 1 -- "$relance" status --db "$db" --json
# A changed invoice is refused, naming the field.
printf 'invoice_id,customer_id,issue_date,currency,amount,due_date\nF-1,C-1,2026-01-05,EUR,1250.00,2026-02-04\n' >"$scratch/changed.csv"
check import-changed-invoice 2 "changed.csv:2 (amount): invoice \"F-1\" is already in the ledger with another amount" -- "$relance" import invoices "$scratch/changed.csv" --db "$db"
rm -f "$db" "$db-wal" "$db-shm"

# --- The sample portfolio: import twice, run twice -----------------------------
portfolio="$root/examples/portfolio"
for what in customers invoices payments; do
  check "import-sample-$what" 0 "rejected" -- "$relance" import "$what" "$portfolio/$what.csv" --db "$db"
done
check import-sample-events 0 "13 imported" -- "$relance" import events "$portfolio/events.jsonl" --db "$db"
# Again: every row is already there, nothing new in the journal.
check_json reimport-invoices 0 '.unchanged' 305 -- "$relance" import invoices "$portfolio/invoices.csv" --db "$db" --json
check_json reimport-events 0 '.imported' 0 -- "$relance" import events "$portfolio/events.jsonl" --db "$db" --json
check_json reimport-journal 0 '.journal_entries' 539 -- "$relance" status --db "$db" --json

# Before the first run (dry runs): British customers under the UK policy
# (--policy-for GB=...): C-3001 owes
# 8.50 GBP, under uk_late_payment's 20.00 GBP minimum but above
# standard_fr's (none in GBP).
uk="$root/examples/policies/uk_late_payment.json"
customers_with_actions() {  # the customers of a run's actions, one a line
  "$relance" run --as-of 2026-03-31 --db "$db" --json --dry-run "$@" | json_query '.actions[*].customer'
}
if customers_with_actions --policy "$standard" | grep -qx C-3001 &&
  ! customers_with_actions --policy "$standard" --policy-for "GB=$uk" | grep -qx C-3001; then
  echo "ok   run-policy-for-jurisdiction"; passed=$((passed + 1))
else
  echo "FAIL run-policy-for-jurisdiction"; failed=$((failed + 1))
fi
check_json run-policy-for-listed 0 '.jurisdiction_policies[0].policy' "uk-standard v1" -- "$relance" run --as-of 2026-03-31 --policy "$standard" --policy-for "GB=$uk" --db "$db" --json --dry-run
check_message run-policy-for-malformed 2 "expected JURISDICTION=FILE" -- "$relance" run --as-of 2026-03-31 --policy "$standard" --policy-for "uk.json" --db "$db"
check_message run-policy-for-twice 2 "GB is given twice" -- "$relance" run --as-of 2026-03-31 --policy "$standard" --policy-for "GB=$uk" --policy-for "GB=$uk" --db "$db"

check_json run-first 0 '.actions_planned' 27 -- "$relance" run --as-of 2026-03-31 --policy "$standard" --db "$db" --json
check_json run-again 0 '.actions_planned' 0 -- "$relance" run --as-of 2026-03-31 --policy "$standard" --db "$db" --json
check_json run-again-already 0 '.already_planned' 27 -- "$relance" run --as-of 2026-03-31 --policy "$standard" --db "$db" --json
check_json run-dry 0 '.run_id' null -- "$relance" run --as-of 2026-04-30 --policy "$standard" --db "$db" --json --dry-run
check_json run-dry-action-id 0 '.actions[0].id' null -- "$relance" run --as-of 2026-04-30 --policy "$standard" --db "$db" --json --dry-run
check_json run-dry-wrote-nothing 0 '.actions_planned' 27 -- "$relance" status --db "$db" --json

# C-1001's reminder1 (action 1) is sent on 1 April; on 8 April (due
# 2026-03-15 + ... ) the ladder moves on for it.
check_json action-1 0 '.communication.level' reminder1 -- "$relance" record sent 1 --date 2026-04-01 --db "$db" --json
check_message record-sent-twice 2 "already recorded as sent on 2026-04-01" -- "$relance" record sent 1 --db "$db"
check_message record-sent-unknown 3 "no action 999" -- "$relance" record sent 999 --db "$db"
check_json history-sent 0 '.entries[-1].type' action_performed -- "$relance" history C-1001 --db "$db" --json
check_json history-sent-source 0 '.entries[-1].source' "action 1" -- "$relance" history C-1001 --db "$db" --json
check_json history-actions 0 '.actions[0].status' done -- "$relance" history C-1001 --db "$db" --json

# Facts recorded by hand: a dispute opened then resolved; a resolution
# without a dispute is refused and writes nothing.
check_message record-resolve-without-dispute 2 "dispute_resolved" -- "$relance" record resolve --invoice FA-2026-0037 --date 2026-04-02 --outcome rejected --db "$db"
check record-dispute 0 "dispute_opened for C-1001" -- "$relance" record dispute --invoice FA-2026-0037 --date 2026-04-02 --reason "goods damaged" --db "$db"
check record-resolve 0 "dispute_resolved" -- "$relance" record resolve --invoice FA-2026-0037 --date 2026-04-05 --outcome rejected --db "$db"
check_message record-payment-unknown-invoice 3 'no invoice "F-404"' -- "$relance" record payment --invoice F-404 --amount "10.00 EUR" --date 2026-04-02 --db "$db"
check_message record-bad-date 2 "--date" -- "$relance" record dispute --invoice FA-2026-0037 --date 2026-04-31 --db "$db"
check_json history-invoice 0 '.entries[*].type' "$(printf 'invoice_issued\naction_performed\ndispute_opened\ndispute_resolved')" -- "$relance" history FA-2026-0037 --db "$db" --json

# Action 1's receipt acknowledged (the signed card of a registered letter):
# an action_acknowledged of "action 1", its number and note as the reason;
# an action not sent yet (2), one sent later than the receipt, and an
# unknown one are refused, writing nothing.
check_message record-ack-not-sent 2 "action 2 is not recorded as sent" -- "$relance" record acknowledged 2 --date 2026-04-03 --db "$db"
check_message record-ack-unknown 3 "no action 999" -- "$relance" record acknowledged 999 --date 2026-04-03 --db "$db"
check_message record-ack-before-sent 2 "action 1 was sent on 2026-04-01: it cannot have been acknowledged on 2026-03-31" -- "$relance" record acknowledged 1 --date 2026-03-31 --db "$db"
check_message record-ack-no-date 2 "--date" -- "$relance" record acknowledged 1 --db "$db"
check_json record-ack 0 '.event.reference' "action 1" -- "$relance" record acknowledged 1 --date 2026-04-03 --reference "1A 123 456 7890 1" --note "signed: M. Dupont" --db "$db" --json
check_json_has history-ack 0 '.entries[*].type' action_acknowledged -- "$relance" history C-1001 --db "$db" --json
check_json_has dossier-ack 0 '.history[*].acknowledged_on' 2026-04-03 -- "$relance" dossier C-1001 --as-of 2026-04-05 --db "$db" --letterhead "$root/examples/letterhead.json" --json
check dossier-ack-text 0 "ref. action 1  received 2026-04-03 (1A 123 456 7890 1; signed: M. Dupont)" -- "$relance" dossier C-1001 --as-of 2026-04-05 --db "$db" --letterhead "$root/examples/letterhead.json"
check_json_has dossier-ack-note 0 '.history[*].acknowledgement_note' "1A 123 456 7890 1; signed: M. Dupont" -- "$relance" dossier C-1001 --as-of 2026-04-05 --db "$db" --letterhead "$root/examples/letterhead.json" --json

# A later run continues: C-1001's next level comes after reminder1.
check_json_has run-later-continues 0 '.actions[*].customer' C-1001 -- "$relance" run --as-of 2026-04-10 --policy "$standard" --db "$db" --json

# The ageing report and its chart.
check_json aging-json 0 '.currencies[0].currency' EUR -- "$relance" report aging --as-of 2026-03-31 --db "$db" --json --svg "$scratch/aging.svg"
if /usr/bin/python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); sys.exit(d.documentElement.tagName != "svg")' "$scratch/aging.svg"; then
  echo "ok   aging-svg-well-formed"; passed=$((passed + 1))
else
  echo "FAIL aging-svg-well-formed"; failed=$((failed + 1))
fi
check aging-csv 0 "scope,customer" -- "$relance" report aging --as-of 2026-03-31 --db "$db" --csv
check aging-by-customer 0 "C-1001" -- "$relance" report aging --as-of 2026-03-31 --db "$db" --by customer

# --- The journal's chain -------------------------------------------------------
check verify-intact 0 "journal intact" -- "$relance" verify --db "$db"
cp "$db" "$scratch/altered.db"
sql "$scratch/altered.db" "DROP TRIGGER journal_no_update" >/dev/null
sql "$scratch/altered.db" "UPDATE journal SET event = replace(event, '1200.00', '120.00') WHERE sequence = (SELECT min(sequence) FROM journal WHERE event LIKE '%1200.00%')" >/dev/null
altered=$(sql "$scratch/altered.db" "SELECT min(sequence) FROM journal WHERE event LIKE '%\"120.00 %'")
check_message verify-altered 5 "journal altered at entry $altered" -- "$relance" verify --db "$scratch/altered.db"
check_json verify-altered-json 5 '.first_altered' "$altered" -- "$relance" verify --db "$scratch/altered.db" --json

# --- Schema versions and other files -----------------------------------------------
cp "$db" "$scratch/newer.db"
sql "$scratch/newer.db" "PRAGMA user_version = 99" >/dev/null
check_message newer-schema 2 "schema version 99 is newer than this relance" -- "$relance" status --db "$scratch/newer.db"
check_message not-a-ledger 2 "not a relance ledger" -- "$relance" status --db "$portfolio/customers.csv"
check_message missing-ledger 2 "no such file" -- "$relance" status --db "$scratch/none.db"
if [[ ! -e "$scratch/none.db" ]]; then
  echo "ok   missing-ledger-not-created"; passed=$((passed + 1))
else
  echo "FAIL missing-ledger-not-created"; failed=$((failed + 1))
fi

# --- A second writer is refused -------------------------------------------------------
/usr/bin/python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.isolation_level = None
c.execute("BEGIN IMMEDIATE"); print("locked", flush=True); time.sleep(30)' "$db" >"$scratch/lock.out" &
locker=$!
for _ in $(seq 100); do [[ -s "$scratch/lock.out" ]] && break; sleep 0.1; done
check_message second-writer 4 "is in use by another relance process" -- "$relance" run --as-of 2026-04-11 --policy "$standard" --db "$db"
kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null

# --- A run killed in the middle ---------------------------------------------------------
# A ledger of 3,000 customers with 2 overdue invoices each. The run is
# started on a terminal (a pseudo-terminal from Python's pty module) so that
# it draws its progress bar, and killed (SIGKILL) once the bar shows the
# first 1,024 customers done: in the middle of its one transaction.
big="$scratch/big.db"
/usr/bin/python3 - "$scratch/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("invoice_id,customer_id,issue_date,currency,amount,due_date\n")
    for c in range(3000):
        for i in range(2):
            out.write(f"F-{c:04d}-{i},C-{c:04d},2026-01-{1 + i:02d},EUR,{100 + c}.00,2026-02-{1 + i:02d}\n")
PY
check import-big 0 "6000 imported" -- "$relance" import invoices "$scratch/big.csv" --db "$big"
if /usr/bin/python3 - "$relance" "$big" "$standard" <<'PY'
import os, pty, signal, sys
relance, db, policy = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(relance, [relance, "run", "--as-of", "2026-03-31", "--policy", policy, "--db", db])
seen = b""
while b"1024/3000" not in seen:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        chunk = b""
    if not chunk:
        sys.exit("the run ended before it could be killed: " + seen.decode(errors="replace")[-200:])
    seen += chunk
os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
sys.exit(0 if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL else "not killed")
PY
then
  echo "ok   run-killed-in-the-middle"; passed=$((passed + 1))
else
  echo "FAIL run-killed-in-the-middle"; failed=$((failed + 1))
fi
check_json killed-run-left-nothing 0 '.last_run' null -- "$relance" status --db "$big" --json
check_json killed-run-no-actions 0 '.actions_planned' 0 -- "$relance" status --db "$big" --json
check killed-run-journal-intact 0 "journal intact: 6000 entries" -- "$relance" verify --db "$big"
check_json rerun-completes 0 '.actions_planned' 3000 -- "$relance" run --as-of 2026-03-31 --policy "$standard" --db "$big" --json
check_json rerun-no-duplicates 0 '.actions_planned' 0 -- "$relance" run --as-of 2026-03-31 --policy "$standard" --db "$big" --json

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
