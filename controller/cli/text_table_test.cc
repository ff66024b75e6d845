#include "controller/cli/text_table.h"

#include <gtest/gtest.h>

namespace flipdns::cli {
namespace {

TEST(TextTable, PadsColumnsToTheWidestCell) {
  TextTable t({"GROUP", "POOL", "NOTE"});
  t.add({"app.example.com.", "primary", "ok"});
  t.add({"api.example.com.", "standby"});
  EXPECT_EQ(t.render(),
            "GROUP             POOL     NOTE\n"
            "app.example.com.  primary  ok\n"
            "api.example.com.  standby\n");
}

TEST(TextTable, CountsCharactersNotBytes) {
  TextTable t({"CHANGE", "BY"});
  t.add({"primary → standby", "bob"});
  t.add({"x", "controller"});
  EXPECT_EQ(t.render(),
            "CHANGE             BY\n"
            "primary → standby  bob\n"
            "x                  controller\n");
  EXPECT_EQ(display_width("→"), 1u);
}

TEST(TextTable, HeaderOnly) {
  TextTable t({"A", "B"});
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.render(), "A  B\n");
}

}  // namespace
}  // namespace flipdns::cli
