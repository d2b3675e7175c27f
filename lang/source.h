// Where a value came from: every AST and World node carries one (style.md §3).
#pragma once

#include <string>

namespace lp {

struct SourceRef {
  std::string file;          // path as the user gave it; "<builtin>/..." for bundled data
  std::string json_pointer;  // RFC 6901 pointer inside the document ("" = whole document)
  int line = 0;              // 1-based; 0 when unknown
  int column = 0;            // 1-based, in bytes; 0 when unknown

  // "file:line:col" (or "file" when the position is unknown).
  std::string to_string() const;
};

}  // namespace lp
