// RAM operations through which a principal widens (or narrows) its own access (reference.md §1.3
// RAM ARNs, §1.7 evaluation, §1.10 trust policies, §1.12 limits). Identities live in the caller's
// account; each operation is authorized like any other.
#include <algorithm>

#include "lang/policy_parser.h"
#include "solver/lifecycle/ctx.h"

namespace lp::lifecycle {

namespace {

enum class Holder { User, Group, Role };

const char* holder_arg(Holder h) { return h == Holder::User ? "UserName" : h == Holder::Group ? "GroupName" : "RoleName"; }
const char* holder_kind(Holder h) { return h == Holder::User ? "user" : h == Holder::Group ? "group" : "role"; }

// The policy list of the named user, group or role of the caller's account (PL-OP-01).
std::vector<size_t>* holder(Ctx& c, Holder h, std::string& name_out) {
  auto name = c.str(holder_arg(h));
  if (!name) return nullptr;
  name_out = *name;
  Account& a = c.w().accounts[c.caller_account];
  c.ram(ram_arn(a.id, holder_kind(h), *name));
  if (h == Holder::User)
    for (auto& u : a.users)
      if (u.name == *name) return &u.policies;
  if (h == Holder::Group)
    for (auto& g : a.groups)
      if (g.name == *name) return &g.policies;
  if (h == Holder::Role)
    for (auto& r : a.roles)
      if (r.name == *name) return &r.policies;
  c.fail("PL-OP-01", *name, a.where, std::string("no RAM ") + holder_kind(h) + " " + *name + " in account " + a.id, c.at(holder_arg(h)));
  return nullptr;
}

size_t policy(Ctx& c) {
  auto name = c.str("PolicyName");
  if (!name) return kNone;
  c.checks.insert(c.checks.begin(), RamCheck{find_operation(c.step.op)->action, ram_arn(c.caller.account, "policy", *name), {}});
  auto it = c.w().policy_index.find(*name);
  if (it == c.w().policy_index.end()) {
    c.fail("PL-OP-01", *name, {}, "no policy " + *name + " in the world", c.at("PolicyName"));
    return kNone;
  }
  return it->second;
}

void attach(Ctx& c, Holder h, bool detach) {
  c.word("PolicyType", {"System", "Custom"}, true);
  size_t p = policy(c);
  std::string name;
  std::vector<size_t>* list = holder(c, h, name);
  if (p != kNone && list) {
    bool has = std::find(list->begin(), list->end(), p) != list->end();
    if (has && !detach)
      c.fail("PL-OP-09", name, {}, "policy " + c.w().policies[p].id + " is attached to " + holder_kind(h) + " " + name + " already",
             c.at("PolicyName"));
    if (!has && detach)
      c.fail("PL-OP-09", name, {}, "policy " + c.w().policies[p].id + " is not attached to " + holder_kind(h) + " " + name, c.at("PolicyName"));
  }
  if (!c.proceed()) return;
  if (detach) list->erase(std::find(list->begin(), list->end(), p));
  else list->push_back(p);
}

}  // namespace

void AttachPolicyToUser(Ctx& c) { attach(c, Holder::User, false); }
void AttachPolicyToGroup(Ctx& c) { attach(c, Holder::Group, false); }
void AttachPolicyToRole(Ctx& c) { attach(c, Holder::Role, false); }
void DetachPolicyFromUser(Ctx& c) { attach(c, Holder::User, true); }
void DetachPolicyFromGroup(Ctx& c) { attach(c, Holder::Group, true); }
void DetachPolicyFromRole(Ctx& c) { attach(c, Holder::Role, true); }

void CreatePolicyVersion(Ctx& c) {
  size_t p = policy(c);
  auto doc = c.str("PolicyDocument");
  bool set_default = c.opt_bool("SetAsDefault").value_or(false);
  c.word("RotateStrategy", {"None", "DeleteOldestNonDefaultVersionWhenLimitExceeded"}, false);
  std::optional<Policy> parsed;
  if (doc) {
    Diagnostics diags;
    parsed = parse_policy_text(*doc, c.step.where.file + "#" + c.at("PolicyDocument").json_pointer, c.s.reach.policy, diags,
                               PolicyKind::Identity);
    if (!parsed) {
      std::string m = diags.empty() ? "not a RAM policy document" : diags.items().front().message;
      c.fail("PL-OP-05", c.step.op, {}, "PolicyDocument: " + m, c.at("PolicyDocument"));
    }
  }
  if (!c.proceed()) return;
  if (!set_default) {
    c.out.notes.push_back("the new version is not the default (SetAsDefault false): nothing changes");
    return;
  }
  parsed->name = c.w().policies[p].id;
  c.w().policies[p].policy = std::move(*parsed);
}

void AddUserToGroup(Ctx& c) {
  auto group = c.str("GroupName");
  auto user = c.str("UserName");
  Account& a = c.w().accounts[c.caller_account];
  size_t gi = kNone;
  RamUser* u = nullptr;
  if (group) {
    c.ram(ram_arn(a.id, "group", *group));
    for (size_t i = 0; i < a.groups.size(); ++i)
      if (a.groups[i].name == *group) gi = i;
    if (gi == kNone) c.fail("PL-OP-01", *group, a.where, "no RAM group " + *group + " in account " + a.id, c.at("GroupName"));
  }
  if (user) {
    c.ram(ram_arn(a.id, "user", *user));
    for (auto& x : a.users)
      if (x.name == *user) u = &x;
    if (!u) c.fail("PL-OP-01", *user, a.where, "no RAM user " + *user + " in account " + a.id, c.at("UserName"));
  }
  if (u && gi != kNone && std::find(u->groups.begin(), u->groups.end(), gi) != u->groups.end())
    c.fail("PL-OP-09", *user, u->where, "user " + *user + " is in group " + *group + " already", c.at("GroupName"));
  if (!c.proceed()) return;
  u->groups.push_back(gi);
}

void AssumeRole(Ctx& c) {
  auto arn = c.str("RoleArn");
  const RamRole* role = nullptr;
  const Account* owner = nullptr;
  if (arn) {
    std::string why;
    auto target = parse_principal(*arn, &why);
    if (!target || target->kind != Principal::Kind::Role) {
      c.fail("PL-OP-05", *arn, {}, "RoleArn must be acs:ram::<account>:role/<name>", c.at("RoleArn"));
    } else {
      c.ram(*arn);
      owner = c.w().account(target->account);
      if (owner)
        for (const auto& r : owner->roles)
          if (r.name == target->name) role = &r;
      if (!role) c.fail("PL-OP-01", *arn, owner ? owner->where : SourceRef{}, "no RAM role " + *arn + " in the world", c.at("RoleArn"));
    }
  }
  if (role) {
    // The trust policy must name the caller as well (reference.md §1.7: both must allow; §1.10).
    bool trusted = false;
    if (role->trust_policy) {
      PolicySet trust;
      trust.identity.push_back(c.w().policies[*role->trust_policy].policy);
      Request r;
      r.principal = c.caller.arn;
      r.action = "sts:AssumeRole";
      r.resource = *arn;
      trusted = evaluate(trust, r, c.s.reach.policy) == Decision::Allow;
    }
    if (!trusted)
      c.fail("PL-RL-03", *arn, role->where,
             "the trust policy of " + *arn + (role->trust_policy ? " does not name " + c.caller.arn : " is missing: nobody may assume it"),
             c.at("RoleArn"));
  }
  if (!c.proceed()) return;
  c.st.sessions.insert(*arn);
}

}  // namespace lp::lifecycle
