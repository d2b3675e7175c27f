// RAM authorization of a step's caller against its policies in the world (reference.md §1.7).
#include "solver/lifecycle/lifecycle.h"

namespace lp::lifecycle {

namespace {

// The policies of a set, with the world ids beside them (for the deciding statements).
struct Layered {
  PolicySet set;
  std::vector<std::string> identity_ids, control_ids;
};

void add(const World& w, const std::vector<size_t>& idx, std::vector<Policy>& into, std::vector<std::string>& ids) {
  for (size_t p : idx) {
    into.push_back(w.policies[p].policy);
    ids.push_back(w.policies[p].id);
  }
}

}  // namespace

Authorization authorize(const World& w, const Principal& p, const std::vector<RamCheck>& checks, const PolicySettings& s) {
  Authorization a;
  a.evaluated = true;
  a.checks = checks;
  const Account* acct = w.account(p.account);
  if (!acct) {
    a.decision = Decision::ImplicitDeny;
    a.how = "no account " + p.account + " in the world";
    if (!checks.empty()) a.refused = checks.front();
    return a;
  }
  if (p.kind == Principal::Kind::Root) {
    // The account root holds every permission of its account; control policies do not bound it
    // (reference.md §1.8 [D14]).
    a.decision = Decision::Allow;
    a.how = "the account root holds every permission of its account";
    return a;
  }
  Layered l;
  if (p.kind == Principal::Kind::User) {
    const RamUser* user = nullptr;
    for (const auto& u : acct->users)
      if (u.name == p.name) user = &u;
    if (!user) {
      a.decision = Decision::ImplicitDeny;
      a.how = "no RAM user " + p.name + " in account " + p.account;
      if (!checks.empty()) a.refused = checks.front();
      return a;
    }
    add(w, user->policies, l.set.identity, l.identity_ids);
    for (size_t g : user->groups) add(w, acct->groups[g].policies, l.set.identity, l.identity_ids);
  } else {
    const RamRole* role = nullptr;
    for (const auto& r : acct->roles)
      if (r.name == p.name) role = &r;
    if (!role) {
      a.decision = Decision::ImplicitDeny;
      a.how = "no RAM role " + p.name + " in account " + p.account;
      if (!checks.empty()) a.refused = checks.front();
      return a;
    }
    add(w, role->policies, l.set.identity, l.identity_ids);
  }
  if (!acct->control_policies.empty()) {
    l.set.control.emplace();
    add(w, acct->control_policies, *l.set.control, l.control_ids);
  }
  a.decision = Decision::Allow;
  for (const auto& ch : checks) {
    Request r;
    r.principal = p.arn;
    r.action = ch.action;
    r.resource = ch.resource;
    for (const auto& [k, v] : ch.context) r.add_context(k, v);
    std::vector<StatementRef> deciders;
    Layer decided_by = Layer::Identity;
    Decision d = evaluate(l.set, r, s, &deciders, &decided_by);
    for (const auto& ref : deciders) {
      const auto& ids = ref.layer == Layer::Control ? l.control_ids : l.identity_ids;
      const Statement& st = ref.policy->statements[ref.statement_index];
      DecidingStatement ds{ref.policy_index < ids.size() ? ids[ref.policy_index] : ref.policy->name, layer_name(ref.layer),
                           ref.statement_index, effect_name(st.effect), st.sid.value_or(""), st.where};
      bool seen = false;
      for (const auto& e : a.statements) seen |= e.policy == ds.policy && e.statement == ds.statement;
      if (!seen) a.statements.push_back(ds);
    }
    if (d != Decision::Allow) {
      a.decision = d;
      a.refused = ch;
      a.statements.clear();
      for (const auto& ref : deciders) {
        const auto& ids = ref.layer == Layer::Control ? l.control_ids : l.identity_ids;
        const Statement& st = ref.policy->statements[ref.statement_index];
        a.statements.push_back({ref.policy_index < ids.size() ? ids[ref.policy_index] : ref.policy->name, layer_name(ref.layer),
                                ref.statement_index, effect_name(st.effect), st.sid.value_or(""), st.where});
      }
      if (d == Decision::ImplicitDeny)
        a.how = std::string("no statement allows it") +
                (decided_by == Layer::Control ? " in the account's control policies" : "");
      else
        a.how = "an explicit Deny";
      return a;
    }
  }
  a.how = (p.kind == Principal::Kind::User ? "user " : "role ") + p.name + ": every request allowed";
  return a;
}

}  // namespace lp::lifecycle
