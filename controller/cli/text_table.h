// Plain-text tables for people: a header row, columns padded to their widest
// cell, two spaces between columns, no trailing blanks.
#pragma once

#include <string>
#include <vector>

namespace flipdns::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  // A row shorter than the header is padded with empty cells.
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Width on a terminal, counting UTF-8 code points (tables hold "→").
std::size_t display_width(const std::string& s);

}  // namespace flipdns::cli
