// Each assertion form evaluated with the engines (docs/audit.md, "Meanings").
#include <algorithm>
#include <set>

#include "lang/policy_parser.h"
#include "lang/text.h"
#include "solver/audit/internal.h"
#include "solver/z3_questions.h"

namespace lp::audit::detail {

namespace {

ReachMode mode_of(ReachTense t) { return t == ReachTense::Now ? ReachMode::Now : ReachMode::Could; }

std::vector<const EndpointService*> targets(const World& w, const ServiceRef& t) {
  std::vector<const EndpointService*> out;
  if (t.any) {
    for (const auto& s : w.services) out.push_back(&s);
  } else if (const EndpointService* s = w.service(t.id)) {
    out.push_back(s);
  }
  return out;
}

bool in_set(const AccountSetRef& set, const std::string& id) {
  return std::any_of(set.accounts.begin(), set.accounts.end(), [&](const SpecAccount& a) { return a.id == id; });
}

std::string set_text(const AccountSetRef& set) {
  if (!set.name.empty()) return set.name;
  std::vector<std::string> ids;
  for (const auto& a : set.accounts) ids.push_back(a.id);
  return join(ids);
}

// How many violating pairs an assertion lists by name; the rest are counted.
constexpr size_t kListed = 100;

struct Evaluator {
  Context& ctx;

  // only S can|could reach T
  Answer operator()(const OnlyReach& o) {
    ReachMode mode = mode_of(o.tense);
    std::vector<Cause> violations, open;
    size_t violating = 0;
    Answer first;
    std::string first_reason;
    for (const EndpointService* sv : targets(ctx.w, o.target))
      for (const auto& acct : ctx.w.accounts) {
        if (in_set(o.allowed, acct.id)) continue;
        Answer a = ctx.reach_answer(acct.id, sv->id, mode, std::nullopt, std::nullopt, std::nullopt, false);
        if (a.verdict == Verdict::Yes) {
          // The first violation's path is searched for; the others are named.
          if (violations.empty()) first = ctx.reach_answer(acct.id, sv->id, mode, std::nullopt, std::nullopt, std::nullopt);
          if (++violating > kListed) continue;  // counted, not listed
          violations.push_back({"LP-AUD-101", acct.id, sv->where,
                                "account " + acct.id + " (outside " + set_text(o.allowed) + ") " +
                                    (mode == ReachMode::Now ? "reaches " : "could reach ") + sv->id,
                                Severity::Error});
        } else if (a.verdict == Verdict::Unknown) {
          if (first_reason.empty()) first_reason = acct.id + " -> " + sv->id + ": " + a.unknown_reason;
          for (const auto& c : a.causes)
            if (open.size() < kListed) open.push_back(c);
        }
      }
    if (!violations.empty()) {
      if (violating > kListed)
        violations.push_back({"LP-AUD-101", "", {}, "and " + std::to_string(violating - kListed) + " more (account, service) pairs",
                              Severity::Error});
      Answer a;
      a.verdict = Verdict::No;
      a.witness = first.witness;
      a.causes = std::move(violations);
      return a;
    }
    if (!first_reason.empty()) return Answer::unknown(first_reason, std::move(open));
    Answer a = Answer::yes();
    a.witness.summary = "no account outside " + set_text(o.allowed) + (mode == ReachMode::Now ? " reaches " : " could reach ") +
                        (o.target.any ? "any service" : o.target.id);
    return a;
  }

  // account X ... reach T / no account can reach T
  Answer operator()(const AccountReach& r) {
    ReachMode mode = mode_of(r.tense);
    std::vector<const Account*> accounts;
    if (r.any_account) {
      for (const auto& a : ctx.w.accounts) accounts.push_back(&a);
    } else {
      accounts.push_back(ctx.w.account(r.account.id));
    }
    // Whether some listed account reaches some target under the restriction.
    Answer reaching, open;
    bool any_yes = false, any_unknown = false;
    std::vector<Cause> blocked;
    for (const Account* acct : accounts)
      for (const EndpointService* sv : targets(ctx.w, r.target)) {
        // Blocking causes are searched for a single account and service only (one path search
        // each; over every account they would cost a search per account and say little).
        bool single = accounts.size() == 1 && !r.target.any;
        Answer a = ctx.reach_answer(acct->id, sv->id, mode, r.protocol, r.port, r.from, single);
        if (a.verdict == Verdict::Yes) {
          if (!any_yes) reaching = single ? a : ctx.reach_answer(acct->id, sv->id, mode, r.protocol, r.port, r.from);
          any_yes = true;
        } else if (a.verdict == Verdict::Unknown) {
          if (!any_unknown) open = a;
          any_unknown = true;
        } else {
          for (auto& c : a.causes)
            if (blocked.size() < kListed) blocked.push_back(std::move(c));
        }
      }
    if (r.positive) {
      if (any_yes) return reaching;  // holds, with the proof's witness
      if (any_unknown) return open;
      return Answer::no(std::move(blocked));
    }
    if (any_yes) {  // violated: the witness path
      reaching.verdict = Verdict::No;
      return reaching;
    }
    if (any_unknown) return open;
    Answer a = Answer::yes();
    a.causes = std::move(blocked);
    a.witness.summary = "no path";
    return a;
  }

  // principal P can|cannot ACTION on PATTERN [when ...]
  Answer operator()(const PrincipalCan& p) {
    PrincipalPolicies pp = principal_policies(ctx.w, p.principal);
    OpenQuestion q;
    q.action = p.action;
    q.resource = p.resource;
    q.resource_pattern = p.resource.find_first_of("*?") != std::string::npos;
    q.principal = p.principal;
    for (const auto& c : p.when) q.context.add_context(c.key, c.value);
    q.context_open = true;
    OpenAnswer oa = authorize_open(ctx.hold(std::move(pp.set)), q, ctx.s.reach.policy, ctx.s.limits);
    if (!oa.unsupported.empty()) return Answer::unknown("outside what the Z3 encoding models: " + oa.unsupported);
    for (const auto& o : oa.outcomes) {
      if (o.decision != Decision::Allow) continue;
      Answer a = answer_of(o);
      if (a.verdict == Verdict::Unknown) return a;
      bool allowed = a.verdict == Verdict::Yes;
      if (allowed && a.witness.request) a.witness.summary = "allowed: " + a.witness.request->action + " on " + a.witness.request->resource;
      if (!allowed) {
        a.witness.summary = "no request in the pattern is allowed";
        if (a.causes.empty())
          a.causes.push_back({"LP-AUTH", p.principal, pp.where, "no Allow statement of the principal's policies applies",
                              Severity::Info});
      }
      a.verdict = allowed == p.positive ? Verdict::Yes : Verdict::No;
      return a;
    }
    return Answer::unknown("the Allow outcome was not answered");
  }

  // policy ID is no broader than "FILE"
  Answer operator()(const NoBroader& n) {
    Diagnostics diags;
    auto baseline = load_policy_file(n.baseline.path, ctx.s.reach.policy, diags, PolicyKind::Identity);
    if (!baseline) {
      std::vector<Cause> causes;
      for (const auto& d : diags.items()) causes.push_back(Cause::from_diagnostic(d));
      return Answer::unknown("the baseline " + n.baseline.path + " could not be read", std::move(causes));
    }
    PolicySet a, b;
    a.identity.push_back(ctx.w.policies[ctx.w.policy_index.at(n.policy)].policy);
    b.identity.push_back(*baseline);
    return no_broader_answer(compare_policy_sets(ctx.hold(std::move(a)), ctx.hold(std::move(b)), ctx.s.reach.policy, ctx.s.limits));
  }

  // no service auto-accepts accounts outside S
  Answer operator()(const NoAutoAccept& n) {
    std::vector<Cause> violations;
    for (const auto& sv : ctx.w.services) {
      if (!sv.auto_accept) continue;
      std::vector<std::string> entries = sv.whitelist;
      std::string owner = ctx.owner_of(sv);
      if (!owner.empty() && std::find(entries.begin(), entries.end(), owner) == entries.end()) entries.push_back(owner);
      for (const auto& e : entries)
        if (e == "*" || !in_set(n.inside, e))
          violations.push_back({"PL-SV-05", sv.id, e == owner ? sv.where : sv.whitelist_where,
                                sv.id + " auto-accepts " + (e == "*" ? std::string("every account (whitelist entry *)")
                                                                     : "account " + e + (e == owner ? " (its owner)" : "")) +
                                    ", outside " + set_text(n.inside),
                                Severity::Error});
    }
    if (violations.empty()) {
      Answer a = Answer::yes();
      a.witness.summary = "no auto-accepting service whitelists an account outside " + set_text(n.inside);
      return a;
    }
    Answer a = Answer::no(std::move(violations));
    a.witness.summary = a.causes.front().message;
    return a;
  }

  // no service whitelists "ENTRY"
  Answer operator()(const NoWhitelistEntry& n) {
    std::vector<Cause> violations;
    for (const auto& sv : ctx.w.services)
      for (size_t i = 0; i < sv.whitelist.size(); ++i)
        if (sv.whitelist[i] == n.entry) {
          SourceRef where = sv.whitelist_where;
          where.json_pointer += "/" + std::to_string(i);
          violations.push_back({"PL-WL-01", sv.id, where, sv.id + " whitelists \"" + n.entry + "\"", Severity::Error});
        }
    if (violations.empty()) {
      Answer a = Answer::yes();
      a.witness.summary = "no whitelist holds \"" + n.entry + "\"";
      return a;
    }
    Answer a = Answer::no(std::move(violations));
    a.witness.summary = a.causes.front().message;
    return a;
  }

  // no endpoint security group admits CIDR
  Answer operator()(const NoGroupAdmits& n) {
    std::set<size_t> groups;
    for (const auto& e : ctx.w.endpoints) groups.insert(e.security_groups.begin(), e.security_groups.end());
    std::optional<Answer> open;
    for (size_t g : groups) {
      Answer a = groups_admit(ctx.w, {g}, n.block, ctx.s.reach.sg);
      const std::string& id = ctx.w.security_groups[g].id;
      if (a.verdict == Verdict::Yes) {
        a.verdict = Verdict::No;
        a.witness.summary = id + " " + a.witness.summary;
        return a;
      }
      if (a.verdict == Verdict::Unknown && !open) {
        a.unknown_reason = id + ": " + a.unknown_reason;
        open = a;
      }
    }
    if (open) return *open;
    Answer a = Answer::yes();
    a.witness.summary = "no endpoint security group admits every address of " + n.block.to_string();
    return a;
  }

  // Refused by resolve() (LP-AUD-099); never evaluated.
  Answer operator()(const PlanKeeps&) { return Answer::unknown("plan assertions are not supported yet"); }
};

const char* rule_of(const AssertionBody& b) {
  static const char* ids[] = {"LP-AUD-101", "LP-AUD-102", "LP-AUD-103", "LP-AUD-104",
                              "LP-AUD-105", "LP-AUD-106", "LP-AUD-107", "LP-AUD-108"};
  return ids[b.index()];
}

}  // namespace

AssertionResult evaluate(Context& ctx, const Assertion& a) {
  AssertionResult r;
  r.rule = rule_of(a.body);
  r.text = a.text;
  r.where = a.where;
  r.answer = std::visit(Evaluator{ctx}, a.body);
  r.status = r.answer.verdict == Verdict::Yes ? Status::Holds : r.answer.verdict == Verdict::No ? Status::Violated : Status::Unknown;
  return r;
}

}  // namespace lp::audit::detail
