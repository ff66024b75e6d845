// Cuts a TCP byte stream into DNS messages (RFC 1035 4.2.2, RFC 7766 8): each
// message is preceded by its length in two octets. Reads may end anywhere, in the
// middle of a length or a message, and one read may carry many messages.
//
// No sockets here: the connection reads into prepare(), reports the bytes with
// commit(), then takes messages with next() until it says kNeedMore.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace flipdns::server {

class TcpFramer {
 public:
  enum class Result {
    kMessage,   // `message` holds one whole message
    kNeedMore,  // the rest has not arrived yet
    kBroken,    // a zero length: no DNS message is that short, the stream is lost
  };

  // Room for at least `min_free` more bytes at the end of the buffer. Invalidates
  // messages returned earlier.
  std::span<uint8_t> prepare(std::size_t min_free);
  void commit(std::size_t n);

  // The message span stays valid until the next prepare().
  Result next(std::span<const uint8_t>& message);

  // Bytes received but not yet returned as messages (a partial frame at EOF).
  std::size_t pending() const { return end_ - begin_; }

 private:
  std::vector<uint8_t> buf_;
  std::size_t begin_ = 0;  // first byte not yet returned
  std::size_t end_ = 0;    // one past the last byte received
};

}  // namespace flipdns::server
