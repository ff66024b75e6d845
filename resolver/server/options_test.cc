#include "resolver/server/options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace flipdns::server {
namespace {

using std::chrono::milliseconds;
using Args = std::vector<std::string>;

const Args kMinimal = {"--listen", "127.0.0.1:5300", "--zone-file", "example.com=ex.zone"};

Args with(Args extra) {
  Args a = kMinimal;
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

std::string usage_error(const Args& args) {
  try {
    parse_command_line(args, 4);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

// A config file in a fresh directory, removed at the end of the test.
class ConfigFile {
 public:
  explicit ConfigFile(const std::string& yaml) {
    dir_ = std::filesystem::path(testing::TempDir()) /
           ("options_test_" + std::to_string(getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    std::ofstream(path()) << yaml;
  }
  ~ConfigFile() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "auth.yaml").string(); }
  std::string dir() const { return dir_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

TEST(Options, MinimalCommandLineGetsTheDefaults) {
  CommandLine cl = parse_command_line(kMinimal, 4);
  EXPECT_EQ(cl.command, Command::kRun);
  const Options& o = cl.options;
  ASSERT_EQ(o.listen.size(), 1u);
  EXPECT_EQ(o.listen[0].to_string(), "127.0.0.1:5300");
  ASSERT_EQ(o.zone_files.size(), 1u);
  EXPECT_EQ(o.zone_files[0].origin, "example.com.");
  EXPECT_EQ(o.zone_files[0].path, "ex.zone");
  EXPECT_EQ(o.threads, 4u);
  EXPECT_EQ(o.tcp_idle_timeout, milliseconds(10'000));
  EXPECT_EQ(o.tcp_max_connections, 1024u);
  EXPECT_EQ(o.log_level, LogLevel::kInfo);
  EXPECT_TRUE(o.identity.id_server.empty());
  EXPECT_TRUE(o.identity.version.empty());
  EXPECT_FALSE(o.control);
}

TEST(Options, ReadsEveryFlag) {
  CommandLine cl = parse_command_line({"--listen",
                                       "127.0.0.1:5300",
                                       "--listen=[::1]:5300",
                                       "--zone-file",
                                       "example.com.=a.zone",
                                       "--zone-file",
                                       "example.org=b.zone",
                                       "--zones",
                                       "zdir",
                                       "--state-dir",
                                       "/var/lib/x",
                                       "--threads",
                                       "3",
                                       "--control",
                                       "127.0.0.1:8053",
                                       "--control-token-file",
                                       "tok",
                                       "--identity",
                                       "ns1",
                                       "--version-string",
                                       "flipdns",
                                       "--tcp-idle-timeout",
                                       "500ms",
                                       "--tcp-max-connections",
                                       "10",
                                       "--log-level",
                                       "debug"},
                                      4);
  const Options& o = cl.options;
  ASSERT_EQ(o.listen.size(), 2u);
  EXPECT_EQ(o.listen[1].to_string(), "[::1]:5300");
  ASSERT_EQ(o.zone_files.size(), 2u);
  EXPECT_EQ(o.zone_files[0].origin, "example.com.");
  EXPECT_EQ(o.zone_files[1].origin, "example.org.");
  EXPECT_EQ(o.zone_files[1].path, "b.zone");
  EXPECT_EQ(o.zones_dir, "zdir");
  EXPECT_EQ(o.state_dir, "/var/lib/x");
  EXPECT_EQ(o.threads, 3u);
  ASSERT_TRUE(o.control);
  EXPECT_EQ(o.control->to_string(), "127.0.0.1:8053");
  EXPECT_EQ(o.control_token_file, "tok");
  EXPECT_EQ(o.identity.id_server, "ns1");
  EXPECT_EQ(o.identity.version, "flipdns");
  EXPECT_EQ(o.tcp_idle_timeout, milliseconds(500));
  EXPECT_EQ(o.tcp_max_connections, 10u);
  EXPECT_EQ(o.log_level, LogLevel::kDebug);
}

TEST(Options, HelpAndVersionWinOverErrors) {
  EXPECT_EQ(parse_command_line({"--bogus", "--help"}, 1).command, Command::kHelp);
  EXPECT_EQ(parse_command_line({"-h"}, 1).command, Command::kHelp);
  EXPECT_EQ(parse_command_line({"--version"}, 1).command, Command::kVersion);
}

TEST(Options, ZoneDirAloneIsEnoughZones) {
  CommandLine cl = parse_command_line({"--listen", "127.0.0.1:53", "--zones", "z"}, 1);
  EXPECT_EQ(cl.options.zones_dir, "z");
}

TEST(Options, ThreadsNeverDefaultToZero) {
  EXPECT_EQ(parse_command_line(kMinimal, 0).options.threads, 1u);
}

TEST(Options, RefusesBadUsageWithAReason) {
  EXPECT_EQ(usage_error({"--zone-file", "a=b"}), "no --listen address given");
  EXPECT_EQ(usage_error({"--listen", "127.0.0.1:53"}),
            "no zones given: use --zone-file ORIGIN=PATH or --zones DIR");
  EXPECT_EQ(usage_error(with({"--bogus"})), "unknown flag '--bogus'");
  EXPECT_EQ(usage_error(with({"stray"})), "unexpected argument 'stray'");
  EXPECT_EQ(usage_error(with({"--threads"})), "--threads needs a value: N");
  EXPECT_EQ(usage_error(with({"--threads", "0"})), "--threads: '0' is not a number from 1 to 1024");
  EXPECT_EQ(usage_error(with({"--threads", "2x"})),
            "--threads: '2x' is not a number from 1 to 1024");
  EXPECT_EQ(usage_error(with({"--listen", "localhost:53"})),
            "--listen: 'localhost:53' is not ADDR:PORT (numeric; IPv6 as [::1]:53)");
  EXPECT_EQ(usage_error(with({"--listen", "127.0.0.1:0"})),
            "--listen: '127.0.0.1:0': port 0 is not allowed");
  EXPECT_EQ(usage_error(with({"--listen", "127.0.0.1:5300"})),
            "--listen: 127.0.0.1:5300 is given twice");
  EXPECT_EQ(usage_error(with({"--zone-file", "example.com"})),
            "--zone-file: 'example.com' is not ORIGIN=PATH");
  EXPECT_EQ(usage_error(with({"--zone-file", "=x"})), "--zone-file: '=x' is not ORIGIN=PATH");
  EXPECT_EQ(usage_error(with({"--tcp-idle-timeout", "10"})),
            "--tcp-idle-timeout: '10' is not a positive duration like 500ms, 10s, 1m");
  EXPECT_EQ(usage_error(with({"--tcp-idle-timeout", "0s"})),
            "--tcp-idle-timeout: '0s' is not a positive duration like 500ms, 10s, 1m");
  EXPECT_EQ(usage_error(with({"--log-level", "loud"})),
            "--log-level: 'loud' is not debug, info, warn or error");
  EXPECT_EQ(usage_error(with({"--config"})), "--config needs a value: FILE");
}

TEST(Options, ConfigFileHoldsTheSameSettings) {
  ConfigFile f(
      "listen: [127.0.0.1:5300, '[::1]:5300']\n"
      "zone-file: {example.com: ex.zone, example.org.: /abs/org.zone}\n"
      "threads: 2\n"
      "tcp-idle-timeout: 2s\n"
      "tcp-max-connections: 7\n"
      "identity: ns1.example.com\n"
      "version-string: v1\n"
      "state-dir: state\n"
      "control: 127.0.0.1:8053\n"
      "control-token-file: token\n"
      "log-level: warn\n");
  CommandLine cl = parse_command_line({"--config", f.path()}, 8);
  const Options& o = cl.options;
  EXPECT_EQ(o.config_file, f.path());
  ASSERT_EQ(o.listen.size(), 2u);
  ASSERT_EQ(o.zone_files.size(), 2u);
  EXPECT_EQ(o.zone_files[0].origin, "example.com.");
  // Relative paths in the file are relative to the file, not to the working directory.
  EXPECT_EQ(o.zone_files[0].path, f.dir() + "/ex.zone");
  EXPECT_EQ(o.zone_files[1].path, "/abs/org.zone");
  EXPECT_EQ(o.state_dir, f.dir() + "/state");
  EXPECT_EQ(o.control_token_file, f.dir() + "/token");
  EXPECT_EQ(o.threads, 2u);
  EXPECT_EQ(o.tcp_idle_timeout, milliseconds(2000));
  EXPECT_EQ(o.tcp_max_connections, 7u);
  EXPECT_EQ(o.identity.id_server, "ns1.example.com");
  EXPECT_EQ(o.identity.version, "v1");
  ASSERT_TRUE(o.control);
  EXPECT_EQ(o.control->to_string(), "127.0.0.1:8053");
  EXPECT_EQ(o.log_level, LogLevel::kWarn);
}

TEST(Options, ConfigValueErrorsNameTheKeyWithoutDashes) {
  ConfigFile f("listen: 127.0.0.1:53\nzone-file: [example.com=ok.zone, /abs/org.zone]\n");
  EXPECT_EQ(usage_error({"--config", f.path()}),
            f.path() + ":2:12: zone-file: '/abs/org.zone' is not ORIGIN=PATH");
}

TEST(Options, ZoneFileListInConfig) {
  ConfigFile f(
      "listen: 127.0.0.1:5300\n"
      "zone-file: [example.com=ex.zone]\n");
  CommandLine cl = parse_command_line({"--config=" + f.path()}, 1);
  ASSERT_EQ(cl.options.zone_files.size(), 1u);
  EXPECT_EQ(cl.options.zone_files[0].path, f.dir() + "/ex.zone");
}

TEST(Options, FlagsOverrideTheFileAndReplaceItsLists) {
  ConfigFile f(
      "listen: [127.0.0.1:5300, 127.0.0.1:5301]\n"
      "zone-file: [example.com=ex.zone]\n"
      "threads: 2\n");
  CommandLine cl =
      parse_command_line({"--config", f.path(), "--threads", "5", "--listen", "127.0.0.2:53"}, 1);
  EXPECT_EQ(cl.options.threads, 5u);
  ASSERT_EQ(cl.options.listen.size(), 1u);
  EXPECT_EQ(cl.options.listen[0].to_string(), "127.0.0.2:53");
  EXPECT_EQ(cl.options.zone_files.size(), 1u);  // not on the command line: kept
}

TEST(Options, ConfigErrorsCarryPosition) {
  ConfigFile unknown("listen: 127.0.0.1:53\nzone-file: [a=b]\ncolour: blue\n");
  EXPECT_EQ(usage_error({"--config", unknown.path()}),
            unknown.path() + ":3:9: unknown key 'colour'");

  ConfigFile bad_value("listen: 127.0.0.1:53\nzone-file: [a=b]\nthreads: many\n");
  EXPECT_EQ(usage_error({"--config", bad_value.path()}),
            bad_value.path() + ":3:10: threads: 'many' is not a number from 1 to 1024");

  ConfigFile list_for_scalar("listen: 127.0.0.1:53\nzone-file: [a=b]\nthreads: [1, 2]\n");
  EXPECT_EQ(usage_error({"--config", list_for_scalar.path()}),
            list_for_scalar.path() + ":3:10: 'threads' takes one value, not a list");

  ConfigFile syntax("listen: [127.0.0.1:53\n");
  EXPECT_NE(usage_error({"--config", syntax.path()}).find(syntax.path() + ":"), std::string::npos);

  ConfigFile not_a_map("- listen\n");
  EXPECT_EQ(usage_error({"--config", not_a_map.path()}),
            not_a_map.path() + ":1:1: expected a map of settings");

  ConfigFile nested("listen: 127.0.0.1:53\nzone-file: [a=b]\nidentity: {a: b}\n");
  EXPECT_EQ(usage_error({"--config", nested.path()}),
            nested.path() + ":3:11: identity: expected a single value");

  EXPECT_EQ(usage_error({"--config", "/nonexistent/auth.yaml"}),
            "/nonexistent/auth.yaml: cannot read the config file");
}

TEST(Options, UsageTextNamesEveryFlag) {
  std::string text = usage_text();
  for (const char* flag :
       {"--listen", "--zone-file", "--zones", "--state-dir", "--threads", "--control ",
        "--control-token-file", "--config", "--identity", "--version-string", "--tcp-idle-timeout",
        "--tcp-max-connections", "--log-level", "--help", "--version"}) {
    EXPECT_NE(text.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace flipdns::server
