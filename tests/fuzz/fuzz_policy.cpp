// Any byte string through the RAM policy parser, in both dialects: it may refuse, never crash,
// hang or leak, and every refusal is located.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lang/policy_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto dialect : {lp::Dialect::Ram, lp::Dialect::RamExtended}) {
    lp::PolicySettings s;
    s.dialect = dialect;
    lp::Diagnostics d;
    auto p = lp::parse_policy_text(text, "fuzz.json", s, d);
    if (!p && d.empty()) std::abort();  // a refusal without a diagnostic
    for (const auto& item : d.items())
      if (item.where.line <= 0 || item.where.column <= 0) std::abort();  // an unlocated error
  }
  return 0;
}
