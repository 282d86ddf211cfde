// relance/export.hpp
// -----------------------------------------------------------------------------
// RELANCE_API: marks what the relance libraries export.
//
// relance is compiled with hidden symbols by default (-fvisibility=hidden,
// -fvisibility-inlines-hidden). Only declarations marked RELANCE_API are
// visible outside librelance.so: every public function that is not inline,
// and every public class with members defined in the library (the class is
// marked, so its out-of-line members, vtable and type information are
// exported together). Inline functions, templates and aggregates need no mark.
// Everything in relance::internal stays hidden: it is not part of the API.
//
// Example:
//
//   [[nodiscard]] RELANCE_API absl::StatusOr<Date> ParseDate(std::string_view);
//   class RELANCE_API BusinessCalendar { ... };
//
// The static library, compiled from the same objects, carries the same marks;
// a host that links librelance.a into its own shared library and does not
// want to re-export relance can link with -Wl,--exclude-libs,librelance.a.
// Only ELF and Mach-O toolchains (GCC, Clang) are supported today.
#ifndef RELANCE_EXPORT_HPP_
#define RELANCE_EXPORT_HPP_

#if defined(__GNUC__) || defined(__clang__)
#define RELANCE_API __attribute__((visibility("default")))
#else
#define RELANCE_API
#endif

#endif  // RELANCE_EXPORT_HPP_
