#!/usr/bin/python3
"""Reads one JSON document on stdin and prints the values at the given paths.

The CLI tests (tests/cli_test.sh) use it to check what `relance ... --json`
prints by parsing it, never by grepping its text:

    relance calendar GB --year 2027 --json | json_query.py '.holidays[7].date'
    2027-12-27

Paths (jq-like, a strict subset):
    .                   the whole document
    .key   ["key"]      a member of an object (use ["..."] for odd keys)
    [3]    [-1]         an element of an array (negative: from the end)
    [*]                 every element of an array (one output line each)
    |length             the number of elements / members / characters
    |keys               the members of an object, in document order

Output: one line per value; a string is printed as is, anything else as
compact JSON (true, null, 3, ["a",1], {"k":"v"}).

Exit status, with a message on stderr saying what and where:
    0  every path exists
    1  a path is missing (no such key, index out of range, wrong type)
    2  stdin is not exactly one valid JSON document (duplicate keys, NaN,
       trailing text and empty input are refused too), or a bad path
"""

import json
import re
import sys

_STEP = re.compile(
    r'\.(?P<key>[A-Za-z_][A-Za-z0-9_-]*)'
    r'|\[(?P<index>-?\d+)\]'
    r'|\[(?P<star>\*)\]'
    r'|\[(?P<quoted>"(?:[^"\\]|\\.)*")\]'
    r'|\|(?P<func>length|keys)$')


class Missing(Exception):
    pass


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError('duplicate key "%s"' % key)
        seen[key] = value
    return seen


def _refuse_constant(name):
    raise ValueError('%s is not JSON' % name)


def _parse_path(path):
    if not path.startswith(('.', '[')):
        raise ValueError('path "%s" must start with "." or "["' % path)
    steps, position = [], 1 if path.startswith('.') and not re.match(
        r'\.[A-Za-z_]', path) else 0
    while position < len(path):
        match = _STEP.match(path, position)
        if not match:
            raise ValueError('path "%s": cannot read from column %d' %
                             (path, position + 1))
        steps.append(match)
        position = match.end()
    return steps


def _apply(values, step, where):
    out = []
    for value in values:
        if step.group('key') is not None or step.group('quoted') is not None:
            key = (step.group('key') if step.group('key') is not None else
                   json.loads(step.group('quoted')))
            if not isinstance(value, dict):
                raise Missing('%s is %s, not an object' % (where, _kind(value)))
            if key not in value:
                raise Missing('%s has no key "%s" (keys: %s)' %
                              (where, key, ', '.join(value) or 'none'))
            out.append(value[key])
        elif step.group('index') is not None:
            index = int(step.group('index'))
            if not isinstance(value, list):
                raise Missing('%s is %s, not an array' % (where, _kind(value)))
            if not -len(value) <= index < len(value):
                raise Missing('%s has %d elements, no [%d]' %
                              (where, len(value), index))
            out.append(value[index])
        elif step.group('star') is not None:
            if not isinstance(value, list):
                raise Missing('%s is %s, not an array' % (where, _kind(value)))
            out.extend(value)
        elif step.group('func') == 'length':
            if not isinstance(value, (list, dict, str)):
                raise Missing('%s is %s, it has no length' %
                              (where, _kind(value)))
            out.append(len(value))
        else:  # keys
            if not isinstance(value, dict):
                raise Missing('%s is %s, not an object' % (where, _kind(value)))
            out.append(list(value))
    return out


def _kind(value):
    for python_type, name in ((bool, 'a boolean'), (dict, 'an object'),
                              (list, 'an array'), (str, 'a string'),
                              (int, 'a number'), (float, 'a number')):
        if isinstance(value, python_type):
            return name
    return 'null'


def _format(value):
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(',', ':'))


def main(argv):
    if len(argv) < 2 or argv[1] in ('-h', '--help'):
        sys.stderr.write(__doc__)
        return 2
    text = sys.stdin.read()
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates,
                              parse_constant=_refuse_constant)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        shown = text if len(text) <= 200 else text[:200] + '...'
        sys.stderr.write('json_query: stdin is not valid JSON: %s\n%s\n' %
                         (error, shown))
        return 2
    lines = []
    for path in argv[1:]:
        try:
            steps = _parse_path(path)
        except ValueError as error:
            sys.stderr.write('json_query: %s\n' % error)
            return 2
        values, where = [document], ''
        try:
            for step in steps:
                values = _apply(values, step, where or '.')
                where += step.group(0)
        except Missing as error:
            sys.stderr.write('json_query: %s: %s\n' % (path, error))
            return 1
        lines.extend(_format(value) for value in values)
    for line in lines:
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
