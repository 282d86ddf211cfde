#!/bin/sh
# Remakes FX-2026-0006.pdf, the sample Factur-X invoice, from its sources:
# source/FX-2026-0006.html (the page a person reads) printed to PDF by
# headless Chromium, then source/factur-x.xml (the CII invoice relance reads)
# attached as factur-x.xml with qpdf, listed in the name tree and in the
# catalog's /AF with /AFRelationship /Data, as Factur-X asks.
#
# Needs chromium, qpdf (the command, Debian package qpdf) and python3. These
# are tools to make the sample, not dependencies of relance. The result is
# not PDF/A-3 (Chromium does not write PDF/A, and there is no XMP metadata):
# enough for relance's reader, which looks for the attachment, not for a
# validator.
#
# Usage: examples/einvoices/make_pdf.sh   (from anywhere)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$work/page.pdf" "file://$here/source/FX-2026-0006.html" \
  2>/dev/null

qpdf --add-attachment "$here/source/factur-x.xml" --key=factur-x.xml \
  --filename=factur-x.xml --mimetype=text/xml --description=Factur-X \
  --creationdate=D:20260309090000Z --moddate=D:20260309090000Z -- \
  "$work/page.pdf" "$work/attached.pdf"

# qpdf's --add-attachment writes no /AF: add it, and /AFRelationship /Data,
# through qpdf's JSON (version 2) update.
qpdf --json-output "$work/attached.pdf" "$work/attached.json"
python3 - "$work/attached.json" "$work/patch.json" <<'PY'
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    header, objects = json.load(f)["qpdf"]
catalog = filespec = None
for key, obj in objects.items():
    value = obj.get("value")
    if not isinstance(value, dict):
        continue
    if value.get("/Type") == "/Catalog":
        catalog = key
    if value.get("/Type") == "/Filespec" and value.get("/UF") == "u:factur-x.xml":
        filespec = key
if catalog is None or filespec is None:
    sys.exit("make_pdf.sh: catalog or factur-x.xml file spec not found")
reference = filespec[len("obj:"):]
objects[catalog]["value"]["/AF"] = [reference]
objects[filespec]["value"]["/AFRelationship"] = "/Data"
patch = {"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False,
                   "calledgetallpages": False,
                   "maxobjectid": header["maxobjectid"]},
                  {catalog: objects[catalog], filespec: objects[filespec]}]}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(patch, f)
PY
qpdf --update-from-json="$work/patch.json" --object-streams=generate \
  --compress-streams=y --deterministic-id \
  "$work/attached.pdf" "$here/FX-2026-0006.pdf"
echo "wrote $here/FX-2026-0006.pdf ($(wc -c <"$here/FX-2026-0006.pdf") bytes)"
