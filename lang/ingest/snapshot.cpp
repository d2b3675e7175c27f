#include "lang/ingest/snapshot.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>
#include <functional>
#include <set>
#include <unordered_map>

#include "lang/bundled.h"
#include "lang/ingest/reader.h"
#include "lang/json.h"
#include "lang/policy.h"
#include "lang/policy_parser.h"
#include "lang/text.h"

namespace lp::ingest {

namespace fs = std::filesystem;

std::string CallName::key() const {
  std::string k = api();
  for (const auto& [name, value] : params) k += "." + name + "=" + value;
  return k;
}

std::optional<CallName> parse_call_name(const std::string& file_name, std::string& error) {
  const std::string convention = "<product>.<Action>[.<Key>=<Value>]*.page<N>.json";
  auto fail = [&](const std::string& why) -> std::optional<CallName> {
    error = "file name \"" + file_name + "\" does not follow " + convention + ": " + why;
    return std::nullopt;
  };
  if (file_name.size() < 5 || file_name.compare(file_name.size() - 5, 5, ".json") != 0) return fail("it does not end in .json");
  std::vector<std::string> parts;
  std::string stem = file_name.substr(0, file_name.size() - 5);
  size_t start = 0;
  while (true) {
    size_t dot = stem.find('.', start);
    parts.push_back(stem.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts.size() < 3) return fail("expected at least product, action and page");
  CallName c;
  c.product = parts[0];
  c.action = parts[1];
  auto word = [](const std::string& s, bool upper_first) {
    if (s.empty()) return false;
    if (upper_first && !std::isupper(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; });
  };
  if (!word(c.product, false)) return fail("\"" + c.product + "\" is not a product name (letters and digits)");
  if (!word(c.action, true)) return fail("\"" + c.action + "\" is not an API action (e.g. DescribeVpcs)");
  const std::string& last = parts.back();
  if (last.size() < 5 || last.compare(0, 4, "page") != 0 ||
      !std::all_of(last.begin() + 4, last.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; }))
    return fail("the last part before .json must be page<N>, e.g. page1");
  if (last.size() > 9) return fail("page number too large");
  c.page = std::stoi(last.substr(4));
  if (c.page < 1) return fail("pages count from 1");
  for (size_t i = 2; i + 1 < parts.size(); ++i) {
    size_t eq = parts[i].find('=');
    if (eq == std::string::npos) {
      if (c.params.empty()) return fail("\"" + parts[i] + "\" is not <Key>=<Value>");
      c.params.back().second += "." + parts[i];  // a value holding dots
      continue;
    }
    std::string k = parts[i].substr(0, eq), v = parts[i].substr(eq + 1);
    if (!word(k, true)) return fail("\"" + k + "\" is not a request parameter name");
    if (!c.params.empty() && c.params.back().first >= k)
      return fail("parameters must be sorted by key, each once (\"" + k + "\" after \"" + c.params.back().first + "\")");
    c.params.emplace_back(k, v);
  }
  return c;
}

namespace {

// ---- documented fields (api_fields.inc: the SDK models' field trees) ----

const std::map<std::string, std::set<std::string>>& documented_fields() {
  static const std::map<std::string, std::set<std::string>> table = {
#include "lang/ingest/api_fields.inc"
  };
  return table;
}

enum class Paging { None, NextToken, PageNumber, Marker };

struct Doc {
  std::string path;
  std::string account;
  CallName call;
  JsonValue root;
  std::string api;  // call.api(), once
};

// A reference by id, checked once everything is read.
struct Ref {
  std::string id;
  SourceRef where;
};

struct Rule {
  nlohmann::ordered_json json;
};

struct Vpc {
  std::string id, account, region, cidr;
  SourceRef where;
};
struct VSwitch {
  std::string id, zone, cidr;
  Ref vpc;
  SourceRef where;
};
struct SecurityGroup {
  std::string id, account, type, inner_access;
  Ref vpc;
  bool has_rules = false;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  SourceRef where;
};
struct Instance {
  std::string id, ip;
  Ref vswitch;
  std::vector<Ref> security_groups;
  SourceRef where;
};
struct Listener {
  std::string protocol;
  long long port = 0, backend_port = 0;
};
struct Clb {
  std::string id, account, region, zone, backup_zone, billing, address_type, network_type;
  Ref vpc;
  std::vector<Listener> listeners;
  bool listeners_listed = false;  // DescribeLoadBalancerListeners was read for it
  std::vector<Listener> attribute_listeners;
  std::vector<Ref> backends;
  SourceRef where;
};
struct ServiceResource {
  Ref clb;
  std::string zone;
  std::optional<bool> auto_allocation;
};
struct Service {
  std::string id, account, region, status, business_status;
  std::optional<std::string> description;
  std::optional<bool> auto_accept, zone_affinity;
  std::optional<long long> bandwidth;
  SourceRef where;
};
struct Zone {
  std::string zone, eni, ip, status, resource;
  Ref vswitch;
  SourceRef where;
};
struct Endpoint {
  std::string id, account, region, status, business_status, connection;
  std::optional<std::string> name, description;
  std::optional<long long> bandwidth;
  Ref vpc, service;
  SourceRef where;
};
struct PolicyAttachment {
  std::string name, type, version;
  SourceRef where;
};
struct PolicyDoc {
  nlohmann::ordered_json document;
  std::string version;
  bool is_default = false;
  SourceRef where;
};
struct Role {
  std::string name;
  std::optional<nlohmann::ordered_json> trust;
  SourceRef where;
};
struct AccountData {
  std::set<std::string> users;                          // ListUsers
  std::map<std::string, SourceRef> user_where;
  std::map<std::string, std::vector<Ref>> user_groups;  // ListGroupsForUser
  std::map<std::string, std::vector<PolicyAttachment>> user_policies, group_policies, role_policies;
  std::map<std::string, SourceRef> group_where;
  std::map<std::string, Role> roles;                                   // GetRole
  std::map<std::string, std::string> default_version;                  // "Type/Name" -> version (GetPolicy)
  std::map<std::string, std::map<std::string, PolicyDoc>> documents;  // "Type/Name" -> version -> document
};

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

class Importer {
 public:
  Importer(const ImportOptions& o, Diagnostics& d) : opt_(o), d_(d), ctx_{d, ignored_} {}

  std::optional<ImportResult> run(const std::vector<SnapshotFile>& files) {
    if (files.empty()) {
      ctx_.error(kLayout, {}, "the snapshot holds no response files (expected <account-id>/<product>.<Action>...page<N>.json)");
      return std::nullopt;
    }
    for (const auto& f : files) read_file(f);
    if (!ctx_.ok) return std::nullopt;
    // Group the pages of one call and check the set is whole.
    std::map<std::string, std::vector<const Doc*>> calls;
    for (const auto& doc : docs_) calls[doc.account + "/" + doc.call.key()].push_back(&doc);
    // Lists first, then what hangs off them (the order of kApis).
    std::vector<std::pair<int, std::vector<const Doc*>>> ordered;
    for (auto& [key, pages] : calls) {
      std::sort(pages.begin(), pages.end(), [](const Doc* a, const Doc* b) { return a->call.page < b->call.page; });
      auto it = apis().find(pages[0]->call.api());
      if (it == apis().end()) {
        not_read_[pages[0]->call.api()] += pages.size();
        continue;
      }
      if (!check_paging(it->second.paging, pages)) continue;
      ordered.emplace_back(it->second.order, pages);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [order, pages] : ordered) {
      const Api& api = apis().at(pages[0]->call.api());
      if (!required_params(api, *pages[0])) continue;
      for (const Doc* doc : pages) {
        JsonCursor root(doc->path, doc->root);
        ObjectReader r(ctx_, root, doc->api, "a response");
        if (!r.is_object()) continue;
        for (const char* k : {"RequestId", "NextToken", "MaxResults", "TotalCount", "PageNumber", "PageSize", "Marker",
                              "IsTruncated"})
          r.skip(k);
        (this->*api.read)(*doc, r);
      }
    }
    if (!ctx_.ok) return std::nullopt;
    match_enis();
    resolve();
    if (!ctx_.ok) return std::nullopt;
    ImportResult out;
    out.world = emit();
    if (!ctx_.ok) return std::nullopt;
    out.notes = notes();
    return out;
  }

 private:
  using Reader = void (Importer::*)(const Doc&, ObjectReader&);
  struct Api {
    Paging paging;
    std::vector<std::string> params;  // request parameters the file name must carry
    int order;
    Reader read;
  };

  static const std::map<std::string, Api>& apis() {
    static const std::map<std::string, Api> table = {
        {"vpc.DescribeVpcs", {Paging::PageNumber, {}, 0, &Importer::describe_vpcs}},
        {"vpc.DescribeVSwitches", {Paging::PageNumber, {}, 1, &Importer::describe_vswitches}},
        {"ecs.DescribeSecurityGroups", {Paging::NextToken, {}, 1, &Importer::describe_security_groups}},
        {"ecs.DescribeSecurityGroupAttribute", {Paging::NextToken, {"SecurityGroupId"}, 2, &Importer::describe_security_group_attribute}},
        {"ecs.DescribeInstances", {Paging::NextToken, {}, 2, &Importer::describe_instances}},
        {"ecs.DescribeNetworkInterfaces", {Paging::NextToken, {}, 3, &Importer::describe_network_interfaces}},
        {"slb.DescribeLoadBalancers", {Paging::PageNumber, {}, 1, &Importer::describe_load_balancers}},
        {"slb.DescribeLoadBalancerAttribute", {Paging::None, {"LoadBalancerId"}, 2, &Importer::describe_load_balancer_attribute}},
        {"slb.DescribeLoadBalancerListeners", {Paging::NextToken, {}, 2, &Importer::describe_load_balancer_listeners}},
        {"privatelink.ListVpcEndpointServices", {Paging::NextToken, {}, 1, &Importer::list_services}},
        {"privatelink.GetVpcEndpointServiceAttribute", {Paging::None, {"ServiceId"}, 2, &Importer::get_service}},
        {"privatelink.ListVpcEndpointServiceUsers", {Paging::NextToken, {"ServiceId"}, 3, &Importer::list_service_users}},
        {"privatelink.ListVpcEndpointServiceResources", {Paging::NextToken, {"ServiceId"}, 3, &Importer::list_service_resources}},
        {"privatelink.ListVpcEndpoints", {Paging::NextToken, {}, 1, &Importer::list_endpoints}},
        {"privatelink.GetVpcEndpointAttribute", {Paging::None, {"EndpointId"}, 2, &Importer::get_endpoint}},
        {"privatelink.ListVpcEndpointZones", {Paging::NextToken, {"EndpointId"}, 3, &Importer::list_endpoint_zones}},
        {"privatelink.ListVpcEndpointSecurityGroups", {Paging::NextToken, {"EndpointId"}, 3, &Importer::list_endpoint_security_groups}},
        {"privatelink.ListVpcEndpointConnections", {Paging::NextToken, {}, 4, &Importer::list_connections}},
        {"ram.ListUsers", {Paging::Marker, {}, 0, &Importer::list_users}},
        {"ims.ListUsers", {Paging::Marker, {}, 0, &Importer::list_users}},
        {"ram.ListGroupsForUser", {Paging::None, {"UserName"}, 1, &Importer::list_groups_for_user}},
        {"ims.ListGroupsForUser", {Paging::Marker, {"UserPrincipalName"}, 1, &Importer::list_groups_for_user}},
        {"ram.ListPoliciesForUser", {Paging::None, {"UserName"}, 1, &Importer::list_policies_for_user}},
        {"ram.ListPoliciesForGroup", {Paging::None, {"GroupName"}, 1, &Importer::list_policies_for_group}},
        {"ram.ListPoliciesForRole", {Paging::None, {"RoleName"}, 1, &Importer::list_policies_for_role}},
        {"ram.GetRole", {Paging::None, {"RoleName"}, 0, &Importer::get_role}},
        {"ram.GetPolicy", {Paging::None, {"PolicyName", "PolicyType"}, 0, &Importer::get_policy}},
        {"ram.GetPolicyVersion", {Paging::None, {"PolicyName", "PolicyType", "VersionId"}, 0, &Importer::get_policy_version}},
    };
    return table;
  }

  // ---- files ----

  void read_file(const SnapshotFile& f) {
    std::string why;
    auto call = parse_call_name(f.name, why);
    if (!call) {
      ctx_.error(kBadName, {f.path, "", 0, 0}, why);
      return;
    }
    if (f.account.empty() || !std::all_of(f.account.begin(), f.account.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; })) {
      ctx_.error(kLayout, {f.path, "", 0, 0},
                 "the folder holding a response file is named by its account id (digits), found \"" + f.account + "\"");
      return;
    }
    auto json = parse_json(f.text, f.path, d_);
    if (!json) {
      ctx_.ok = false;
      return;
    }
    docs_.push_back({f.path, f.account, *call, std::move(*json), call->api()});
  }

  std::string param(const Doc& doc, const std::string& key) const {
    for (const auto& [k, v] : doc.call.params)
      if (k == key) return v;
    return {};
  }

  SourceRef file_where(const Doc& doc) const { return {doc.path, "", doc.root.line, doc.root.column}; }

  bool required_params(const Api& api, const Doc& doc) {
    bool ok = true;
    for (const auto& p : api.params)
      if (param(doc, p).empty()) {
        ctx_.error(kBadName, {doc.path, "", 0, 0},
                   doc.call.api() + " answers for one " + p + ": its file name needs ." + p + "=<value> (responses do not say which " +
                       p + " was asked)");
        ok = false;
      }
    return ok;
  }

  // A page set is whole: pages 1..N, and each paging style's own marks agree (ingestion.md §2.6).
  bool check_paging(Paging style, const std::vector<const Doc*>& pages) {
    bool ok = true;
    std::vector<std::string> have;
    for (const Doc* p : pages) have.push_back("page" + std::to_string(p->call.page));
    for (size_t i = 0; i < pages.size(); ++i) {
      int want = static_cast<int>(i) + 1;
      if (pages[i]->call.page == want) continue;
      std::string what = pages[i]->call.page == want - 1 ? "twice" : "missing";
      ctx_.error(kPaging, {pages[i]->path, "", 0, 0},
                 "page" + std::to_string(want) + " of " + pages[0]->account + "/" + pages[0]->call.key() + " is " + what +
                     " (have " + join(have) + ")");
      return false;
    }
    const Doc* last = pages.back();
    auto member = [](const Doc* d, const char* key) -> const JsonValue* {
      return d->root.is(JsonKind::Object) ? d->root.find(key) : nullptr;
    };
    auto where_of = [&](const Doc* d, const char* key) {
      const JsonValue* v = member(d, key);
      return v ? SourceRef{d->path, std::string("/") + key, v->line, v->column} : file_where(*d);
    };
    std::string n_next = "page" + std::to_string(last->call.page + 1);
    switch (style) {
      case Paging::None:
        if (pages.size() > 1) {
          ctx_.error(kPaging, file_where(*pages[1]), pages[0]->call.api() + " does not page: expected page1 only");
          ok = false;
        }
        break;
      case Paging::NextToken:
        for (const Doc* p : pages) {
          const JsonValue* t = member(p, "NextToken");
          bool more = t && t->is(JsonKind::String) && !t->text.empty();
          if (p != last && !more) {
            ctx_.error(kPaging, where_of(p, "NextToken"),
                       "page" + std::to_string(p->call.page) + " has no NextToken, so it is the last page, yet page" +
                           std::to_string(p->call.page + 1) + " exists");
            ok = false;
          }
          if (p == last && more) {
            ctx_.error(kPaging, where_of(p, "NextToken"),
                       "the last page (page" + std::to_string(p->call.page) + ") carries NextToken \"" + t->text + "\": " +
                           n_next + " is missing");
            ok = false;
          }
        }
        break;
      case Paging::Marker:
        for (const Doc* p : pages) {
          const JsonValue* t = member(p, "IsTruncated");
          bool more = t && ((t->is(JsonKind::Bool) && t->boolean) || (t->is(JsonKind::String) && t->text == "true"));
          if (p != last && !more) {
            ctx_.error(kPaging, where_of(p, "IsTruncated"),
                       "page" + std::to_string(p->call.page) + " is not truncated (IsTruncated false), yet page" +
                           std::to_string(p->call.page + 1) + " exists");
            ok = false;
          }
          if (p == last && more) {
            ctx_.error(kPaging, where_of(p, "IsTruncated"),
                       "the last page (page" + std::to_string(p->call.page) + ") has IsTruncated true: " + n_next + " is missing");
            ok = false;
          }
        }
        break;
      case Paging::PageNumber: {
        size_t items = 0;
        std::optional<long long> total;
        for (const Doc* p : pages) {
          const JsonValue* n = member(p, "PageNumber");
          if (n) {
            auto v = whole_number(*n);
            if (!v || *v != p->call.page) {
              ctx_.error(kPaging, where_of(p, "PageNumber"),
                         "PageNumber " + n->text + " in the file named page" + std::to_string(p->call.page));
              ok = false;
            }
          }
          const JsonValue* t = member(p, "TotalCount");
          if (t) total = whole_number(*t);
          items += list_size(p);
        }
        if (ok && total && static_cast<long long>(items) < *total) {
          ctx_.error(kPaging, where_of(last, "TotalCount"),
                     "the pages hold " + std::to_string(items) + " of TotalCount " + std::to_string(*total) + " items: " + n_next +
                         " (or another page) is missing");
          ok = false;
        }
        break;
      }
    }
    return ok;
  }

  // Items of a PageNumber-paged list (DescribeVpcs, DescribeVSwitches, DescribeLoadBalancers).
  static size_t list_size(const Doc* p) {
    static const std::map<std::string, std::pair<const char*, const char*>> lists = {
        {"vpc.DescribeVpcs", {"Vpcs", "Vpc"}},
        {"vpc.DescribeVSwitches", {"VSwitches", "VSwitch"}},
        {"slb.DescribeLoadBalancers", {"LoadBalancers", "LoadBalancer"}}};
    auto it = lists.find(p->call.api());
    if (it == lists.end() || !p->root.is(JsonKind::Object)) return 0;
    const JsonValue* w = p->root.find(it->second.first);
    const JsonValue* a = w && w->is(JsonKind::Object) ? w->find(it->second.second) : nullptr;
    return a && a->is(JsonKind::Array) ? a->items.size() : 0;
  }

  // The region of an object: its RegionId, else the request's, else the response's.
  std::string region_of(const Doc& doc, ObjectReader& item, ObjectReader* root = nullptr) {
    if (auto r = item.str("RegionId")) return *r;
    std::string p = param(doc, "RegionId");
    if (!p.empty()) return p;
    if (root)
      if (auto r = root->str("RegionId")) return *r;
    return {};
  }

  Ref ref(ObjectReader& r, const std::string& key, bool required = true) {
    auto c = r.get(key);
    if (!c || !c->value().is(JsonKind::String) || c->value().text.empty()) {
      if (required) r.missing(key);
      return {};
    }
    return {c->value().text, c->where()};
  }

  // A filter in the file name that the content must match (the importer checks that a file fits
  // the call its name says).
  void fits(const Doc& doc, ObjectReader& r, const std::string& field, const std::string& key) {
    std::string want = param(doc, key);
    if (want.empty() || !r.has(field)) return;
    auto c = r.get(field);
    if (c->value().text != want)
      ctx_.error(kBadShape, c->where(),
                 "the file name says " + key + "=" + want + " but the content has " + field + " \"" + c->value().text + "\"");
  }

  bool check_cidr(const std::optional<std::string>& s, ObjectReader& r, const std::string& key, bool host) {
    if (!s) return false;
    auto v = host ? parse_ip(*s) : parse_cidr(*s, false);
    if (!v) {
      ctx_.error(kBadValue, r.get(key)->where(),
                 "\"" + *s + "\" is not " + (host ? "an IP address" : "a CIDR block with no host bits set"));
      return false;
    }
    return true;
  }

  template <typename T>
  bool define(std::map<std::string, T>& into, const std::string& id, const SourceRef& where, const char* kind) {
    auto it = into.find(id);
    if (it != into.end()) {
      ctx_.error(kDuplicate, where,
                 std::string(kind) + " " + id + " is listed twice (also at " + it->second.where.to_string() + ")");
      return false;
    }
    return true;
  }

  // ---- VPC ----

  void describe_vpcs(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("Vpcs", "Vpc", true)) {
      ObjectReader r(ctx_, c, doc.api, "a VPC");
      if (!r.is_object()) continue;
      Vpc v;
      v.where = r.where();
      v.id = r.str("VpcId", true).value_or("");
      v.account = doc.account;
      v.region = region_of(doc, r);
      auto cidr = r.str("CidrBlock", true);
      if (check_cidr(cidr, r, "CidrBlock", false)) v.cidr = *cidr;
      if (v.region.empty()) r.missing("RegionId");
      if (!v.id.empty() && define(vpcs_, v.id, v.where, "VPC")) vpcs_[v.id] = v;
    }
  }

  void describe_vswitches(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("VSwitches", "VSwitch", true)) {
      ObjectReader r(ctx_, c, doc.api, "a vSwitch");
      if (!r.is_object()) continue;
      VSwitch v;
      v.where = r.where();
      v.id = r.str("VSwitchId", true).value_or("");
      v.vpc = ref(r, "VpcId");
      v.zone = r.str("ZoneId", true).value_or("");
      auto cidr = r.str("CidrBlock", true);
      if (check_cidr(cidr, r, "CidrBlock", false)) v.cidr = *cidr;
      if (!v.id.empty() && define(vswitches_, v.id, v.where, "vSwitch")) vswitches_[v.id] = v;
    }
  }

  // ---- ECS ----

  void describe_security_groups(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("SecurityGroups", "SecurityGroup", true)) {
      ObjectReader r(ctx_, c, doc.api, "a security group");
      if (!r.is_object()) continue;
      SecurityGroup g;
      g.where = r.where();
      g.id = r.str("SecurityGroupId", true).value_or("");
      g.account = doc.account;
      g.vpc = ref(r, "VpcId");
      g.type = r.choice("SecurityGroupType", {"normal", "enterprise"}).value_or("normal");
      if (!g.id.empty() && define(groups_, g.id, g.where, "security group")) groups_[g.id] = g;
    }
  }

  void describe_security_group_attribute(const Doc& doc, ObjectReader& r) {
    std::string id = param(doc, "SecurityGroupId");
    fits(doc, r, "SecurityGroupId", "SecurityGroupId");
    auto it = groups_.find(id);
    if (it == groups_.end()) {
      ctx_.error(kDangling, file_where(doc),
                 "DescribeSecurityGroupAttribute for " + id + ", which no ecs.DescribeSecurityGroups file of account " +
                     doc.account + " lists");
      return;
    }
    SecurityGroup& g = it->second;
    r.skip("SecurityGroupId");
    if (auto p = r.choice("InnerAccessPolicy", {"Accept", "Drop"})) g.inner_access = lower(*p);
    if (r.has("VpcId")) {
      auto v = r.get("VpcId");
      if (v->value().text != g.vpc.id)
        ctx_.error(kBadShape, v->where(), "VpcId \"" + v->value().text + "\" differs from DescribeSecurityGroups (" + g.vpc.id + ")");
    }
    g.has_rules = true;
    for (const auto& c : r.list("Permissions", "Permission", true)) {
      ObjectReader p(ctx_, c, doc.api, "a security-group rule");
      if (!p.is_object()) continue;
      nlohmann::ordered_json rule;
      auto dir = p.choice("Direction", {"ingress", "egress"}, true);
      if (!dir) continue;
      rule["direction"] = *dir;
      bool in = *dir == "ingress";
      if (auto id_ = p.str("SecurityGroupRuleId")) rule["id"] = *id_;
      if (auto v = p.str("IpProtocol", true)) rule["protocol"] = lower(*v);
      if (auto v = p.str("PortRange")) rule["port_range"] = *v;
      if (auto v = p.choice("Policy", {"Accept", "Drop", "accept", "drop"})) rule["policy"] = lower(*v);
      if (auto v = p.str("Priority")) rule["priority"] = *v;
      auto peer = [&](const char* key, const char* as) {
        auto v = p.str(key);
        if (v && !v->empty()) rule[as] = *v;
      };
      for (const char* other : {"SourceCidrIp", "DestCidrIp", "Ipv6SourceCidrIp", "Ipv6DestCidrIp", "SourceGroupId", "DestGroupId",
                                "SourcePrefixListId", "DestPrefixListId"})
        p.skip(other);  // the far end of the other direction: empty in a real response
      peer(in ? "SourceCidrIp" : "DestCidrIp", "cidr");
      peer(in ? "Ipv6SourceCidrIp" : "Ipv6DestCidrIp", "ipv6_cidr");
      peer(in ? "SourceGroupId" : "DestGroupId", "source_group");
      peer(in ? "SourcePrefixListId" : "DestPrefixListId", "prefix_list");
      if (auto v = p.str("NicType"); v && !v->empty()) rule["nic_type"] = *v;
      if (auto v = p.str("Description"); v && !v->empty()) rule["description"] = *v;
      g.rules.push_back(rule);
    }
  }

  void describe_instances(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("Instances", "Instance", true)) {
      ObjectReader r(ctx_, c, doc.api, "an instance");
      if (!r.is_object()) continue;
      Instance i;
      i.where = r.where();
      i.id = r.str("InstanceId", true).value_or("");
      auto va = r.get("VpcAttributes");
      if (!va) {
        r.missing("VpcAttributes");
        continue;
      }
      ObjectReader v(ctx_, *va, doc.api, "VpcAttributes");
      i.vswitch = ref(v, "VSwitchId");
      v.skip("VpcId");
      auto ips = v.strings("PrivateIpAddress", "IpAddress");
      if (ips.empty()) {
        v.missing("PrivateIpAddress");
        continue;
      }
      if (!parse_ip(ips[0].first)) ctx_.error(kBadValue, ips[0].second, "\"" + ips[0].first + "\" is not an IP address");
      i.ip = ips[0].first;
      for (const auto& [sg, at] : r.strings("SecurityGroupIds", "SecurityGroupId")) i.security_groups.push_back({sg, at});
      if (!i.id.empty() && define(instances_, i.id, i.where, "instance")) instances_[i.id] = i;
    }
  }

  struct Eni {
    std::string id, type, instance, ip;
    bool service_managed = false;
    Ref vswitch;
    std::vector<Ref> security_groups;
    SourceRef where;
  };

  void describe_network_interfaces(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("NetworkInterfaceSets", "NetworkInterfaceSet", true)) {
      ObjectReader r(ctx_, c, doc.api, "a network interface");
      if (!r.is_object()) continue;
      Eni e;
      e.where = r.where();
      e.id = r.str("NetworkInterfaceId", true).value_or("");
      e.type = r.choice("Type", {"Primary", "Secondary", "Trunk", "Member"}).value_or("");
      e.instance = r.str("InstanceId").value_or("");
      e.service_managed = r.boolean("ServiceManaged").value_or(false);
      e.vswitch = ref(r, "VSwitchId");
      auto ip = r.str("PrivateIpAddress", true);
      if (check_cidr(ip, r, "PrivateIpAddress", true)) e.ip = *ip;
      for (const auto& [sg, at] : r.strings("SecurityGroupIds", "SecurityGroupId")) e.security_groups.push_back({sg, at});
      if (!e.id.empty()) enis_.push_back(e);
    }
  }

  // An endpoint's ENI is matched to its zone by EniId; other ENIs are instances (world-format.md:
  // an instance is an ECS instance's primary ENI or a standalone ENI).
  void match_enis() {
    std::unordered_map<std::string, Zone*> by_eni;
    for (auto& [id, zs] : zones_)
      for (auto& z : zs)
        if (!z.eni.empty()) by_eni[z.eni] = &z;
    for (const auto& e : enis_) {
      auto z = by_eni.find(e.id);
      if (z != by_eni.end()) {
        if (z->second->ip.empty()) z->second->ip = e.ip;
        else if (z->second->ip != e.ip)
          ctx_.error(kBadShape, e.where,
                     "ENI " + e.id + " has address " + e.ip + " but its endpoint zone (" + z->second->where.to_string() +
                         ") says " + z->second->ip);
        ++enis_matched_;
        continue;
      }
      if (e.service_managed) {
        ++enis_service_managed_;
        continue;
      }
      if (e.type == "Primary" && !e.instance.empty() && instances_.count(e.instance)) continue;  // the instance covers it
      std::string id = e.type == "Primary" && !e.instance.empty() ? e.instance : e.id;
      if (instances_.count(id)) continue;
      Instance i{id, e.ip, e.vswitch, e.security_groups, e.where};
      instances_[id] = i;
    }
  }

  // ---- SLB ----

  void describe_load_balancers(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("LoadBalancers", "LoadBalancer", true)) {
      ObjectReader r(ctx_, c, doc.api, "a load balancer");
      if (!r.is_object()) continue;
      Clb b;
      b.where = r.where();
      b.id = r.str("LoadBalancerId", true).value_or("");
      b.account = doc.account;
      b.region = region_of(doc, r);
      b.zone = r.str("MasterZoneId", true).value_or("");
      b.backup_zone = r.str("SlaveZoneId").value_or("");
      auto pay = r.choice("PayType", {"PayOnDemand", "PrePay"});
      b.billing = pay && *pay == "PrePay" ? "subscription" : "pay-as-you-go";
      b.address_type = r.choice("AddressType", {"intranet", "internet"}).value_or("intranet");
      b.network_type = lower(r.choice("NetworkType", {"vpc", "classic", "Classic"}).value_or("vpc"));
      b.vpc = ref(r, "VpcId", b.network_type == "vpc");
      if (!b.id.empty() && define(clbs_, b.id, b.where, "load balancer")) clbs_[b.id] = b;
    }
  }

  Clb* clb_for(const Doc& doc, const std::string& id, const SourceRef& where) {
    auto it = clbs_.find(id);
    if (it == clbs_.end()) {
      ctx_.error(kDangling, where, doc.call.api() + " for " + id + ", which no slb.DescribeLoadBalancers file lists");
      return nullptr;
    }
    return &it->second;
  }

  void describe_load_balancer_attribute(const Doc& doc, ObjectReader& r) {
    fits(doc, r, "LoadBalancerId", "LoadBalancerId");
    Clb* b = clb_for(doc, param(doc, "LoadBalancerId"), file_where(doc));
    if (!b) return;
    for (const auto& c : r.list("BackendServers", "BackendServer")) {
      ObjectReader s(ctx_, c, doc.api, "a backend server");
      if (!s.is_object()) continue;
      Ref server = ref(s, "ServerId");
      if (!server.id.empty()) b->backends.push_back(server);
    }
    for (const auto& c : r.list("ListenerPortsAndProtocol", "ListenerPortAndProtocol")) {
      ObjectReader l(ctx_, c, doc.api, "a listener port");
      if (!l.is_object()) continue;
      Listener li;
      li.port = l.integer("ListenerPort", true).value_or(0);
      li.protocol = l.choice("ListenerProtocol", {"tcp", "udp", "http", "https"}, true).value_or("tcp");
      b->attribute_listeners.push_back(li);
    }
  }

  void describe_load_balancer_listeners(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("Listeners", "", true)) {
      ObjectReader l(ctx_, c, doc.api, "a listener");
      if (!l.is_object()) continue;
      Ref lb = ref(l, "LoadBalancerId");
      Listener li;
      li.port = l.integer("ListenerPort", true).value_or(0);
      li.backend_port = l.integer("BackendServerPort").value_or(0);
      li.protocol = l.choice("ListenerProtocol", {"tcp", "udp", "http", "https"}, true).value_or("tcp");
      auto status = l.choice("Status", {"running", "stopped"});
      if (lb.id.empty()) continue;
      Clb* b = clb_for(doc, lb.id, lb.where);
      if (!b) continue;
      b->listeners_listed = true;
      if (status && *status == "stopped") {
        ++stopped_listeners_;  // a stopped listener forwards nothing
        continue;
      }
      b->listeners.push_back(li);
    }
  }

  // ---- PrivateLink services ----

  void read_service(const Doc& doc, ObjectReader& r, Service& s) {
    s.where = r.where();
    s.account = doc.account;
    s.region = region_of(doc, r);
    if (auto v = r.str("ServiceDescription")) s.description = *v;
    if (auto v = r.boolean("AutoAcceptEnabled")) s.auto_accept = *v;
    if (auto v = r.boolean("ZoneAffinityEnabled")) s.zone_affinity = *v;
    if (auto v = r.integer("ConnectBandwidth")) s.bandwidth = *v;
    if (auto v = r.choice("ServiceStatus", {"Creating", "Pending", "Active", "Deleting", "Inactive"})) s.status = *v;
    if (auto v = r.choice("ServiceBusinessStatus", {"Normal", "FinancialLocked", "SecurityLocked"})) s.business_status = *v;
    if (auto t = r.choice("ServiceResourceType", {"slb", "alb", "nlb", "gwlb"}); t && *t != "slb") non_clb_services_++;
  }

  void list_services(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("Services", "", true)) {
      ObjectReader r(ctx_, c, doc.api, "an endpoint service");
      if (!r.is_object()) continue;
      Service s;
      s.id = r.str("ServiceId", true).value_or("");
      read_service(doc, r, s);
      if (!s.id.empty() && define(services_, s.id, s.where, "endpoint service")) services_[s.id] = s;
    }
  }

  // The attribute call reads one object again; its values replace the list's (it is the later,
  // per-object read; docs/import.md).
  void get_service(const Doc& doc, ObjectReader& r) {
    fits(doc, r, "ServiceId", "ServiceId");
    Service s;
    s.id = param(doc, "ServiceId");
    r.skip("ServiceId");
    read_service(doc, r, s);
    auto it = services_.find(s.id);
    if (it == services_.end()) services_[s.id] = s;
    else {
      Service& old = it->second;
      if (s.description) old.description = s.description;
      if (s.auto_accept) old.auto_accept = s.auto_accept;
      if (s.zone_affinity) old.zone_affinity = s.zone_affinity;
      if (s.bandwidth) old.bandwidth = s.bandwidth;
      if (!s.status.empty()) old.status = s.status;
      if (!s.business_status.empty()) old.business_status = s.business_status;
    }
  }

  void list_service_users(const Doc& doc, ObjectReader& root) {
    std::string id = param(doc, "ServiceId");
    auto& wl = whitelist_[id];
    wl.where = file_where(doc);
    wl.account = doc.account;
    for (const auto& c : root.list("Users")) {
      ObjectReader r(ctx_, c, doc.api, "a whitelist user");
      if (!r.is_object()) continue;
      if (auto u = r.str("UserId", true)) wl.accounts.push_back(*u);
    }
    for (const auto& c : root.list("UserARNs")) {
      ObjectReader r(ctx_, c, doc.api, "a whitelist ARN");
      if (!r.is_object()) continue;
      auto arn = r.str("UserARN", true);
      if (!arn) continue;
      // acs:ram:*:<account-id>:* names one account; acs:ram:*::* every account (reference.md §3.7).
      std::vector<std::string> parts;
      size_t start = 0;
      while (true) {
        size_t colon = arn->find(':', start);
        parts.push_back(arn->substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
      }
      if (parts.size() != 5 || parts[0] != "acs" || parts[1] != "ram") {
        ctx_.error(kBadValue, r.get("UserARN")->where(), "\"" + *arn + "\" is not a RAM ARN acs:ram:*:<account-id>:*");
        continue;
      }
      if ((parts[3].empty() || parts[3] == "*") && opt_.wildcard_arn == WildcardArn::Refuse)
        ctx_.error(kBadValue, r.get("UserARN")->where(),
                   "\"" + *arn + "\" admits every account, and --wildcard-arn refuse is set (reference.md §3.7: its meaning is unconfirmed)");
      else if (parts[3].empty() || parts[3] == "*") wl.everyone = true;
      else wl.accounts.push_back(parts[3]);
    }
  }

  void list_service_resources(const Doc& doc, ObjectReader& root) {
    std::string id = param(doc, "ServiceId");
    for (const auto& c : root.list("Resources", "", true)) {
      ObjectReader r(ctx_, c, doc.api, "a service resource");
      if (!r.is_object()) continue;
      auto type = r.choice("ResourceType", {"slb", "alb", "nlb", "gwlb"});
      ServiceResource sr;
      sr.clb = ref(r, "ResourceId");
      sr.zone = r.str("ZoneId", true).value_or("");
      sr.auto_allocation = r.boolean("AutoAllocatedEnabled");
      if (type && *type != "slb") {
        ++non_clb_resources_;  // the world models CLB resources only
        continue;
      }
      resources_[id].push_back(sr);
      resources_where_[id] = file_where(doc);
    }
  }

  // ---- PrivateLink endpoints ----

  void read_endpoint(const Doc& doc, ObjectReader& r, Endpoint& e) {
    e.where = r.where();
    e.account = doc.account;
    e.region = region_of(doc, r);
    e.vpc = ref(r, "VpcId");
    e.service = ref(r, "ServiceId");
    if (auto v = r.str("EndpointName")) e.name = *v;
    if (auto v = r.str("EndpointDescription")) e.description = *v;
    if (auto v = r.integer("Bandwidth")) e.bandwidth = *v;
    if (auto v = r.choice("EndpointStatus", {"Creating", "Active", "Pending", "Deleting"})) e.status = *v;
    if (auto v = r.choice("EndpointBusinessStatus", {"Normal", "FinancialLocked", "SecurityLocked"})) e.business_status = *v;
    if (auto v = r.choice("ConnectionStatus", {"Pending", "Connecting", "Connected", "Disconnecting", "Disconnected", "Deleting",
                                               "ServiceDeleted"}))
      e.connection = *v;
    if (auto t = r.choice("EndpointType", {"Interface", "Reverse", "GatewayLoadBalancer"}); t && *t != "Interface")
      ++non_interface_endpoints_;
    if (auto p = r.get("PolicyDocument"); p && p->value().is(JsonKind::String) && !p->value().text.empty()) {
      // The endpoint policy is not part of the world; it is still checked to be a policy.
      Diagnostics inner;
      if (!parse_policy_text(p->value().text, doc.path + "#" + p->pointer(), opt_.policy, inner, PolicyKind::Auto))
        ++bad_endpoint_policies_;
      ++endpoint_policies_;
    }
  }

  void list_endpoints(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("Endpoints", "", true)) {
      ObjectReader r(ctx_, c, doc.api, "an endpoint");
      if (!r.is_object()) continue;
      Endpoint e;
      e.id = r.str("EndpointId", true).value_or("");
      read_endpoint(doc, r, e);
      if (!e.id.empty() && define(endpoints_, e.id, e.where, "endpoint")) endpoints_[e.id] = e;
    }
  }

  void get_endpoint(const Doc& doc, ObjectReader& r) {
    fits(doc, r, "EndpointId", "EndpointId");
    Endpoint e;
    e.id = param(doc, "EndpointId");
    r.skip("EndpointId");
    r.skip("ZonePrivateIpAddressCount");
    read_endpoint(doc, r, e);
    endpoints_[e.id] = e;  // the per-object read replaces the list's
  }

  Endpoint* endpoint_for(const Doc& doc) {
    std::string id = param(doc, "EndpointId");
    auto it = endpoints_.find(id);
    if (it == endpoints_.end()) {
      ctx_.error(kDangling, file_where(doc),
                 doc.call.api() + " for " + id + ", which no privatelink.ListVpcEndpoints or GetVpcEndpointAttribute file lists");
      return nullptr;
    }
    return &it->second;
  }

  void list_endpoint_zones(const Doc& doc, ObjectReader& root) {
    Endpoint* e = endpoint_for(doc);
    auto items = root.list("Zones", "", true);
    if (!e) return;
    for (const auto& c : items) {
      ObjectReader r(ctx_, c, doc.api, "an endpoint zone");
      if (!r.is_object()) continue;
      Zone z;
      z.where = r.where();
      z.zone = r.str("ZoneId", true).value_or("");
      z.vswitch = ref(r, "VSwitchId");
      z.eni = r.str("EniId").value_or("");
      auto ip = r.str("EniIp");
      if (ip && !ip->empty() && check_cidr(ip, r, "EniIp", true)) z.ip = *ip;
      z.status = r.choice("ZoneStatus", {"Creating", "Wait", "Connected", "Deleting", "Disconnecting", "Disconnected",
                                         "Connecting"}).value_or("");
      zones_[e->id].push_back(z);
    }
  }

  void list_endpoint_security_groups(const Doc& doc, ObjectReader& root) {
    Endpoint* e = endpoint_for(doc);
    auto items = root.list("SecurityGroups", "", true);
    if (!e) return;
    for (const auto& c : items) {
      ObjectReader r(ctx_, c, doc.api, "an endpoint security group");
      if (!r.is_object()) continue;
      Ref g = ref(r, "SecurityGroupId");
      auto status = r.choice("SecurityGroupStatus", {"Attaching", "Attached", "Detaching"});
      if (status && *status == "Detaching") {
        ++detaching_groups_;  // on its way out: it no longer filters the endpoint's traffic
        continue;
      }
      if (!g.id.empty()) endpoint_groups_[e->id].push_back(g);
    }
  }

  // The service side of a connection: its status, bandwidth and the resource each zone is
  // assigned (reference.md §3.6: Zones[].ResourceId is authoritative, §3.11).
  void list_connections(const Doc& doc, ObjectReader& root) {
    for (const auto& c : root.list("Connections", "", true)) {
      ObjectReader r(ctx_, c, doc.api, "a connection");
      if (!r.is_object()) continue;
      fits(doc, r, "ServiceId", "ServiceId");
      fits(doc, r, "EndpointId", "EndpointId");
      Ref ep = ref(r, "EndpointId");
      r.skip("ServiceId");
      auto status = r.choice("ConnectionStatus", {"Pending", "Connecting", "Connected", "Disconnecting", "Disconnected",
                                                  "Deleting", "ServiceDeleted"});
      auto bandwidth = r.integer("Bandwidth");
      Connection conn{ep, status.value_or(""), bandwidth, {}};
      for (const auto& zc : r.list("Zones")) {
        ObjectReader z(ctx_, zc, doc.api, "a connection zone");
        if (!z.is_object()) continue;
        ConnectionZone cz;
        cz.where = z.where();
        cz.zone = z.str("ZoneId", true).value_or("");
        cz.eni = z.str("EniId").value_or("");
        cz.resource = z.str("ResourceId").value_or("");
        cz.status = z.choice("ZoneStatus", {"Creating", "Wait", "Connected", "Deleting", "Disconnecting", "Disconnected",
                                            "Connecting", "Migrating", "Migrated"}).value_or("");
        conn.zones.push_back(cz);
      }
      if (!ep.id.empty()) connections_.push_back(conn);
    }
  }

  // ---- RAM ----

  std::string user_of(const Doc& doc) {
    std::string u = param(doc, "UserName");
    if (u.empty()) {
      u = param(doc, "UserPrincipalName");
      u = u.substr(0, u.find('@'));  // IMS keys users by <name>@<account alias>.onaliyun.com
    }
    return u;
  }

  void list_users(const Doc& doc, ObjectReader& root) {
    AccountData& a = accounts_[doc.account];
    for (const auto& c : root.list("Users", "User", true)) {
      ObjectReader r(ctx_, c, doc.api, "a RAM user");
      if (!r.is_object()) continue;
      auto name = r.str("UserName", true);
      if (!name) continue;
      if (a.users.count(*name)) {
        ctx_.error(kDuplicate, r.where(), "RAM user " + *name + " is listed twice (also at " + a.user_where[*name].to_string() + ")");
        continue;
      }
      a.users.insert(*name);
      a.user_where[*name] = r.where();
    }
  }

  void list_groups_for_user(const Doc& doc, ObjectReader& root) {
    AccountData& a = accounts_[doc.account];
    std::string user = user_of(doc);
    auto& groups = a.user_groups[user];
    user_group_files_[doc.account + "/" + user] = file_where(doc);
    for (const auto& c : root.list("Groups", "Group", true)) {
      ObjectReader r(ctx_, c, doc.api, "a RAM group");
      if (!r.is_object()) continue;
      Ref g = ref(r, "GroupName");
      if (g.id.empty()) continue;
      groups.push_back(g);
      if (!a.group_where.count(g.id)) a.group_where[g.id] = g.where;
    }
  }

  std::vector<PolicyAttachment> attachments(const Doc& doc, ObjectReader& root) {
    std::vector<PolicyAttachment> out;
    for (const auto& c : root.list("Policies", "Policy", true)) {
      ObjectReader r(ctx_, c, doc.api, "an attached policy");
      if (!r.is_object()) continue;
      PolicyAttachment p;
      p.where = r.where();
      p.name = r.str("PolicyName", true).value_or("");
      p.type = r.choice("PolicyType", {"System", "Custom"}, true).value_or("");
      p.version = r.str("DefaultVersion").value_or("");
      if (!p.name.empty() && !p.type.empty()) out.push_back(p);
    }
    return out;
  }

  void list_policies_for_user(const Doc& doc, ObjectReader& root) {
    auto& list = accounts_[doc.account].user_policies[user_of(doc)];
    for (auto& p : attachments(doc, root)) list.push_back(p);
    user_policy_files_[doc.account + "/" + user_of(doc)] = file_where(doc);
  }
  void list_policies_for_group(const Doc& doc, ObjectReader& root) {
    AccountData& a = accounts_[doc.account];
    std::string g = param(doc, "GroupName");
    for (auto& p : attachments(doc, root)) a.group_policies[g].push_back(p);
    if (!a.group_where.count(g)) a.group_where[g] = file_where(doc);
  }
  void list_policies_for_role(const Doc& doc, ObjectReader& root) {
    auto& list = accounts_[doc.account].role_policies[param(doc, "RoleName")];
    for (auto& p : attachments(doc, root)) list.push_back(p);
  }

  // A policy document arrives as a JSON string holding JSON (reference.md §5: parse it twice; it is
  // not URL-encoded). It is checked with the RAM parser; errors are located inside the string as
  // <file>#<pointer>:line:column.
  std::optional<nlohmann::ordered_json> document(const Doc& doc, ObjectReader& r, const std::string& key, PolicyKind kind) {
    auto c = r.get(key);
    if (!c) {
      r.missing(key);
      return std::nullopt;
    }
    if (!c->value().is(JsonKind::String)) {
      ctx_.error(kBadValue, c->where(), "expected \"" + key + "\" to be a JSON string holding the policy document, found " +
                                            json_kind_name(c->value().kind));
      return std::nullopt;
    }
    const std::string& text = c->value().text;
    Diagnostics inner;
    auto p = parse_policy_text(text, doc.path + "#" + c->pointer(), opt_.policy, inner, kind);
    if (!p) {
      ctx_.error(kBadDocument, c->where(), "\"" + key + "\" does not hold a valid policy document (errors follow, located inside the string)");
      for (auto& item : inner.items()) d_.add(item);
      return std::nullopt;
    }
    try {
      return nlohmann::ordered_json::parse(text);
    } catch (const std::exception&) {
      ctx_.error(kBadDocument, c->where(), "\"" + key + "\" does not hold JSON");
      return std::nullopt;
    }
  }

  void get_role(const Doc& doc, ObjectReader& root) {
    auto rc = root.get("Role");
    if (!rc) {
      ctx_.error(kBadShape, root.where(), "not ram.GetRole response content: no \"Role\"");
      return;
    }
    ObjectReader r(ctx_, *rc, doc.api, "a role");
    if (!r.is_object()) return;
    fits(doc, r, "RoleName", "RoleName");
    Role role;
    role.name = param(doc, "RoleName");
    role.where = r.where();
    r.skip("RoleName");
    role.trust = document(doc, r, "AssumeRolePolicyDocument", PolicyKind::Trust);
    accounts_[doc.account].roles[role.name] = role;
  }

  void add_document(const Doc& doc, const std::string& version, bool is_default, nlohmann::ordered_json d,
                    const SourceRef& where) {
    AccountData& a = accounts_[doc.account];
    std::string key = param(doc, "PolicyType") + "/" + param(doc, "PolicyName");
    a.documents[key][version] = {std::move(d), version, is_default, where};
    if (is_default) a.default_version[key] = version;
  }

  void get_policy(const Doc& doc, ObjectReader& root) {
    if (auto pc = root.get("Policy")) {
      ObjectReader p(ctx_, *pc, doc.api, "a policy");
      fits(doc, p, "PolicyName", "PolicyName");
      fits(doc, p, "PolicyType", "PolicyType");
      p.skip("PolicyDocument");  // deprecated in favour of DefaultPolicyVersion (reference.md §5.9)
      if (auto v = p.str("DefaultVersion"))
        accounts_[doc.account].default_version[param(doc, "PolicyType") + "/" + param(doc, "PolicyName")] = *v;
    }
    auto vc = root.get("DefaultPolicyVersion");
    if (!vc) {
      ctx_.error(kBadShape, root.where(), "not ram.GetPolicy response content: no \"DefaultPolicyVersion\"");
      return;
    }
    ObjectReader v(ctx_, *vc, doc.api, "a policy version");
    if (!v.is_object()) return;
    std::string version = v.str("VersionId", true).value_or("");
    v.boolean("IsDefaultVersion");
    if (auto d = document(doc, v, "PolicyDocument", PolicyKind::Identity)) add_document(doc, version, true, *d, v.where());
  }

  void get_policy_version(const Doc& doc, ObjectReader& root) {
    auto vc = root.get("PolicyVersion");
    if (!vc) {
      ctx_.error(kBadShape, root.where(), "not ram.GetPolicyVersion response content: no \"PolicyVersion\"");
      return;
    }
    ObjectReader v(ctx_, *vc, doc.api, "a policy version");
    if (!v.is_object()) return;
    fits(doc, v, "VersionId", "VersionId");
    v.skip("VersionId");
    bool is_default = v.boolean("IsDefaultVersion").value_or(false);
    if (auto d = document(doc, v, "PolicyDocument", PolicyKind::Identity))
      add_document(doc, param(doc, "VersionId"), is_default, *d, v.where());
  }

  // ---- references ----

  template <typename T>
  void must_exist(const Ref& r, const std::map<std::string, T>& in, const char* kind, const char* call) {
    if (r.id.empty() || in.count(r.id)) return;
    ctx_.error(kDangling, r.where, "no " + std::string(kind) + " has the id \"" + r.id + "\" (no " + call + " file lists it)");
  }

  void resolve() {
    for (const auto& [id, v] : vswitches_) must_exist(v.vpc, vpcs_, "VPC", "vpc.DescribeVpcs");
    for (const auto& [id, g] : groups_) must_exist(g.vpc, vpcs_, "VPC", "vpc.DescribeVpcs");
    for (const auto& [id, i] : instances_) {
      must_exist(i.vswitch, vswitches_, "vSwitch", "vpc.DescribeVSwitches");
      for (const auto& g : i.security_groups) must_exist(g, groups_, "security group", "ecs.DescribeSecurityGroups");
    }
    for (const auto& [id, b] : clbs_) {
      must_exist(b.vpc, vpcs_, "VPC", "vpc.DescribeVpcs");
      for (const auto& s : b.backends) must_exist(s, instances_, "instance", "ecs.DescribeInstances or DescribeNetworkInterfaces");
    }
    for (const auto& [id, list] : resources_)
      for (const auto& r : list) must_exist(r.clb, clbs_, "load balancer", "slb.DescribeLoadBalancers");
    for (const auto& [id, w] : whitelist_)
      if (!services_.count(id))
        ctx_.error(kDangling, w.where, "ListVpcEndpointServiceUsers for " + id + ", which no ListVpcEndpointServices file lists");
    for (const auto& [id, w] : resources_where_)
      if (!services_.count(id))
        ctx_.error(kDangling, w, "ListVpcEndpointServiceResources for " + id + ", which no ListVpcEndpointServices file lists");
    for (const auto& [id, e] : endpoints_) {
      must_exist(e.vpc, vpcs_, "VPC", "vpc.DescribeVpcs");
      must_exist(e.service, services_, "endpoint service", "privatelink.ListVpcEndpointServices (of the provider's account)");
      for (const auto& g : endpoint_groups_[id]) must_exist(g, groups_, "security group", "ecs.DescribeSecurityGroups");
      for (const auto& z : zones_[id]) must_exist(z.vswitch, vswitches_, "vSwitch", "vpc.DescribeVSwitches");
    }
    // A provider's snapshot lists the connections of consumers outside it: those endpoints are not
    // in the world, so their connections are left out (with a note), not refused.
    for (const auto& c : connections_)
      if (!endpoints_.count(c.endpoint.id)) ++foreign_connections_;
    for (const auto& [acct, a] : accounts_) {
      for (const auto& [user, groups] : a.user_groups) {
        if (!a.users.count(user))
          ctx_.error(kDangling, user_group_files_[acct + "/" + user],
                     "ListGroupsForUser for " + user + ", whom no ListUsers file of account " + acct + " lists");
      }
      for (const auto& [user, list] : a.user_policies)
        if (!a.users.count(user))
          ctx_.error(kDangling, user_policy_files_[acct + "/" + user],
                     "ListPoliciesForUser for " + user + ", whom no ListUsers file of account " + acct + " lists");
      for (const auto& [role, list] : a.role_policies)
        if (!a.roles.count(role) && !list.empty())
          ctx_.error(kDangling, list[0].where, "ListPoliciesForRole for " + role + ", whom no ram.GetRole file describes");
    }
  }

  // ---- the world ----

  struct Whitelist {
    std::string account;
    std::vector<std::string> accounts;
    bool everyone = false;
    SourceRef where;
  };
  struct ConnectionZone {
    std::string zone, eni, resource, status;
    SourceRef where;
  };
  struct Connection {
    Ref endpoint;
    std::string status;
    std::optional<long long> bandwidth;
    std::vector<ConnectionZone> zones;
  };

  // Policy ids: system policies once for the world, custom ones per account.
  std::string policy_id(const std::string& account, const PolicyAttachment& p) {
    std::string id = p.type == "System" ? "system/" + p.name : account + "/" + p.name;
    if (policy_ids_.count(id)) return id;
    const AccountData& a = accounts_[account];
    std::string key = p.type + "/" + p.name;
    std::string version = p.version;
    if (version.empty()) {
      auto dv = a.default_version.find(key);
      if (dv != a.default_version.end()) version = dv->second;
    }
    const PolicyDoc* doc = nullptr;
    // A system policy's document may sit in any account's folder.
    for (const auto& [acct, data] : accounts_) {
      if (p.type != "System" && acct != account) continue;
      auto docs = data.documents.find(key);
      if (docs == data.documents.end()) continue;
      auto v = version.empty() ? docs->second.end() : docs->second.find(version);
      if (v == docs->second.end() && version.empty())
        for (const auto& [ver, d] : docs->second)
          if (d.is_default) v = docs->second.find(ver);
      if (v != docs->second.end()) {
        doc = &v->second;
        break;
      }
    }
    if (!doc && p.type == "System")  // a system policy the snapshot did not fetch: the bundled document (policies/system/)
      if (auto dir = policies_dir())
        for (const auto& b : bundled_policy_files(*dir))
          if (b.name == p.name) {
            policy_ids_.insert(id);
            nlohmann::ordered_json entry;
            entry["id"] = id;
            entry["file"] = b.path;
            policies_.push_back(entry);
            return id;
          }
    if (!doc) {
      ctx_.error(kDangling, p.where,
                 "policy " + p.name + " (" + p.type + ", version " + (version.empty() ? "?" : version) +
                     ") is attached but no ram.GetPolicy.PolicyName=" + p.name + ".PolicyType=" + p.type +
                     " or ram.GetPolicyVersion file of the snapshot holds its document");
      return {};
    }
    policy_ids_.insert(id);
    nlohmann::ordered_json entry;
    entry["id"] = id;
    entry["document"] = doc->document;
    policies_.push_back(entry);
    return id;
  }

  nlohmann::ordered_json policy_list(const std::string& account, const std::vector<PolicyAttachment>& list) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& p : list) {
      std::string id = policy_id(account, p);
      if (!id.empty()) out.push_back(id);
    }
    return out;
  }

  nlohmann::ordered_json emit() {
    using J = nlohmann::ordered_json;
    J w;
    w["linkproof"] = 1;
    w["description"] = "imported from an Alibaba Cloud API snapshot (linkproof import openapi)";
    std::set<std::string> account_ids;
    for (const auto& d : docs_) account_ids.insert(d.account);
    J accounts = J::array();
    for (const auto& id : account_ids) {
      J a;
      a["id"] = id;
      auto it = accounts_.find(id);
      if (it != accounts_.end()) {
        AccountData& data = it->second;
        J groups = J::array();
        std::set<std::string> group_names;
        for (const auto& [g, at] : data.group_where) group_names.insert(g);
        for (const auto& g : group_names) {
          J gj;
          gj["name"] = g;
          gj["policies"] = policy_list(id, data.group_policies[g]);
          groups.push_back(gj);
        }
        J users = J::array();
        for (const auto& u : data.users) {
          J uj;
          uj["name"] = u;
          J ug = J::array();
          for (const auto& g : data.user_groups[u]) ug.push_back(g.id);
          uj["groups"] = ug;
          uj["policies"] = policy_list(id, data.user_policies[u]);
          users.push_back(uj);
        }
        J roles = J::array();
        for (const auto& [name, role] : data.roles) {
          J rj;
          rj["name"] = name;
          if (role.trust) {
            std::string tid = id + "/role/" + name + "/trust";
            J entry;
            entry["id"] = tid;
            entry["document"] = *role.trust;
            entry["kind"] = "trust";
            policies_.push_back(entry);
            rj["trust_policy"] = tid;
          }
          rj["policies"] = policy_list(id, data.role_policies[name]);
          roles.push_back(rj);
        }
        if (!users.empty()) a["users"] = users;
        if (!groups.empty()) a["groups"] = groups;
        if (!roles.empty()) a["roles"] = roles;
      }
      accounts.push_back(a);
    }
    w["policies"] = policies_;
    w["accounts"] = accounts;

    J vpcs = J::array();
    for (const auto& [id, v] : vpcs_)
      vpcs.push_back({{"id", id}, {"account", v.account}, {"region", v.region}, {"cidr", v.cidr}, {"source", source_json(v.where)}});
    w["vpcs"] = vpcs;
    J vsws = J::array();
    for (const auto& [id, v] : vswitches_)
      vsws.push_back({{"id", id}, {"vpc", v.vpc.id}, {"zone", v.zone}, {"cidr", v.cidr}, {"source", source_json(v.where)}});
    w["vswitches"] = vsws;
    J sgs = J::array();
    for (const auto& [id, g] : groups_) {
      J gj;
      gj["id"] = id;
      gj["vpc"] = g.vpc.id;
      gj["type"] = g.type;
      if (!g.inner_access.empty()) gj["inner_access"] = g.inner_access;
      gj["rules"] = g.rules;
      gj["source"] = source_json(g.where);
      if (!g.has_rules) groups_without_rules_.push_back(id);
      sgs.push_back(gj);
    }
    w["security_groups"] = sgs;
    J insts = J::array();
    for (const auto& [id, i] : instances_) {
      J ij;
      ij["id"] = id;
      ij["vswitch"] = i.vswitch.id;
      ij["ip"] = i.ip;
      J g = J::array();
      for (const auto& r : i.security_groups) g.push_back(r.id);
      ij["security_groups"] = g;
      ij["source"] = source_json(i.where);
      insts.push_back(ij);
    }
    w["instances"] = insts;
    J clbs = J::array();
    for (auto& [id, b] : clbs_) {
      J bj;
      bj["id"] = id;
      bj["account"] = b.account;
      bj["region"] = b.region;
      bj["zone"] = b.zone;
      if (!b.backup_zone.empty()) bj["backup_zone"] = b.backup_zone;
      if (!b.vpc.id.empty()) bj["vpc"] = b.vpc.id;
      bj["billing"] = b.billing;
      bj["address_type"] = b.address_type;
      bj["network_type"] = b.network_type;
      J ls = J::array();
      const auto& listeners = b.listeners_listed ? b.listeners : b.attribute_listeners;
      for (const auto& l : listeners) {
        J lj;
        lj["protocol"] = l.protocol;
        lj["port"] = l.port;
        if (l.backend_port && l.backend_port != l.port) lj["backend_port"] = l.backend_port;
        ls.push_back(lj);
      }
      bj["listeners"] = ls;
      J be = J::array();
      for (const auto& r : b.backends) be.push_back(r.id);
      bj["backends"] = be;
      bj["source"] = source_json(b.where);
      clbs.push_back(bj);
    }
    w["clbs"] = clbs;
    J svcs = J::array();
    for (const auto& [id, s] : services_) {
      J sj;
      sj["id"] = id;
      sj["account"] = s.account;
      sj["region"] = s.region;
      if (s.description && !s.description->empty()) sj["description"] = *s.description;
      if (s.auto_accept) sj["auto_accept"] = *s.auto_accept;
      if (s.zone_affinity) sj["zone_affinity"] = *s.zone_affinity;
      if (s.bandwidth) sj["bandwidth"] = *s.bandwidth;
      if (!s.status.empty()) sj["status"] = s.status;
      if (!s.business_status.empty()) sj["business_status"] = s.business_status;
      auto wl = whitelist_.find(id);
      if (wl != whitelist_.end()) {
        std::set<std::string> ids(wl->second.accounts.begin(), wl->second.accounts.end());
        // acs:ram:*::* admits every account: in the world that is every account of the snapshot.
        if (wl->second.everyone) ids.insert(account_ids.begin(), account_ids.end());
        ids.erase(s.account);
        sj["whitelist"] = J(std::vector<std::string>(ids.begin(), ids.end()));
      } else {
        services_without_whitelist_.push_back(id);
      }
      J rs = J::array();
      for (const auto& r : resources_[id]) {
        J rj;
        rj["clb"] = r.clb.id;
        rj["zone"] = r.zone;
        if (r.auto_allocation) rj["auto_allocation"] = *r.auto_allocation;
        rs.push_back(rj);
      }
      sj["resources"] = rs;
      sj["source"] = source_json(s.where);
      svcs.push_back(sj);
    }
    w["services"] = svcs;
    J eps = J::array();
    std::map<std::string, const Connection*> conn_of;
    for (const auto& c : connections_) conn_of[c.endpoint.id] = &c;
    for (const auto& [id, e] : endpoints_) {
      J ej;
      ej["id"] = id;
      ej["account"] = e.account;
      ej["region"] = e.region;
      ej["vpc"] = e.vpc.id;
      ej["service"] = e.service.id;
      if (e.name && !e.name->empty()) ej["name"] = *e.name;
      if (e.description && !e.description->empty()) ej["description"] = *e.description;
      J g = J::array();
      for (const auto& r : endpoint_groups_[id]) g.push_back(r.id);
      ej["security_groups"] = g;
      if (!e.status.empty()) ej["status"] = e.status;
      if (!e.business_status.empty()) ej["business_status"] = e.business_status;
      const Connection* conn = conn_of.count(id) ? conn_of[id] : nullptr;
      std::string connection = conn && !conn->status.empty() ? conn->status : e.connection;
      if (!connection.empty()) ej["connection"] = connection;
      auto bandwidth = conn && conn->bandwidth ? conn->bandwidth : e.bandwidth;
      if (bandwidth) ej["bandwidth"] = *bandwidth;
      J zs = J::array();
      for (const auto& z : zones_[id]) {
        J zj;
        zj["zone"] = z.zone;
        zj["vswitch"] = z.vswitch.id;
        if (!z.eni.empty()) zj["eni"] = z.eni;
        if (!z.ip.empty()) zj["ip"] = z.ip;
        std::string status = z.status, resource;
        if (conn)
          for (const auto& cz : conn->zones)
            if (cz.zone == z.zone && (cz.eni.empty() || z.eni.empty() || cz.eni == z.eni)) {
              resource = cz.resource;
              if (!cz.status.empty()) status = cz.status;  // the service side also knows Migrating / Migrated
            }
        if (!status.empty()) zj["status"] = status;
        if (!resource.empty()) zj["resource"] = resource;
        else if (!conn) zones_without_connection_++;
        zj["source"] = source_json(z.where);
        zs.push_back(zj);
      }
      ej["zones"] = zs;
      ej["source"] = source_json(e.where);
      eps.push_back(ej);
    }
    w["endpoints"] = eps;
    return w;
  }

  // ---- notes ----

  std::vector<ImportNote> notes() {
    std::vector<ImportNote> out;
    const auto& documented = documented_fields();
    for (const auto& [api, fields] : ignored_) {
      size_t known = 0, unknown = 0;
      std::vector<std::string> details;
      auto doc = documented.find(api);
      for (const auto& [path, f] : fields) {
        bool is_known = doc != documented.end() && doc->second.count(path) > 0;
        (is_known ? known : unknown)++;
        if (opt_.verbose)
          details.push_back(path + " (" + std::to_string(f.count) + "x, first at " + f.first.to_string() + "; " +
                            (is_known ? "documented, not modelled by the world" : "not in the documented shape") + ")");
      }
      std::string m = std::to_string(known + unknown) + " fields ignored: " + std::to_string(known) +
                      " documented but not modelled by the world, " + std::to_string(unknown) +
                      " not in the documented shape" + (opt_.verbose ? "" : " (--verbose lists them)");
      out.push_back({api, m, details});
    }
    for (const auto& [api, n] : not_read_)
      out.push_back({api, std::to_string(n) + " file(s) not read: the world does not use this call", {}});
    auto note = [&](const std::string& api, size_t n, const std::string& text) {
      if (n) out.push_back({api, std::to_string(n) + " " + text, {}});
    };
    std::set<std::string> account_ids;
    for (const auto& d : docs_) account_ids.insert(d.account);
    note("", account_ids.size(),
         "account(s): PrivateLink activation is not reported by these APIs; the world's default (activated) is taken");
    note("", clbs_.size(), "load balancer(s): the PrivateLink flag of a CLB is not reported by these APIs; the world's default (on) is taken");
    note("privatelink.ListVpcEndpointServiceUsers", services_without_whitelist_.size(),
         "service(s) without a ListVpcEndpointServiceUsers file: their whitelist holds only the owner (" +
             join(services_without_whitelist_) + ")");
    note("ecs.DescribeSecurityGroupAttribute", groups_without_rules_.size(),
         "security group(s) without a DescribeSecurityGroupAttribute file: they have no rules in the world (" +
             join(groups_without_rules_) + ")");
    note("privatelink.ListVpcEndpointConnections", zones_without_connection_,
         "endpoint zone(s) whose service has no ListVpcEndpointConnections entry: no resource is assigned to them");
    note("privatelink.ListVpcEndpointConnections", foreign_connections_,
         "connection(s) of endpoints outside the snapshot (another account's) left out");
    note("slb.DescribeLoadBalancerListeners", stopped_listeners_, "stopped listener(s) left out: they forward nothing");
    note("privatelink.ListVpcEndpointSecurityGroups", detaching_groups_, "Detaching security group(s) left out of their endpoints");
    note("privatelink.ListVpcEndpointServiceResources", non_clb_resources_,
         "ALB/NLB/GWLB resource(s) left out: the world models CLB resources only");
    note("privatelink.ListVpcEndpointServices", non_clb_services_, "service(s) of another resource type than slb");
    note("privatelink.ListVpcEndpoints", non_interface_endpoints_, "endpoint(s) of type Reverse or GatewayLoadBalancer, read as Interface");
    note("privatelink.ListVpcEndpoints", endpoint_policies_,
         "endpoint policy document(s) not modelled by the world (" + std::to_string(bad_endpoint_policies_) + " do not parse)");
    note("ecs.DescribeNetworkInterfaces", enis_matched_, "ENI(s) matched to their endpoint zone by EniId");
    note("ecs.DescribeNetworkInterfaces", enis_service_managed_,
         "service-managed ENI(s) matched to no endpoint zone left out");
    return out;
  }

  ImportOptions opt_;
  Diagnostics& d_;
  IgnoredFields ignored_;
  ReadContext ctx_;
  std::deque<Doc> docs_;
  std::map<std::string, size_t> not_read_;

  std::map<std::string, Vpc> vpcs_;
  std::map<std::string, VSwitch> vswitches_;
  std::map<std::string, SecurityGroup> groups_;
  std::map<std::string, Instance> instances_;
  std::vector<Eni> enis_;
  std::map<std::string, Clb> clbs_;
  std::map<std::string, Service> services_;
  std::map<std::string, Whitelist> whitelist_;
  std::map<std::string, std::vector<ServiceResource>> resources_;
  std::map<std::string, SourceRef> resources_where_;
  std::map<std::string, Endpoint> endpoints_;
  std::map<std::string, std::vector<Zone>> zones_;
  std::map<std::string, std::vector<Ref>> endpoint_groups_;
  std::vector<Connection> connections_;
  std::map<std::string, AccountData> accounts_;
  std::map<std::string, SourceRef> user_group_files_, user_policy_files_;
  std::set<std::string> policy_ids_;
  nlohmann::ordered_json policies_ = nlohmann::ordered_json::array();

  std::vector<std::string> services_without_whitelist_, groups_without_rules_;
  size_t zones_without_connection_ = 0, stopped_listeners_ = 0, detaching_groups_ = 0, non_clb_resources_ = 0,
         non_clb_services_ = 0, non_interface_endpoints_ = 0, endpoint_policies_ = 0, bad_endpoint_policies_ = 0,
         enis_matched_ = 0, enis_service_managed_ = 0, foreign_connections_ = 0;
};

}  // namespace

std::optional<ImportResult> import_openapi_files(const std::vector<SnapshotFile>& files, const ImportOptions& options,
                                                 Diagnostics& diags) {
  return Importer(options, diags).run(files);
}

std::optional<ImportResult> import_openapi_dir(const std::string& dir, const ImportOptions& options, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error(kLayout, {dir, "", 0, 0}, "not a folder: a snapshot is a folder with one subfolder per account id");
    return std::nullopt;
  }
  std::vector<SnapshotFile> files;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  bool ok = true;
  for (const auto& account : entries) {
    if (!fs::is_directory(account, ec)) {
      if (account.extension() == ".json") {
        diags.error(kLayout, {account.string(), "", 0, 0},
                    "a response file directly in the snapshot folder: put it in a subfolder named by its account id");
        ok = false;
      }
      continue;  // README and the like
    }
    std::vector<fs::path> names;
    for (const auto& f : fs::directory_iterator(account, ec))
      if (f.is_regular_file() && f.path().extension() == ".json") names.push_back(f.path());
    std::sort(names.begin(), names.end());
    for (const auto& f : names) {
      SnapshotFile sf;
      sf.path = f.string();
      sf.account = account.filename().string();
      sf.name = f.filename().string();
      if (!read_file(sf.path, sf.text, diags)) {
        ok = false;
        continue;
      }
      files.push_back(std::move(sf));
    }
  }
  if (!ok) return std::nullopt;
  return import_openapi_files(files, options, diags);
}

}  // namespace lp::ingest
