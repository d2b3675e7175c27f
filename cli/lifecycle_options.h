// What `plan` and `find` share: their settings options (docs/lifecycle.md, docs/settings.md), the
// world they load, and the JSON and text forms of failures, authorizations and matrices.
#pragma once

#include <iosfwd>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "solver/lifecycle/lifecycle.h"
#include "solver/lifecycle/matrix.h"

namespace lp::cli {

// --bandwidth-rules, --ram-resources, --forced-migration, --no-scheduling-privilege, --intra-group,
// --regions and the RAM settings options.
std::set<std::string> with_lifecycle_value_options(std::set<std::string> own);
std::set<std::string> with_lifecycle_flag_options(std::set<std::string> own);

struct LifecycleLoaded {
  std::optional<World> world;
  std::optional<Policy> slr;
  lifecycle::LifecycleSettings settings;
};

// Reads the settings and loads WORLD; an exit code on failure (messages on `err`).
std::optional<int> load_lifecycle(const Args& args, const std::string& world_path, LifecycleLoaded& l, const char* command,
                                  std::ostream& err);

nlohmann::json matrix_json(const lifecycle::Matrix& m);
nlohmann::json failure_json(const lifecycle::Failure& f);
nlohmann::json authorization_json(const lifecycle::Authorization& a);
nlohmann::json plan_json(const std::vector<PlanStep>& steps);  // a PLAN file ({"linkproof_plan": 1, ...})

std::string entry_text(const WhoEntry& e);   // "123 -> epsrv-1 tcp 80 from 192.168.1.0/24"
std::string failure_text(const lifecycle::Failure& f);

}  // namespace lp::cli
