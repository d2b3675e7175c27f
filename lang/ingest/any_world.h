// One way in for every command that reads a world: a world file, an API snapshot folder or a
// Terraform JSON file, recognised by content (docs/import.md "Everywhere a world is read").
#pragma once

#include <optional>
#include <string>

#include "lang/world_loader.h"

namespace lp::ingest {

// A folder is a snapshot (import openapi); a JSON file with Terraform's "format_version" and plan
// or state members is a plan or state (import terraform, the after side); anything else is a world
// file. An imported world's objects are located in the generated document, named
// "<input> (imported)"; the import's own errors are located in the input.
std::optional<World> load_any_world(const std::string& path, const WorldOptions& options, Diagnostics& diags);

}  // namespace lp::ingest
