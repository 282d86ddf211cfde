// tests/example_files.hpp
// -----------------------------------------------------------------------------
// Reads the files under examples/ (policies, cases) that tests check, so the
// examples shipped to users are the ones tested. RELANCE_SOURCE_DIR is set for
// every test by tests/CMakeLists.txt.
#ifndef RELANCE_TESTS_EXAMPLE_FILES_HPP_
#define RELANCE_TESTS_EXAMPLE_FILES_HPP_

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace relance::testing {

// The text of examples/<path> ("cases/dupont_ladder.json"); empty if the
// file cannot be read (the test then fails on parsing it).
inline std::string ReadExampleFile(std::string_view path) {
  std::ifstream file(std::string(RELANCE_SOURCE_DIR) + "/examples/" +
                     std::string(path));
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace relance::testing

#endif  // RELANCE_TESTS_EXAMPLE_FILES_HPP_
