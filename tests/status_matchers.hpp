// tests/status_matchers.hpp
// -----------------------------------------------------------------------------
// Former home of the status matchers, kept so that test files not yet moved
// keep compiling. New tests include "test_helpers.hpp" directly.
#ifndef RELANCE_TESTS_STATUS_MATCHERS_HPP_
#define RELANCE_TESTS_STATUS_MATCHERS_HPP_

#include "test_helpers.hpp"  // IWYU pragma: export

#endif  // RELANCE_TESTS_STATUS_MATCHERS_HPP_
