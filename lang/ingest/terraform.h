// Terraform JSON (`terraform show -json` of a saved plan or of a state) -> world document
// (docs/import.md; format: ingestion.md §1.3, reference.md §6). Objects whose ids a plan cannot
// know are named by their Terraform address; values Terraform does not know before apply become
// the world format's explicit unknown value (docs/world-format.md).
#pragma once

#include <optional>
#include <string>

#include "lang/diagnostic.h"
#include "lang/ingest/snapshot.h"

namespace lp::ingest {

enum class PlanSide { Before, After };

// Which CLB serves an endpoint zone: no provider attribute says (reference.md §3.11, §7 item 14:
// whether a zone is served by a resource of its own zone is UNCONFIRMED).
enum class ZoneAssignment {
  SingleCandidate,  // default: the one CLB resource of the service in the zone's zone, else unknown
  Unknown,          // always unknown
};

struct TerraformOptions {
  PolicySettings policy;
  PlanSide side = PlanSide::After;  // --side: the world before or after the plan
  std::string account;              // --account; else a data.alicloud_account in the plan
  std::string region;               // --region; else the provider configuration's region
  bool verbose = false;
  ZoneAssignment zone_assignment = ZoneAssignment::SingleCandidate;  // --zone-assignment single|unknown
};

std::optional<ImportResult> import_terraform_file(const std::string& path, const TerraformOptions& options,
                                                  Diagnostics& diags);
std::optional<ImportResult> import_terraform_text(const std::string& text, const std::string& path,
                                                  const TerraformOptions& options, Diagnostics& diags);

// True when a parsed JSON document is Terraform's (a top-level "format_version" with
// "planned_values", "values", "resource_changes" or "prior_state").
bool looks_like_terraform(const std::string& text);

}  // namespace lp::ingest
