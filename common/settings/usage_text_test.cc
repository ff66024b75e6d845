#include "common/settings/usage_text.h"

#include <gtest/gtest.h>

namespace flipdns::settings {
namespace {

struct TestOptions {};

void ignore(TestOptions&, const Source&, std::string_view) {}

const Setting<TestOptions> kTable[] = {
    {.name = "listen", .arg = "ADDR:PORT", .help = "serve here", .apply = ignore},
    {.name = "watch", .arg = "", .help = "a switch", .apply = ignore},
    {.name = "a-very-long-flag-name", .arg = "DURATION", .help = "wide", .apply = ignore},
};

TEST(SettingsUsageText, OneLinePerFlagThenTheCommonOnes) {
  EXPECT_EQ(usage_text<TestOptions>("Usage: x\n", kTable, 24, "Tail.\n"),
            "Usage: x\n"
            "  --listen ADDR:PORT    serve here\n"
            "  --watch               a switch\n"
            "  --a-very-long-flag-name DURATION\n"
            "                        wide\n"
            "  --config FILE         read settings from a YAML file\n"
            "  --help                show this text\n"
            "  --version             show the version\n"
            "Tail.\n");
}

TEST(SettingsUsageText, AFlagExactlyAsWideAsTheColumnGetsItsOwnLine) {
  EXPECT_EQ(format_usage("", {{"--abcd", "help"}}, 8, ""),
            "  --abcd\n"
            "        help\n"
            "  --config FILE\n"
            "        read settings from a YAML file\n"
            "  --help\n"
            "        show this text\n"
            "  --version\n"
            "        show the version\n");
}

}  // namespace
}  // namespace flipdns::settings
