// The audit's orchestration: name resolution, the phases, the reach matrix, the rule table.
#include "solver/audit/audit.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "lang/policy_parser.h"
#include "lang/text.h"
#include "solver/audit/internal.h"
#include "solver/reach_sets.h"
#include "solver/validate.h"

namespace lp::audit {

const char* source_name(Source s) {
  switch (s) {
    case Source::Check: return "check";
    case Source::Validate: return "validate";
    case Source::Builtin: return "builtin";
    case Source::Spec: return "spec";
  }
  return "check";
}

const char* status_name(Status s) {
  switch (s) {
    case Status::Holds: return "holds";
    case Status::Violated: return "violated";
    case Status::Unknown: return "unknown";
  }
  return "unknown";
}

const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> table = {
      {"LP-AUD-001", "cross-account-reach", Severity::Info, "An account other than the provider reaches a service now",
       "The account reaches the endpoint service through an endpoint it holds (PL-WL-01, PL-SV-05, PL-EP-11): the ports "
       "and client blocks are listed with one witness path. Expected for a shared service; review that every such "
       "account is meant to."},
      {"LP-AUD-002", "cross-account-could-reach", Severity::Info,
       "An account other than the provider could reach a service acting alone",
       "The account does not reach the service now but could without the provider's action: it is on the whitelist "
       "(PL-WL-01) and the service auto-accepts (PL-SV-05), or it holds an accepted connection it can use (docs/reach.md)."},
      {"LP-AUD-003", "reach-undecided", Severity::Warning, "Reachability could not be decided",
       "A prefix-list rule whose entries the world does not hold could decide a flow (PL-EP-11): the reach matrix "
       "is unknown there, never rounded."},
      {"LP-AUD-010", "auto-accept-whitelisted", Severity::Warning,
       "A service auto-accepts connections from whitelisted accounts other than its owner",
       "With auto-accept on (PL-SV-05) any whitelisted account (PL-WL-01) gets a connection without the provider's "
       "approval. Turn auto-accept off or keep the whitelist to accounts that may connect unreviewed."},
      {"LP-AUD-011", "whitelist-star", Severity::Error, "A service whitelist holds the entry *",
       "A whitelist entry * stands for every account (PL-WL-01, PL-WL-02): any account can see the service and "
       "create endpoints to it. List the account ids instead."},
      {"LP-AUD-012", "whitelist-unknown-account", Severity::Warning,
       "A service whitelist names an account the world does not have",
       "The whitelist (PL-WL-01) names an account outside the audited world: whoever holds it can connect, and the "
       "audit cannot see what it does."},
      {"LP-AUD-020", "endpoint-group-open", Severity::Warning, "An endpoint security group admits 0.0.0.0/0",
       "The endpoint's security group (PL-EP-09, PL-EP-11) accepts ingress from every IPv4 address on some port; "
       "limit the source to the client VPC's blocks."},
      {"LP-AUD-021", "client-group-open", Severity::Warning, "A client security group admits 0.0.0.0/0",
       "A security group of an instance in a VPC that holds an endpoint accepts ingress from every IPv4 address on "
       "some port (reference.md §4)."},
      {"LP-AUD-030", "principal-can-widen", Severity::Info, "A principal can widen PrivateLink access",
       "The principal's effective policies (reference.md §1.7) allow an action that widens who reaches what: adding "
       "whitelist accounts, changing auto-accept, accepting connections, or authorising security group rules "
       "(PL-RL-03). Review that it is meant to."},
      {"LP-AUD-031", "principal-widen-undecided", Severity::Warning, "Whether a principal can widen access is undecided",
       "The Z3 engine did not decide the question within its limits (docs/solver.md)."},
      {"LP-AUD-090", "set-account-unknown", Severity::Info, "A spec set names an account the world does not have",
       "A let set may name accounts outside the world (for example an organisation's other accounts); they are noted "
       "and otherwise change nothing."},
      {"LP-AUD-091", "spec-name-unknown", Severity::Error, "An assertion names something the world does not have",
       "A service, policy, principal, account or file named in an assertion must exist; the audit does not run."},
      {"LP-AUD-099", "plan-unsupported", Severity::Error, "Plan assertions are not supported yet",
       "A plan assertion needs the lifecycle engine, which this version does not have; the audit refuses it rather than "
       "saying it holds."},
      {"LP-AUD-101", "only-reach", Severity::Error, "only S can|could reach T",
       "No account of the world outside S reaches T (now, or in the could mode); the provider's own account counts "
       "like any other."},
      {"LP-AUD-102", "account-reach", Severity::Error, "account X can|cannot|could|could not reach T",
       "Whether the account reaches the service (restricted to a protocol and port, and to some client address of a "
       "block)."},
      {"LP-AUD-103", "principal-can", Severity::Error, "principal P can|cannot ACTION on PATTERN",
       "Whether some request of the principal in the pattern is allowed by its effective layered policies, with the "
       "when keys as given."},
      {"LP-AUD-104", "no-broader-than", Severity::Error, "policy ID is no broader than FILE",
       "Every request the world's policy allows, the baseline allows (Z3 comparison)."},
      {"LP-AUD-105", "no-auto-accept-outside", Severity::Error, "no service auto-accepts accounts outside S",
       "No auto-accepting service (PL-SV-05) whitelists (PL-WL-01; the owner included) an account outside S or *."},
      {"LP-AUD-106", "no-whitelist-entry", Severity::Error, "no service whitelists ENTRY",
       "No service's whitelist holds the literal entry."},
      {"LP-AUD-107", "no-endpoint-group-admits", Severity::Error, "no endpoint security group admits CIDR",
       "No security group of an endpoint accepts ingress from every address of the block on some port."},
      {"LP-AUD-108", "plan-keeps-reaching", Severity::Error, "plan FILE keeps account X reaching T",
       "Every step of the plan is accepted and X reaches T before, after and during every step."},
  };
  return table;
}

const RuleInfo* rule_info(const std::string& id) {
  for (const auto& r : rules())
    if (id == r.id) return &r;
  return nullptr;
}

// ---- resolution ----

namespace {

struct Resolver {
  const World& w;
  Diagnostics& errors;

  void missing(const SourceRef& where, std::string what, std::string hint = {}) {
    errors.error("LP-AUD-091", where, std::move(what), std::move(hint));
  }
  void account(const SpecAccount& a) {
    if (!w.account(a.id)) missing(a.where, "no account " + a.id + " in the world " + w.file);
  }
  void set(const AccountSetRef& set) {
    if (!set.name.empty()) return;  // let members may be outside the world (a note)
    for (const auto& a : set.accounts) account(a);
  }
  void service(const ServiceRef& t) {
    if (t.any || w.service(t.id)) return;
    std::vector<std::string> ids;
    for (const auto& s : w.services) ids.push_back(s.id);
    missing(t.where, "no service " + t.id + " in the world " + w.file, ids.empty() ? "" : "services: " + join(ids));
  }
  void operator()(const OnlyReach& o) {
    set(o.allowed);
    service(o.target);
  }
  void operator()(const AccountReach& r) {
    if (!r.any_account) account(r.account);
    service(r.target);
  }
  void operator()(const PrincipalCan& p) {
    auto pp = detail::principal_policies(w, p.principal);
    if (!pp.found) missing(p.principal_where, pp.problem);
  }
  void operator()(const NoBroader& n) {
    if (!w.policy_index.count(n.policy)) missing(n.policy_where, "no policy " + n.policy + " in the world " + w.file);
    if (!std::filesystem::is_regular_file(n.baseline.path))
      missing(n.baseline.where, "no file " + n.baseline.path + " (quoted paths are relative to the spec file)");
  }
  void operator()(const NoAutoAccept& n) { set(n.inside); }
  void operator()(const NoWhitelistEntry&) {}
  void operator()(const NoGroupAdmits&) {}
  void operator()(const PlanKeeps& p) {
    account(p.account);
    service(p.target);
    errors.error("LP-AUD-099", p.plan.where,
                 "plan assertions are not supported yet: this version has no lifecycle engine to replay \"" +
                     p.plan.as_written + "\", so the assertion cannot be answered (it is not taken as holding)",
                 "remove the line or run the audit without this spec until plan support lands");
  }
};

}  // namespace

bool resolve(const World& w, const std::vector<AuditSpec>& specs, const Settings&, Diagnostics& errors) {
  size_t before = errors.size();
  Resolver r{w, errors};
  for (const auto& spec : specs)
    for (const auto& a : spec.assertions) std::visit(r, a.body);
  for (size_t i = before; i < errors.size(); ++i)
    if (errors.items()[i].severity == Severity::Error) return false;
  return true;
}

// ---- the run ----

namespace {

void check_phase(const World& w, const Settings& s, Report& report) {
  Diagnostics findings = check_world(w, s.reach.default_slr_policy, s.check);
  for (auto& d : findings.items()) report.findings.push_back({std::move(d), Source::Check, {}, false});
}

// Every policy the world attaches (users, groups, roles and their trust policies, control
// policies, service-linked role policies), each validated once.
void validate_phase(const World& w, const Settings& s, Report& report) {
  if (!s.catalogue) return;
  std::set<size_t> attached;
  for (const auto& a : w.accounts) {
    for (const auto& u : a.users) attached.insert(u.policies.begin(), u.policies.end());
    for (const auto& g : a.groups) attached.insert(g.policies.begin(), g.policies.end());
    for (const auto& r : a.roles) {
      attached.insert(r.policies.begin(), r.policies.end());
      if (r.trust_policy) attached.insert(*r.trust_policy);
    }
    attached.insert(a.control_policies.begin(), a.control_policies.end());
    if (a.service_linked_role_policy) attached.insert(*a.service_linked_role_policy);
  }
  for (size_t i : attached) {
    const WorldPolicy& p = w.policies[i];
    Diagnostics d = validate_policy(p.policy, *s.catalogue, s.reach.policy);
    for (auto& f : d.items()) {
      if (f.object.empty()) f.object = p.id;
      report.findings.push_back({std::move(f), Source::Validate, {}, false});
    }
  }
}

void notes_phase(const World& w, const std::vector<AuditSpec>& specs, Report& report) {
  for (const auto& spec : specs)
    for (const auto& set : spec.sets)
      for (const auto& a : set.accounts)
        if (!w.account(a.id)) {
          Diagnostic d;
          d.code = "LP-AUD-090";
          d.severity = Severity::Info;
          d.where = a.where;
          d.object = a.id;
          d.message = "set '" + set.name + "' names account " + a.id + ", which the world " + w.file + " does not have";
          report.findings.push_back({std::move(d), Source::Spec, {}, false});
        }
}

void matrix_phase(detail::Context& ctx, Report& report) {
  const World& w = ctx.w;
  for (const auto& a : w.accounts) report.accounts.push_back(a.id);
  for (const auto& s : w.services) report.services.push_back(s.id);
  std::map<std::pair<std::string, std::string>, MatrixCell> cells;
  auto fill = [&](ReachMode mode) {
    const WhoAnswer& who = ctx.who_all(mode);
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> ports;
    for (const auto& e : who.reach) {
      auto& c = cells[{e.account, e.service}];
      (mode == ReachMode::Now ? c.now : c.could) = Verdict::Yes;
      ports[{e.account, e.service}].push_back(std::string(protocol_name(e.protocol)) + " " + detail::ports_text(e.ports));
    }
    for (auto& [key, list] : ports) {
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      (mode == ReachMode::Now ? cells[key].ports_now : cells[key].ports_could) = join(list, "; ");
    }
    // Undecided flows: attributed to the endpoint's pair when the cause names an endpoint.
    for (const auto& u : who.unknown) {
      const Endpoint* e = w.endpoint(u.object);
      if (!e || e->services.size() != 1 || e->account == kNone) continue;
      auto& c = cells[{w.accounts[e->account].id, w.services[e->services[0]].id}];
      Verdict& v = mode == ReachMode::Now ? c.now : c.could;
      if (v == Verdict::No) v = Verdict::Unknown;
    }
  };
  fill(ReachMode::Now);
  fill(ReachMode::Could);
  // Only the cells where something reaches (now or could) or is undecided: the rest are no / no.
  for (auto& [key, c] : cells) {
    c.account = key.first;
    c.service = key.second;
    report.matrix.push_back(std::move(c));
  }
  std::map<std::string, size_t> account_order, service_order;
  for (size_t i = 0; i < report.accounts.size(); ++i) account_order[report.accounts[i]] = i;
  for (size_t i = 0; i < report.services.size(); ++i) service_order[report.services[i]] = i;
  std::sort(report.matrix.begin(), report.matrix.end(), [&](const MatrixCell& x, const MatrixCell& y) {
    return std::pair(account_order[x.account], service_order[x.service]) < std::pair(account_order[y.account], service_order[y.service]);
  });
}

}  // namespace

Report run(const World& w, const std::vector<AuditSpec>& specs, const Settings& s,
           void (*progress)(const std::string& phase, void* user), void* user) {
  auto tell = [&](const std::string& phase) {
    if (progress) progress(phase, user);
  };
  Report report;
  report.world = w.file;
  for (const auto& spec : specs) report.specs.push_back(spec.file);
  detail::Context ctx(w, s, *report.policy_sets);
  tell("static checks");
  check_phase(w, s, report);
  tell("policy validation");
  validate_phase(w, s, report);
  tell("reach matrix");
  matrix_phase(ctx, report);
  if (s.builtin) {
    tell("built-in security questions");
    detail::builtin_findings(ctx, report);
  }
  notes_phase(w, specs, report);
  for (const auto& spec : specs) {
    tell("assertions of " + spec.file);
    for (const auto& a : spec.assertions) report.assertions.push_back(detail::evaluate(ctx, a));
  }
  return report;
}

// ---- shared helpers ----

namespace detail {

Context::Matrix& Context::matrix(ReachMode mode) {
  auto it = matrices_.find(mode);
  if (it != matrices_.end()) return it->second;
  Matrix& m = matrices_[mode];
  m.who = who(w, "", "", mode, s.reach);
  for (const auto& e : m.who.reach) m.pairs[{e.account, e.service}].reach.push_back(&e);
  // An undecided flow names the endpoint (its pair) or a client instance (its account: every
  // service is then undecided for that account, conservatively).
  for (const auto& u : m.who.unknown) {
    if (const Endpoint* e = w.endpoint(u.object); e && e->services.size() == 1 && e->account != kNone) {
      m.pairs[{w.accounts[e->account].id, w.services[e->services[0]].id}].unknown.push_back(&u);
      continue;
    }
    auto inst = w.instance_index.find(u.object);
    if (inst != w.instance_index.end()) {
      const Instance& in = w.instances[inst->second];
      if (in.vswitch != kNone && w.vpcs[w.vswitches[in.vswitch].vpc].account != kNone) {
        m.account_unknown[w.accounts[w.vpcs[w.vswitches[in.vswitch].vpc].account].id].push_back(&u);
        continue;
      }
    }
    m.account_unknown[""].push_back(&u);  // not attributable: undecided for every pair
  }
  return m;
}

const WhoAnswer& Context::who_all(ReachMode mode) { return matrix(mode).who; }

Context::Pair Context::pair(const std::string& account, const std::string& service, ReachMode mode) {
  Matrix& m = matrix(mode);
  Pair p;
  auto it = m.pairs.find({account, service});
  if (it != m.pairs.end()) p = it->second;
  for (const char* key : {"", account.c_str()}) {
    auto u = m.account_unknown.find(key);
    if (u != m.account_unknown.end()) p.unknown.insert(p.unknown.end(), u->second.begin(), u->second.end());
  }
  return p;
}

// An instance among the clients if there is one, else the lowest client address: client sets
// already leave out network addresses and endpoint ENIs (docs/reach.md, Clients).
Cidr witness_host(const World& w, const IntervalSet& clients) {
  uint32_t ip = static_cast<uint32_t>(clients.ranges().front().lo);
  for (const auto& inst : w.instances)
    if (!inst.ip.v6 && clients.contains(inst.ip.v4())) {
      ip = inst.ip.v4();
      break;
    }
  return reach_sets::host(ip);
}

std::string ports_text(const IntervalSet& ports) {
  std::vector<std::string> parts;
  for (const auto& r : ports.ranges())
    parts.push_back(r.lo == r.hi ? std::to_string(r.lo) : std::to_string(r.lo) + "-" + std::to_string(r.hi));
  return join(parts, ", ");
}

Answer Context::reach_answer(const std::string& account, const std::string& service, ReachMode mode,
                             std::optional<IpProtocol> protocol, std::optional<int> port, std::optional<Cidr> from,
                             bool search) {
  Pair found = pair(account, service, mode);
  IntervalSet block = from ? IntervalSet::of_cidr(*from) : IntervalSet::range(0, 0xFFFFFFFFu);
  for (const WhoEntry* e : found.reach) {
    if (protocol && e->protocol != *protocol) continue;
    if (port && !e->ports.contains(static_cast<uint64_t>(*port))) continue;
    IntervalSet clients = e->clients.intersect(block);
    if (clients.empty()) continue;
    ReachQuery q;
    q.account = account;
    q.service = service;
    q.mode = mode;
    q.protocol = e->protocol;
    q.port = port ? *port : static_cast<int>(e->ports.ranges().front().lo);
    Cidr c = witness_host(w, clients);
    if (!search) {
      Answer a = Answer::yes();
      a.witness.summary = account + " reaches " + service + " " + protocol_name(e->protocol) + "/" + std::to_string(*q.port) +
                          " from " + c.to_string() + (mode == ReachMode::Could ? " (acting alone)" : "");
      return a;
    }
    q.from = c;
    Answer a = answer_of(reach(w, q, s.reach));
    // The set computation and the path search are different code over the same rules
    // (docs/reach.md); a disagreement is an internal error, never an answer.
    if (a.verdict != Verdict::Yes)
      throw std::logic_error("reach and who disagree on " + account + " -> " + service + " from " + c.to_string());
    a.witness.summary = account + " reaches " + service + " " + protocol_name(e->protocol) + "/" + std::to_string(*q.port) +
                        " from " + c.to_string() + (mode == ReachMode::Could ? " (acting alone)" : "");
    return a;
  }
  if (!found.unknown.empty()) {
    std::vector<Cause> open;
    std::vector<std::string> reasons;
    for (const ReachCause* u : found.unknown) {
      open.push_back({u->rule, u->object, u->where, u->message, Severity::Info});
      reasons.push_back(u->message);
    }
    return Answer::unknown(join(reasons, "; "), std::move(open));
  }
  if (!search) return Answer::no();
  ReachQuery q;
  q.account = account;
  q.service = service;
  q.mode = mode;
  if (protocol) q.protocol = *protocol;
  q.port = port;
  if (from && from->prefix == 32) q.from = *from;
  Answer a = answer_of(reach(w, q, s.reach));
  if (a.verdict == Verdict::Yes) {
    // Reach found a path the restriction excludes (another protocol or a client outside the
    // block): the answer under the restriction is still no; its causes are not specific.
    const EndpointService* sv = w.service(service);
    a = Answer::no({{"PL-EP-11", service, sv ? sv->where : SourceRef{},
                     account + ": no flow to " + service + " matches the restriction (protocol, port, client block)", Severity::Info}});
  }
  if (a.verdict == Verdict::Unknown) return a;
  a.verdict = Verdict::No;
  return a;
}

PrincipalPolicies principal_policies(const World& w, const std::string& arn) {
  PrincipalPolicies out;
  out.arn = arn;
  // acs:ram::<account>:user/<name> or :role/<name> (reference.md §1.10)
  const std::string prefix = "acs:ram::";
  size_t colon = arn.rfind(':');
  if (arn.rfind(prefix, 0) != 0 || colon == std::string::npos || colon < prefix.size()) {
    out.problem = "expected a principal ARN acs:ram::ACCOUNT:user/NAME or acs:ram::ACCOUNT:role/NAME, found " + arn;
    return out;
  }
  std::string account = arn.substr(prefix.size(), colon - prefix.size());
  std::string rest = arn.substr(colon + 1);
  out.account = w.account(account);
  if (!out.account) {
    out.problem = "no account " + account + " in the world " + w.file + " (principal " + arn + ")";
    return out;
  }
  auto add = [&](std::vector<Policy>& into, const std::vector<size_t>& ids, std::vector<size_t>& record) {
    for (size_t i : ids) {
      into.push_back(w.policies[i].policy);
      record.push_back(i);
    }
  };
  auto with_control = [&]() {
    if (!out.account->control_policies.empty()) {
      out.set.control.emplace();
      add(*out.set.control, out.account->control_policies, out.control_ids);
    }
  };
  size_t slash = rest.find('/');
  std::string kind = slash == std::string::npos ? rest : rest.substr(0, slash);
  std::string name = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (kind == "user") {
    for (const auto& u : out.account->users)
      if (u.name == name) {
        add(out.set.identity, u.policies, out.identity_ids);
        for (size_t g : u.groups) add(out.set.identity, out.account->groups[g].policies, out.identity_ids);
        with_control();
        out.where = u.where;
        out.found = true;
        return out;
      }
    out.problem = "no RAM user " + name + " in account " + account + " of the world " + w.file;
  } else if (kind == "role") {
    for (const auto& r : out.account->roles)
      if (r.name == name) {
        add(out.set.identity, r.policies, out.identity_ids);
        with_control();
        out.where = r.where;
        out.found = true;
        return out;
      }
    out.problem = "no RAM role " + name + " in account " + account + " of the world " + w.file;
  } else {
    out.problem = "principal " + arn + " is not a user or role ARN (acs:ram::ACCOUNT:user/NAME or :role/NAME)";
  }
  return out;
}

std::vector<std::string> world_principals(const World& w) {
  std::vector<std::string> out;
  for (const auto& a : w.accounts) {
    for (const auto& u : a.users) out.push_back("acs:ram::" + a.id + ":user/" + u.name);
    for (const auto& r : a.roles) out.push_back("acs:ram::" + a.id + ":role/" + r.name);
  }
  return out;
}

Answer groups_admit(const World& w, const std::vector<size_t>& groups, const Cidr& block, const SgSettings& s) {
  IntervalSet want = IntervalSet::of_cidr(block);
  IntervalSet members;  // the addresses of the groups' own ENIs and instances
  auto in_groups = [&](const std::vector<size_t>& of) {
    return std::any_of(of.begin(), of.end(), [&](size_t g) { return std::find(groups.begin(), groups.end(), g) != groups.end(); });
  };
  for (const auto& inst : w.instances)
    if (!inst.ip.v6 && in_groups(inst.security_groups)) members = members.unite(IntervalSet::range(inst.ip.v4(), inst.ip.v4()));
  for (const auto& e : w.endpoints)
    if (in_groups(e.security_groups))
      for (const auto& z : e.zones)
        if (z.has_ip && !z.ip.v6) members = members.unite(IntervalSet::range(z.ip.v4(), z.ip.v4()));
  bool undecided = false;
  std::string undecided_at;
  for (IpProtocol p : {IpProtocol::Tcp, IpProtocol::Udp}) {
    // The accepted set changes only at rule port boundaries: one port per piece suffices.
    std::set<int> ports = {1};
    for (size_t g : groups)
      for (const auto& r : w.security_groups[g].rules) {
        if (r.direction != Direction::Ingress || r.ports.all()) continue;
        ports.insert(r.ports.from);
        if (r.ports.to < 65535) ports.insert(r.ports.to + 1);
      }
    for (int port : ports) {
      // A sufficient shortcut (reference.md §4.3 order: priority, then drop before accept): one
      // basic group whose members accept each other, an accept rule covering the block, and no
      // drop rule at that priority or before it that could match part of the block.
      if (groups.size() == 1) {
        const SecurityGroup& sg = w.security_groups[groups[0]];
        if (sg.type == SecurityGroupType::Basic && sg.inner_access == InnerAccessPolicy::Accept) {
          auto matches = [&](const SecurityGroupRule& r) {
            return r.direction == Direction::Ingress && (r.protocol == p || r.protocol == IpProtocol::All) &&
                   r.ports.contains(port);
          };
          for (const auto& r : sg.rules) {
            if (!matches(r) || r.policy != RulePolicy::Accept || r.peer.kind != RulePeer::Kind::Cidr || r.peer.cidr.v6) continue;
            if (!want.subtract(IntervalSet::of_cidr(r.peer.cidr)).empty()) continue;
            bool blocked = false;
            for (const auto& d : sg.rules)
              if (matches(d) && d.policy == RulePolicy::Drop && d.priority <= r.priority &&
                  (d.peer.kind != RulePeer::Kind::Cidr || !IntervalSet::of_cidr(d.peer.cidr).intersect(want).empty()))
                blocked = true;
            if (blocked) continue;
            Answer a = Answer::yes();
            a.witness.summary = std::string("accepts ") + protocol_name(p) + "/" + std::to_string(port) +
                                " from every address of " + block.to_string();
            a.witness.path.push_back({"rule", r.id, std::string("ingress accept ") + protocol_name(r.protocol) + " from " +
                                                        r.peer.cidr.to_string() + " priority " + std::to_string(r.priority),
                                      r.where});
            a.causes.push_back({"PL-EP-11", sg.id, r.where,
                                "rule " + r.id + " accepts " + protocol_name(p) + "/" + std::to_string(port) + " from " +
                                    r.peer.cidr.to_string(),
                                Severity::Info});
            return a;
          }
        }
      }
      // What the groups can accept at most: their accept rules' CIDR blocks and their own
      // members (intra-group accept). When that does not cover the block, neither does the exact
      // set; only otherwise is the exact evaluation run.
      bool exact_needed = false;
      IntervalSet at_most = members;
      for (size_t g : groups)
        for (const auto& r : w.security_groups[g].rules) {
          if (r.direction != Direction::Ingress || r.policy != RulePolicy::Accept) continue;
          if (r.protocol != p && r.protocol != IpProtocol::All) continue;
          if (!r.ports.contains(port)) continue;
          if (r.peer.kind != RulePeer::Kind::Cidr) exact_needed = true;
          else at_most = at_most.unite(IntervalSet::of_cidr(r.peer.cidr));
        }
      if (!exact_needed && !want.subtract(at_most).empty()) continue;
      IntervalSet unknown;
      IntervalSet accepted = accepted_sources(w, groups, p, port, s, &unknown);
      if (want.subtract(accepted).empty()) {
        Answer a = Answer::yes();
        a.witness.summary = std::string("accepts ") + protocol_name(p) + "/" + std::to_string(port) + " from every address of " +
                            block.to_string();
        for (size_t g : groups)
          for (const auto& r : w.security_groups[g].rules)
            if (r.direction == Direction::Ingress && r.policy == RulePolicy::Accept && r.peer.kind == RulePeer::Kind::Cidr &&
                !r.peer.cidr.v6 && (r.protocol == p || r.protocol == IpProtocol::All) && r.ports.contains(port) &&
                !IntervalSet::of_cidr(r.peer.cidr).intersect(want).empty()) {
              a.witness.path.push_back({"rule", r.id, std::string("ingress accept ") + protocol_name(r.protocol) + " from " +
                                                          r.peer.cidr.to_string() + " priority " + std::to_string(r.priority),
                                        r.where});
              a.causes.push_back({"PL-EP-11", w.security_groups[g].id, r.where,
                                  "rule " + r.id + " accepts " + protocol_name(p) + "/" + std::to_string(port) + " from " +
                                      r.peer.cidr.to_string(),
                                  Severity::Info});
            }
        return a;
      }
      if (want.subtract(accepted.unite(unknown)).empty() && !undecided) {
        undecided = true;
        undecided_at = std::string(protocol_name(p)) + "/" + std::to_string(port);
      }
    }
  }
  if (undecided)
    return Answer::unknown("a prefix-list rule whose entries the world does not hold decides part of " + block.to_string() +
                           " on " + undecided_at);
  return Answer::no();
}

}  // namespace detail

}  // namespace lp::audit
