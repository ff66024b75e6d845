#include "controller/daemon/options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace flipdns::daemon {
namespace {

const std::vector<std::string> kMinimal = {"--zones",          "zones", "--state-dir",
                                           "/var/lib/flipdns", "--api", "127.0.0.1:8080",
                                           "--tokens-file",    "tokens"};

std::string usage_error(std::vector<std::string> args) {
  try {
    parse_command_line(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Options, TheRequiredFlags) {
  CommandLine cl = parse_command_line(kMinimal);
  EXPECT_EQ(cl.command, Command::kRun);
  EXPECT_EQ(cl.options.zones_dir, "zones");
  EXPECT_EQ(cl.options.api_host, "127.0.0.1");
  EXPECT_EQ(cl.options.api_port, 8080);
  EXPECT_EQ(cl.options.reconcile_interval, std::chrono::seconds(10));
  EXPECT_FALSE(cl.options.watch);
  EXPECT_EQ(usage_error({"--zones", "z"}), "no --state-dir DIR given");
}

TEST(Options, EveryFlag) {
  std::vector<std::string> args = kMinimal;
  for (const char* a : {"--auth-server",
                        "http://127.0.0.1:8053",
                        "--auth-server=https://ns2.example.com:8443",
                        "--auth-token-file",
                        "auth.token",
                        "--watch",
                        "--reconcile-interval",
                        "5s",
                        "--auth-timeout=500ms",
                        "--tls-cert",
                        "c.pem",
                        "--tls-key",
                        "k.pem",
                        "--check-ca-file",
                        "ca.pem",
                        "--auth-ca-file",
                        "auth-ca.pem",
                        "--log-level",
                        "debug",
                        "--api",
                        "[::1]:0"})
    args.push_back(a);
  Options o = parse_command_line(args).options;
  EXPECT_EQ(o.auth_servers,
            (std::vector<std::string>{"http://127.0.0.1:8053", "https://ns2.example.com:8443"}));
  EXPECT_EQ(o.auth_token_file, "auth.token");
  EXPECT_TRUE(o.watch);
  EXPECT_EQ(o.reconcile_interval, std::chrono::seconds(5));
  EXPECT_EQ(o.auth_timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(o.tls_cert, "c.pem");
  EXPECT_EQ(o.check_ca_file, "ca.pem");
  EXPECT_EQ(o.auth_ca_file, "auth-ca.pem");
  EXPECT_EQ(o.log_level, LogLevel::kDebug);
  EXPECT_EQ(o.api_host, "::1");
  EXPECT_EQ(o.api_port, 0);
}

TEST(Options, BadUsageSaysWhy) {
  auto with = [](std::vector<std::string> extra) {
    std::vector<std::string> a = kMinimal;
    a.insert(a.end(), extra.begin(), extra.end());
    return usage_error(a);
  };
  EXPECT_EQ(with({"--frobnicate"}), "unknown flag '--frobnicate'");
  EXPECT_EQ(with({"--api", "localhost:80"}), "--api: 'localhost' is not a numeric address");
  EXPECT_EQ(with({"--api", "127.0.0.1"}),
            "--api: '127.0.0.1' is not ADDR:PORT (IPv6 as [::1]:8080)");
  EXPECT_EQ(with({"--api", "127.0.0.1:99999"}), "--api: '99999' is not a port number");
  EXPECT_EQ(with({"--reconcile-interval", "10"}),
            "--reconcile-interval: '10' is not a positive duration like 500ms, 10s, 1m");
  EXPECT_EQ(with({"--auth-server", "127.0.0.1:8053"}),
            "--auth-server: '127.0.0.1:8053' is not a base URL like http://127.0.0.1:8053");
  EXPECT_EQ(with({"--auth-server", "http://a:1"}), "--auth-server needs --auth-token-file");
  EXPECT_EQ(with({"--tls-cert", "c.pem"}), "--tls-cert and --tls-key go together");
  EXPECT_EQ(with({"extra"}), "unexpected argument 'extra'");
}

TEST(Options, HelpWinsOverErrors) {
  EXPECT_EQ(parse_command_line({"--frobnicate", "--help"}).command, Command::kHelp);
  EXPECT_EQ(parse_command_line({"--version"}).command, Command::kVersion);
  const std::string help = usage_text();
  for (const char* flag : {"--zones", "--state-dir", "--api", "--tokens-file", "--auth-server",
                           "--auth-token-file", "--config", "--watch", "--reconcile-interval"})
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
}

class ConfigFileTest : public ::testing::Test {
 protected:
  ConfigFileTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("flipdns-ctl-options-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir_);
  }
  ~ConfigFileTest() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& text) {
    std::ofstream(dir_ / "controller.yaml") << text;
    return (dir_ / "controller.yaml").string();
  }
  std::filesystem::path dir_;
};

TEST_F(ConfigFileTest, EveryFlagIsAKeyAndFlagsWin) {
  std::string file = write(
      "zones: zones\n"
      "state-dir: /var/lib/flipdns\n"
      "api: 127.0.0.1:8080\n"
      "tokens-file: tokens\n"
      "auth-server: [http://10.0.0.1:8053, http://10.0.0.2:8053]\n"
      "auth-token-file: auth.token\n"
      "watch: true\n"
      "reconcile-interval: 30s\n");
  Options o = parse_command_line({"--config", file}).options;
  EXPECT_EQ(o.zones_dir, (dir_ / "zones").string());  // relative to the file
  EXPECT_EQ(o.state_dir, "/var/lib/flipdns");
  EXPECT_EQ(o.auth_servers.size(), 2u);
  EXPECT_TRUE(o.watch);
  EXPECT_EQ(o.reconcile_interval, std::chrono::seconds(30));
  EXPECT_EQ(o.config_file, file);

  o = parse_command_line(
          {"--config", file, "--auth-server", "http://10.0.0.3:8053", "--watch=false"})
          .options;
  EXPECT_EQ(o.auth_servers, std::vector<std::string>{"http://10.0.0.3:8053"});
  EXPECT_FALSE(o.watch);
}

TEST_F(ConfigFileTest, FileErrorsPointAtTheLine) {
  std::string file = write("zones: zones\nbogus: 1\n");
  EXPECT_EQ(usage_error({"--config", file}), file + ":2:1: unknown key 'bogus'");
  file = write("zones: [a, b]\n");
  EXPECT_EQ(usage_error({"--config", file}), file + ":1:8: 'zones' takes one value, not a list");
  EXPECT_EQ(usage_error({"--config", (dir_ / "absent.yaml").string()}),
            (dir_ / "absent.yaml").string() + ": cannot read the config file");
}

}  // namespace
}  // namespace flipdns::daemon
