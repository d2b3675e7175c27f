#include "cli/audit_setup.h"

#include <iostream>

#include "cli/policy_options.h"
#include "lang/bundled.h"

namespace lp::cli {

std::optional<Policy> bundled_slr_policy(const PolicySettings& s, Diagnostics& diags);  // cmd_check.cpp

std::set<std::string> audit_value_options(std::set<std::string> own) {
  for (const char* o : {"format", "out", "sarif-root", "regions", "bandwidth-rules", "intra-group", "catalogue", "timeout-ms",
                        "rlimit", "encoding"})
    own.insert(o);
  return with_policy_value_options(std::move(own));
}

std::optional<int> read_audit_setup(const Args& args, const char* command, AuditSetup& setup, std::ostream& err) {
  std::string rules = args.value("bandwidth-rules").value_or("guide");
  std::string intra = args.value("intra-group").value_or("before");
  if (rules != "guide" && rules != "api") {
    err << "linkproof " << command << ": --bandwidth-rules must be guide or api\n";
    return kExitBadInput;
  }
  if (intra != "before" && intra != "after") {
    err << "linkproof " << command << ": --intra-group must be before or after\n";
    return kExitBadInput;
  }
  if (!read_policy_settings(args, setup.world.policy, err)) return kExitBadInput;
  setup.world.regions_file = args.value("regions");
  audit::Settings& s = setup.settings;
  if (!read_solver_limits(args, s.limits, command, err)) return kExitBadInput;
  add_witness_action_names(s.limits);
  s.reach.policy = setup.world.policy;
  s.reach.sg.intra_group = intra == "after" ? IntraGroupRule::AfterRules : IntraGroupRule::BeforeRules;
  s.check.policy = setup.world.policy;
  s.check.bandwidth = rules == "api" ? BandwidthRules::Api2026 : BandwidthRules::Guide20220418;

  Diagnostics diags;
  setup.slr = bundled_slr_policy(setup.world.policy, diags);
  s.reach.default_slr_policy = setup.slr ? &*setup.slr : nullptr;
  auto dir = policies_dir(args.value("catalogue"));
  setup.catalogue = dir ? load_catalogue(*dir, diags) : std::nullopt;
  if (!setup.catalogue) {
    print_diagnostics(diags, err);
    err << "linkproof " << command << ": the action catalogue could not be loaded\n";
    return args.value("catalogue") ? kExitBadInput : kExitInternal;
  }
  s.catalogue = &*setup.catalogue;
  return std::nullopt;
}

}  // namespace lp::cli
