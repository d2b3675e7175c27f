// Any byte string through the security-group rule line grammar and the rule-object reader: refusals
// are located, nothing crashes or hangs.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lang/json.h"
#include "lang/sg_rule_json.h"
#include "lang/sg_rule_line.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  lp::Diagnostics d;
  auto r = lp::parse_sg_rule_line(text, {"fuzz", "", 1, 1}, d);
  if (!r && d.empty()) std::abort();
  lp::Diagnostics j;
  const std::string file = "fuzz.json";
  if (auto v = lp::parse_json(text, file, j)) {
    auto g = lp::parse_security_group(lp::JsonCursor(file, *v), j);
    if (!g && j.empty()) std::abort();
  }
  return 0;
}
