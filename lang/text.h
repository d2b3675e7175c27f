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

// The parts one after another, appended left to right. Prefer it to `"literal" + f()`: operator+
// of a literal and a temporary std::string inserts at position 0 of the temporary, which GCC 12 at
// -O3 misreads as an overlapping copy (-Wrestrict, a false positive inside libstdc++).
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

}  // namespace lp
