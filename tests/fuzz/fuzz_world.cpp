// Any byte string through the world loader (docs/world-format.md): it may refuse, never crash or
// hang, and every refusal of the input is located (file, line, column). A world that loads is also
// run through `check` and `who` (now and could) and one `reach` question, which must not crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lang/world_loader.h"
#include "solver/reach.h"
#include "solver/world_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "fuzz.json";
  lp::Diagnostics d;
  auto w = lp::load_world_text(text, file, {}, d);
  if (!w && d.empty()) std::abort();  // a refusal without a diagnostic
  for (const auto& item : d.items()) {
    if (item.where.file.empty()) std::abort();  // a diagnostic naming no file
    if (item.where.file == file && (item.where.line <= 0 || item.where.column <= 0)) std::abort();  // an unlocated error
  }
  if (!w) return 0;
  (void)lp::check_world(*w, nullptr);
  lp::ReachSettings s;
  for (auto mode : {lp::ReachMode::Now, lp::ReachMode::Could}) (void)lp::who(*w, "", "", mode, s);
  if (!w->accounts.empty() && !w->services.empty())
    for (auto mode : {lp::ReachMode::Now, lp::ReachMode::Could})
      (void)lp::reach(*w, {w->accounts.front().id, w->services.front().id, std::nullopt, lp::IpProtocol::Tcp, std::nullopt, mode}, s);
  return 0;
}
