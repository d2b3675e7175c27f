#include "lang/world_loader.h"

#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "lang/bundled.h"
#include "lang/json.h"
#include "lang/policy_parser.h"
#include "lang/sg_rule_json.h"

namespace lp {

namespace fs = std::filesystem;

// ---- names of the statuses ----

namespace {

template <typename E>
struct Named {
  const char* name;
  E value;
};

constexpr Named<ServiceStatus> kServiceStatus[] = {{"Creating", ServiceStatus::Creating}, {"Pending", ServiceStatus::Pending},
                                                   {"Active", ServiceStatus::Active},     {"Deleting", ServiceStatus::Deleting},
                                                   {"Inactive", ServiceStatus::Inactive}};
constexpr Named<EndpointStatus> kEndpointStatus[] = {{"Creating", EndpointStatus::Creating}, {"Active", EndpointStatus::Active},
                                                     {"Pending", EndpointStatus::Pending},   {"Deleting", EndpointStatus::Deleting}};
constexpr Named<BusinessStatus> kBusiness[] = {{"Normal", BusinessStatus::Normal},
                                               {"FinancialLocked", BusinessStatus::FinancialLocked},
                                               {"SecurityLocked", BusinessStatus::SecurityLocked}};
constexpr Named<ConnectionStatus> kConnection[] = {
    {"Pending", ConnectionStatus::Pending},       {"Connecting", ConnectionStatus::Connecting},
    {"Connected", ConnectionStatus::Connected},   {"Disconnecting", ConnectionStatus::Disconnecting},
    {"Disconnected", ConnectionStatus::Disconnected}, {"Deleting", ConnectionStatus::Deleting},
    {"ServiceDeleted", ConnectionStatus::ServiceDeleted}};
constexpr Named<ZoneStatus> kZone[] = {{"Creating", ZoneStatus::Creating},       {"Wait", ZoneStatus::Wait},
                                       {"Connecting", ZoneStatus::Connecting},   {"Connected", ZoneStatus::Connected},
                                       {"Disconnecting", ZoneStatus::Disconnecting}, {"Disconnected", ZoneStatus::Disconnected},
                                       {"Deleting", ZoneStatus::Deleting},       {"Migrating", ZoneStatus::Migrating},
                                       {"Migrated", ZoneStatus::Migrated}};
constexpr Named<ListenerProtocol> kListener[] = {{"tcp", ListenerProtocol::Tcp}, {"udp", ListenerProtocol::Udp},
                                                 {"http", ListenerProtocol::Http}, {"https", ListenerProtocol::Https}};
constexpr Named<ClbBilling> kBilling[] = {{"pay-as-you-go", ClbBilling::PayAsYouGo}, {"subscription", ClbBilling::Subscription}};
constexpr Named<ClbAddressType> kAddress[] = {{"intranet", ClbAddressType::Intranet}, {"internet", ClbAddressType::Internet}};
constexpr Named<ClbNetworkType> kNetwork[] = {{"vpc", ClbNetworkType::Vpc}, {"classic", ClbNetworkType::Classic}};

template <typename E, size_t N>
const char* name_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n.name;
  return "?";
}

}  // namespace

const char* service_status_name(ServiceStatus s) { return name_of(kServiceStatus, s); }
const char* endpoint_status_name(EndpointStatus s) { return name_of(kEndpointStatus, s); }
const char* business_status_name(BusinessStatus s) { return name_of(kBusiness, s); }
const char* connection_status_name(ConnectionStatus s) { return name_of(kConnection, s); }
const char* zone_status_name(ZoneStatus s) { return name_of(kZone, s); }
const char* listener_protocol_name(ListenerProtocol p) { return name_of(kListener, p); }

const Region* RegionTable::find(const std::string& id) const {
  for (const auto& r : regions)
    if (r.id == id) return &r;
  return nullptr;
}

WhitelistEntry parse_whitelist_entry(const std::string& text) {
  WhitelistEntry e;
  if (text == "*") {
    e.kind = WhitelistEntry::Kind::AllAccounts;  // UserId "*": UNCONFIRMED (reference.md §3.7)
    return e;
  }
  if (text.rfind("acs:", 0) != 0) {
    // A UserId: the account id as written (digits in the API; the world's own ids otherwise).
    if (!text.empty() && text.find_first_of(" :*,") == std::string::npos) {
      e.kind = WhitelistEntry::Kind::Account;
      e.account = text;
    }
    return e;
  }
  // A UserARN acs:ram:<region>:<account-id>:* (reference.md §3.7); an empty account names every account.
  std::vector<std::string> parts;
  size_t from = 0;
  for (size_t colon; (colon = text.find(':', from)) != std::string::npos; from = colon + 1) parts.push_back(text.substr(from, colon - from));
  parts.push_back(text.substr(from));
  if (parts.size() != 5 || parts[1] != "ram" || (parts[2] != "*" && !parts[2].empty()) || parts[4] != "*") return e;
  if (parts[3].empty()) {
    e.kind = WhitelistEntry::Kind::AllAccounts;
  } else if (parts[3].find('*') == std::string::npos) {
    e.kind = WhitelistEntry::Kind::Account;
    e.account = parts[3];
  }
  return e;
}

bool RegionTable::supports_zone(const std::string& zone) const { return !region_of_zone(zone).empty(); }

std::string RegionTable::region_of_zone(const std::string& zone) const {
  for (const auto& r : regions)
    for (const auto& z : r.zones)
      if (z == zone) return r.id;
  return {};
}

namespace {

using Handler = std::function<void(const JsonCursor&)>;

class Loader {
 public:
  Loader(const std::string& path, const WorldOptions& o, Diagnostics& d) : path_(path), opt_(o), d_(d) {
    base_ = fs::path(path).parent_path();
  }

  // The world from `text` when given (named `path_` in diagnostics), else from the file `path_`.
  std::optional<World> run(const std::optional<std::string_view>& text = std::nullopt) {
    auto json = text ? parse_json(*text, path_, d_) : load_json_file(path_, d_);
    if (!json) return std::nullopt;
    w_.file = path_;
    JsonCursor root(path_, *json);
    if (!json->is(JsonKind::Object)) {
      err(root.where(), "expected a world object {\"linkproof\": 1, ...}");
      return std::nullopt;
    }
    std::optional<std::string> regions_file;
    bool versioned = false;
    fields(root, "the world", {
        {"linkproof", [&](const JsonCursor& c) {
           if (!c.value().is(JsonKind::Number) || c.value().text != "1")
             err(c.where(), "expected \"linkproof\": 1 (the only world format version)");
           versioned = true;
         }},
        {"description", [&](const JsonCursor& c) { string(c); }},
        {"regions", [&](const JsonCursor& c) {
           regions_file = relative(string(c));
           if (!opt_.regions_file && !regions_file->empty() && !readable_file(*regions_file, c.where(), "region table")) regions_file.reset();
         }},
        {"policies", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { policy(i); }); }},
        {"accounts", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { account(i); }); }},
        {"vpcs", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { vpc(i); }); }},
        {"vswitches", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { vswitch(i); }); }},
        {"security_groups", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { security_group(i); }); }},
        {"instances", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { instance(i); }); }},
        {"clbs", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { clb(i); }); }},
        {"services", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { service(i); }); }},
        {"endpoints", [&](const JsonCursor& c) { list(c, [&](const JsonCursor& i) { endpoint(i); }); }},
    });
    if (!versioned) err(root.where(), "missing \"linkproof\": 1 (the world format version)");

    // The region table: --regions, else the world's "regions", else the bundled one.
    std::string table = opt_.regions_file ? *opt_.regions_file : regions_file ? *regions_file : std::string();
    if (table.empty()) {
      auto dir = policies_dir();
      if (dir) table = (fs::path(*dir) / "regions.json").string();
    }
    if (table.empty()) err(root.where(), "no region table: policies/regions.json not found and none given");
    else if (auto t = load_region_table(table, d_)) w_.regions = std::move(*t);
    else ok_ = false;

    for (auto& r : refs_) resolve(r);
    group_peers();
    if (ok_) unique_addresses();
    if (!ok_) return std::nullopt;
    name_unknown_objects();
    return std::move(w_);
  }

 private:
  struct Ref {
    std::string id;
    SourceRef where;
    const std::unordered_map<std::string, size_t>* index;
    const char* kind;
    std::function<void(size_t)> set;
  };

  void err(const SourceRef& where, const std::string& message, const char* code = "LP-WORLD-001") {
    d_.error(code, where, message);
    ok_ = false;
  }

  // A file the world names must exist and be a file: else a located error at the member naming it.
  bool readable_file(const std::string& f, const SourceRef& where, const char* what) {
    std::error_code ec;
    if (fs::is_regular_file(f, ec)) return true;
    err(where, std::string(what) + " file \"" + f + "\" " + (fs::is_directory(f, ec) ? "is a directory" : "does not exist") +
                   " (paths are relative to the world file)", "LP-IO-001");
    return false;
  }

  std::string relative(const std::string& f) {
    if (f.empty()) return f;
    fs::path p(f);
    return p.is_relative() ? (base_ / p).string() : f;
  }

  void fields(const JsonCursor& c, const char* what, const std::map<std::string, Handler>& handlers,
              std::initializer_list<const char*> required = {}, SourceRef* source = nullptr) {
    if (!c.value().is(JsonKind::Object)) {
      err(c.where(), std::string("expected ") + what + " (an object), found " + json_kind_name(c.value().kind));
      return;
    }
    for (const auto& m : c.value().members) {
      if (unknown_value(c, m, what)) continue;
      if (source && m.key == "source") {
        *source = source_ref(c.member(m));
        continue;
      }
      auto h = handlers.find(m.key);
      if (h == handlers.end()) {
        std::string known;
        for (const auto& [k, _] : handlers) known += (known.empty() ? "" : ", ") + k;
        err(c.key_where(m), "unknown member \"" + m.key + "\" in " + what + "; expected one of " + known, "LP-WORLD-002");
        continue;
      }
      h->second(c.member(m));
    }
    for (const char* r : required)
      if (!c.value().find(r)) err(c.where(), std::string(what) + " needs \"" + r + "\"", "LP-WORLD-003");
  }

  // {"unknown": "ADDRESS", "reason": "..."} in place of a value the source could not know
  // (docs/world-format.md "Unknown values"). Only members that are plain values may be unknown:
  // ids and references must be known for the world to hold together.
  bool unknown_value(const JsonCursor& c, const JsonMember& m, const char* what) {
    if (!m.value.is(JsonKind::Object) || !m.value.find("unknown")) return false;
    static const std::map<std::string, std::set<std::string>> allowed = {
        {"an account", {"privatelink_activated"}},
        {"a VPC", {"region", "cidr"}},
        {"a vSwitch", {"zone", "cidr"}},
        {"an instance", {"ip"}},
        {"a CLB", {"region", "zone", "backup_zone", "billing", "address_type", "network_type", "privatelink"}},
        {"a listener", {"port", "backend_port"}},
        {"an endpoint service", {"region", "description", "auto_accept", "zone_affinity", "bandwidth", "status", "business_status"}},
        {"a service resource", {"zone", "auto_allocation"}},
        {"an endpoint", {"region", "name", "description", "status", "business_status", "connection", "bandwidth"}},
        {"an endpoint zone", {"zone", "eni", "ip", "status", "resource"}},
    };
    JsonCursor v = c.member(m);
    auto a = allowed.find(what);
    if (a == allowed.end() || !a->second.count(m.key)) {
      err(v.where(), std::string("\"") + m.key + "\" of " + what + " cannot be unknown (only plain values can; ids and references must be known)");
      return true;
    }
    UnknownValue u;
    u.where = v.where();
    u.member = v.pointer();
    for (const auto& um : m.value.members) {
      JsonCursor x = v.member(um);
      if (um.key == "unknown" && x.value().is(JsonKind::String) && !x.value().text.empty()) u.address = x.value().text;
      else if (um.key == "reason" && x.value().is(JsonKind::String)) u.reason = x.value().text;
      else err(x.where(), "an unknown value is {\"unknown\": \"ADDRESS\", \"reason\": \"...\"} (a non-empty string, an optional reason)");
    }
    if (!u.address.empty()) w_.unknowns.push_back(u);
    return true;
  }

  // "source": {"file", "pointer", "line", "column"}: where an imported object came from
  // (docs/world-format.md); findings about the object cite that place.
  SourceRef source_ref(const JsonCursor& c) {
    SourceRef r;
    fields(c, "a source", {
        {"file", [&](const JsonCursor& x) { r.file = string(x); }},
        {"pointer", [&](const JsonCursor& x) { r.json_pointer = string(x); }},
        {"line", [&](const JsonCursor& x) { r.line = integer(x); }},
        {"column", [&](const JsonCursor& x) { r.column = integer(x); }},
    }, {"file"});
    return r;
  }

  void list(const JsonCursor& c, const std::function<void(const JsonCursor&)>& each) {
    if (!c.value().is(JsonKind::Array)) {
      err(c.where(), std::string("expected a list, found ") + json_kind_name(c.value().kind));
      return;
    }
    for (size_t i = 0; i < c.value().items.size(); ++i) each(c.item(i));
  }

  std::string string(const JsonCursor& c) {
    if (!c.value().is(JsonKind::String)) {
      err(c.where(), std::string("expected a string, found ") + json_kind_name(c.value().kind));
      return {};
    }
    return c.value().text;
  }

  // A region or zone id: a non-empty string (an empty one would pass every region-table check).
  std::string name(const JsonCursor& c, const char* what) {
    std::string s = string(c);
    if (s.empty() && c.value().is(JsonKind::String)) err(c.where(), std::string("expected a ") + what + " id such as " +
                                                                        (std::string(what) == "zone" ? "cn-hangzhou-h" : "cn-hangzhou") + ", found \"\"");
    return s;
  }

  bool boolean(const JsonCursor& c) {
    if (!c.value().is(JsonKind::Bool)) {
      err(c.where(), std::string("expected true or false, found ") + json_kind_name(c.value().kind));
      return false;
    }
    return c.value().boolean;
  }

  int integer(const JsonCursor& c) {
    if (c.value().is(JsonKind::Number) && c.value().text.find_first_of(".eE") == std::string::npos &&
        c.value().text.size() < 10)
      return std::stoi(c.value().text);
    err(c.where(), std::string("expected a whole number, found ") +
                       (c.value().is(JsonKind::Number) ? c.value().text : json_kind_name(c.value().kind)));
    return 0;
  }

  // An address ("192.168.1.10") or a block with its prefix ("192.168.0.0/16", no host bits set).
  // An empty string or a block without "/n" is refused: neither may stand for 0.0.0.0/0 or a /32.
  Cidr cidr(const JsonCursor& c, bool host) {
    if (!c.value().is(JsonKind::String)) {
      string(c);
      return {};
    }
    std::string s = c.value().text;
    bool has_prefix = s.find('/') != std::string::npos;
    std::optional<Cidr> v;
    if (host ? !has_prefix : has_prefix) v = host ? parse_ip(s) : parse_cidr(s, false);
    if (!v)
      err(c.where(), "\"" + s + "\" is not " +
                         (host ? std::string("an IP address (no prefix)")
                               : std::string("a CIDR block \"a.b.c.d/n\" with its prefix and no host bits set")));
    return v ? *v : Cidr{};
  }

  template <typename E, size_t N>
  E choice(const JsonCursor& c, const Named<E> (&table)[N]) {
    std::string s = string(c);
    std::string expected;
    for (const auto& n : table) {
      if (s == n.name) return n.value;
      expected += (expected.empty() ? "" : ", ") + std::string(n.name);
    }
    if (!s.empty() || c.value().is(JsonKind::String)) err(c.where(), "expected one of " + expected + ", found \"" + s + "\"");
    return table[0].value;
  }

  // Registers an id; a second object with the same id is an error at both places.
  bool define(std::unordered_map<std::string, size_t>& index, const std::string& id, size_t at, const SourceRef& where,
              const char* kind) {
    if (id.empty()) {
      err(where, std::string("a ") + kind + " needs a non-empty \"id\"", "LP-WORLD-003");
      return false;
    }
    auto [it, fresh] = index.emplace(id, at);
    if (!fresh) {
      err(where, std::string("duplicate ") + kind + " id \"" + id + "\" (also defined earlier in this file)", "LP-WORLD-004");
      return false;
    }
    return true;
  }

  void ref(const JsonCursor& c, const std::unordered_map<std::string, size_t>& index, const char* kind,
           std::function<void(size_t)> set) {
    std::string id = string(c);
    if (!id.empty()) refs_.push_back({id, c.where(), &index, kind, std::move(set)});
  }

  // An unknown value's pointer "/endpoints/3/zones/0/status" -> object "ep-..." and member "zones/0/status".
  void name_unknown_objects() {
    for (auto& u : w_.unknowns) {
      size_t a = u.member.find('/', 1), b = a == std::string::npos ? a : u.member.find('/', a + 1);
      if (b == std::string::npos) continue;
      std::string list = u.member.substr(1, a - 1);
      size_t i = std::stoul(u.member.substr(a + 1, b - a - 1));
      std::string member = u.member.substr(b + 1);
      auto id = [&](const auto& v) { return i < v.size() ? v[i].id : std::string(); };
      u.object = list == "accounts" ? id(w_.accounts) : list == "vpcs" ? id(w_.vpcs) : list == "vswitches" ? id(w_.vswitches)
               : list == "instances" ? id(w_.instances) : list == "clbs" ? id(w_.clbs) : list == "services" ? id(w_.services)
               : list == "endpoints" ? id(w_.endpoints) : std::string();
      u.member = member;
    }
  }

  void resolve(const Ref& r) {
    auto it = r.index->find(r.id);
    if (it == r.index->end()) {
      err(r.where, std::string("no ") + r.kind + " has the id \"" + r.id + "\"", "LP-WORLD-005");
      return;
    }
    r.set(it->second);
  }

  // ---- objects ----

  void policy(const JsonCursor& c) {
    size_t at = w_.policies.size();
    w_.policies.emplace_back();
    w_.policies[at].where = c.where();
    std::string id, file;
    const JsonValue* doc = nullptr;
    JsonCursor doc_cursor = c;
    std::string kind = "auto";
    bool file_missing = false;
    fields(c, "a policy", {
        {"id", [&](const JsonCursor& v) { id = string(v); }},
        {"file", [&](const JsonCursor& v) {
           file = relative(string(v));
           if (!file.empty() && !readable_file(file, v.where(), "policy")) file_missing = true;
         }},
        {"document", [&](const JsonCursor& v) { doc = &v.value(); doc_cursor = v; }},
        {"kind", [&](const JsonCursor& v) { kind = string(v); }},
    }, {"id"});
    PolicyKind k = kind == "identity" ? PolicyKind::Identity
                   : kind == "trust"  ? PolicyKind::Trust
                   : kind == "control" ? PolicyKind::Control
                   : kind == "session" ? PolicyKind::Session
                                       : PolicyKind::Auto;
    w_.policies[at].id = id;
    define(w_.policy_index, id, at, c.where(), "policy");
    std::optional<Policy> p;
    if (doc && !file.empty()) err(c.where(), "a policy has either \"document\" or \"file\", not both");
    else if (doc) p = parse_policy(doc_cursor, opt_.policy, d_, k);
    else if (file_missing) ok_ = false;
    else if (!file.empty()) p = load_policy_file(file, opt_.policy, d_, k);
    else err(c.where(), "a policy needs \"document\" (inline) or \"file\" (relative to the world file)", "LP-WORLD-003");
    if (p) {
      if (p->name.empty() || doc) p->name = id;
      w_.policies[at].policy = std::move(*p);
    } else {
      ok_ = false;
    }
  }

  // References are resolved after every object is read, when the vectors holding `target` may have
  // moved: the setter finds its vector again through `target`.
  using Target = std::function<std::vector<size_t>&()>;

  void policy_refs(const JsonCursor& c, Target target) {
    list(c, [&](const JsonCursor& i) { ref(i, w_.policy_index, "policy", [target](size_t v) { target().push_back(v); }); });
  }

  void account(const JsonCursor& c) {
    size_t at = w_.accounts.size();
    w_.accounts.emplace_back();
    Account& a = w_.accounts[at];
    a.where = c.where();
    // Users name their groups by name within the account: resolved once the account is read.
    std::vector<std::vector<std::pair<std::string, SourceRef>>> user_groups;
    fields(c, "an account", {
        {"id", [&](const JsonCursor& v) { a.id = string(v); }},
        {"privatelink_activated", [&](const JsonCursor& v) { a.privatelink_activated = boolean(v); }},
        {"control_policies", [&](const JsonCursor& v) { policy_refs(v, [this, at]() -> std::vector<size_t>& { return w_.accounts[at].control_policies; }); }},
        {"service_linked_role_policy", [&](const JsonCursor& v) {
           ref(v, w_.policy_index, "policy", [this, at](size_t p) { w_.accounts[at].service_linked_role_policy = p; });
         }},
        {"groups", [&](const JsonCursor& v) {
           list(v, [&](const JsonCursor& g) {
             RamGroup group;
             group.where = g.where();
             size_t gi = a.groups.size();
             a.groups.push_back(group);
             fields(g, "a RAM group", {
                 {"name", [&](const JsonCursor& n) { w_.accounts[at].groups[gi].name = string(n); }},
                 {"policies", [&](const JsonCursor& n) { policy_refs(n, [this, at, gi]() -> std::vector<size_t>& { return w_.accounts[at].groups[gi].policies; }); }},
             }, {"name"});
           });
         }},
        {"users", [&](const JsonCursor& v) {
           list(v, [&](const JsonCursor& u) {
             size_t ui = a.users.size();
             a.users.emplace_back();
             a.users[ui].where = u.where();
             user_groups.emplace_back();
             fields(u, "a RAM user", {
                 {"name", [&](const JsonCursor& n) { w_.accounts[at].users[ui].name = string(n); }},
                 {"policies", [&](const JsonCursor& n) { policy_refs(n, [this, at, ui]() -> std::vector<size_t>& { return w_.accounts[at].users[ui].policies; }); }},
                 {"groups", [&](const JsonCursor& n) {
                    list(n, [&](const JsonCursor& gn) { user_groups[ui].push_back({string(gn), gn.where()}); });
                  }},
             }, {"name"});
           });
         }},
        {"roles", [&](const JsonCursor& v) {
           list(v, [&](const JsonCursor& r) {
             size_t ri = a.roles.size();
             a.roles.emplace_back();
             a.roles[ri].where = r.where();
             fields(r, "a RAM role", {
                 {"name", [&](const JsonCursor& n) { w_.accounts[at].roles[ri].name = string(n); }},
                 {"policies", [&](const JsonCursor& n) { policy_refs(n, [this, at, ri]() -> std::vector<size_t>& { return w_.accounts[at].roles[ri].policies; }); }},
                 {"trust_policy", [&](const JsonCursor& n) {
                    ref(n, w_.policy_index, "policy", [this, at, ri](size_t p) { w_.accounts[at].roles[ri].trust_policy = p; });
                  }},
             }, {"name"});
           });
         }},
    }, {"id"});
    define(w_.account_index, a.id, at, c.where(), "account");
    for (size_t ui = 0; ui < user_groups.size(); ++ui)
      for (const auto& [name, where] : user_groups[ui]) {
        size_t found = kNone;
        for (size_t gi = 0; gi < a.groups.size(); ++gi)
          if (a.groups[gi].name == name) found = gi;
        if (found == kNone) err(where, "account " + a.id + " has no RAM group named \"" + name + "\"", "LP-WORLD-005");
        else a.users[ui].groups.push_back(found);
      }
  }

  void vpc(const JsonCursor& c) {
    size_t at = w_.vpcs.size();
    w_.vpcs.emplace_back();
    Vpc& v = w_.vpcs[at];
    v.where = c.where();
    SourceRef src;
    fields(c, "a VPC", {
        {"id", [&](const JsonCursor& x) { v.id = string(x); }},
        {"account", [&](const JsonCursor& x) { ref(x, w_.account_index, "account", [this, at](size_t i) { w_.vpcs[at].account = i; }); }},
        {"region", [&](const JsonCursor& x) { v.region = name(x, "region"); }},
        {"cidr", [&](const JsonCursor& x) { v.cidr = cidr(x, false); }},
    }, {"id", "account", "region", "cidr"}, &src);
    if (!src.file.empty()) w_.vpcs[at].where = src;
    define(w_.vpc_index, v.id, at, c.where(), "VPC");
  }

  void vswitch(const JsonCursor& c) {
    size_t at = w_.vswitches.size();
    w_.vswitches.emplace_back();
    VSwitch& v = w_.vswitches[at];
    v.where = c.where();
    SourceRef src;
    fields(c, "a vSwitch", {
        {"id", [&](const JsonCursor& x) { v.id = string(x); }},
        {"vpc", [&](const JsonCursor& x) { ref(x, w_.vpc_index, "VPC", [this, at](size_t i) { w_.vswitches[at].vpc = i; }); }},
        {"zone", [&](const JsonCursor& x) { v.zone = name(x, "zone"); }},
        {"cidr", [&](const JsonCursor& x) { v.cidr = cidr(x, false); }},
    }, {"id", "vpc", "zone", "cidr"}, &src);
    if (!src.file.empty()) w_.vswitches[at].where = src;
    define(w_.vswitch_index, v.id, at, c.where(), "vSwitch");
  }

  void security_group(const JsonCursor& c) {
    size_t at = w_.security_groups.size();
    auto g = parse_security_group(c, d_, {"vpc", "source"});
    w_.security_groups.push_back(g ? std::move(*g) : SecurityGroup{});
    if (!g) {
      ok_ = false;
      // The group exists even though a rule of it was refused: its id is still defined, so the
      // objects naming it are not reported as dangling references too.
      const JsonValue* id = c.value().is(JsonKind::Object) ? c.value().find("id") : nullptr;
      if (id && id->is(JsonKind::String) && !id->text.empty()) w_.sg_index.emplace(id->text, at);
      return;
    }
    for (const auto& m : c.value().members)
      if (m.key == "source") w_.security_groups[at].where = source_ref(c.member(m));
    if (const JsonValue* v = c.value().find("vpc")) {
      for (const auto& m : c.value().members)
        if (m.key == "vpc") ref(c.member(m), w_.vpc_index, "VPC", [this, at](size_t i) { w_.security_groups[at].vpc_id = w_.vpcs[i].id; });
      (void)v;
    } else {
      err(c.where(), "a security group needs \"vpc\"", "LP-WORLD-003");
    }
    if (!c.value().find("id")) err(c.where(), "a security group needs \"id\"", "LP-WORLD-003");
    define(w_.sg_index, w_.security_groups[at].id, at, c.where(), "security group");
  }

  void sg_refs(const JsonCursor& c, Target target) {
    list(c, [&](const JsonCursor& i) { ref(i, w_.sg_index, "security group", [target](size_t v) { target().push_back(v); }); });
  }

  void instance(const JsonCursor& c) {
    size_t at = w_.instances.size();
    w_.instances.emplace_back();
    Instance& v = w_.instances[at];
    v.where = c.where();
    SourceRef src;
    fields(c, "an instance", {
        {"id", [&](const JsonCursor& x) { v.id = string(x); }},
        {"vswitch", [&](const JsonCursor& x) { ref(x, w_.vswitch_index, "vSwitch", [this, at](size_t i) { w_.instances[at].vswitch = i; }); }},
        {"ip", [&](const JsonCursor& x) {
           v.ip = cidr(x, true);
           instance_ip_where_[at] = x.where();
         }},
        {"security_groups", [&](const JsonCursor& x) { sg_refs(x, [this, at]() -> std::vector<size_t>& { return w_.instances[at].security_groups; }); }},
    }, {"id", "vswitch", "ip"}, &src);
    if (!src.file.empty()) w_.instances[at].where = src;
    define(w_.instance_index, v.id, at, c.where(), "instance");
  }

  void clb(const JsonCursor& c) {
    size_t at = w_.clbs.size();
    w_.clbs.emplace_back();
    Clb& v = w_.clbs[at];
    v.where = c.where();
    SourceRef src;
    fields(c, "a CLB", {
        {"id", [&](const JsonCursor& x) { v.id = string(x); }},
        {"account", [&](const JsonCursor& x) { ref(x, w_.account_index, "account", [this, at](size_t i) { w_.clbs[at].account = i; }); }},
        {"region", [&](const JsonCursor& x) { v.region = name(x, "region"); }},
        {"zone", [&](const JsonCursor& x) { v.zone = name(x, "zone"); }},
        {"backup_zone", [&](const JsonCursor& x) { v.backup_zone = string(x); }},
        {"vpc", [&](const JsonCursor& x) { ref(x, w_.vpc_index, "VPC", [this, at](size_t i) { w_.clbs[at].vpc = i; }); }},
        {"billing", [&](const JsonCursor& x) { v.billing = choice(x, kBilling); }},
        {"address_type", [&](const JsonCursor& x) { v.address_type = choice(x, kAddress); }},
        {"network_type", [&](const JsonCursor& x) { v.network_type = choice(x, kNetwork); }},
        {"privatelink", [&](const JsonCursor& x) { v.privatelink_enabled = boolean(x); }},
        {"listeners", [&](const JsonCursor& x) {
           list(x, [&](const JsonCursor& l) {
             Listener li;
             li.where = l.where();
             fields(l, "a listener", {
                 {"protocol", [&](const JsonCursor& y) { li.protocol = choice(y, kListener); }},
                 {"port", [&](const JsonCursor& y) { li.port = integer(y); }},
                 {"backend_port", [&](const JsonCursor& y) {
                    li.backend_port = integer(y);
                    if (li.backend_port < 1 || li.backend_port > 65535) err(y.where(), "a backend port is from 1 to 65535");
                  }},
             }, {"protocol", "port"});
             if (li.port < 1 || li.port > 65535) err(l.where(), "a listener port is from 1 to 65535");
             w_.clbs[at].listeners.push_back(li);
           });
         }},
        {"backends", [&](const JsonCursor& x) {
           list(x, [&](const JsonCursor& b) {
             ref(b, w_.instance_index, "instance", [this, at](size_t i) { w_.clbs[at].backends.push_back(i); });
           });
         }},
    }, {"id", "account", "region", "zone"}, &src);
    if (!src.file.empty()) w_.clbs[at].where = src;
    define(w_.clb_index, v.id, at, c.where(), "CLB");
  }

  void service(const JsonCursor& c) {
    size_t at = w_.services.size();
    w_.services.emplace_back();
    EndpointService& s = w_.services[at];
    s.where = c.where();
    SourceRef src;
    fields(c, "an endpoint service", {
        {"id", [&](const JsonCursor& x) { s.id = string(x); }},
        {"account", [&](const JsonCursor& x) { ref(x, w_.account_index, "account", [this, at](size_t i) { w_.services[at].account = i; }); }},
        {"region", [&](const JsonCursor& x) { s.region = name(x, "region"); }},
        {"description", [&](const JsonCursor& x) { s.description = string(x); s.has_description = true; }},
        {"auto_accept", [&](const JsonCursor& x) { s.auto_accept = boolean(x); }},
        {"zone_affinity", [&](const JsonCursor& x) { s.zone_affinity = boolean(x); }},
        {"bandwidth", [&](const JsonCursor& x) { s.bandwidth = integer(x); }},
        {"status", [&](const JsonCursor& x) { s.status = choice(x, kServiceStatus); }},
        {"business_status", [&](const JsonCursor& x) { s.business_status = choice(x, kBusiness); }},
        {"whitelist", [&](const JsonCursor& x) {
           s.whitelist_where = x.where();
           list(x, [&](const JsonCursor& u) {
             std::string entry = string(u);
             if (u.value().is(JsonKind::String) && parse_whitelist_entry(entry).kind == WhitelistEntry::Kind::Invalid)
               err(u.where(), "\"" + entry + "\" is not a whitelist entry: expected an account id, a UserARN "
                              "\"acs:ram:*:<account-id>:*\", or \"*\" / \"acs:ram:*::*\" for every account (reference.md §3.7)");
             w_.services[at].whitelist.push_back(entry);
           });
         }},
        {"resources", [&](const JsonCursor& x) {
           list(x, [&](const JsonCursor& r) {
             size_t ri = w_.services[at].resources.size();
             w_.services[at].resources.emplace_back();
             w_.services[at].resources[ri].where = r.where();
             fields(r, "a service resource", {
                 {"clb", [&](const JsonCursor& y) {
                    ref(y, w_.clb_index, "CLB", [this, at, ri](size_t i) { w_.services[at].resources[ri].clb = i; });
                  }},
                 {"zone", [&](const JsonCursor& y) { w_.services[at].resources[ri].zone = name(y, "zone"); }},
                 {"auto_allocation", [&](const JsonCursor& y) { w_.services[at].resources[ri].auto_allocation = boolean(y); }},
             }, {"clb", "zone"});
           });
         }},
    }, {"id", "account", "region"}, &src);
    if (!src.file.empty()) w_.services[at].where = src;
    define(w_.service_index, s.id, at, c.where(), "endpoint service");
  }

  void endpoint(const JsonCursor& c) {
    size_t at = w_.endpoints.size();
    w_.endpoints.emplace_back();
    Endpoint& e = w_.endpoints[at];
    e.where = c.where();
    SourceRef src;
    fields(c, "an endpoint", {
        {"id", [&](const JsonCursor& x) { e.id = string(x); }},
        {"account", [&](const JsonCursor& x) { ref(x, w_.account_index, "account", [this, at](size_t i) { w_.endpoints[at].account = i; }); }},
        {"region", [&](const JsonCursor& x) { e.region = name(x, "region"); }},
        {"vpc", [&](const JsonCursor& x) { ref(x, w_.vpc_index, "VPC", [this, at](size_t i) { w_.endpoints[at].vpc = i; }); }},
        {"service", [&](const JsonCursor& x) {
           // One service, or a list (the API allows exactly one: PL-EP-01 reports the others).
           auto one = [&](const JsonCursor& y) {
             ref(y, w_.service_index, "endpoint service", [this, at](size_t i) { w_.endpoints[at].services.push_back(i); });
           };
           if (x.value().is(JsonKind::Array)) list(x, one);
           else one(x);
         }},
        {"name", [&](const JsonCursor& x) { e.name = string(x); e.has_name = true; }},
        {"description", [&](const JsonCursor& x) { e.description = string(x); e.has_description = true; }},
        {"security_groups", [&](const JsonCursor& x) { sg_refs(x, [this, at]() -> std::vector<size_t>& { return w_.endpoints[at].security_groups; }); }},
        {"status", [&](const JsonCursor& x) { e.status = choice(x, kEndpointStatus); }},
        {"business_status", [&](const JsonCursor& x) { e.business_status = choice(x, kBusiness); }},
        {"connection", [&](const JsonCursor& x) { e.connection = choice(x, kConnection); }},
        {"bandwidth", [&](const JsonCursor& x) {
           e.bandwidth = integer(x);
           e.has_bandwidth = true;
         }},
        {"zones", [&](const JsonCursor& x) {
           list(x, [&](const JsonCursor& z) {
             size_t zi = w_.endpoints[at].zones.size();
             w_.endpoints[at].zones.emplace_back();
             w_.endpoints[at].zones[zi].where = z.where();
             SourceRef zsrc;
             fields(z, "an endpoint zone", {
                 {"zone", [&](const JsonCursor& y) { w_.endpoints[at].zones[zi].zone = name(y, "zone"); }},
                 {"vswitch", [&](const JsonCursor& y) {
                    ref(y, w_.vswitch_index, "vSwitch", [this, at, zi](size_t i) { w_.endpoints[at].zones[zi].vswitch = i; });
                  }},
                 {"eni", [&](const JsonCursor& y) { w_.endpoints[at].zones[zi].eni = string(y); }},
                 {"ip", [&](const JsonCursor& y) {
                    w_.endpoints[at].zones[zi].ip = cidr(y, true);
                    w_.endpoints[at].zones[zi].has_ip = true;
                    zone_ip_where_[{at, zi}] = y.where();
                  }},
                 {"status", [&](const JsonCursor& y) { w_.endpoints[at].zones[zi].status = choice(y, kZone); }},
                 {"resource", [&](const JsonCursor& y) { w_.endpoints[at].zones[zi].resource_id = string(y); }},
             }, {"zone", "vswitch"}, &zsrc);
             if (!zsrc.file.empty()) w_.endpoints[at].zones[zi].where = zsrc;
           });
         }},
    }, {"id", "account", "region", "vpc"}, &src);
    if (!src.file.empty()) w_.endpoints[at].where = src;
    define(w_.endpoint_index, e.id, at, c.where(), "endpoint");
  }

  // Every group a rule names as its other end is a group of the world (LP-WORLD-005), never read
  // as an empty group.
  void group_peers() {
    for (const auto& g : w_.security_groups)
      for (const auto& r : g.rules)
        if (r.peer.kind == RulePeer::Kind::Group && !w_.sg_index.count(r.peer.group_id))
          err(r.where, "rule " + r.id + " of " + g.id + " names security group \"" + r.peer.group_id +
                           "\", which is not in the world", "LP-WORLD-005");
  }

  // One address is held by one ENI of a VPC (an instance's or an endpoint zone's): the cloud
  // assigns an address of a vSwitch once (PL-EP-04, PL-RS-03). A second holder is refused where
  // its "ip" is written.
  void unique_addresses() {
    std::map<std::pair<size_t, std::string>, std::string> holder;  // (VPC, address) -> holder
    auto claim = [&](size_t vswitch, const Cidr& ip, const std::string& who, const SourceRef& where) {
      if (vswitch == kNone || w_.vswitches[vswitch].vpc == kNone) return;
      size_t vpc = w_.vswitches[vswitch].vpc;
      auto [it, fresh] = holder.emplace(std::make_pair(vpc, ip.to_string()), who);
      if (!fresh)
        err(where, "address " + ip.to_string() + " of " + who + " is already held by " + it->second + " in VPC " + w_.vpcs[vpc].id +
                       "; an address of a VPC belongs to one ENI", "LP-WORLD-006");
    };
    for (size_t i = 0; i < w_.instances.size(); ++i) {
      auto at = instance_ip_where_.find(i);
      if (at != instance_ip_where_.end()) claim(w_.instances[i].vswitch, w_.instances[i].ip, "instance " + w_.instances[i].id, at->second);
    }
    for (size_t e = 0; e < w_.endpoints.size(); ++e)
      for (size_t z = 0; z < w_.endpoints[e].zones.size(); ++z) {
        const EndpointZone& zone = w_.endpoints[e].zones[z];
        auto at = zone_ip_where_.find({e, z});
        if (zone.has_ip && at != zone_ip_where_.end())
          claim(zone.vswitch, zone.ip, "the ENI of " + w_.endpoints[e].id + " in " + zone.zone, at->second);
      }
  }

  std::map<size_t, SourceRef> instance_ip_where_;
  std::map<std::pair<size_t, size_t>, SourceRef> zone_ip_where_;
  std::string path_;
  WorldOptions opt_;
  Diagnostics& d_;
  fs::path base_;
  World w_;
  std::vector<Ref> refs_;
  bool ok_ = true;
};

}  // namespace

namespace {

std::optional<World> finish(std::optional<World> w) {
  if (!w) return std::nullopt;
  // The zone's assigned resource names a CLB: find it among the service's resources.
  for (auto& e : w->endpoints)
    for (auto& z : e.zones) {
      if (z.resource_id.empty() || e.services.size() != 1) continue;
      const EndpointService& s = w->services[e.services[0]];
      for (size_t r = 0; r < s.resources.size(); ++r)
        if (s.resources[r].clb != kNone && w->clbs[s.resources[r].clb].id == z.resource_id) z.resource = r;
    }
  return w;
}

}  // namespace

std::optional<World> load_world(const std::string& path, const WorldOptions& options, Diagnostics& diags) {
  return finish(Loader(path, options, diags).run());
}

std::optional<World> load_world_text(std::string_view text, const std::string& name, const WorldOptions& options,
                                     Diagnostics& diags) {
  return finish(Loader(name, options, diags).run(text));
}

std::optional<RegionTable> load_region_table(const std::string& path, Diagnostics& diags) {
  auto json = load_json_file(path, diags);
  if (!json) return std::nullopt;
  JsonCursor root(path, *json);
  const JsonValue* regions = json->is(JsonKind::Object) ? json->find("regions") : nullptr;
  if (!regions || !regions->is(JsonKind::Array)) {
    diags.error("LP-WORLD-010", root.where(), "expected a region table {\"regions\": [{\"id\", \"zones\": [...]}]}");
    return std::nullopt;
  }
  RegionTable t;
  t.file = path;
  bool ok = true;
  for (const auto& m : json->members) {
    if (m.key != "regions") continue;
    JsonCursor list = root.member(m);
    for (size_t i = 0; i < regions->items.size(); ++i) {
      JsonCursor rc = list.item(i);
      const JsonValue* id = rc.value().is(JsonKind::Object) ? rc.value().find("id") : nullptr;
      const JsonValue* zones = rc.value().is(JsonKind::Object) ? rc.value().find("zones") : nullptr;
      if (!id || !id->is(JsonKind::String) || !zones || !zones->is(JsonKind::Array)) {
        diags.error("LP-WORLD-010", rc.where(), "expected a region {\"id\": \"cn-hangzhou\", \"zones\": [\"cn-hangzhou-h\", ...]}");
        ok = false;
        continue;
      }
      Region r{id->text, {}, rc.where()};
      for (const auto& z : zones->items)
        if (z.is(JsonKind::String)) r.zones.push_back(z.text);
      t.regions.push_back(std::move(r));
    }
  }
  if (!ok) return std::nullopt;
  return t;
}

}  // namespace lp
