#include "store/case_assembly.hpp"

#include <algorithm>
#include <utility>

namespace relance::store {

Case AssembleCase(CustomerFacts facts, const Ladder* ladder, Date as_of) {
  std::vector<Event> events = std::move(facts.journal);
  const bool segment_in_journal =
      std::any_of(events.begin(), events.end(), [](const Event& event) {
        return event.kind == EventKind::kSegmentAssigned;
      });
  // Journal events come first within a date (stable sort below), so an
  // invoice is issued before the history attached to it.
  const size_t journal_size = events.size();
  for (const PriorHistory& prior : facts.prior) {
    Date last_action = prior.issue_date;
    if (ladder != nullptr) {
      const size_t levels =
          std::min(static_cast<size_t>(std::max(prior.last_level_sent, 0)),
                   ladder->levels.size());
      for (size_t level = 0; level < levels; ++level) {
        const DunningLevel& rung = ladder->levels[level];
        const Date date = std::min(
            std::max(prior.due_date + Days{rung.offset_days}, prior.issue_date),
            std::max(as_of, prior.issue_date));
        last_action = std::max(last_action, date);
        events.push_back({.date = date,
                          .kind = EventKind::kActionPerformed,
                          .invoice = prior.invoice,
                          .level = rung.id,
                          .channel = std::string(ToString(rung.channel)),
                          .reference = "before relance"});
      }
    }
    if (prior.disputed) {
      events.push_back({.date = last_action,
                        .kind = EventKind::kDisputeOpened,
                        .invoice = prior.invoice,
                        .reason = "disputed before relance"});
    }
  }
  if (!facts.segment.empty() && !segment_in_journal && !events.empty()) {
    Date first = events.front().date;
    for (const Event& event : events) first = std::min(first, event.date);
    events.push_back({.date = first,
                      .kind = EventKind::kSegmentAssigned,
                      .segment = facts.segment});
  }
  if (events.size() > journal_size) {
    std::stable_sort(
        events.begin(), events.end(),
        [](const Event& a, const Event& b) { return a.date < b.date; });
  }
  return Case{.customer_id = std::move(facts.customer),
              .customer_name = std::move(facts.name),
              .events = std::move(events)};
}

}  // namespace relance::store
