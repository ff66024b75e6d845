// A flip's cost must not grow with zone size: it recompiles the group's recipes
// only. Checked by counting the work, not by timing it (timings go to the
// benchmark, tests/bench/flip_bench).
#include <gtest/gtest.h>

#include "resolver/decisions/serving_state.h"
#include "resolver/decisions/test_config.h"

namespace flipdns::decisions {
namespace {

std::size_t recipes_with_extra_names(int n) {
  testing::TempDir dir;
  std::string yaml = testing::kZoneYaml;
  std::string records;
  for (int i = 0; i < n; ++i)
    records += "  - { name: h" + std::to_string(i) + ", type: A, value: 10.0.0.1 }\n";
  yaml.insert(yaml.find("groups:"), "");
  yaml.replace(yaml.find("  - { name: www"), 0, records);
  dir.write("example.com.yaml", yaml);
  auto cfg = load_served_config(dir.path(), {});
  return cfg->zones[0]->recipes().size();
}

TEST(FlipCost, RecipesDoNotGrowWithZoneSize) {
  std::size_t small = recipes_with_extra_names(10);
  std::size_t large = recipes_with_extra_names(20000);
  EXPECT_EQ(small, large);
  EXPECT_GT(small, 0u);
}

}  // namespace
}  // namespace flipdns::decisions
