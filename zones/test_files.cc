#include "zones/test_files.h"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

#include "zones/validator.h"
#include "zones/yaml_loader.h"

namespace flipdns::zones::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "flipdns-zones-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name, std::string_view text) const {
  std::filesystem::path p = path_ / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  return p;
}

std::vector<std::string> strings(ConfigErrors errors) {
  sort_errors(errors);
  std::vector<std::string> out;
  for (const ConfigError& e : errors) out.push_back(e.to_string());
  return out;
}

std::vector<std::string> lint_yaml(std::string_view yaml, ZoneConfig& out,
                                   const std::string& label) {
  ConfigErrors errors;
  out = parse_zone_yaml(yaml, label, std::filesystem::path("."), errors);
  validate_zone(out, errors);
  return strings(std::move(errors));
}

std::vector<std::string> lint_yaml(std::string_view yaml, const std::string& label) {
  ZoneConfig z;
  return lint_yaml(yaml, z, label);
}

Record yaml_record_at_line_9(std::string owner, uint16_t type, std::string rdata) {
  Record r;
  r.owner = {std::move(owner), {"example.com.yaml", 9, 5}};
  r.type = {type, {"example.com.yaml", 9, 12}};
  r.ttl = {60, {"example.com.yaml", 9, 20}};
  r.rdata = std::move(rdata);
  r.at = r.owner.at;
  return r;
}

}  // namespace flipdns::zones::testing
