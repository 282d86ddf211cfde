#!/usr/bin/env bash
# relance.h is plain C99: it compiles alone, warning-free, with gcc and clang
# under -std=c99 -Wall -Wextra -pedantic -Werror (and as C++, for hosts that
# include it there).   capi_header_test.sh HEADER_DIR GENERATED_DIR
set -euo pipefail
header_dir=$1 generated_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cat >"$scratch/use.c" <<'C'
#include "relance.h"
#include "relance.h" /* the guard holds */
int main(void) {
  relance_money amount = {100, "EUR"};
  relance_date date = 0;
  (void)amount;
  return relance_date_from_ymd(2026, 1, 1, &date) == RELANCE_OK ? 0 : 1;
}
C
compiled=0
for cc in gcc clang clang-14; do
  command -v "$cc" >/dev/null || continue
  for std in c99 c11; do
    "$cc" -std=$std -Wall -Wextra -pedantic -Werror -I"$header_dir" \
      -I"$generated_dir" -c "$scratch/use.c" -o "$scratch/use.o"
    compiled=$((compiled + 1))
  done
done
for cxx in g++ clang++-14; do
  command -v "$cxx" >/dev/null || continue
  cp "$scratch/use.c" "$scratch/use.cpp"
  "$cxx" -std=c++17 -Wall -Wextra -pedantic -Werror -Wold-style-cast \
    -I"$header_dir" -I"$generated_dir" -c "$scratch/use.cpp" -o "$scratch/use.o"
  compiled=$((compiled + 1))
done
command -v gcc >/dev/null && command -v clang-14 >/dev/null || {
  echo "capi_header_test: gcc and clang-14 are both needed" >&2
  exit 1
}
echo "capi_header_test: relance.h compiled $compiled ways"
