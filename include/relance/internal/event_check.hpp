// relance/internal/event_check.hpp
// -----------------------------------------------------------------------------
// Internal: `Event::Validate` for callers that check many events (compiling a
// case) and read terms with the host's options. Not installed.
#ifndef RELANCE_INTERNAL_EVENT_CHECK_HPP_
#define RELANCE_INTERNAL_EVENT_CHECK_HPP_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "relance/event.hpp"

namespace relance::internal {

// What to do with an `invoice_issued` event's terms text.
enum class TermsText {
  kParseWithDefaults,  // parse it with default options (`Event::Validate`)
  kLeftToCaller,       // only its presence is checked: the caller parses it
};

// The checks of `Event::Validate`, with the same messages. `path` is called
// only to build an error message ("events[3]"), so a valid event costs no
// string.
absl::Status ValidateEventShape(const Event& event, TermsText terms_text,
                                absl::FunctionRef<std::string()> path);

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_EVENT_CHECK_HPP_
