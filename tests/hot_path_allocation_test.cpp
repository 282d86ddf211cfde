// Hot paths make no heap allocation: Assess on a compiled rule without a
// breakdown (issue: "Assess: no heap allocation per call when no breakdown
// text is asked for"), and parsing a valid date (every date of a case or a
// CSV row; the message of an error is built only for an error). This binary
// replaces the global operator new with a counting one, so it is a test of
// its own.
#include <atomic>
#include <cstdlib>
#include <new>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/date.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/penalty.hpp"
#include "status_matchers.hpp"

namespace {

std::atomic<long> allocations{0};

void* Allocate(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return Allocate(size); }
void* operator new[](std::size_t size) { return Allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace relance {
namespace {

using ::relance::testing::IsOk;

Money M(std::string_view text) { return *Money::Parse(text); }

CompiledPenaltyRule Compiled(std::string_view preset) {
  absl::StatusOr<PenaltyRule> rule = PenaltyPreset(preset);
  EXPECT_THAT(rule, IsOk());
  absl::StatusOr<CompiledPenaltyRule> compiled =
      CompiledPenaltyRule::Compile(*rule);
  EXPECT_THAT(compiled, IsOk());
  return *compiled;
}

// Allocations made by 100 calls of Assess after one warm-up call.
long AllocationsPerHundredCalls(const CompiledPenaltyRule& rule,
                                const InvoiceFacts& facts, Date as_of) {
  const AssessOptions options{.breakdown = false};
  EXPECT_THAT(Assess(rule, facts, as_of, options), IsOk());
  const long before = allocations.load();
  int ok = 0;
  for (int i = 0; i < 100; ++i) {
    absl::StatusOr<PenaltyAssessment> assessment =
        Assess(rule, facts, as_of, options);
    ok += assessment.ok() ? 1 : 0;
  }
  const long made = allocations.load() - before;
  EXPECT_EQ(ok, 100);
  return made;
}

TEST(PenaltyAllocation, CountingWorks) {
  // The counter sees allocations: a breakdown builds lines and sentences.
  const CompiledPenaltyRule rule = Compiled("fr-b2b");
  const InvoiceFacts facts{.amount = M("15000.00 EUR"),
                           .due_date = MakeDate(2025, 3, 31)};
  const long before = allocations.load();
  ASSERT_THAT(Assess(rule, facts, MakeDate(2025, 9, 30)), IsOk());
  EXPECT_GT(allocations.load() - before, 0);
}

TEST(PenaltyAllocation, FrB2bWithPaymentsAllocatesNothing) {
  const CompiledPenaltyRule rule = Compiled("fr-b2b");
  // Unsorted on purpose (the credit note of 2025-05-10 comes last), with a
  // payment after as_of (ignored) and a charge.
  const InvoiceFacts facts{
      .amount = M("15000.00 EUR"),
      .due_date = MakeDate(2025, 3, 31),
      .settlements = {{.date = MakeDate(2025, 6, 15),
                       .amount = M("5000.00 EUR")},
                      {.date = MakeDate(2025, 12, 1),
                       .amount = M("100.00 EUR")},
                      {.date = MakeDate(2025, 5, 10),
                       .amount = M("1000.00 EUR"),
                       .kind = Settlement::Kind::kCreditNote}},
      .charges = {{.date = MakeDate(2025, 5, 1),
                   .amount = M("10.00 EUR"),
                   .label = "reminder fee, with a label longer than SSO"}}};
  EXPECT_EQ(AllocationsPerHundredCalls(rule, facts, MakeDate(2025, 9, 30)), 0);
}

TEST(PenaltyAllocation, UkLatePaymentWithPaymentsAllocatesNothing) {
  const CompiledPenaltyRule rule = Compiled("uk-late-payment");
  const InvoiceFacts facts{
      .amount = M("12000.00 GBP"),
      .due_date = MakeDate(2024, 1, 31),
      .settlements = {
          {.date = MakeDate(2024, 3, 1), .amount = M("2000.00 GBP")},
          {.date = MakeDate(2024, 5, 2), .amount = M("4000.00 GBP")}}};
  EXPECT_EQ(AllocationsPerHundredCalls(rule, facts, MakeDate(2024, 12, 31)), 0);
}

TEST(PenaltyAllocation, AnEarlierRegimeAllocatesNothing) {
  // de-b2b before 2014-07-29: the earlier regime, chosen without a copy.
  const CompiledPenaltyRule rule = Compiled("de-b2b");
  const InvoiceFacts facts{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2014, 9, 30),
                           .obligation_date = MakeDate(2014, 7, 28)};
  EXPECT_EQ(AllocationsPerHundredCalls(rule, facts, MakeDate(2014, 10, 30)), 0);
}

TEST(DateAllocation, ParsingAValidDateAllocatesNothing) {
  const long before = allocations.load();
  int ok = 0;
  for (int i = 0; i < 100; ++i) {
    absl::StatusOr<Date> date = ParseDate("2026-03-31");
    ok += date.ok() && *date == MakeDate(2026, 3, 31) ? 1 : 0;
  }
  EXPECT_EQ(ok, 100);
  EXPECT_EQ(allocations.load() - before, 0);
  // An error still quotes the text and says where.
  const long before_error = allocations.load();
  EXPECT_THAT(ParseDate("2026-02-30"),
              ::relance::testing::StatusIs(
                  absl::StatusCode::kInvalidArgument,
                  ::testing::HasSubstr("date \"2026-02-30\"")));
  EXPECT_GT(allocations.load() - before_error, 0);  // the counter counts
}

}  // namespace
}  // namespace relance
