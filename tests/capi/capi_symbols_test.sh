#!/usr/bin/env bash
# librelance_c exports the C ABI and nothing else: every defined dynamic
# symbol is relance_* (besides the version node RELANCE_C_1), so no C++,
# Abseil or standard-library symbol of relance's reaches a host; its SONAME
# carries the ABI version; it does not need librelance.so.
#   capi_symbols_test.sh LIBRARY ABI_VERSION
set -euo pipefail
library=$1 abi=$2
# Defined symbols another object can bind to: GLOBAL, WEAK or UNIQUE. The
# linker may keep symbols the version script made LOCAL in the dynamic table
# (standard-library instantiations a linked library such as libqpdf also
# defines); LOCAL ones are not exported.
exported=$(readelf -W --dyn-syms "$library" |
  awk '$5 ~ /^(GLOBAL|WEAK|UNIQUE)$/ && $7 != "UND" {print $8}' | sed 's/@.*//')
others=$(grep -vE '^(relance_[a-z0-9_]+|RELANCE_C_1)$' <<<"$exported" || true)
if [[ -n "$others" ]]; then
  echo "capi_symbols_test: librelance_c exports more than relance_*:" >&2
  head -20 <<<"$others" >&2
  exit 1
fi
count=$(grep -c '^relance_' <<<"$exported")
# Every function the header declares is exported.
header=$(dirname "$0")/../../capi/relance.h
declared=$(grep -oE '\brelance_[a-z0-9_]+\(' "$header" | tr -d '(' | sort -u)
missing=$(comm -23 <(echo "$declared") <(sort -u <<<"$exported"))
if [[ -n "$missing" ]]; then
  echo "capi_symbols_test: declared but not exported: $missing" >&2
  exit 1
fi
soname=$(readelf -d "$library" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
if [[ "$soname" != "librelance_c.so.$abi" ]]; then
  echo "capi_symbols_test: SONAME is '$soname', expected librelance_c.so.$abi" >&2
  exit 1
fi
if readelf -d "$library" | grep -q 'librelance\.so'; then
  echo "capi_symbols_test: librelance_c needs librelance.so" >&2
  exit 1
fi
echo "capi_symbols_test: $count relance_* symbols, nothing else; $soname"
