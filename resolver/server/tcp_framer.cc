#include "resolver/server/tcp_framer.h"

#include <cstring>

namespace flipdns::server {

std::span<uint8_t> TcpFramer::prepare(std::size_t min_free) {
  // Moving the partial frame to the front keeps the buffer at most one message plus
  // one read long, however long the connection lives.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < min_free) buf_.resize(end_ + min_free);
  return {buf_.data() + end_, buf_.size() - end_};
}

void TcpFramer::commit(std::size_t n) {
  end_ += n;
}

TcpFramer::Result TcpFramer::next(std::span<const uint8_t>& message) {
  if (end_ - begin_ < 2) return Result::kNeedMore;
  std::size_t len = (std::size_t{buf_[begin_]} << 8) | buf_[begin_ + 1];
  if (len == 0) return Result::kBroken;
  if (end_ - begin_ < 2 + len) return Result::kNeedMore;
  message = {buf_.data() + begin_ + 2, len};
  begin_ += 2 + len;
  return Result::kMessage;
}

}  // namespace flipdns::server
