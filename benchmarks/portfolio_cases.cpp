// The portfolio-v1 workload as dunning cases (see portfolio_cases.hpp).
#include "portfolio_cases.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/money.hpp"

namespace relance::bench {
namespace {

// Where an event kind comes among the events of one date.
int RankOnItsDate(EventKind kind) {
  switch (kind) {
    case EventKind::kInvoiceIssued:
      return 0;
    case EventKind::kActionPerformed:
      return 1;
    case EventKind::kPromiseToPay:
      return 2;
    case EventKind::kDisputeOpened:
      return 3;
    case EventKind::kPaymentReceived:
      return 4;
    default:
      return 5;
  }
}

}  // namespace

absl::StatusOr<std::vector<Date>> PortfolioDueDates(
    const PortfolioData& portfolio) {
  std::vector<Date> due(portfolio.invoice_count());
  for (size_t i = 0; i < due.size(); ++i) {
    const PaymentTerms& terms =
        portfolio.payment_terms[static_cast<size_t>(portfolio.terms[i])];
    absl::StatusOr<std::vector<Date>> dates =
        terms.DueDates(DateFromDaysSinceEpoch(portfolio.issue_date[i]));
    if (!dates.ok()) return dates.status();
    due[i] = *std::max_element(dates->begin(), dates->end());
  }
  return due;
}

absl::StatusOr<std::vector<Case>> PortfolioCases(
    const PortfolioData& portfolio, std::span<const PortfolioLevel> ladder,
    Date as_of) {
  absl::StatusOr<std::vector<Date>> due_dates = PortfolioDueDates(portfolio);
  if (!due_dates.ok()) return due_dates.status();
  const auto money = [&portfolio](int64_t minor) {
    return *Money::FromMinorUnits(minor, portfolio.currency);
  };
  std::vector<Case> cases(portfolio.customer_id.size());
  for (size_t i = 0; i < portfolio.invoice_count(); ++i) {
    const std::string id(portfolio.invoice_id[i]);
    const int last_level_sent = portfolio.last_level[i];
    if (last_level_sent > static_cast<int>(ladder.size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("invoice ", id, ": last_level_sent ", last_level_sent,
                       " but the ladder has ", ladder.size(), " levels"));
    }
    const Date issue = DateFromDaysSinceEpoch(portfolio.issue_date[i]);
    const Date due = (*due_dates)[i];
    std::vector<Event>& events =
        cases[static_cast<size_t>(portfolio.customer[i])].events;
    events.push_back({.date = issue,
                      .kind = EventKind::kInvoiceIssued,
                      .invoice = id,
                      .amount = money(portfolio.amount[i]),
                      .due_date = due});
    Date last_action = issue;
    for (int level = 0; level < last_level_sent; ++level) {
      const PortfolioLevel& rung = ladder[static_cast<size_t>(level)];
      const Date date =
          std::min(std::max(due + Days{rung.offset_days}, issue), as_of);
      last_action = std::max(last_action, date);
      events.push_back({.date = date,
                        .kind = EventKind::kActionPerformed,
                        .invoice = id,
                        .level = std::string(rung.id),
                        .channel = std::string(rung.channel)});
    }
    if ((portfolio.flags[i] & kInvoiceDisputed) != 0) {
      events.push_back({.date = last_action,
                        .kind = EventKind::kDisputeOpened,
                        .invoice = id});
    }
    for (int64_t p = portfolio.payment_start[i];
         p < portfolio.payment_start[i + 1]; ++p) {
      const Date paid_on = DateFromDaysSinceEpoch(
          portfolio.payment_date[static_cast<size_t>(p)]);
      if (paid_on > as_of) continue;
      events.push_back(
          {.date = paid_on,
           .kind = EventKind::kPaymentReceived,
           .invoice = id,
           .amount = money(portfolio.payment_amount[static_cast<size_t>(p)])});
    }
  }
  for (size_t c = 0; c < cases.size(); ++c) {
    cases[c].customer_id = std::string(portfolio.customer_id[c]);
    SortCaseEvents(cases[c].events);
  }
  return cases;
}

void SortCaseEvents(std::vector<Event>& events) {
  std::stable_sort(
      events.begin(), events.end(), [](const Event& a, const Event& b) {
        return a.date != b.date ? a.date < b.date
                                : RankOnItsDate(a.kind) < RankOnItsDate(b.kind);
      });
}

}  // namespace relance::bench
