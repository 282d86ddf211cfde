"""Shared fixtures of relance's Python tests.

The suite runs against the package assembled in the build tree
(PYTHONPATH=<build>/bindings/python, set by ctest) or an installed one.
Examples are read from the source tree: the files users get are the ones
tested.
"""

import os
import pathlib

import hypothesis
import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("RELANCE_SOURCE_DIR", pathlib.Path(__file__).parents[2])
)

# Sanitizer builds are slow: a modest number of examples, no deadline
# (hypothesis' deadline is a timing check; tests here check values only).
hypothesis.settings.register_profile(
    "relance", max_examples=60, deadline=None, derandomize=True
)
hypothesis.settings.load_profile("relance")


@pytest.fixture
def examples() -> pathlib.Path:
    return SOURCE_DIR / "examples"
