// The audit engine (docs/audit.md): on one world, the static checks of `check`, policy validation
// of every attached policy, the built-in security questions and every assertion of the spec files,
// collected as answers (solver/answer.h) and findings into one report that the renderers in cli/
// print. Nothing here formats output.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "lang/audit_spec.h"
#include "lang/catalogue.h"
#include "lang/diagnostic.h"
#include "lang/world.h"
#include "solver/answer.h"
#include "solver/reach.h"
#include "solver/world_checks.h"
#include "solver/z3_compare.h"

namespace lp::audit {

struct Settings {
  ReachSettings reach;   // policy settings, SG settings, the bundled service-linked role policy
  CheckSettings check;
  SolverLimits limits;
  const Catalogue* catalogue = nullptr;  // policy validation is skipped when null
  bool builtin = true;                   // the built-in security questions
  // Witness paths drawn for built-in findings (each is one path search over the world); the
  // findings past it carry their flows without a path. Assertions always get theirs.
  size_t witness_paths = 200;
};

// Where a finding comes from.
enum class Source { Check, Validate, Builtin, Spec };
const char* source_name(Source s);  // "check" | "validate" | "builtin" | "spec"

struct Finding {
  Diagnostic diagnostic;  // rule id (code), severity, objects, location, message, suggested fix (hint)
  Source source = Source::Check;
  Witness witness;
  bool unknown = false;   // the question behind it was not decided (counts as unknown, not as a finding)
};

enum class Status { Holds, Violated, Unknown };
const char* status_name(Status s);  // "holds" | "violated" | "unknown"

struct AssertionResult {
  std::string rule;  // LP-AUD-1xx: the sentence form
  std::string text;  // the sentence as written
  SourceRef where;
  Status status = Status::Unknown;
  Answer answer;     // verdict Yes = holds; the witness or causes; the unknown reason
};

// One cell of the reach matrix.
struct MatrixCell {
  std::string account, service;
  Verdict now = Verdict::No, could = Verdict::No;
  std::string ports_now, ports_could;  // "tcp 80, 443" when it reaches
};

struct Report {
  std::string world;
  std::vector<std::string> specs;
  std::vector<Finding> findings;
  std::vector<AssertionResult> assertions;
  std::vector<std::string> accounts, services;  // the matrix axes, in world order
  // The cells where an account reaches a service (now or could) or it is undecided, in axis
  // order; every other pair is no / no.
  std::vector<MatrixCell> matrix;
  // The policy sets the answers' statement references point into (principals' effective
  // policies, baselines), kept alive with the report.
  std::shared_ptr<std::deque<PolicySet>> policy_sets = std::make_shared<std::deque<PolicySet>>();
};

// Every assertion's names checked against the world first: a service, policy, principal, account
// or file named in an assertion that does not exist, and plan assertions (the lifecycle engine is
// not there yet: LP-AUD-099), are located errors appended to `errors`; the audit is then not run.
// Returns false when there were such errors.
bool resolve(const World& w, const std::vector<AuditSpec>& specs, const Settings& s, Diagnostics& errors);

// Runs the audit; call after `resolve` succeeded. `progress` (may be null) is told each phase.
Report run(const World& w, const std::vector<AuditSpec>& specs, const Settings& s,
           void (*progress)(const std::string& phase, void* user) = nullptr, void* user = nullptr);

// The rule ids the audit itself defines, with name and descriptions (for SARIF rule metadata and
// docs/audit.md).
struct RuleInfo {
  const char* id;
  const char* name;
  Severity severity;
  const char* short_text;
  const char* full_text;
};
const std::vector<RuleInfo>& rules();
const RuleInfo* rule_info(const std::string& id);

}  // namespace lp::audit
