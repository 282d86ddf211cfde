// store/case_assembly.hpp
// -----------------------------------------------------------------------------
// How the ledger turns one customer's journal into the `Case` the engine
// folds: the journal's events in date order (recording order within a date),
// and the collection history an invoice had before relance, as its import
// gave it (InvoiceRow::last_level_sent, InvoiceRow::disputed):
//   - `last_level_sent` = n: the first n levels of the customer's ladder, as
//     action_performed events dated on the invoice's due date plus each
//     level's offset, kept between the issue date and the as-of date (the
//     convention of the portfolio-v1 workload, BENCHMARK.md);
//   - `disputed`: a dispute_opened event for the whole invoice, dated on the
//     last of those levels (the issue date when there is none);
//   - a customer's `segment` (customers.csv) as a segment_assigned event on
//     the date of the customer's first fact, unless the journal assigns one.
#ifndef RELANCE_STORE_CASE_ASSEMBLY_HPP_
#define RELANCE_STORE_CASE_ASSEMBLY_HPP_

#include <string>
#include <vector>

#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/policy.hpp"

namespace relance::store {

// An invoice's history before relance.
struct PriorHistory {
  std::string invoice = {};
  Date issue_date = {};
  Date due_date = {};
  int last_level_sent = 0;
  bool disputed = false;
};

// One customer's facts, as read from the ledger.
struct CustomerFacts {
  std::string customer = {};
  std::string name = {};
  std::string segment = {};       // customers.segment, "" = none
  std::string jurisdiction = {};  // customers.jurisdiction, "" = none
  std::string language = {};      // customers.language, "" = none
  // customers.address: the lines a letter prints (empty: none).
  std::vector<std::string> address_lines = {};
  std::vector<Event> journal = {};  // in date order, then recording order
  std::vector<PriorHistory> prior = {};
};

// The case of `facts`. `ladder` gives the levels of `last_level_sent` (null:
// no policy at hand, the prior levels are left out, the dispute kept);
// `as_of` bounds their dates. A `last_level_sent` beyond the ladder's length
// counts the whole ladder.
Case AssembleCase(CustomerFacts facts, const Ladder* ladder, Date as_of);

}  // namespace relance::store

#endif  // RELANCE_STORE_CASE_ASSEMBLY_HPP_
