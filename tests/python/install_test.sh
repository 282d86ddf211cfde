#!/usr/bin/env bash
# The Python package installs as README says, from a clean copy of the
# source tree, into a fresh virtual environment, offline:
#
#   python3 -m venv --system-site-packages VENV
#   VENV/bin/pip install --no-build-isolation .
#
# then the installed package (not the build tree's) imports and passes the
# pytest suite (but for the benchmark and Dask cluster tests). pip builds
# the library and the extension once more through
# CMake (CMAKE_BUILD_PARALLEL_LEVEL jobs, 2 by default), unoptimised
# (RELANCE_CMAKE_BUILD_TYPE=None, read by setup.py) to keep the test suite
# quick: the install path is the one README shows, only the optimisation
# level differs.
#
#   install_test.sh SOURCE_DIR SCRATCH_DIR
#
# Exits 77 (ctest: skipped) when `python3 -m venv` is unavailable (Debian
# without python3-venv); scripts/setup installs it, so CI runs the test.
set -euo pipefail
source_dir=$(cd "$1" && pwd)
scratch=$2
python=${PYTHON:-/usr/bin/python3}

if ! "$python" -c "import ensurepip, venv" 2>/dev/null; then
  echo "install_test: python3 -m venv is unavailable (python3-venv): skipped"
  exit 77
fi

rm -rf "$scratch"
mkdir -p "$scratch/clone"
# A clean clone: the files git knows (tracked, or new and not ignored),
# without build trees; a plain copy without build/ outside a git checkout.
if git -C "$source_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$source_dir" &&
    git ls-files -z --cached --others --exclude-standard |
    xargs -0 tar cf - --ignore-failed-read) | tar xf - -C "$scratch/clone"
else
  tar cf - -C "$source_dir" --exclude=./build --exclude=./.git . |
    tar xf - -C "$scratch/clone"
fi

"$python" -m venv --system-site-packages "$scratch/venv"
# Sanitizer settings of the calling test run do not belong to this build.
unset LD_PRELOAD CXXFLAGS CFLAGS LDFLAGS
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
export RELANCE_CMAKE_BUILD_TYPE=${RELANCE_CMAKE_BUILD_TYPE:-None}
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
(cd "$scratch/clone" &&
  "$scratch/venv/bin/pip" install --no-build-isolation --quiet .)

cd "$scratch"
"$scratch/venv/bin/python" - <<'PY'
import pathlib, sys
import relance
location = pathlib.Path(relance.__file__).resolve()
assert "site-packages" in location.parts, location
assert relance.__version__ == relance.version_string()
typed = location.parent / "py.typed"
assert typed.exists() and (location.parent / "__init__.pyi").exists()
print(f"install_test: relance {relance.__version__} from {location.parent}")
PY
# The package's own tests; the benchmark peers, compare.py and the Dask
# cluster tests exercise no installed code that python_test has not already
# run, and take most of the suite's time.
RELANCE_SOURCE_DIR="$source_dir" "$scratch/venv/bin/python" -m pytest -q \
  -p no:cacheprovider "$scratch/clone/tests/python" \
  --ignore="$scratch/clone/tests/python/test_dask.py" \
  --ignore="$scratch/clone/tests/python/test_compare.py" \
  --ignore="$scratch/clone/tests/python/test_peers.py"
