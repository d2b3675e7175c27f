// `linkproof import openapi DIR` and `linkproof import terraform PLAN.json`: read what users have
// into a world file (lang/ingest/; docs/import.md).
#include <fstream>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/policy_options.h"
#include "lang/ingest/snapshot.h"
#include "lang/ingest/terraform.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof import openapi DIR [-o WORLD] [--verbose] [--wildcard-arn accounts|refuse] [settings: docs/settings.md]\n"
    "       linkproof import terraform PLAN.json [-o WORLD] [--side before|after] [--account ID] [--region R]\n"
    "                                  [--zone-assignment single|unknown] [--verbose] [settings: docs/settings.md]\n"
    "  DIR holds one folder per account id of <product>.<Action>[.<Key>=<Value>]*.page<N>.json responses;\n"
    "  PLAN.json is `terraform show -json` of a saved plan or of a state. Without -o the world goes to\n"
    "  standard output. docs/import.md.\n";

void print_notes(const std::vector<ingest::ImportNote>& notes, std::ostream& err) {
  for (const auto& n : notes) {
    err << "note[LP-IMPORT-100]: " << (n.api.empty() ? "" : n.api + ": ") << n.message << "\n";
    for (const auto& d : n.details) err << "  " << d << "\n";
  }
}

}  // namespace

int cmd_import(const Argv& raw, std::istream&, std::ostream& out, std::ostream& err) {
  Argv argv;
  for (const auto& a : raw) argv.push_back(a == "-o" ? "--output" : a);
  Args args(argv, with_policy_value_options({"output", "side", "account", "region", "wildcard-arn", "zone-assignment"}), with_policy_flag_options({"help", "verbose"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  const auto& pos = args.positional();
  std::string side = args.value("side").value_or("after");
  std::string wildcard = args.value("wildcard-arn").value_or("accounts");
  std::string zones = args.value("zone-assignment").value_or("single");
  if ((wildcard != "accounts" && wildcard != "refuse") || (zones != "single" && zones != "unknown")) {
    err << "linkproof import: --wildcard-arn is accounts or refuse, --zone-assignment single or unknown\n" << kUsage;
    return kExitBadInput;
  }
  if (!args.ok() || pos.size() != 2 || (pos[0] != "openapi" && pos[0] != "terraform") ||
      (side != "before" && side != "after") ||
      (pos[0] == "openapi" && (args.value("side") || args.value("account") || args.value("region") || args.value("zone-assignment"))) ||
      (pos[0] == "terraform" && args.value("wildcard-arn"))) {
    err << "linkproof import: " << (args.ok() ? "expected openapi DIR or terraform PLAN.json (--side, --account and --region are for terraform)" : args.error())
        << "\n"
        << kUsage;
    return kExitBadInput;
  }
  PolicySettings ps;
  if (!read_policy_settings(args, ps, err)) return kExitBadInput;
  Diagnostics diags;
  std::optional<ingest::ImportResult> result;
  if (pos[0] == "openapi") {
    ingest::ImportOptions o;
    o.policy = ps;
    o.verbose = args.flag("verbose");
    o.wildcard_arn = wildcard == "refuse" ? ingest::WildcardArn::Refuse : ingest::WildcardArn::SnapshotAccounts;
    result = ingest::import_openapi_dir(pos[1], o, diags);
  } else {
    ingest::TerraformOptions o;
    o.policy = ps;
    o.verbose = args.flag("verbose");
    o.side = side == "before" ? ingest::PlanSide::Before : ingest::PlanSide::After;
    o.account = args.value("account").value_or("");
    o.region = args.value("region").value_or("");
    o.zone_assignment = zones == "unknown" ? ingest::ZoneAssignment::Unknown : ingest::ZoneAssignment::SingleCandidate;
    result = ingest::import_terraform_file(pos[1], o, diags);
  }
  print_diagnostics(diags, err);
  if (!result) return kExitBadInput;
  print_notes(result->notes, err);
  std::string text = result->world.dump(2) + "\n";
  if (auto file = args.value("output")) {
    std::ofstream f(*file, std::ios::binary);
    f << text;
    if (!f) {
      err << "linkproof import: cannot write " << *file << "\n";
      return kExitBadInput;
    }
  } else {
    out << text;
  }
  return kExitOk;
}

}  // namespace lp::cli
