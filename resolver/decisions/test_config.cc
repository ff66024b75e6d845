#include "resolver/decisions/test_config.h"

#include <unistd.h>

#include <fstream>

namespace flipdns::decisions::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "flipdns-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempDir::write(const std::string& name, const std::string& text) const {
  std::ofstream(path_ / name) << text;
}

}  // namespace flipdns::decisions::testing
