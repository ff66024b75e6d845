// systemd's readiness protocol (Type=notify) without libsystemd: one datagram
// to $NOTIFY_SOCKET. The controller says READY=1 once its cold start is over
// and decisions are being made, STOPPING=1 when it begins to stop.
#pragma once

#include <string_view>

namespace flipdns::daemon {

// False when not run by systemd (no $NOTIFY_SOCKET) or the send failed.
bool notify_systemd(std::string_view state);

}  // namespace flipdns::daemon
