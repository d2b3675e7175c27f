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
  auto same = [&](const ContextEntry& e) { return folded ? e.key_folded == key : e.key == key; };
  const ContextEntry* first = nullptr;
  for (const auto& e : context) {
    if (!same(e)) continue;
    if (!first) {
      first = &e;
      continue;
    }
    // Several spellings of one case-insensitive key (reference.md §1.2, PolicySettings): one key
    // whose values are all of theirs, in the order given. Rare, so the common case stays
    // allocation-free.
    thread_local ContextEntry merged;
    merged.key = first->key;
    merged.key_folded = first->key_folded;
    merged.values.clear();
    for (const auto& m : context)
      if (same(m)) merged.values.insert(merged.values.end(), m.values.begin(), m.values.end());
    return &merged;
  }
  return first;
}

const char* layer_name(Layer l) {
  switch (l) {
    case Layer::Identity: return "identity";
    case Layer::Control: return "control";
    case Layer::Session: return "session";
    case Layer::ResourceBased: return "resource-based";
  }
  return "identity";
}

}  // namespace lp
