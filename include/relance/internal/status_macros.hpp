// relance/internal/status_macros.hpp
// -----------------------------------------------------------------------------
// Early-return helpers for absl::Status / absl::StatusOr.
//
// Debian 12's Abseil (20220623) does not ship these macros, so relance keeps
// its own. They are for relance's own sources; hosts use the public API.
//
// Example:
//
//   absl::StatusOr<Money> Total(std::string_view a, std::string_view b) {
//     RELANCE_ASSIGN_OR_RETURN(Money first, Money::Parse(a));
//     RELANCE_ASSIGN_OR_RETURN(Money second, Money::Parse(b));
//     return Add(first, second);
//   }
#ifndef RELANCE_INTERNAL_STATUS_MACROS_HPP_
#define RELANCE_INTERNAL_STATUS_MACROS_HPP_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Evaluates `expr` (an absl::Status); returns it from the enclosing function
// when it is not OK.
#define RELANCE_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::absl::Status relance_status_ = (expr);           \
    if (!relance_status_.ok()) return relance_status_; \
  } while (false)

#define RELANCE_INTERNAL_CONCAT_INNER(a, b) a##b
#define RELANCE_INTERNAL_CONCAT(a, b) RELANCE_INTERNAL_CONCAT_INNER(a, b)

#define RELANCE_INTERNAL_ASSIGN_OR_RETURN(tmp, lhs, expr) \
  auto tmp = (expr);                                      \
  if (!tmp.ok()) return std::move(tmp).status();          \
  lhs = *std::move(tmp)

// Evaluates `expr` (an absl::StatusOr<T>); on error returns its status from the
// enclosing function, otherwise moves the value into `lhs`, which may be a
// declaration (`RELANCE_ASSIGN_OR_RETURN(Money m, Money::Parse(text));`).
#define RELANCE_ASSIGN_OR_RETURN(lhs, expr) \
  RELANCE_INTERNAL_ASSIGN_OR_RETURN(        \
      RELANCE_INTERNAL_CONCAT(relance_statusor_, __LINE__), lhs, expr)

#endif  // RELANCE_INTERNAL_STATUS_MACROS_HPP_
