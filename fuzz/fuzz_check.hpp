// fuzz/fuzz_check.hpp
// -----------------------------------------------------------------------------
// What every relance fuzz harness shares: a property check that reports the
// input's failed property and aborts (libFuzzer then saves the input as a
// crash), and small helpers to read the fuzzer's bytes as text.
#ifndef RELANCE_FUZZ_FUZZ_CHECK_HPP_
#define RELANCE_FUZZ_FUZZ_CHECK_HPP_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

// Aborts with the property's text and where it was checked when `condition`
// is false. Unlike assert, it holds in every build type.
#define RELANCE_FUZZ_CHECK(condition)                                          \
  do {                                                                         \
    if (!(condition)) {                                                        \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, \
                   #condition);                                                \
      std::abort();                                                            \
    }                                                                          \
  } while (false)

namespace relance::fuzz {

// The fuzzer's bytes as text (not NUL-terminated; may hold any byte).
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace relance::fuzz

#endif  // RELANCE_FUZZ_FUZZ_CHECK_HPP_
