#include "store/ledger_rows.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace relance::store {

std::string RowError::ToString() const {
  // Line 0: the whole file (an e-invoice).
  std::string where = origin.line > 0
                          ? absl::StrCat(origin.file, ":", origin.line)
                          : origin.file;
  if (column > 0) absl::StrAppend(&where, ":", column);
  if (!field.empty()) absl::StrAppend(&where, " (", field, ")");
  return absl::StrCat(where, ": ", message);
}

std::string JoinAddressLines(const std::vector<std::string>& lines) {
  return absl::StrJoin(lines, "\n");
}

std::vector<std::string> SplitAddressLines(std::string_view stored) {
  std::vector<std::string> lines;
  while (!stored.empty()) {
    const size_t end = std::min(stored.find('\n'), stored.size());
    lines.emplace_back(stored.substr(0, end));
    stored.remove_prefix(std::min(end + 1, stored.size()));
  }
  return lines;
}

}  // namespace relance::store
