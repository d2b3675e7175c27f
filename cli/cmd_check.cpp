// `linkproof check WORLD`: the static PrivateLink rule checks (solver/world_checks.h) on one world.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/policy_options.h"
#include "lang/bundled.h"
#include "lang/policy_parser.h"
#include "lang/ingest/any_world.h"
#include "lang/world_loader.h"
#include "solver/world_checks.h"

namespace lp::cli {

bool read_world_settings(const Args& args, WorldSettings& s, std::ostream& err);  // cmd_reach.cpp

namespace {

const char* kUsage =
    "usage: linkproof check WORLD [--format text|json] [--fail-on error|warning|info|never]\n"
    "                       [--regions FILE] [--bandwidth-rules guide|api] [--migrating serves|down]\n"
    "                       [--whitelist-wildcard unknown|all|none] [settings: docs/settings.md]\n";

}  // namespace

std::optional<Policy> bundled_slr_policy(const PolicySettings& s, Diagnostics& diags) {
  auto dir = policies_dir();
  if (!dir) return std::nullopt;
  return load_policy_file(*dir + "/AliyunServiceRolePolicyForPrivatelink.json", s, diags, PolicyKind::Identity);
}

int cmd_check(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, with_policy_value_options({"format", "fail-on", "regions", "bandwidth-rules", "migrating", "whitelist-wildcard"}),
            with_policy_flag_options({"help"}),
            {{"format", {"text", "json"}},
             {"fail-on", {"error", "warning", "info", "never"}},
             {"bandwidth-rules", {"guide", "api"}}});
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  std::string format = args.value("format").value_or("text");
  std::string fail_on = args.value("fail-on").value_or("error");
  std::string rules = args.value("bandwidth-rules").value_or("guide");
  if (!args.ok() || args.positional().size() != 1) {
    err << "linkproof check: " << (args.ok() ? "expected one WORLD file" : args.error()) << "\n" << kUsage;
    return kExitBadInput;
  }
  WorldOptions wo;
  if (!read_policy_settings(args, wo.policy, err)) return kExitBadInput;
  wo.regions_file = args.value("regions");
  CheckSettings cs;
  cs.policy = wo.policy;
  cs.bandwidth = rules == "api" ? BandwidthRules::Api2026 : BandwidthRules::Guide20220418;
  if (!read_world_settings(args, cs.world, err)) return kExitBadInput;

  Diagnostics diags;
  auto world = ingest::load_any_world(args.positional()[0], wo, diags);
  if (!world) {
    print_diagnostics(diags, err);
    return kExitBadInput;
  }
  auto slr = bundled_slr_policy(wo.policy, diags);
  print_diagnostics(diags, err);
  Diagnostics findings = check_world(*world, slr ? &*slr : nullptr, cs);

  Severity threshold = fail_on == "warning" ? Severity::Warning : fail_on == "info" ? Severity::Info : Severity::Error;
  size_t counts[3] = {0, 0, 0};
  bool failing = false;
  for (const auto& f : findings.items()) {
    counts[static_cast<int>(f.severity)]++;
    failing |= fail_on != "never" && f.severity >= threshold;
  }
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : findings.items())
      list.push_back({{"rule", f.code}, {"severity", severity_name(f.severity)}, {"object", f.object},
                      {"file", f.where.file}, {"pointer", f.where.json_pointer}, {"line", f.where.line},
                      {"column", f.where.column}, {"message", f.message}});
    out << nlohmann::json{{"world", world->file},
                          {"findings", list},
                          {"summary", {{"error", counts[2]}, {"warning", counts[1]}, {"info", counts[0]}}},
                          {"settings", {{"bandwidth_rules", rules},
                                        {"regions", world->regions.file},
                                        {"migrating", args.value("migrating").value_or("serves")},
                                        {"whitelist_wildcard", args.value("whitelist-wildcard").value_or("unknown")}}}}
               .dump(2)
        << "\n";
  } else {
    for (const auto& f : findings.items()) out << f.to_string() << "\n";
    out << world->file << ": " << counts[2] << " error, " << counts[1] << " warning, " << counts[0]
        << " info (bandwidth rules: " << rules << ", regions: " << world->regions.file << ")\n";
  }
  return failing ? kExitFindings : kExitOk;
}

}  // namespace lp::cli
