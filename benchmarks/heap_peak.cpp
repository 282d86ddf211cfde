// Counting operator new and delete (see heap_peak.hpp). Each block carries
// its size in a header just before the pointer handed out: 16 bytes for the
// default alignment, `alignment` bytes for over-aligned types (alignments
// above 16, so the header always holds the size).
#include "heap_peak.hpp"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

std::atomic<int64_t> live_bytes{0};
std::atomic<int64_t> peak_bytes{0};

void Count(int64_t bytes) {
  const int64_t now =
      live_bytes.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  int64_t peak = peak_bytes.load(std::memory_order_relaxed);
  while (now > peak && !peak_bytes.compare_exchange_weak(
                           peak, now, std::memory_order_relaxed)) {
  }
}

constexpr size_t kHeader = 16;

void* Allocate(size_t size, size_t alignment) {
  const size_t header = alignment > kHeader ? alignment : kHeader;
  if (size > SIZE_MAX - 2 * header) throw std::bad_alloc();
  void* base =
      alignment > kHeader
          ? std::aligned_alloc(alignment, (size + header + alignment - 1) /
                                              alignment * alignment)
          : std::malloc(size + header);
  if (base == nullptr) throw std::bad_alloc();
  char* block = static_cast<char*>(base) + header;
  reinterpret_cast<size_t*>(block)[-1] = size;
  Count(static_cast<int64_t>(size));
  return block;
}

void Free(void* block, size_t alignment) noexcept {
  if (block == nullptr) return;
  const size_t header = alignment > kHeader ? alignment : kHeader;
  const size_t size = static_cast<size_t*>(block)[-1];
  live_bytes.fetch_sub(static_cast<int64_t>(size), std::memory_order_relaxed);
  std::free(static_cast<char*>(block) - header);
}

}  // namespace

// GCC cannot see that these replace the global ones
// (-Wmismatched-new-delete).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(size_t size) { return Allocate(size, 0); }
void* operator new[](size_t size) { return Allocate(size, 0); }
void* operator new(size_t size, std::align_val_t alignment) {
  return Allocate(size, static_cast<size_t>(alignment));
}
void* operator new[](size_t size, std::align_val_t alignment) {
  return Allocate(size, static_cast<size_t>(alignment));
}
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  try {
    return Allocate(size, 0);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  try {
    return Allocate(size, 0);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* block) noexcept { Free(block, 0); }
void operator delete[](void* block) noexcept { Free(block, 0); }
void operator delete(void* block, size_t) noexcept { Free(block, 0); }
void operator delete[](void* block, size_t) noexcept { Free(block, 0); }
void operator delete(void* block, const std::nothrow_t&) noexcept {
  Free(block, 0);
}
void operator delete[](void* block, const std::nothrow_t&) noexcept {
  Free(block, 0);
}
void operator delete(void* block, std::align_val_t alignment) noexcept {
  Free(block, static_cast<size_t>(alignment));
}
void operator delete[](void* block, std::align_val_t alignment) noexcept {
  Free(block, static_cast<size_t>(alignment));
}
void operator delete(void* block, size_t, std::align_val_t alignment) noexcept {
  Free(block, static_cast<size_t>(alignment));
}
void operator delete[](void* block, size_t,
                       std::align_val_t alignment) noexcept {
  Free(block, static_cast<size_t>(alignment));
}
#pragma GCC diagnostic pop

namespace relance::bench {

int64_t LiveHeapBytes() { return live_bytes.load(std::memory_order_relaxed); }

HeapPeak::HeapPeak() : start_(LiveHeapBytes()) {
  peak_bytes.store(start_, std::memory_order_relaxed);
}

int64_t HeapPeak::ExtraBytes() const {
  return peak_bytes.load(std::memory_order_relaxed) - start_;
}

}  // namespace relance::bench
