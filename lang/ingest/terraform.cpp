#include "lang/ingest/terraform.h"

namespace lp::ingest {

std::optional<ImportResult> import_terraform_text(const std::string&, const std::string& path, const TerraformOptions&,
                                                  Diagnostics& diags) {
  diags.error("LP-IMPORT-010", {path, "", 0, 0}, "not yet");
  return std::nullopt;
}

std::optional<ImportResult> import_terraform_file(const std::string& path, const TerraformOptions& o, Diagnostics& diags) {
  return import_terraform_text("", path, o, diags);
}

bool looks_like_terraform(const std::string&) { return false; }

}  // namespace lp::ingest
