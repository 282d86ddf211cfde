# The checks of the command-line tests (tests/cli_test.sh,
# tests/cli/ledger_test.sh), sourced after `relance`, `root` and `scratch`
# are set. See tests/cli_test.sh for how to use them.
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

# check_message NAME EXPECTED_EXIT EXPECTED_SUBSTRING -- COMMAND...
# Like check, and the error message is safe: exactly one line on stderr,
# starting with "relance: ", with no control character and at most 600
# bytes whatever the input. Run under `timeout` so that no case can block.
check_message() {
  local name=$1 expected_exit=$2 expected_text=$3
  shift 4
  local exit_code
  timeout 20 "$@" >"$scratch/stdout" 2>"$scratch/stderr"
  exit_code=$?
  local lines bytes
  # One message line; a hint may follow on lines indented by two spaces
  # (the rates a computation lacks and how to supply them).
  lines=$(grep -vc '^  ' "$scratch/stderr")
  bytes=$(head -n 1 "$scratch/stderr" | wc -c)
  if [[ $exit_code -ne $expected_exit ]]; then
    echo "FAIL $name: exit $exit_code, expected $expected_exit"; head -c 2000 "$scratch/stderr"
    failed=$((failed + 1)); return
  fi
  if [[ $lines -ne 1 ]] || [[ $bytes -gt 600 ]]; then
    echo "FAIL $name: stderr has $lines lines, $bytes bytes"; head -c 2000 "$scratch/stderr" | cat -v
    failed=$((failed + 1)); return
  fi
  if LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' <"$scratch/stderr"); then
    echo "FAIL $name: stderr has a control character"; cat -v "$scratch/stderr"
    failed=$((failed + 1)); return
  fi
  if [[ "$(cat "$scratch/stderr")" != "relance: "*"$expected_text"* ]]; then
    echo "FAIL $name: stderr lacks \"$expected_text\""; cat -v "$scratch/stderr"
    failed=$((failed + 1)); return
  fi
  echo "ok   $name"
  passed=$((passed + 1))
}

json_query="$root/tests/cli/json_query.py"
if [[ ! -x /usr/bin/python3 ]]; then
  echo "FAIL: /usr/bin/python3 is needed to parse the JSON the command prints"
  exit 1
fi
json_query() { /usr/bin/python3 "$json_query" "$@"; }

# json_check MODE NAME EXPECTED_EXIT PATH EXPECTED -- COMMAND...
# Runs the command; its exit code must be EXPECTED_EXIT and its stdout parse.
# MODE "is": the value at PATH is exactly EXPECTED; MODE "has": one of the
# lines printed for PATH is EXPECTED. check_json and check_json_has (see top).
json_check() {
  local mode=$1 name=$2 expected_exit=$3 path=$4 expected=$5
  shift 6
  local problem="" value exit_code
  timeout 20 "$@" >"$scratch/stdout" 2>"$scratch/stderr"
  exit_code=$?
  if [[ $exit_code -ne $expected_exit ]]; then
    problem="exit $exit_code, expected $expected_exit"
  elif ! value=$(json_query "$path" <"$scratch/stdout" 2>"$scratch/query"); then
    problem=$(cat "$scratch/query")
  elif [[ $mode == is && "$value" != "$expected" ]]; then
    problem="$path is \"$value\", expected \"$expected\""
  elif [[ $mode == has ]] && ! grep -qxF -- "$expected" <<<"$value"; then
    problem="no value at $path is \"$expected\""
  fi
  if [[ -n $problem ]]; then
    echo "FAIL $name: $problem"; head -c 2000 "$scratch/stdout"; head -c 2000 "$scratch/stderr"
    failed=$((failed + 1)); return
  fi
  echo "ok   $name"
  passed=$((passed + 1))
}
check_json() { json_check is "$@"; }
check_json_has() { json_check has "$@"; }

# check_json_refused NAME EXPECTED_EXIT EXPECTED_SUBSTRING -- COMMAND...
# (see top): check_message's checks, then NAME-no-stdout: nothing on stdout.
check_json_refused() {
  local name=$1
  check_message "$@"
  if [[ -s "$scratch/stdout" ]]; then
    echo "FAIL $name-no-stdout: printed on stdout after an error"; head -c 2000 "$scratch/stdout"
    failed=$((failed + 1)); return
  fi
  echo "ok   $name-no-stdout"
  passed=$((passed + 1))
}

# The checker itself: it must refuse what is not JSON and a missing path, or
# every JSON check below could pass on nothing.
json_checker_fails() {
  local name=$1 expected_exit=$2 text=$3 path=$4
  local exit_code
  printf '%s' "$text" | json_query "$path" >/dev/null 2>"$scratch/query"
  exit_code=$?
  if [[ $exit_code -ne $expected_exit ]] || [[ ! -s "$scratch/query" ]]; then
    echo "FAIL $name: json_query exit $exit_code, expected $expected_exit with a message"
    failed=$((failed + 1)); return
  fi
  echo "ok   $name"
  passed=$((passed + 1))
}
