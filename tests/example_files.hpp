// tests/example_files.hpp
// -----------------------------------------------------------------------------
// Former home of ReadExampleFile, kept so that test files not yet moved keep
// compiling. New tests include "test_helpers.hpp" directly.
#ifndef RELANCE_TESTS_EXAMPLE_FILES_HPP_
#define RELANCE_TESTS_EXAMPLE_FILES_HPP_

#include "test_helpers.hpp"  // IWYU pragma: export

#endif  // RELANCE_TESTS_EXAMPLE_FILES_HPP_
