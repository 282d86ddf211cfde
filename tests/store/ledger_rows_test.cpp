#include "store/ledger_rows.hpp"

#include "gtest/gtest.h"

namespace relance::store {
namespace {

TEST(RowError, NamesFileLineColumnAndField) {
  const RowError csv{.origin = {.file = "invoices.csv", .line = 12},
                     .column = 5,
                     .field = "amount",
                     .message = "expected 2 decimals (EUR), got \"12.5\""};
  EXPECT_EQ(csv.ToString(),
            "invoices.csv:12:5 (amount): expected 2 decimals (EUR), got "
            "\"12.5\"");
  // A JSON line has no column: the message names the key.
  const RowError jsonl{.origin = {.file = "events.jsonl", .line = 3},
                       .message = "event: date: no such date"};
  EXPECT_EQ(jsonl.ToString(), "events.jsonl:3: event: date: no such date");
}

}  // namespace
}  // namespace relance::store
