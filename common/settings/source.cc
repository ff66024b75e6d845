#include "common/settings/source.h"

namespace flipdns::settings {

void bad(const Source& src, const std::string& why) {
  throw UsageError(src.where + (src.where.empty() ? "--" : "") + std::string(src.key) + ": " + why);
}

}  // namespace flipdns::settings
