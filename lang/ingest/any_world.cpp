#include "lang/ingest/any_world.h"

#include <filesystem>

#include "lang/ingest/reader.h"
#include "lang/ingest/snapshot.h"
#include "lang/ingest/terraform.h"
#include "lang/json.h"
#include "lang/text.h"

namespace lp::ingest {

std::optional<World> load_any_world(const std::string& path, const WorldOptions& options, Diagnostics& diags) {
  std::error_code ec;
  std::optional<ImportResult> imported;
  if (std::filesystem::is_directory(path, ec)) {
    ImportOptions o;
    o.policy = options.policy;
    imported = import_openapi_dir(path, o, diags);
  } else {
    std::string text;
    if (!read_file(path, text, diags)) return std::nullopt;
    if (!looks_like_terraform(text)) return load_world_text(text, path, options, diags);  // read once: `-` is standard input
    TerraformOptions o;
    o.policy = options.policy;
    imported = import_terraform_text(text, path, o, diags);
  }
  if (!imported) return std::nullopt;
  if (!imported->notes.empty()) {
    Diagnostic note;  // member by member: GCC 12 -O3 misreads the braced temporary (-Wmaybe-uninitialized)
    note.code = kNote;
    note.severity = Severity::Info;
    note.where.file = path;
    note.message = cat(std::to_string(imported->notes.size()), " import note(s); `linkproof import` lists them");
    diags.add(std::move(note));
  }
  std::string text = imported->world.dump(1);
  return load_world_text(text, path + " (imported)", options, diags);
}

}  // namespace lp::ingest
