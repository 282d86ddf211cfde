// relance/internal/fold_into.hpp
// -----------------------------------------------------------------------------
// Internal: `FoldInvoice` into a lifecycle the caller owns, for the dunning
// decision that folds every invoice of a case into its list. Not installed.
#ifndef RELANCE_INTERNAL_FOLD_INTO_HPP_
#define RELANCE_INTERNAL_FOLD_INTO_HPP_

#include <cstddef>

#include "absl/status/status.h"
#include "relance/compiled_case.hpp"
#include "relance/date.hpp"
#include "relance/lifecycle.hpp"

namespace relance::internal {

// As FoldInvoice(c, index, as_of, with_history), written into `life`, which
// must be default-constructed; `index` must be an invoice of `c`. On error
// `life` holds a partial fold: the caller discards it.
absl::Status FoldInvoiceInto(const CompiledCase& c, size_t index, Date as_of,
                             bool with_history, InvoiceLifecycle& life);

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_FOLD_INTO_HPP_
