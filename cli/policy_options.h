// What every policy-reading subcommand shares: the RAM settings flags (docs/settings.md), loading
// policy files and policy-set files into PolicySets, and printing located diagnostics.
#pragma once

#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/args.h"
#include "lang/diagnostic.h"
#include "lang/policy.h"
#include "lang/settings.h"
#include "solver/request.h"
#include "solver/z3_compare.h"

namespace lp::cli {

// Adds the settings options (--dialect, --missing-key, --negated-multi, --resource-case,
// --condition-key-case, --max-policy-chars; flag --statement-object) to a command's own sets.
std::set<std::string> with_policy_value_options(std::set<std::string> own);
std::set<std::string> with_policy_flag_options(std::set<std::string> own);

// Reads those options into `s`; false (and a message on `err`) for a bad value.
bool read_policy_settings(const Args& args, PolicySettings& s, std::ostream& err);

// --format text|json: true for json; nullopt (and a message) for any other value.
std::optional<bool> json_format(const Args& args, const char* command, std::ostream& err);

// The solver options of the Z3 questions (docs/solver.md): --timeout-ms N, --rlimit N (Z3 resource
// limit per check, 0 = none), --encoding classes|sequences, --dump-smt DIR (every query as an SMT-LIB 2
// script; the directory is created). False (and a message) for a bad value.
bool read_solver_limits(const Args& args, SolverLimits& limits, const char* command, std::ostream& err);

// Witness actions read as real requests: the bundled catalogue's action names, tried first when a
// witness action is made concrete. For the commands that print witnesses.
void add_witness_action_names(SolverLimits& limits);

// Loads policy files of one kind; located errors go to `diags`. False when any file failed.
bool load_policies(const std::vector<std::string>& files, PolicyKind kind, const PolicySettings& s,
                   Diagnostics& diags, std::vector<Policy>& out);

// A policy-set file: a JSON list of sets (the shared workload format, ../shared/bench). A set is
// either a list of identity policy documents, or an object {"identity": [...], "control": [...],
// "session": [...]}; an item is an inline document or a string naming a policy file relative to
// the set file. docs/authorize.md.
std::optional<std::vector<PolicySet>> load_policy_sets(const std::string& path, const PolicySettings& s,
                                                       Diagnostics& diags);

// The layers of one request from --policy (identity, united), --control-policy and --session-policy
// (at most one). Located errors go to `err`; nullopt when anything failed.
std::optional<PolicySet> load_layers(const Args& args, const PolicySettings& s, const char* command, std::ostream& err);

// Moves the identity-layer documents that carry a Principal (a role trust policy, a bucket
// policy: PolicyKind Trust or ResourceBased) into the resource-based layer, Decision B of
// reference.md §1.7. For the concrete evaluator; the Z3 questions read such documents as the
// policies they ask about.
void separate_resource_based(PolicySet& set);

// A file holding one policy set: a RAM policy document (one identity policy), a list of documents
// (united identity policies) or an object {"identity": [...], "control": [...], "session": [...]}.
std::optional<PolicySet> load_policy_set_file(const std::string& path, const PolicySettings& s, Diagnostics& diags);

// Prints each diagnostic as `file:line:col: severity[CODE]: message` on its own line(s).
void print_diagnostics(const Diagnostics& diags, std::ostream& err);

}  // namespace lp::cli
