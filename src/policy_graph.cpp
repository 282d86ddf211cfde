#include "relance/policy_graph.hpp"

#include <string>

#include "relance/lifecycle.hpp"

namespace relance {

std::string PolicyGraphDot(const Policy& policy) {
  std::string dot = TransitionsAsDot();
  std::string ladders;
  for (const Ladder& ladder : policy.ladders()) {
    ladders += "  subgraph \"cluster_" + ladder.id +
               "\" {\n    label=\"ladder " + ladder.id + " (" + policy.Label() +
               ")\";\n";
    std::string previous;
    for (const DunningLevel& level : ladder.levels) {
      const std::string node = "\"" + ladder.id + "/" + level.id + "\"";
      ladders += "    " + node + " [label=\"" + level.id + "\\n" +
                 (level.offset_days >= 0 ? "+" : "") +
                 std::to_string(level.offset_days) + " days, " +
                 std::string(ToString(level.channel)) + "\"];\n";
      if (!previous.empty()) {
        ladders += "    " + previous + " -> " + node + ";\n";
      }
      previous = node;
    }
    ladders += "  }\n";
  }
  dot.insert(dot.rfind('}'), ladders);
  return dot;
}

}  // namespace relance
