#include "solver/request.h"

namespace lp {

void Request::add_context(std::string_view key, std::string_view value) {
  for (auto& e : context) {
    if (e.key == key) {
      e.values.emplace_back(value);
      return;
    }
  }
  context.push_back({std::string(key), ascii_lower(key), {std::string(value)}});
}

const ContextEntry* Request::find(std::string_view key, bool folded) const {
  for (const auto& e : context) {
    if (folded ? e.key_folded == key : e.key == key) return &e;
  }
  return nullptr;
}

const char* layer_name(Layer l) {
  switch (l) {
    case Layer::Identity: return "identity";
    case Layer::Control: return "control";
    case Layer::Session: return "session";
  }
  return "identity";
}

}  // namespace lp
