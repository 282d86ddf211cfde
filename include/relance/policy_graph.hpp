// relance/policy_graph.hpp
// -----------------------------------------------------------------------------
// A policy drawn for people: the invoice lifecycle table (relance/
// lifecycle.hpp, TransitionsAsDot) with each of the policy's ladders drawn as
// a chain of levels, in Graphviz `dot`. What `relance policy graph` prints and
// what the C ABI (relance_policy_graph_dot) returns, written here only.
//
// Example:
//
//   absl::StatusOr<Policy> policy = Policy::FromJson(text);
//   std::cout << PolicyGraphDot(*policy);   // | dot -Tsvg > lifecycle.svg
#ifndef RELANCE_POLICY_GRAPH_HPP_
#define RELANCE_POLICY_GRAPH_HPP_

#include <string>

#include "relance/export.hpp"
#include "relance/policy.hpp"

namespace relance {

// The lifecycle digraph with one cluster per ladder ("ladder <id> (<policy
// label>)"), each level a node "<id>\n+<offset_days> days, <channel>" linked
// to the next level. Ends with "}\n". Never fails.
[[nodiscard]] RELANCE_API std::string PolicyGraphDot(const Policy& policy);

}  // namespace relance

#endif  // RELANCE_POLICY_GRAPH_HPP_
