#!/usr/bin/env bash
# The package test (CTest consumer_package_test): installs relance into a
# scratch prefix, then builds tests/consumer/main.cpp the ways a host would and
# checks what it prints against values known independently of relance:
#   - find_package(relance), shared library (the default) and static
#     (relance_USE_STATIC_LIBS=ON);
#   - find_package against the build tree (relance_DIR=<build dir>);
#   - pkg-config --cflags --libs relance, shared, and the same flags with
#     librelance.a;
# and checks the installed tree: no internal header, no header that needs
# nlohmann-json, and a shared library that exports relance's API and nothing
# of relance::internal, Abseil or nlohmann-json.
#
# Environment: RELANCE_BUILD_DIR, SCRATCH_DIR, CXX, CXX_FLAGS, LINKER_FLAGS,
# BUILD_TYPE, PROJECT_VERSION.
set -euo pipefail
source_dir=$(cd "$(dirname "$0")" && pwd)
build_dir=$RELANCE_BUILD_DIR
scratch=$SCRATCH_DIR
prefix=$scratch/prefix
failures=0

fail() { echo "consumer test: FAILED: $*" >&2; failures=$((failures + 1)); }
step() { echo "consumer test: $*"; }

# What main.cpp must print. The sum: 1234.56 + 40.00. The terms "2/10 net 30"
# on an invoice of 2026-01-31: due 30 days later, 2026-03-02 (28 days of
# February); 2 % of 1234.56 = 24.6912, 24.69 EUR if paid within 10 days, by
# 2026-02-10. Sunday 2026-05-31 under modified following on the French
# calendar: Monday 1 June is in the next month, so back to Friday 29 May.
# The version: project()'s, packed as major * 10000 + minor * 100 + patch.
IFS=. read -r major minor patch <<<"$PROJECT_VERSION"
version_number=$((major * 10000 + minor * 100 + patch))
expected="sum: 1274.56 EUR
due: 2026-03-02
discount: 24.69 EUR by 2026-02-10
adjusted: 2026-05-29
version: $PROJECT_VERSION $PROJECT_VERSION $version_number"

check_output() {  # name binary
  local output
  if ! output=$("$2" 2>&1); then
    fail "$1: the consumer exited with an error: $output"
  elif [[ "$output" != "$expected" ]]; then
    fail "$1: unexpected output:"$'\n'"$output"$'\n'"expected:"$'\n'"$expected"
  else
    step "$1: ok"
  fi
}

rm -rf "$scratch"
mkdir -p "$scratch"
cmake --install "$build_dir" --prefix "$prefix" >"$scratch/install.log"
libdir=$(dirname "$(find "$prefix" -name librelance.a | head -1)")
shared=$libdir/librelance.so

# --- The installed tree ----------------------------------------------------
[[ -f "$libdir/librelance.a" ]] || fail "librelance.a is not installed"
[[ -f "$shared" ]] || fail "librelance.so is not installed"
[[ -f "$libdir/pkgconfig/relance.pc" ]] || fail "relance.pc is not installed"
[[ -f "$prefix/include/relance/relance.hpp" ]] || fail "relance.hpp is not installed"
[[ -f "$prefix/include/relance/version.hpp" ]] || fail "version.hpp is not installed"
[[ ! -e "$prefix/include/relance/internal" ]] &&
  step "no internal headers installed" ||
  fail "include/relance/internal/ is installed"
if grep -rlE '^[[:space:]]*#[[:space:]]*include.*(relance/internal/|nlohmann|kainjow)' "$prefix/include/relance"; then
  fail "an installed header includes an internal header or nlohmann-json or kainjow-mustache (above)"
fi
if grep -rqE 'nlohmann|kainjow' "$libdir/cmake/relance" "$libdir/pkgconfig/relance.pc"; then
  fail "the package files mention nlohmann-json or kainjow-mustache, private dependencies"
fi

# --- The shared library's exported symbols -----------------------------------
# With hidden visibility only RELANCE_API declarations are exported. Were it
# lost (no -fvisibility=hidden), relance::internal's helpers (quote, decimal,
# the embedded data) and Abseil instantiations would appear here.
exported=$(nm -D --defined-only "$shared" | c++filt |
  sed -E 's/^[0-9a-f]* [A-Za-z] //; s/^(typeinfo name for|typeinfo for|vtable for|VTT for|guard variable for) //')
if internal=$(grep -E '^relance::internal::' <<<"$exported"); then
  fail "librelance.so exports relance::internal symbols:"$'\n'"$(head -5 <<<"$internal")"
fi
if foreign=$(grep -E '^(absl|nlohmann)::' <<<"$exported"); then
  fail "librelance.so exports Abseil or nlohmann-json symbols:"$'\n'"$(head -5 <<<"$foreign")"
fi
for symbol in 'relance::VersionNumber()' 'relance::ParseDate(' \
              'relance::Money::Parse(' 'relance::PaymentTerms::Schedule('; do
  grep -qF "$symbol" <<<"$exported" || fail "librelance.so does not export $symbol"
done
step "librelance.so exports $(grep -c '^relance::' <<<"$exported") relance symbols, none internal"

# --- find_package --------------------------------------------------------------
cmake_consumer() {  # name binary-dir extra-cmake-arguments...
  local name=$1 dir=$2
  shift 2
  if ! cmake -S "$source_dir" -B "$dir" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
      -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXX_FLAGS" \
      -DCMAKE_EXE_LINKER_FLAGS="$LINKER_FLAGS" "$@" >"$dir.log" 2>&1 ||
     ! cmake --build "$dir" >>"$dir.log" 2>&1; then
    fail "$name: the consumer did not build; $dir.log:"$'\n'"$(tail -20 "$dir.log")"
    return
  fi
  check_output "$name" "$dir/consumer"
}
cmake_consumer "find_package, shared" "$scratch/cmake-shared" \
  -DCMAKE_PREFIX_PATH="$prefix"
cmake_consumer "find_package, static" "$scratch/cmake-static" \
  -DCMAKE_PREFIX_PATH="$prefix" -Drelance_USE_STATIC_LIBS=ON
cmake_consumer "find_package, build tree" "$scratch/cmake-build-tree" \
  -Drelance_DIR="$build_dir"
needs_shared() { [[ "$(readelf -d "$1")" == *"[librelance.so"* ]]; }
if [[ -x "$scratch/cmake-shared/consumer" ]] &&
   ! needs_shared "$scratch/cmake-shared/consumer"; then
  fail "find_package, shared: the consumer does not load librelance.so"
fi
if [[ -x "$scratch/cmake-static/consumer" ]] &&
   needs_shared "$scratch/cmake-static/consumer"; then
  fail "find_package, static: the consumer loads librelance.so"
fi

# --- add_subdirectory: the library alone ---------------------------------------
# A host that adds relance to its own tree gets relance::relance and none of
# the tests, benchmarks, harnesses, command or install rules (configure only).
mkdir -p "$scratch/subproject"
cat >"$scratch/subproject/CMakeLists.txt" <<SUBPROJECT
cmake_minimum_required(VERSION 3.25)
project(host LANGUAGES CXX)
add_subdirectory("$(cd "$source_dir/../.." && pwd)" relance)
foreach(target relance::relance relance::relance_shared relance::relance_static)
  if(NOT TARGET \${target})
    message(FATAL_ERROR "no \${target}")
  endif()
endforeach()
foreach(target relance_cli money_test relance_bench money_fuzz)
  if(TARGET \${target})
    message(FATAL_ERROR "the host's build has relance's \${target}")
  endif()
endforeach()
SUBPROJECT
if cmake -S "$scratch/subproject" -B "$scratch/subproject/build" \
    -DCMAKE_CXX_COMPILER="$CXX" >"$scratch/subproject.log" 2>&1 &&
   ! grep -q 'file(INSTALL' "$scratch/subproject/build/relance/cmake_install.cmake"; then
  step "add_subdirectory: the library alone: ok"
else
  fail "add_subdirectory: $(tail -20 "$scratch/subproject.log")"
fi

# --- pkg-config ------------------------------------------------------------------
export PKG_CONFIG_PATH=$libdir/pkgconfig
if ! cflags=$(pkg-config --cflags relance) || ! libs=$(pkg-config --libs relance); then
  fail "pkg-config cannot read relance.pc"
else
  read -ra cxx_flags <<<"$CXX_FLAGS"
  read -ra linker_flags <<<"$LINKER_FLAGS"
  read -ra pc_cflags <<<"$cflags"
  read -ra pc_libs <<<"$libs"
  static_libs=()
  for flag in "${pc_libs[@]}"; do
    [[ "$flag" == -lrelance ]] && flag=$libdir/librelance.a
    static_libs+=("$flag")
  done
  if "$CXX" "${cxx_flags[@]}" "${pc_cflags[@]}" -c "$source_dir/main.cpp" \
      -o "$scratch/main.o" 2>"$scratch/pkg-config.log"; then
    "$CXX" "${linker_flags[@]}" "$scratch/main.o" "${pc_libs[@]}" \
      -Wl,-rpath,"$libdir" -o "$scratch/pc-shared" 2>>"$scratch/pkg-config.log" &&
      check_output "pkg-config, shared" "$scratch/pc-shared" &&
      needs_shared "$scratch/pc-shared" ||
      fail "pkg-config, shared: no link, or no librelance.so: $(cat "$scratch/pkg-config.log")"
    "$CXX" "${linker_flags[@]}" "$scratch/main.o" "${static_libs[@]}" \
      -o "$scratch/pc-static" 2>>"$scratch/pkg-config.log" &&
      check_output "pkg-config, static" "$scratch/pc-static" &&
      ! needs_shared "$scratch/pc-static" ||
      fail "pkg-config, static: no link, or librelance.so loaded: $(cat "$scratch/pkg-config.log")"
  else
    fail "pkg-config: compiling with \`pkg-config --cflags relance\` failed: $(cat "$scratch/pkg-config.log")"
  fi
fi

if [[ $failures -ne 0 ]]; then
  echo "consumer test: $failures failure(s)" >&2
  exit 1
fi
step "all ok"
