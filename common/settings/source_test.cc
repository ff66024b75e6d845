#include "common/settings/source.h"

#include <gtest/gtest.h>

namespace flipdns::settings {
namespace {

std::string message(const Source& src) {
  try {
    bad(src, "'many' is not a number");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SettingsSource, AFlagIsNamedWithItsDashes) {
  EXPECT_EQ(message(Source{{}, "", "threads"}), "--threads: 'many' is not a number");
}

TEST(SettingsSource, AFileKeyIsNamedAfterItsPosition) {
  EXPECT_EQ(message(Source{"/etc", "/etc/a.yaml:3:10: ", "threads"}),
            "/etc/a.yaml:3:10: threads: 'many' is not a number");
}

}  // namespace
}  // namespace flipdns::settings
