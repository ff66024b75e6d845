// A number that grows with each new version of a zones directory and is the same
// on every server holding that version: the commit time of a git checkout, or
// else the newest modification time of its YAML and included files. The SOA
// serial of a YAML zone starts from it, so a changed configuration always gets a
// higher serial even when nobody edited `soa.serial`.
#pragma once

#include <cstdint>
#include <filesystem>

namespace flipdns::decisions {

uint32_t config_version(const std::filesystem::path& zones_dir);

}  // namespace flipdns::decisions
