// relance/internal/case_borrowing.hpp
// -----------------------------------------------------------------------------
// Internal: compiles a case without copying it, for the library's one-shot
// entry points (`Evaluate(policy, case, ...)`, `Forecast(policy, case, ...)`,
// `FoldInvoice(case, ...)`) whose compiled case never outlives the call.
// Not installed.
#ifndef RELANCE_INTERNAL_CASE_BORROWING_HPP_
#define RELANCE_INTERNAL_CASE_BORROWING_HPP_

#include "absl/status/statusor.h"
#include "relance/compiled_case.hpp"
#include "relance/event.hpp"

namespace relance::internal {

struct CaseBorrowing {
  // As CompiledCase::Compile; `c` must outlive the result.
  static absl::StatusOr<CompiledCase> Compile(const Case& c,
                                              const CaseOptions& options) {
    return CompiledCase::CompileBorrowed(c, options);
  }
};

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_CASE_BORROWING_HPP_
