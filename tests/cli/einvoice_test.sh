#!/usr/bin/env bash
# End-to-end tests of the e-invoice commands: `relance einvoice show` (text
# and --json, every kind of file and the errors), `relance import einvoice`
# and `relance import statuses` into a ledger holding the sample portfolio
# (examples/portfolio/), with the demo's files (examples/einvoices/, whose
# README gives the figures expected here), and a dunning run over them.
set -u
relance=${RELANCE:?set RELANCE to the relance executable}
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# shellcheck source=checks.sh
source "$root/tests/cli/checks.sh"
export RELANCE_NOW=2026-03-31T07:00:00Z

einvoices="$root/examples/einvoices"
portfolio="$root/examples/portfolio"
db="$scratch/ledger.db"

# --- einvoice show --------------------------------------------------------------
check show-cii 0 "invoice FX-2026-0001 (BT-3 380), cii, profile en16931" -- "$relance" einvoice show "$einvoices/FX-2026-0001.xml"
check show-buyer-id 0 "buyer        Dupont, Fils & Cie (id C-1001" -- "$relance" einvoice show "$einvoices/FX-2026-0001.xml"
check show-vat-on-receipt 0 "VAT on receipt yes" -- "$relance" einvoice show "$einvoices/FX-2026-0001.xml"
check show-fact 0 '"amount":"1440.00 EUR","due_date":"2026-03-04"' -- "$relance" einvoice show "$einvoices/FX-2026-0001.xml"
check show-ubl-credit-note 0 "credit_note" -- "$relance" einvoice show "$einvoices/FX-2026-0005.xml"
check show-already-paid 0 "already_paid" -- "$relance" einvoice show "$einvoices/FX-2026-0004.xml"
check show-no-terms 0 "fact         none: " -- "$relance" einvoice show "$einvoices/FX-2026-0003.xml"
check show-default-terms 0 '"terms":"30D"' -- "$relance" einvoice show "$einvoices/FX-2026-0003.xml" --default-terms 30D
check_json show-json-schema 0 '.schema' 'relance.einvoice' -- "$relance" einvoice show "$einvoices/FX-2026-0002.xml" --json
check_json show-json-amount 0 '.amount_due' '2520.00 EUR' -- "$relance" einvoice show "$einvoices/FX-2026-0002.xml" --json
check_json show-json-buyer 0 '.buyer.id' 'C-1003' -- "$relance" einvoice show "$einvoices/FX-2026-0002.xml" --json
# Factur-X PDFs need a relance built with PDF support (RELANCE_WITH_PDF).
if "$relance" einvoice show "$einvoices/FX-2026-0006.pdf" >/dev/null 2>&1; then
  pdf_files=("$einvoices/FX-2026-0006.pdf")
  check_json show-pdf 0 '.source' "$einvoices/FX-2026-0006.pdf#factur-x.xml" -- "$relance" einvoice show "$einvoices/FX-2026-0006.pdf" --json
else
  pdf_files=()
  check_message show-pdf-unsupported 2 "without PDF support" -- "$relance" einvoice show "$einvoices/FX-2026-0006.pdf"
fi
check_json show-statuses 0 '.statuses[0].fact.event.amount' '348.00 EUR' -- "$relance" einvoice show "$einvoices/statuses/FX-2026-0002_207_en-litige.xml" --json
check show-statuses-text 0 "207 En litige  invoice FX-2026-0002  on 2026-03-20  effect dispute" -- "$relance" einvoice show "$einvoices/statuses/FX-2026-0002_207_en-litige.xml"

# Bad files: exit 2, one line naming the file.
printf '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">' >"$scratch/truncated.xml"
check_message show-not-well-formed 2 "truncated.xml: not well-formed XML" -- "$relance" einvoice show "$scratch/truncated.xml"
cat >"$scratch/bomb.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol2;</Invoice>
XML
check_message show-dtd-refused 2 "a document type declaration (DTD) is refused" -- "$relance" einvoice show "$scratch/bomb.xml"
sed 's|<ram:GrandTotalAmount>1440.00</ram:GrandTotalAmount>|<ram:GrandTotalAmount>1450.00</ram:GrandTotalAmount>|' "$einvoices/FX-2026-0001.xml" >"$scratch/br-co-15.xml"
check_message show-br-co-15 2 "(BR-CO-15)" -- "$relance" einvoice show "$scratch/br-co-15.xml"
check_message show-missing-file 2 'none.xml": cannot open' -- "$relance" einvoice show "$scratch/none.xml"
printf '%%PDF-1.4\nnothing else\n' >"$scratch/fake.pdf"
check_message show-damaged-pdf 2 "fake.pdf" -- "$relance" einvoice show "$scratch/fake.pdf"

# --- import einvoice, import statuses ------------------------------------------------
for what in customers invoices payments; do
  "$relance" import "$what" "$portfolio/$what.csv" --db "$db" >/dev/null
done
"$relance" import events "$portfolio/events.jsonl" --db "$db" >/dev/null
invoice_files=("$einvoices"/FX-2026-000{1,2,3,4,5}.xml "${pdf_files[@]}")
n=${#invoice_files[@]}
# FX-2026-0003 gives neither a due date nor terms relance reads: without
# --default-terms nothing at all is imported.
check_message import-einvoice-bad-policy 2 "no-policy.json" -- "$relance" import einvoice "${invoice_files[@]}" --db "$db" --policy "$scratch/no-policy.json"
check import-einvoice-refused 2 "FX-2026-0003.xml (BT-9): BT-9 (due date) absent" -- "$relance" import einvoice "${invoice_files[@]}" --db "$db"
check_json import-einvoice-refused-nothing 0 '.invoices' 305 -- "$relance" status --db "$db" --json
# The French standard policy's default terms: 30 days (L441-10 I).
check import-einvoice 0 "$n files: $n documents, $n imported, 0 already in the ledger, 0 rejected" -- "$relance" import einvoice "${invoice_files[@]}" --db "$db" --policy "$root/examples/policies/standard_fr.json"
# A note says why a document gives no fact (in a ledger of its own: the
# files already kept above are not read again).
check import-einvoice-notes 0 'invoice "FX-2026-0004": nothing due' -- "$relance" import einvoice "$einvoices/FX-2026-0004.xml" --db "$scratch/notes.db" --default-terms 30D
check_json import-einvoice-again 0 '.unchanged' "$n" -- "$relance" import einvoice "${invoice_files[@]}" --db "$db" --default-terms 30D --json
# 305 invoices of the portfolio + FX-2026-0001, 0002, 0003 (and 0006).
check_json import-einvoice-invoices 0 '.invoices' $((308 + ${#pdf_files[@]})) -- "$relance" status --db "$db" --json
check import-einvoice-history 0 "credit_note  invoice FX-2026-0001, amount 240.00 EUR" -- "$relance" history FX-2026-0001 --db "$db"
check import-statuses-wrong-kind 2 "an invoice, not a lifecycle message" -- "$relance" import statuses "$einvoices/FX-2026-0001.xml" --db "$db"
check import-einvoice-wrong-kind 2 "a lifecycle message (CDAR), not an invoice" -- "$relance" import einvoice "$einvoices/statuses/FX-2026-0001_200_deposee.xml" --db "$db"
check import-statuses 0 "5 files: 5 statuses, 5 imported, 0 already in the ledger, 0 rejected" -- "$relance" import statuses "$einvoices"/statuses/*.xml --db "$db"
check_json import-statuses-again 0 '.unchanged' 5 -- "$relance" import statuses "$einvoices"/statuses/*.xml --db "$db" --json
check import-statuses-payment 0 "payment_received  invoice FX-2026-0001, amount 600.00 EUR" -- "$relance" history FX-2026-0001 --db "$db"
check import-statuses-promise 0 "promise_to_pay  invoice FA-2026-0053" -- "$relance" history FA-2026-0053 --db "$db"
check import-statuses-factored 0 "dunning_blocked  invoice FA-2026-0140" -- "$relance" history FA-2026-0140 --db "$db"
check_message import-statuses-transit-range 2 "payment-transit-days" -- "$relance" import statuses "$einvoices"/statuses/*.xml --db "$db" --payment-transit-days 61
check verify-after-einvoices 0 "intact" -- "$relance" verify --db "$db"
# customers.csv gives C-1001, C-1003 and C-2003 no address: their
# e-invoices' buyer's (BG-8) is their address now, in their dossiers (and
# letters); C-1002, whose only e-invoice is already paid, keeps the CSV's;
# a German buyer of a French seller ends with the country in French.
check_json dossier-address-from-einvoice 0 '.debtor.address[1]' '69003 Lyon' -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --policy "$root/examples/policies/standard_fr.json" --letterhead "$root/examples/letterhead.json" --json
check_json dossier-address-ubl 0 '.debtor.address[0]' 'Zone industrielle des Pins, 7 allée des Transporteurs' -- "$relance" dossier C-1003 --as-of 2026-03-31 --db "$db" --policy "$root/examples/policies/standard_fr.json" --letterhead "$root/examples/letterhead.json" --json
check_json dossier-address-csv 0 '.debtor.address[0]' '3 place Grandclément' -- "$relance" dossier C-1002 --as-of 2026-03-31 --db "$db" --policy "$root/examples/policies/standard_fr.json" --letterhead "$root/examples/letterhead.json" --json
check_json dossier-address-abroad 0 '.debtor.address[-1]' 'ALLEMAGNE' -- "$relance" dossier C-2003 --as-of 2026-03-31 --db "$db" --policy "$root/examples/policies/standard_fr.json" --letterhead "$root/examples/letterhead.json" --json

# The 212 "Encaissée" of the 600.00 EUR the platform reported cashed, made
# from the ledger's copy of FX-2026-0001 (one rate: 20 %).
"$relance" einvoice cashed "CDV-FX-2026-0001-07#FX-2026-0001#212" --db "$db" >"$scratch/212.xml"
check_json cashed-reads-back 0 '.statuses[0].amounts[0].amount' '600.00 EUR' -- "$relance" einvoice show "$scratch/212.xml" --json
check_json cashed-rate 0 '.statuses[0].amounts[0].vat_rate' '20.00%' -- "$relance" einvoice show "$scratch/212.xml" --json
check cashed-output 0 "212.out.xml: 212 Encaissée for payment CDV-FX" -- "$relance" einvoice cashed "CDV-FX-2026-0001-07#FX-2026-0001#212" --db "$db" --output "$scratch/212.out.xml"
check_message cashed-not-an-einvoice 2 'invoice "FA-2025-0002" was not imported from an e-invoice' -- "$relance" einvoice cashed PAY-00001 --db "$db"
check_message cashed-unknown 3 'no payment "PAY-none" in the ledger' -- "$relance" einvoice cashed PAY-none --db "$db"

# The dossier of C-1001 lists its e-invoice statuses as evidence: the 200
# (evidence only) and the 212 of FX-2026-0001.
check_json dossier-evidence 0 '.evidence[0].code' '200' -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --policy "$root/examples/policies/standard_fr.json" --letterhead "$root/examples/letterhead.json" --json
check_json dossier-evidence-212 0 '.evidence[1].effect' 'payment' -- "$relance" dossier FX-2026-0001 --as-of 2026-03-31 --db "$db" --policy "$root/examples/policies/standard_fr.json" --letterhead "$root/examples/letterhead.json" --json
check dossier-evidence-text 0 "FX-2026-0001  200 Déposée  evidence" -- "$relance" dossier C-1001 --as-of 2026-03-31 --db "$db" --policy "$root/examples/policies/standard_fr.json" --letterhead "$root/examples/letterhead.json"

# The run of 31 March: FX-2026-0001 (600.00 left, due 4 March) is dunned;
# FA-2026-0140 (factored) and FX-2026-0006 (not yet due) are not.
"$relance" run --as-of 2026-03-31 --policy "$root/examples/policies/standard_fr.json" --db "$db" --json >"$scratch/run.json"
planned() { /usr/bin/python3 -c 'import json, sys
run = json.load(open(sys.argv[1]))
print(" ".join(sorted({i for a in run["actions"] for i in a["communication"]["invoices"]})))' "$scratch/run.json"; }
# The factored invoice (blocked with no end) leaves its customer evaluated.
check_json run-every-customer 0 '.failed|length' 0 -- cat "$scratch/run.json"
planned >"$scratch/planned.txt"
check run-dunns-fx-0001 0 "FX-2026-0001" -- cat "$scratch/planned.txt"
check run-not-factored 1 "" -- grep -q FA-2026-0140 "$scratch/planned.txt"

# Without --policy or --default-terms, the last run's policy's default
# terms apply (standard_fr.json: 30D).
fresh="$scratch/fresh.db"
"$relance" import customers "$portfolio/customers.csv" --db "$fresh" >/dev/null
"$relance" run --as-of 2026-03-31 --policy "$root/examples/policies/standard_fr.json" --db "$fresh" >/dev/null
check import-einvoice-last-run-terms 0 'the default terms "30D" apply' -- "$relance" import einvoice "$einvoices/FX-2026-0003.xml" --db "$fresh"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
