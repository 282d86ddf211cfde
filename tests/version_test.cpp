#include "relance/version.hpp"

#include <string>

#include "gtest/gtest.h"

namespace relance {
namespace {

// RELANCE_PROJECT_VERSION is project()'s VERSION in CMakeLists.txt, passed by
// tests/CMakeLists.txt; the library must report exactly it.
TEST(Version, LibraryReportsTheProjectVersion) {
  EXPECT_EQ(std::string(VersionString()), RELANCE_PROJECT_VERSION);
  EXPECT_EQ(std::string(VersionString()), kVersionString);
}

TEST(Version, NumberPacksMajorMinorPatch) {
  // "0.1.0" -> 0 * 10000 + 1 * 100 + 0 = 100, computed here from the text.
  const std::string text = RELANCE_PROJECT_VERSION;
  const size_t first = text.find('.');
  const size_t second = text.find('.', first + 1);
  ASSERT_NE(second, std::string::npos);
  const int major = std::stoi(text.substr(0, first));
  const int minor = std::stoi(text.substr(first + 1, second - first - 1));
  const int patch = std::stoi(text.substr(second + 1));
  EXPECT_EQ(VersionNumber(), major * 10000 + minor * 100 + patch);
  EXPECT_EQ(VersionNumber(), RELANCE_VERSION_NUMBER);
  EXPECT_EQ(RELANCE_VERSION_MAJOR, major);
  EXPECT_EQ(RELANCE_VERSION_MINOR, minor);
  EXPECT_EQ(RELANCE_VERSION_PATCH, patch);
}

}  // namespace
}  // namespace relance
