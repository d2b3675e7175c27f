// The query funnel (docs/solver.md): every check answers sat, unsat or unknown with its reason;
// every question maps unknown to an unknown answer, never to "holds", "dead" or "allows nothing";
// a dumped query is a script that Z3 answers as the program did.
#include "solver/z3_query.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lang/policy_parser.h"
#include "solver/sg_symbolic.h"
#include "solver/z3_compare.h"
#include "solver/z3_core.h"
#include "solver/z3_questions.h"

namespace lp {
namespace {

Policy policy(std::string_view text) {
  Diagnostics d;
  auto p = parse_policy_text(text, "q.json", {}, d);
  EXPECT_TRUE(p) << (d.empty() ? "" : d.items()[0].to_string());
  return p ? *p : Policy{};
}

PolicySet set_of(std::string_view text) {
  PolicySet s;
  s.identity.push_back(policy(text));
  return s;
}

// One statement of each kind (effective, shadowed, dead) and a Deny that covers.
const char* kStatements = R"({"Version": "1", "Statement": [
  {"Effect": "Allow", "Action": "ecs:Describe*", "Resource": "*"},
  {"Effect": "Allow", "Action": "ecs:DescribeInstances", "Resource": "acs:ecs:*:*:instance/*"},
  {"Effect": "Allow", "Action": "ecs:StartInstance", "Resource": "*",
   "Condition": {"DateLessThan": {"acs:CurrentTime": "2024-01-01T00:00:00Z"},
                 "DateGreaterThan": {"acs:CurrentTime": "2025-01-01T00:00:00Z"}}},
  {"Effect": "Allow", "Action": "ecs:StopInstance", "Resource": "*"},
  {"Effect": "Deny", "Action": "ecs:Stop*", "Resource": "*"}]})";

const char* kDenyCovers = R"({"Version": "1", "Statement": [
  {"Effect": "Allow", "Action": "ecs:*", "Resource": "acs:ecs:*:*:instance/*"},
  {"Effect": "Deny", "Action": "ecs:Delete*", "Resource": "*", "Condition": {"Bool": {"acs:SecureTransport": "false"}}},
  {"Effect": "Deny", "Action": "ecs:DeleteInstance", "Resource": "*"}]})";

const char* kWide = R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "acs:ecs:*:123:instance/*"}]})";
const char* kNarrow = R"({"Version": "1", "Statement": [
  {"Effect": "Allow", "Action": "ecs:*", "Resource": "acs:ecs:*:123:instance/*"},
  {"Effect": "Deny", "Action": "ecs:StopInstance", "Resource": "acs:ecs:*:123:instance/*"}]})";

// Limits whose checks of `purpose` answer unknown, as a limit reached there would.
SolverLimits starving(const std::string& purpose) {
  SolverLimits l;
  l.journal = std::make_shared<QueryJournal>();
  l.journal->starve = [purpose](std::string_view p, unsigned) { return p == purpose; };
  return l;
}

SolverLimits tiny_rlimit() {
  SolverLimits l;
  l.rlimit = 1;
  return l;
}

// Z3 names the cancellation "canceled" or "unknown" depending on the theory; the limit is ours.
bool rlimit_reason(const std::string& reason) {
  return reason.rfind("Z3: ", 0) == 0 && reason.find(" (the resource limit of 1 per check was reached)") != std::string::npos;
}

// ---- the funnel itself ----

TEST(Z3Query, UnknownCarriesZ3sReasonAndTheLimitReached) {
  z3::context c;
  SolverLimits limits = tiny_rlimit();
  limits.journal = std::make_shared<QueryJournal>();
  z3::solver s = z3q::make_solver(c, limits);
  z3::expr x = c.int_const("x"), y = c.int_const("y");
  s.add(x * x + y * y == 25 && x > 0 && y > 0);
  z3q::Check r = z3q::check(s, limits, "test");
  ASSERT_TRUE(r.unknown());
  EXPECT_EQ(r.limit, z3q::Limit::Resource);
  EXPECT_TRUE(rlimit_reason(r.reason)) << r.reason;
  EXPECT_EQ(limits.journal->counts().checks, 1u);
  EXPECT_EQ(limits.journal->counts().unknown, 1u);
}

TEST(Z3Query, CountsAndLogsEveryCheck) {
  z3::context c;
  std::ostringstream log;
  SolverLimits limits;
  limits.journal = std::make_shared<QueryJournal>("", &log);
  z3::solver s = z3q::make_solver(c, limits);
  z3::expr a = c.bool_const("a");
  s.add(a);
  EXPECT_TRUE(z3q::check(s, limits, "first").sat());
  z3::expr_vector assume(c);
  assume.push_back(!a);
  EXPECT_TRUE(z3q::check(s, limits, assume, "second").unsat());
  EXPECT_EQ(limits.journal->counts().checks, 2u);
  EXPECT_EQ(limits.journal->counts().sat, 1u);
  EXPECT_EQ(limits.journal->counts().unsat, 1u);
  EXPECT_NE(log.str().find("solver query 1 first: sat"), std::string::npos) << log.str();
  EXPECT_NE(log.str().find("solver query 2 second: unsat"), std::string::npos) << log.str();
}

TEST(Z3Query, CoreIsFoundHoldsOrUnknownNeverAnEmptyListForTwoThings) {
  z3::context c;
  SolverLimits limits;
  z3::solver s = z3q::make_solver(c, limits);
  z3::expr x = c.int_const("x"), p = c.bool_const("p"), q = c.bool_const("q");
  z3::expr base = z3::implies(p, x > 5) && z3::implies(q, x < 3);
  z3q::Core k = z3q::minimal_core(s, limits, base, {p, q});
  ASSERT_EQ(k.kind, z3q::Core::Kind::Found);
  EXPECT_EQ(k.switches, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(z3q::minimal_core(s, limits, base && x > 10, {q}).switches, (std::vector<size_t>{0}));
  EXPECT_EQ(z3q::minimal_core(s, limits, base, {p}).kind, z3q::Core::Kind::Holds);
  z3q::Core none = z3q::minimal_core(s, limits, x > 1 && x < 0, {p, q});
  EXPECT_EQ(none.kind, z3q::Core::Kind::Found);
  EXPECT_TRUE(none.switches.empty());
  for (const char* purpose : {"core", "core-trial"}) {
    SolverLimits starved = starving(purpose);
    z3q::Core u = z3q::minimal_core(s, starved, base, {p, q});
    EXPECT_EQ(u.kind, z3q::Core::Kind::Unknown) << purpose;
    EXPECT_EQ(u.reason, "Z3: starved by a test") << purpose;
    EXPECT_TRUE(u.switches.empty()) << purpose;
  }
}

// A dumped query is a complete script: a fresh Z3 reading it gives the answer the program got.
TEST(Z3Query, DumpedScriptsReplayToTheSameAnswer) {
  auto dir = std::filesystem::temp_directory_path() / ("linkproof-dump-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SolverLimits limits;
  limits.journal = std::make_shared<QueryJournal>(dir.string());
  compare_policy_sets(set_of(kWide), set_of(kNarrow), {}, limits);
  statement_effects(set_of(kStatements), {}, limits);
  unsigned files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() != ".smt2") continue;
    std::ifstream in(f.path());
    std::string script((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t at = script.find("; answer: ");
    ASSERT_NE(at, std::string::npos) << f.path();
    std::string answer = script.substr(at + 10, script.find_first_of(" \n", at + 10) - at - 10);
    z3::context fresh;
    std::string got = Z3_eval_smtlib2_string(fresh, script.c_str());
    EXPECT_EQ(got, answer + "\n") << f.path();
    ++files;
  }
  EXPECT_EQ(files, limits.journal->counts().checks);
  std::ifstream log(dir / "queries.log");
  std::string first;
  std::getline(log, first);
  EXPECT_EQ(first.rfind("solver query 1 find-request: sat in ", 0), 0u) << first;
  EXPECT_GT(files, 10u);
  std::filesystem::remove_all(dir);
}

// ---- every question under a tiny resource limit: unknown with the reason ----

TEST(Z3Unknown, CompareUnderTinyRlimit) {
  CompareResult r = compare_policy_sets(set_of(kWide), set_of(kNarrow), {}, tiny_rlimit());
  EXPECT_EQ(r.relation, Relation::Unknown);
  EXPECT_TRUE(rlimit_reason(r.reason)) << r.reason;
}

TEST(Z3Unknown, OpenAuthorizeUnderTinyRlimit) {
  OpenQuestion q;
  q.action = "ecs:DeleteInstance";
  q.resource = "acs:ecs:cn-hangzhou:123:instance/*";
  q.resource_pattern = true;
  q.context_open = true;
  OpenAnswer a = authorize_open(set_of(kDenyCovers), q, {}, tiny_rlimit());
  ASSERT_EQ(a.outcomes.size(), 3u);
  for (const auto& o : a.outcomes) {
    EXPECT_EQ(o.reachable, Verdict::Unknown) << decision_name(o.decision);
    EXPECT_TRUE(rlimit_reason(o.reason)) << o.reason;
  }
}

TEST(Z3Unknown, AskQuestionsUnderTinyRlimit) {
  OutsideAnswer out = principal_outside(set_of(kDenyCovers), {"123"}, "*", {}, tiny_rlimit());
  EXPECT_EQ(out.verdict, Verdict::Unknown);
  EXPECT_TRUE(rlimit_reason(out.reason)) << out.reason;
  auto without = allowed_without(set_of(kDenyCovers), {"ecs:StartInstance"}, default_guard_keys(), {}, tiny_rlimit());
  ASSERT_EQ(without.size(), 3u);
  for (const auto& w : without) {
    EXPECT_EQ(w.verdict, Verdict::Unknown) << w.key;
    EXPECT_TRUE(rlimit_reason(w.reason)) << w.reason << w.key;
  }
  auto effects = statement_effects(set_of(kStatements), {}, tiny_rlimit());
  ASSERT_EQ(effects.size(), 5u);
  for (const auto& e : effects) {
    EXPECT_EQ(e.status, StatementStatus::Unknown) << e.statement.statement_index;
    EXPECT_TRUE(rlimit_reason(e.reason)) << e.reason;
  }
}

TEST(Z3Unknown, ValidateSolverUnderTinyRlimitReportsUndecidedNotDead) {
  Diagnostics d = statement_findings(policy(kStatements), {}, tiny_rlimit());
  ASSERT_EQ(d.items().size(), 5u);
  for (const auto& f : d.items()) {
    EXPECT_EQ(f.code, "LP-VAL-059") << f.message;
    EXPECT_NE(f.message.find("(the resource limit of 1 per check was reached)"), std::string::npos) << f.message;
  }
}

TEST(Z3Unknown, SecurityGroupWitnessHonoursTheCallersLimits) {
  World w;
  w.security_groups.push_back({});
  SecurityGroup& sg = w.security_groups.back();
  sg.id = "sg-1";
  SecurityGroupRule rule;
  rule.direction = Direction::Ingress;
  rule.protocol = IpProtocol::Tcp;
  rule.policy = RulePolicy::Accept;
  rule.priority = 1;
  rule.ports = {80, 80};
  rule.peer.kind = RulePeer::Kind::Cidr;
  rule.peer.cidr = *parse_cidr("10.0.0.0/8");
  sg.rules.push_back(rule);
  SgSymbolic sym(w, {0}, IpProtocol::Tcp);
  IntervalSet sources = IntervalSet::of_cidr(*parse_cidr("10.1.0.0/16")), ports = IntervalSet::range(1, 65535);
  SgSymbolic::Search found = sym.witness(sources, ports, {});
  ASSERT_TRUE(found.hit);
  EXPECT_TRUE(found.unknown.empty());
  EXPECT_EQ(found.hit->second, 80);
  SgSymbolic::Search limited = sym.witness(sources, ports, {}, tiny_rlimit());
  EXPECT_FALSE(limited.hit);
  EXPECT_TRUE(rlimit_reason(limited.unknown)) << limited.unknown;
  SgSymbolic::Search none = sym.witness(IntervalSet::of_cidr(*parse_cidr("11.0.0.0/8")), ports, {});
  EXPECT_FALSE(none.hit);
  EXPECT_TRUE(none.unknown.empty());
}

// ---- a check starved anywhere (the witness search, a core, its minimisation, the "when" list)
// never changes a definite answer: it only turns it, or its explanation, unknown ----

const char* kPurposes[] = {"find-request", "core", "core-trial", "statement-applies"};

TEST(Z3Starved, CompareExplanationIsUnknownNeverAllowsNothing) {
  CompareResult exact = compare_policy_sets(set_of(kWide), set_of(kNarrow), {});
  ASSERT_EQ(exact.relation, Relation::MorePermissive);
  ASSERT_EQ(exact.explanations.size(), 1u);
  ASSERT_EQ(exact.explanations[0].statements.size(), 1u);
  for (const char* purpose : kPurposes) {
    CompareResult r = compare_policy_sets(set_of(kWide), set_of(kNarrow), {}, starving(purpose));
    if (r.relation == Relation::Unknown) {
      EXPECT_EQ(r.reason, "Z3: starved by a test") << purpose;
      continue;
    }
    EXPECT_EQ(r.relation, exact.relation) << purpose;
    ASSERT_EQ(r.explanations.size(), 1u) << purpose;
    const auto& e = r.explanations[0];
    if (e.reason.empty()) EXPECT_EQ(e.statements.size(), 1u) << purpose;
    else EXPECT_TRUE(e.statements.empty()) << purpose;
  }
  CompareResult core = compare_policy_sets(set_of(kWide), set_of(kNarrow), {}, starving("core"));
  EXPECT_EQ(core.relation, Relation::MorePermissive);
  EXPECT_EQ(core.explanations[0].reason, "Z3: starved by a test");
}

TEST(Z3Starved, StatementEffectsAreUnknownNeverDeadOrShadowedByAccident) {
  auto exact = statement_effects(set_of(kStatements), {});
  ASSERT_EQ(exact.size(), 5u);
  ASSERT_EQ(exact[1].status, StatementStatus::Shadowed);
  ASSERT_EQ(exact[2].status, StatementStatus::Dead);
  ASSERT_EQ(exact[3].status, StatementStatus::Shadowed);
  for (const char* purpose : kPurposes) {
    auto got = statement_effects(set_of(kStatements), {}, starving(purpose));
    ASSERT_EQ(got.size(), exact.size());
    for (size_t i = 0; i < got.size(); ++i) {
      SCOPED_TRACE(std::string(purpose) + ", statement " + std::to_string(i));
      if (got[i].status == StatementStatus::Unknown) {
        EXPECT_NE(got[i].reason.find("Z3: starved by a test"), std::string::npos);
        continue;
      }
      EXPECT_EQ(got[i].status, exact[i].status);
      EXPECT_EQ(got[i].by.size(), exact[i].by.size());
      if (got[i].status == StatementStatus::Dead && got[i].parts != exact[i].parts) {
        EXPECT_TRUE(got[i].parts.empty());
        EXPECT_NE(got[i].reason.find("could not be determined: Z3: starved by a test"), std::string::npos);
      }
    }
  }
  // Starving the cores: the shadowed statements are undecided, not shadowed and not dead.
  auto core = statement_effects(set_of(kStatements), {}, starving("core"));
  EXPECT_EQ(core[1].status, StatementStatus::Unknown);
  EXPECT_EQ(core[3].status, StatementStatus::Unknown);
  EXPECT_EQ(core[0].status, StatementStatus::Effective);
  Diagnostics d = statement_findings(policy(kStatements), {}, starving("core"));
  for (const auto& f : d.items()) EXPECT_NE(f.code, "LP-VAL-050") << f.message;
}

TEST(Z3Starved, OpenAuthorizeExplanationsAreIncompleteNeverInvented) {
  OpenQuestion q;
  q.action = "ecs:DeleteInstance";
  q.resource = "acs:ecs:cn-hangzhou:123:instance/*";
  q.resource_pattern = true;
  q.context_open = true;
  OpenAnswer exact = authorize_open(set_of(kDenyCovers), q, {});
  ASSERT_EQ(exact.outcomes.size(), 3u);
  ASSERT_EQ(exact.outcomes[0].reachable, Verdict::No);  // statement 2 denies every DeleteInstance
  ASSERT_EQ(exact.outcomes[0].because.size(), 1u);
  ASSERT_EQ(exact.outcomes[1].reachable, Verdict::Yes);
  for (const char* purpose : kPurposes) {
    OpenAnswer got = authorize_open(set_of(kDenyCovers), q, {}, starving(purpose));
    ASSERT_EQ(got.outcomes.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
      const Outcome &g = got.outcomes[i], &x = exact.outcomes[i];
      SCOPED_TRACE(std::string(purpose) + ", " + decision_name(g.decision));
      if (g.reachable == Verdict::Unknown) {
        EXPECT_EQ(g.reason, "Z3: starved by a test");
        continue;
      }
      EXPECT_EQ(g.reachable, x.reachable);
      if (g.incomplete.empty()) {
        EXPECT_EQ(g.because.size(), x.because.size());
        EXPECT_EQ(g.when.size(), x.when.size());
      } else {
        EXPECT_NE(g.incomplete.find("Z3: starved by a test"), std::string::npos);
        EXPECT_LE(g.because.size(), x.because.size());
        EXPECT_EQ(g.when.size() + g.when_unknown.size(), x.when.size());
      }
    }
  }
  OpenAnswer core = authorize_open(set_of(kDenyCovers), q, {}, starving("core"));
  EXPECT_EQ(core.outcomes[0].reachable, Verdict::No);
  EXPECT_TRUE(core.outcomes[0].because.empty());
  EXPECT_NE(core.outcomes[0].incomplete.find("rule it out could not be determined"), std::string::npos);
  OpenAnswer when = authorize_open(set_of(kDenyCovers), q, {}, starving("statement-applies"));
  EXPECT_EQ(when.outcomes[1].reachable, Verdict::Yes);
  EXPECT_TRUE(when.outcomes[1].when.empty());
  EXPECT_EQ(when.outcomes[1].when_unknown.size(), exact.outcomes[1].when.size());
}

}  // namespace
}  // namespace lp
