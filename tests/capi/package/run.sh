#!/usr/bin/env bash
# The C ABI's package test (CTest capi_package_test): installs relance into
# a scratch prefix, then builds tests/capi/package/main.c as a C host would:
#   - cc ... $(pkg-config --cflags --libs relance_c);
#   - a C-only CMake project with find_package(relance_c), against the
#     install and against the build tree (relance_c_DIR=<build>/capi);
# and checks what it prints against values known independently of relance,
# the installed headers, and that the program loads librelance_c.so.1 only
# (not the C++ librelance.so).
# Environment: RELANCE_BUILD_DIR, SCRATCH_DIR, CC, C_FLAGS, LINKER_FLAGS,
# SOURCE_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=$RELANCE_BUILD_DIR
scratch=$SCRATCH_DIR
prefix=$scratch/prefix
failures=0
fail() { echo "capi package test: FAILED: $*" >&2; failures=$((failures + 1)); }
step() { echo "capi package test: $*"; }

# "1234.56 EUR" + "40.00 EUR"; "2/10 net 30" from 2026-01-31: 30 days later
# is 2026-03-02 (February 2026 has 28 days); the version of project().
version=$(sed -n 's/^ *VERSION \([0-9.]*\)$/\1/p' "$SOURCE_DIR/CMakeLists.txt" | head -1)
IFS=. read -r major minor patch <<<"$version"
expected="sum: 1274.56 EUR
due: 2026-03-02
version: $version $version $((major * 10000 + minor * 100 + patch)) abi 1"

check() {  # name binary
  local output
  if ! output=$("$2" 2>&1); then
    fail "$1: exited with an error: $output"
  elif [[ "$output" != "$expected" ]]; then
    fail "$1: printed:"$'\n'"$output"$'\n'"expected:"$'\n'"$expected"
  elif ! readelf -d "$2" | grep -q 'librelance_c\.so\.1' ||
       readelf -d "$2" | grep -q 'librelance\.so'; then
    fail "$1: does not load librelance_c.so.1 alone"
  else
    step "$1: ok"
  fi
}

rm -rf "$scratch"
mkdir -p "$scratch"
cmake --install "$build_dir" --prefix "$prefix" >"$scratch/install.log"
libdir=$(dirname "$(find "$prefix" -name 'librelance_c.so.1' | head -1)")
[[ -f "$prefix/include/relance.h" && -f "$prefix/include/relance_version.h" ]] ||
  fail "relance.h or relance_version.h is not installed"
[[ -f "$libdir/pkgconfig/relance_c.pc" ]] || fail "relance_c.pc is not installed"

# pkg-config
export PKG_CONFIG_PATH=$libdir/pkgconfig
read -ra c_flags <<<"$C_FLAGS"
read -ra linker_flags <<<"$LINKER_FLAGS"
if cflags=$(pkg-config --cflags relance_c) && libs=$(pkg-config --libs relance_c); then
  read -ra pc_cflags <<<"$cflags"
  read -ra pc_libs <<<"$libs"
  if "$CC" -std=c99 -Wall -Wextra -pedantic -Werror "${c_flags[@]}" \
       "${pc_cflags[@]}" -c "$here/main.c" -o "$scratch/main.o" \
       2>"$scratch/pkg-config.log" &&
     "$CC" "${linker_flags[@]}" "$scratch/main.o" "${pc_libs[@]}" \
       -Wl,-rpath,"$libdir" -o "$scratch/pc-consumer" \
       2>>"$scratch/pkg-config.log"; then
    check "pkg-config" "$scratch/pc-consumer"
  else
    fail "pkg-config: $(cat "$scratch/pkg-config.log")"
  fi
else
  fail "pkg-config cannot read relance_c.pc"
fi

# find_package(relance_c)
cmake_consumer() {  # name binary-dir extra-arguments...
  local name=$1 dir=$2
  shift 2
  if cmake -S "$here" -B "$dir" -DCMAKE_C_COMPILER="$CC" \
       -DCMAKE_C_FLAGS="$C_FLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LINKER_FLAGS" \
       "$@" >"$dir.log" 2>&1 && cmake --build "$dir" >>"$dir.log" 2>&1; then
    check "$name" "$dir/consumer"
  else
    fail "$name: $(tail -20 "$dir.log")"
  fi
}
cmake_consumer "find_package, installed" "$scratch/cmake-installed" \
  -DCMAKE_PREFIX_PATH="$prefix"
cmake_consumer "find_package, build tree" "$scratch/cmake-build-tree" \
  -Drelance_c_DIR="$build_dir/capi"

if [[ $failures -ne 0 ]]; then
  echo "capi package test: $failures failure(s)" >&2
  exit 1
fi
step "all ok"
