// World file (docs/world-format.md, docs/world.schema.json) -> typed, immutable World.
// References are ids; a dangling or duplicated id, an unknown member or a wrong type is a located
// LP-WORLD-* error. Security-group rules are objects or rule lines (lang/sg_rule_json.h); policies
// are inline documents or files relative to the world file (lang/policy_parser.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lang/diagnostic.h"
#include "lang/settings.h"
#include "lang/world.h"

namespace lp {

struct WorldOptions {
  PolicySettings policy;
  std::optional<std::string> regions_file;  // overrides the world's "regions" and the bundled table
};

std::optional<World> load_world(const std::string& path, const WorldOptions& options, Diagnostics& diags);

// The same from a world document already in memory; `name` stands for the file in every SourceRef
// (an imported world: lang/ingest/any_world.h).
std::optional<World> load_world_text(std::string_view text, const std::string& name, const WorldOptions& options,
                                     Diagnostics& diags);

// The region table: {"regions": [{"id": "cn-hangzhou", "zones": ["cn-hangzhou-h", ...]}]}.
std::optional<RegionTable> load_region_table(const std::string& path, Diagnostics& diags);

}  // namespace lp
