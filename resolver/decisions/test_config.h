// Test helper: a zones directory with one YAML zone, written to a temp folder.
#pragma once

#include <filesystem>
#include <string>

namespace flipdns::decisions::testing {

inline constexpr const char* kZoneYaml = R"(zone: example.com.
ttl: 300
soa: { mname: ns1.example.com., rname: hostmaster.example.com., serial: 100,
       refresh: 3600, retry: 600, expire: 1209600, minimum: 60 }
ns: [ns1.example.com.]
records:
  - { name: ns1, type: A, value: 192.0.2.53 }
  - { name: www, type: CNAME, value: app }
groups:
  app:
    ttl: 30
    check: { type: http, port: 8080, path: /healthz, interval: 1s, timeout: 500ms, rise: 2, fall: 3 }
    policy: { hold_down: 60s, failback: manual }
    pools:
      - { name: primary, members: [192.0.2.10, 192.0.2.11, "2001:db8::10"] }
      - { name: standby, members: [198.51.100.10] }
)";

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace flipdns::decisions::testing
