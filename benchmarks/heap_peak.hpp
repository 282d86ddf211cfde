// benchmarks/heap_peak.hpp
// -----------------------------------------------------------------------------
// How much heap a stretch of code needs beyond what was already allocated.
//
// heap_peak.cpp replaces the global operator new and delete (all forms) of
// the program it is linked into with versions that keep the bytes live and
// their peak. Only allocations through operator new are seen (std::vector,
// std::string, make_shared...), not malloc called directly nor thread
// stacks. Link it into benchmark programs only.
//
// Example:
//
//   HeapPeak peak;                 // the peak starts at what is live now
//   auto totals = evaluator->Run(columns);
//   int64_t extra = peak.ExtraBytes();   // the most held at once since
#ifndef RELANCE_BENCHMARKS_HEAP_PEAK_HPP_
#define RELANCE_BENCHMARKS_HEAP_PEAK_HPP_

#include <cstdint>

namespace relance::bench {

// Bytes allocated through operator new and not yet deleted.
int64_t LiveHeapBytes();

// Measures from its construction: the highest number of live bytes since,
// less those live at construction. One measurement at a time per process
// (a new HeapPeak restarts the peak).
class HeapPeak {
 public:
  HeapPeak();
  int64_t ExtraBytes() const;

 private:
  int64_t start_;
};

}  // namespace relance::bench

#endif  // RELANCE_BENCHMARKS_HEAP_PEAK_HPP_
