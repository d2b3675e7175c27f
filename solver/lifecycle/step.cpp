// One step: the caller, the arguments against the operation's parameters, the operation's own
// checks, RAM, then the effect (docs/lifecycle.md "How a step is judged").
#include <algorithm>
#include <cmath>

#include "solver/lifecycle/ctx.h"

namespace lp::lifecycle {

std::optional<Principal> parse_principal(const std::string& arn, std::string* why) {
  const std::string head = "acs:ram::";
  auto bad = [&](const std::string& m) -> std::optional<Principal> {
    if (why) *why = m;
    return std::nullopt;
  };
  if (arn.rfind(head, 0) != 0)
    return bad("a caller is a RAM principal ARN: acs:ram::<account>:root, acs:ram::<account>:user/<name> or "
               "acs:ram::<account>:role/<name>");
  size_t colon = arn.find(':', head.size());
  if (colon == std::string::npos) return bad("missing ':' after the account id");
  Principal p;
  p.arn = arn;
  p.account = arn.substr(head.size(), colon - head.size());
  if (p.account.empty() || !std::all_of(p.account.begin(), p.account.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return bad("the account id \"" + p.account + "\" is not a number");
  std::string rest = arn.substr(colon + 1);
  if (rest == "root") return p;
  for (auto [prefix, kind] : {std::pair{"user/", Principal::Kind::User}, std::pair{"role/", Principal::Kind::Role}}) {
    std::string pre = prefix;
    if (rest.rfind(pre, 0) == 0 && rest.size() > pre.size()) {
      p.kind = kind;
      p.name = rest.substr(pre.size());
      return p;
    }
  }
  return bad("expected root, user/<name> or role/<name> after the account id, found \"" + rest + "\"");
}

// ---- Ctx ----

SourceRef Ctx::at(const char* name) const {
  if (const PlanValue* v = step.arg(name)) return v->where;
  return step.args_where;
}

void Ctx::fail(const char* rule, const std::string& object, const SourceRef& where, const std::string& message,
               const SourceRef& plan_where) {
  for (const auto& f : out.failed)
    if (f.rule == rule && f.message == message) return;
  out.failed.push_back({rule, message, object, where, plan_where.line ? plan_where : step.where});
}

std::optional<std::string> Ctx::opt_str(const char* name) {
  const PlanValue* v = step.arg(name);
  if (!v) return std::nullopt;
  if (v->kind == PlanValue::Kind::String) return v->text;
  if (v->kind == PlanValue::Kind::Number) return v->text;  // an account id written as a number
  fail("PL-OP-05", step.op, {}, std::string(name) + " must be a string, found " + plan_value_kind_name(v->kind), v->where);
  return std::nullopt;
}

std::optional<std::string> Ctx::str(const char* name) {
  auto v = opt_str(name);
  if (!v && !step.arg(name)) fail("PL-OP-05", step.op, {}, step.op + " needs the parameter " + name, step.args_where);
  return v;
}

std::optional<bool> Ctx::opt_bool(const char* name) {
  const PlanValue* v = step.arg(name);
  if (!v) return std::nullopt;
  if (v->kind == PlanValue::Kind::Bool) return v->boolean;
  fail("PL-OP-05", step.op, {}, std::string(name) + " must be true or false, found " + plan_value_kind_name(v->kind), v->where);
  return std::nullopt;
}

std::optional<int> Ctx::opt_int(const char* name) {
  const PlanValue* v = step.arg(name);
  if (!v) return std::nullopt;
  if (v->kind == PlanValue::Kind::Number && std::floor(v->number) == v->number && std::fabs(v->number) < 1e9)
    return static_cast<int>(v->number);
  fail("PL-OP-05", step.op, {}, std::string(name) + " must be a whole number, found " + plan_value_kind_name(v->kind), v->where);
  return std::nullopt;
}

std::vector<std::string> Ctx::str_list(const char* name, bool required) {
  std::vector<std::string> out_list;
  const PlanValue* v = step.arg(name);
  if (!v) {
    if (required) fail("PL-OP-05", step.op, {}, step.op + " needs the parameter " + name, step.args_where);
    return out_list;
  }
  if (v->kind == PlanValue::Kind::String) return {v->text};
  if (v->kind != PlanValue::Kind::List) {
    fail("PL-OP-05", step.op, {}, std::string(name) + " must be a list of strings", v->where);
    return out_list;
  }
  for (const auto& item : v->items) {
    if (item.kind != PlanValue::Kind::String) {
      fail("PL-OP-05", step.op, {}, std::string(name) + " must be a list of strings", item.where);
      continue;
    }
    out_list.push_back(item.text);
  }
  return out_list;
}

std::optional<std::string> Ctx::word(const char* name, std::initializer_list<const char*> allowed, bool required) {
  auto v = required ? str(name) : opt_str(name);
  if (!v) return std::nullopt;
  std::string list;
  for (const char* a : allowed) {
    if (*v == a) return v;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  fail("PL-OP-05", step.op, {}, std::string(name) + " must be one of " + list + ", found \"" + *v + "\"", at(name));
  return std::nullopt;
}

namespace {

template <typename T>
size_t lookup(Ctx& c, const std::vector<T>& v, const std::unordered_map<std::string, size_t>& index, const char* name,
              const char* kind) {
  auto id = c.str(name);
  if (!id) return kNone;
  auto it = index.find(*id);
  if (it == index.end()) {
    c.fail("PL-OP-01", *id, {}, std::string("no ") + kind + " " + *id + " in the world", c.at(name));
    return kNone;
  }
  (void)v;
  return it->second;
}

}  // namespace

size_t Ctx::endpoint(const char* name) { return lookup(*this, w().endpoints, w().endpoint_index, name, "endpoint"); }
size_t Ctx::service(const char* name) { return lookup(*this, w().services, w().service_index, name, "endpoint service"); }
size_t Ctx::security_group(const char* name) { return lookup(*this, w().security_groups, w().sg_index, name, "security group"); }
size_t Ctx::vpc(const char* name) { return lookup(*this, w().vpcs, w().vpc_index, name, "VPC"); }

size_t Ctx::vswitch(const std::string& id, const SourceRef& plan_where) {
  auto it = w().vswitch_index.find(id);
  if (it != w().vswitch_index.end()) return it->second;
  fail("PL-OP-01", id, {}, "no vSwitch " + id + " in the world", plan_where);
  return kNone;
}

size_t Ctx::clb(const std::string& id, const SourceRef& plan_where) {
  auto it = w().clb_index.find(id);
  if (it != w().clb_index.end()) return it->second;
  fail("PL-OP-01", id, {}, "no CLB " + id + " in the world", plan_where);
  return kNone;
}

void Ctx::owns(size_t account, const std::string& object, const SourceRef& where, const char* arg) {
  if (account == caller_account) return;
  std::string owner = account == kNone ? "no account" : "account " + w().accounts[account].id;
  fail("PL-OP-02", object, where, object + " belongs to " + owner + ", not to the caller's account " + caller.account, at(arg));
}

void Ctx::active(const EndpointService& sv) {
  if (sv.status != ServiceStatus::Active)
    fail("PL-OP-03", sv.id, sv.where, "service " + sv.id + " is " + service_status_name(sv.status) + ", not Active",
         at("ServiceId"));
}

void Ctx::ram(const std::string& resource, std::vector<std::pair<std::string, std::string>> context) {
  const Operation* op = find_operation(step.op);
  checks.push_back({op ? op->action : step.op, resource, std::move(context)});
}

void Ctx::ram_action(const std::string& action, const std::string& resource) { checks.push_back({action, resource, {}}); }

bool Ctx::proceed() {
  std::vector<RamCheck> asked = checks;
  if (s.ram_resources == RamResources::Primary && asked.size() > 1) {
    // One request per action: keep the first resource of each action.
    std::vector<RamCheck> first;
    for (const auto& ch : asked)
      if (std::none_of(first.begin(), first.end(), [&](const RamCheck& f) { return f.action == ch.action; })) first.push_back(ch);
    asked = first;
  }
  if (!asked.empty()) {
    out.authorization = authorize(w(), caller, asked, s.reach.policy);
    if (out.authorization.decision != Decision::Allow) {
      const RamCheck& r = out.authorization.refused ? *out.authorization.refused : asked.front();
      fail("PL-RL-03", caller.arn, {},
           caller.arn + " may not call " + r.action + " on " + r.resource + " (" + decision_name(out.authorization.decision) +
               (out.authorization.how.empty() ? "" : ": " + out.authorization.how) + ")",
           step.caller_where);
    }
  }
  return ok() && !judge_only;
}

// ---- ARNs ----

std::string endpoint_arn(const std::string& region, const std::string& account, const std::string& id) {
  return "acs:privatelink:" + region + ":" + account + ":vpcendpoint/" + id;
}
std::string service_arn(const std::string& region, const std::string& account, const std::string& id) {
  return "acs:privatelink:" + region + ":" + account + ":vpcendpointservice/" + id;
}
std::string ecs_arn(const std::string& region, const std::string& account, const std::string& kind, const std::string& id) {
  return "acs:ecs:" + region + ":" + account + ":" + kind + "/" + id;
}
std::string vpc_arn(const std::string& region, const std::string& account, const std::string& kind, const std::string& id) {
  return "acs:vpc:" + region + ":" + account + ":" + kind + "/" + id;
}
std::string ram_arn(const std::string& account, const std::string& kind, const std::string& name) {
  return "acs:ram:*:" + account + ":" + kind + "/" + name;
}

// ---- shared effects ----

size_t auto_resource(const EndpointService& sv, const std::string& zone) {
  for (size_t r = 0; r < sv.resources.size(); ++r)
    if (sv.resources[r].zone == zone && sv.resources[r].auto_allocation) return r;
  return kNone;
}

std::string zone_object(const Endpoint& e, const std::string& zone) { return e.id + "/" + zone; }

void connect_zone(Ctx& c, Endpoint& e, EndpointZone& z, const EndpointService& sv) {
  if (z.resource == kNone) z.resource = auto_resource(sv, z.zone);
  if (z.resource == kNone) {
    z.status = ZoneStatus::Wait;
    c.out.notes.push_back("zone " + z.zone + " of " + e.id + " stays Wait: " + sv.id +
                          " has no auto-allocatable resource in the zone and none is assigned (PL-CN-03, PL-RS-05)");
    return;
  }
  z.resource_id = c.w().clbs[sv.resources[z.resource].clb].id;
  z.status = ZoneStatus::Connected;
}

std::vector<uint32_t> held_addresses(const LifecycleState& st, size_t vpc) {
  const World& w = st.world;
  std::vector<uint32_t> taken;
  for (const auto& i : w.instances)
    if (!i.ip.v6 && w.vswitches[i.vswitch].vpc == vpc) taken.push_back(i.ip.v4());
  for (const auto& e : w.endpoints)
    if (e.vpc == vpc)
      for (const auto& z : e.zones)
        if (z.has_ip && !z.ip.v6) taken.push_back(z.ip.v4());
  for (const auto& rp : st.replaced)
    if (const Endpoint* e = w.endpoint(rp.endpoint); e && e->vpc == vpc && rp.has_ip && !rp.ip.v6) taken.push_back(rp.ip.v4());
  return taken;
}

Cidr host_address(uint32_t a) {
  Cidr ip;
  ip.bytes = {static_cast<uint8_t>(a >> 24), static_cast<uint8_t>(a >> 16), static_cast<uint8_t>(a >> 8), static_cast<uint8_t>(a)};
  ip.prefix = 32;
  return ip;
}

uint32_t free_address(const LifecycleState& st, size_t vswitch) {
  const VSwitch& vs = st.world.vswitches[vswitch];
  uint32_t size = vs.cidr.prefix >= 32 ? 1 : (uint32_t(1) << (32 - vs.cidr.prefix));
  uint32_t base = vs.cidr.v4() & ~(size - 1);
  std::vector<uint32_t> taken = held_addresses(st, vs.vpc);
  for (uint32_t a = base + 1; size > 2 && a < base + size - 1; ++a)
    if (std::find(taken.begin(), taken.end(), a) == taken.end()) return a;
  return base;
}

void reindex(World& w) {
  w.endpoint_index.clear();
  for (size_t i = 0; i < w.endpoints.size(); ++i) w.endpoint_index[w.endpoints[i].id] = i;
  w.service_index.clear();
  for (size_t i = 0; i < w.services.size(); ++i) w.service_index[w.services[i].id] = i;
  w.policy_index.clear();
  for (size_t i = 0; i < w.policies.size(); ++i) w.policy_index[w.policies[i].id] = i;
  w.sg_index.clear();
  for (size_t i = 0; i < w.security_groups.size(); ++i) w.sg_index[w.security_groups[i].id] = i;
}

void remove_endpoint(World& w, size_t e) {
  w.endpoints.erase(w.endpoints.begin() + static_cast<long>(e));
  reindex(w);
}

void remove_service(World& w, size_t sv) {
  w.services.erase(w.services.begin() + static_cast<long>(sv));
  for (auto& e : w.endpoints) {
    std::vector<size_t> kept;
    for (size_t s : e.services) {
      if (s == sv) {
        e.connection = ConnectionStatus::ServiceDeleted;
        continue;
      }
      kept.push_back(s > sv ? s - 1 : s);
    }
    e.services = kept;
  }
  reindex(w);
}

void remove_service_resource(World& w, size_t sv, size_t r) {
  auto& res = w.services[sv].resources;
  res.erase(res.begin() + static_cast<long>(r));
  for (auto& e : w.endpoints) {
    if (e.services.size() != 1 || e.services[0] != sv) continue;
    for (auto& z : e.zones)
      if (z.resource != kNone && z.resource > r) --z.resource;
  }
}

World reach_view(const LifecycleState& st) {
  World v = st.world;
  for (const auto& rp : st.replaced) {
    auto it = v.endpoint_index.find(rp.endpoint);
    if (it == v.endpoint_index.end()) continue;
    Endpoint& e = v.endpoints[it->second];
    if (e.services.size() != 1) continue;
    const EndpointService& sv = v.services[e.services[0]];
    size_t res = kNone;
    for (size_t r = 0; r < sv.resources.size(); ++r)
      if (sv.resources[r].clb == rp.clb) res = r;
    const EndpointZone* current = nullptr;
    for (const auto& z : e.zones)
      if (z.zone == rp.zone) current = &z;
    if (res == kNone || !current) continue;
    EndpointZone old = *current;
    old.eni = rp.eni;
    old.ip = rp.ip;
    old.has_ip = rp.has_ip;
    old.status = ZoneStatus::Migrated;
    old.resource = res;
    old.resource_id = v.clbs[rp.clb].id;
    e.zones.push_back(old);
  }
  return v;
}

// ---- the step ----

namespace {

StepOutcome run_step(LifecycleState& st, const PlanStep& step, const LifecycleSettings& s, bool judge_only) {
  StepOutcome out;
  const Operation* op = find_operation(step.op);
  Apply apply = find_apply(step.op);
  if (!op || !apply) {
    std::string names;
    for (const auto& o : operations()) names += (names.empty() ? "" : ", ") + std::string(o.name);
    out.failed.push_back({"PL-OP-05", "unknown operation \"" + step.op + "\"; the operations are " + names, step.op, {}, step.op_where});
    return out;
  }
  std::string why;
  auto caller = parse_principal(step.caller, &why);
  if (!caller) {
    out.failed.push_back({"PL-OP-05", "caller \"" + step.caller + "\": " + why, step.caller, {}, step.caller_where});
    return out;
  }
  auto acct = st.world.account_index.find(caller->account);
  if (acct == st.world.account_index.end()) {
    out.failed.push_back({"PL-OP-01", "no account " + caller->account + " in the world", step.caller, {}, step.caller_where});
    return out;
  }
  for (const auto& [name, value] : step.args) {
    bool known = false;
    for (const char* p : op->params) {
      std::string pn = p;
      if (!pn.empty() && pn.back() == '?') pn.pop_back();
      known |= pn == name;
    }
    if (!known) {
      std::string params;
      for (const char* p : op->params) params += (params.empty() ? "" : ", ") + std::string(p);
      out.failed.push_back({"PL-OP-05", step.op + " has no parameter " + name + "; its parameters are " + params, step.op, {},
                            value.where});
    }
  }
  // Every operation checks all its preconditions and RAM (Ctx::proceed) before it changes anything,
  // so a refused step leaves the state as it was without a copy of the world.
  Ctx c{st, step, s, *caller, acct->second, out, {}, judge_only};
  if (out.failed.empty()) {
    apply(c);
    // An operation that failed before reaching its RAM requests still reports the caller's decision
    // on those it had formed.
    if (!out.failed.empty() && !out.authorization.evaluated && !c.checks.empty())
      out.authorization = authorize(st.world, *caller, c.checks, s.reach.policy);
  }
  out.accepted = out.failed.empty();
  if (!out.accepted) out.transient.reset();
  return out;
}

}  // namespace

StepOutcome apply_step(LifecycleState& st, const PlanStep& step, const LifecycleSettings& s) { return run_step(st, step, s, false); }

StepOutcome judge_step(LifecycleState& st, const PlanStep& step, const LifecycleSettings& s) {
  // Nothing is changed: every operation returns at proceed() before its effect.
  return run_step(st, step, s, true);
}

}  // namespace lp::lifecycle
