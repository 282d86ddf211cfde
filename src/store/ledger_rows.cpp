#include "store/ledger_rows.hpp"

#include <string>

#include "absl/strings/str_cat.h"

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

}  // namespace relance::store
