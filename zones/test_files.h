// Test helpers for the zones tests: a scratch directory removed on destruction,
// and one-call load + validate of YAML text.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "zones/config_error.h"
#include "zones/zone_config.h"

namespace flipdns::zones::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to path()/name, creating folders; returns the full path.
  std::filesystem::path write(const std::string& name, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

// The errors of `yaml` read as file `label` and validated, each as
// "file:line:column: message", in file order.
std::vector<std::string> lint_yaml(std::string_view yaml,
                                   const std::string& label = "example.com.yaml");

// The same, also returning the model.
std::vector<std::string> lint_yaml(std::string_view yaml, ZoneConfig& out,
                                   const std::string& label = "example.com.yaml");

std::vector<std::string> strings(ConfigErrors errors);

// A record as line 9 of example.com.yaml would give it (owner at column 5, type
// at 12, TTL 60 at 20), for what YAML cannot write: a meta type, an oversized
// rdata. `owner`: wire.
Record yaml_record_at_line_9(std::string owner, uint16_t type, std::string rdata = {});

// The start of a good zone, three lines long, so a test's own lines start at 4.
inline constexpr std::string_view kHead =
    "zone: example.com.\n"
    "soa: { mname: ns1.example.net., rname: hostmaster.example.net. }\n"
    "ns: [ns1.example.net., ns2.example.net.]\n";

}  // namespace flipdns::zones::testing
