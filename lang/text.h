// Small text helpers shared by messages across rooms.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lp {

// "a, b, c" (or with another separator); empty for no items.
inline std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace lp
