// A World written back in the world format (docs/world-format.md), so `check`, `reach` and `who`
// can be asked about the world a plan leaves behind. Policies are written inline.
#pragma once

#include <nlohmann/json.hpp>

#include "lang/world.h"

namespace lp::cli {

nlohmann::json world_json(const World& w);
nlohmann::json policy_json(const Policy& p);

}  // namespace lp::cli
