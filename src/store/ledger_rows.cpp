#include "store/ledger_rows.hpp"

#include <string>

#include "absl/strings/str_cat.h"

namespace relance::store {

std::string RowError::ToString() const {
  std::string where = absl::StrCat(origin.file, ":", origin.line);
  if (column > 0) absl::StrAppend(&where, ":", column);
  if (!field.empty()) absl::StrAppend(&where, " (", field, ")");
  return absl::StrCat(where, ": ", message);
}

}  // namespace relance::store
