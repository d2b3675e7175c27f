#include "lang/ingest/terraform.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "lang/bundled.h"
#include "lang/ingest/reader.h"
#include "lang/json.h"
#include "lang/policy_parser.h"
#include "lang/text.h"

namespace lp::ingest {

namespace {

using J = nlohmann::ordered_json;

// One resource instance on the chosen side: its values and which of them are unknown.
struct Instance {
  std::string address, config;  // "module.m.alicloud_vpc.main[0]", "module.m.alicloud_vpc.main"
  std::string module, type, index;
  bool data = false;
  const JsonValue* values = nullptr;   // the side's attribute values (an object)
  const JsonValue* unknown = nullptr;  // after_unknown (plans, the after side)
  std::string values_pointer;
  std::string world_id;
};

// "module.a[0].alicloud_vpc.main[\"x\"]" -> "module.a.alicloud_vpc.main".
std::string strip_indexes(const std::string& address) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (char ch : address) {
    if (quoted) {
      if (ch == '"') quoted = false;
      continue;
    }
    if (ch == '[') ++depth;
    else if (ch == ']') --depth;
    else if (depth > 0 && ch == '"') quoted = true;
    else if (depth == 0) out += ch;
  }
  return out;
}

const JsonValue* member(const JsonValue* v, std::string_view key) {
  return v && v->is(JsonKind::Object) ? v->find(key) : nullptr;
}

std::string text_of(const JsonValue* v) {
  return v && (v->is(JsonKind::String) || v->is(JsonKind::Number)) ? v->text : std::string();
}

class Importer {
 public:
  Importer(const std::string& path, const TerraformOptions& o, Diagnostics& d) : path_(path), opt_(o), d_(d), ctx_{d, ignored_} {}

  std::optional<ImportResult> run(const std::string& text) {
    auto json = parse_json(text, path_, d_);
    if (!json) return std::nullopt;
    root_ = std::move(*json);
    JsonCursor root(path_, root_);
    if (!root_.is(JsonKind::Object) || !root_.find("format_version")) {
      ctx_.error(kLayout, root.where(), "not Terraform JSON: expected `terraform show -json` output with \"format_version\"");
      return std::nullopt;
    }
    std::string version = text_of(root_.find("format_version"));
    if (version.empty() || (version[0] != '0' && version[0] != '1') || (version.size() > 1 && version[1] != '.')) {
      // Same major version: unknown fields are ignored; another major version is refused (ingestion.md §1.3).
      ctx_.error(kLayout, {path_, "/format_version", root_.find("format_version")->line, root_.find("format_version")->column},
                 "format_version \"" + version + "\": only major versions 0 and 1 of Terraform's JSON format are read");
      return std::nullopt;
    }
    read_configuration();
    bool plan = root_.find("resource_changes") || root_.find("planned_values");
    if (plan) read_plan();
    else if (root_.find("values")) read_state_module(member(root_.find("values"), "root_module"), "/values/root_module");
    else {
      ctx_.error(kLayout, root.where(), "neither a plan (resource_changes, planned_values) nor a state (values)");
      return std::nullopt;
    }
    if (!ctx_.ok) return std::nullopt;
    settle_account_and_region();
    for (auto& [addr, inst] : instances_) {
      std::string id = text_of(member(inst.values, "id"));
      inst.world_id = !id.empty() && !is_unknown(inst, "id") ? id : addr;
      if (!id.empty()) by_id_[id] = addr;
    }
    by_config_.clear();
    for (auto& [addr, inst] : instances_) by_config_[inst.config].push_back(addr);
    build();
    if (!ctx_.ok) return std::nullopt;
    ImportResult out;
    out.world = emit();
    if (!ctx_.ok) return std::nullopt;
    out.notes = notes();
    return out;
  }

 private:
  // ---- reading the document ----

  void read_configuration() {
    const JsonValue* config = root_.find("configuration");
    if (!config) return;
    std::function<void(const JsonValue*, const std::string&)> module = [&](const JsonValue* m, const std::string& prefix) {
      if (const JsonValue* rs = member(m, "resources"); rs && rs->is(JsonKind::Array))
        for (const auto& r : rs->items) {
          std::string addr = text_of(member(&r, "address"));
          if (!addr.empty()) expressions_[prefix + addr] = member(&r, "expressions");
        }
      if (const JsonValue* calls = member(m, "module_calls"); calls && calls->is(JsonKind::Object))
        for (const auto& c : calls->members) module(member(&c.value, "module"), prefix + "module." + c.key + ".");
    };
    module(member(config, "root_module"), "");
    if (const JsonValue* providers = member(config, "provider_config"); providers && providers->is(JsonKind::Object))
      for (const auto& p : providers->members) {
        if (text_of(member(&p.value, "name")) != "alicloud" && p.key != "alicloud") continue;
        const JsonValue* region = member(member(member(&p.value, "expressions"), "region"), "constant_value");
        if (region && region->is(JsonKind::String) && provider_region_.empty()) provider_region_ = region->text;
      }
  }

  void add_instance(const JsonValue& r, const JsonValue* values, const JsonValue* unknown, const std::string& pointer) {
    Instance inst;
    inst.address = text_of(member(&r, "address"));
    if (inst.address.empty()) return;
    inst.config = strip_indexes(inst.address);
    inst.type = text_of(member(&r, "type"));
    inst.index = text_of(member(&r, "index"));
    inst.data = text_of(member(&r, "mode")) == "data";
    inst.module = text_of(member(&r, "module_address"));
    size_t dot = inst.config.rfind('.', inst.config.rfind('.') - 1);
    if (inst.module.empty() && inst.config.compare(0, 7, "module.") == 0 && dot != std::string::npos)
      inst.module = inst.config.substr(0, dot);
    inst.values = values;
    inst.unknown = unknown;
    inst.values_pointer = pointer;
    if (!values || !values->is(JsonKind::Object)) return;
    instances_.emplace(inst.address, inst);
  }

  void read_state_module(const JsonValue* m, const std::string& pointer) {
    if (!m) return;
    if (const JsonValue* rs = member(m, "resources"); rs && rs->is(JsonKind::Array))
      for (size_t i = 0; i < rs->items.size(); ++i)
        add_instance(rs->items[i], member(&rs->items[i], "values"), nullptr,
                     pointer + "/resources/" + std::to_string(i) + "/values");
    if (const JsonValue* cs = member(m, "child_modules"); cs && cs->is(JsonKind::Array))
      for (size_t i = 0; i < cs->items.size(); ++i) read_state_module(&cs->items[i], pointer + "/child_modules/" + std::to_string(i));
  }

  void read_plan() {
    const JsonValue* changes = root_.find("resource_changes");
    if (changes && changes->is(JsonKind::Array)) {
      for (size_t i = 0; i < changes->items.size(); ++i) {
        const JsonValue& rc = changes->items[i];
        const JsonValue* change = member(&rc, "change");
        std::string p = "/resource_changes/" + std::to_string(i) + "/change/";
        std::vector<std::string> actions;
        if (const JsonValue* a = member(change, "actions"); a && a->is(JsonKind::Array))
          for (const auto& x : a->items) actions.push_back(x.text);
        std::string key = join(actions, ",");
        ++actions_[key.empty() ? "?" : key];
        if (!member(&rc, "deposed") || member(&rc, "deposed")->is(JsonKind::Null)) {
          if (opt_.side == PlanSide::After) {
            if (key == "delete" || key == "forget") continue;  // gone after apply
            add_instance(rc, member(change, "after"), member(change, "after_unknown"), p + "after");
          } else {
            const JsonValue* before = member(change, "before");
            if (!before || before->is(JsonKind::Null)) continue;  // created by the plan
            add_instance(rc, before, nullptr, p + "before");
          }
        }
      }
    }
    // Data sources (data.alicloud_account) are read from the state the plan started from.
    if (const JsonValue* prior = member(member(root_.find("prior_state"), "values"), "root_module"))
      read_data_sources(prior, "/prior_state/values/root_module");
    if (const JsonValue* planned = member(root_.find("planned_values"), "root_module"))
      read_data_sources(planned, "/planned_values/root_module");
  }

  void read_data_sources(const JsonValue* m, const std::string& pointer) {
    if (const JsonValue* rs = member(m, "resources"); rs && rs->is(JsonKind::Array))
      for (size_t i = 0; i < rs->items.size(); ++i)
        if (text_of(member(&rs->items[i], "mode")) == "data" && !instances_.count(text_of(member(&rs->items[i], "address"))))
          add_instance(rs->items[i], member(&rs->items[i], "values"), nullptr, pointer + "/resources/" + std::to_string(i) + "/values");
    if (const JsonValue* cs = member(m, "child_modules"); cs && cs->is(JsonKind::Array))
      for (size_t i = 0; i < cs->items.size(); ++i) read_data_sources(&cs->items[i], pointer + "/child_modules/" + std::to_string(i));
  }

  void settle_account_and_region() {
    account_ = opt_.account;
    if (account_.empty())
      for (const auto& [addr, inst] : instances_)
        if (inst.data && inst.type == "alicloud_account") account_ = text_of(member(inst.values, "id"));
    region_ = opt_.region.empty() ? provider_region_ : opt_.region;
    if (region_.empty())  // a state has no provider configuration: the computed region_id of a resource
      for (const auto& [addr, inst] : instances_)
        if (auto r = text_of(member(inst.values, "region_id")); !r.empty()) {
          region_ = r;
          break;
        }
  }

  // ---- values ----

  bool is_unknown(const Instance& i, const std::string& attr) const {
    const JsonValue* u = member(i.unknown, attr);
    return u && u->is(JsonKind::Bool) && u->boolean;
  }

  SourceRef where(const Instance& i, const std::string& attr = {}) const {
    const JsonValue* v = attr.empty() ? i.values : member(i.values, attr);
    if (!v) v = i.values;
    std::string pointer = i.values_pointer;
    if (!attr.empty() && v != i.values) (pointer += '/') += json_pointer_token(attr);
    return {path_, std::move(pointer), v ? v->line : 0, v ? v->column : 0};
  }

  J unknown_value(const Instance& i, const std::string& attr, const std::string& reason = {}) {
    J u;
    u["unknown"] = i.address + "." + attr;
    u["reason"] = reason.empty() ? "known only after apply" : reason;
    ++unknown_count_;
    return u;
  }

  // A plain value: the side's value, the explicit unknown value when Terraform does not know it,
  // or nullopt when absent.
  std::optional<J> scalar(const Instance& i, const std::string& attr) {
    if (is_unknown(i, attr)) return unknown_value(i, attr);
    const JsonValue* v = member(i.values, attr);
    if (!v || v->is(JsonKind::Null)) return std::nullopt;
    if (v->is(JsonKind::String)) return J(v->text);
    if (v->is(JsonKind::Bool)) return J(v->boolean);
    if (v->is(JsonKind::Number)) {
      if (auto n = whole_number(*v)) return J(*n);
      return J(v->text);
    }
    return std::nullopt;
  }

  std::string str(const Instance& i, const std::string& attr) { return text_of(member(i.values, attr)); }

  // The configuration's references of one attribute, as instances of resources of the same module.
  std::vector<const Instance*> referenced(const Instance& i, const std::string& attr, bool all_instances) {
    std::vector<const Instance*> out;
    auto e = expressions_.find(i.config);
    if (e == expressions_.end()) return out;
    const JsonValue* refs = member(member(e->second, attr), "references");
    if (!refs || !refs->is(JsonKind::Array)) return out;
    std::string prefix = i.module.empty() ? "" : strip_indexes(i.module) + ".";  // module.net[0] -> module.net
    std::set<std::string> seen;
    for (const auto& r : refs->items) {
      std::string ref = strip_indexes(r.text);
      // "alicloud_vpc.main.id" -> the longest prefix naming a resource of this module.
      std::string candidate = ref;
      while (!candidate.empty() && !by_config_.count(prefix + candidate)) {
        size_t dot = candidate.rfind('.');
        candidate = dot == std::string::npos ? "" : candidate.substr(0, dot);
      }
      if (candidate.empty() || seen.count(candidate)) continue;
      seen.insert(candidate);
      const auto& targets = by_config_[prefix + candidate];
      if (targets.size() == 1 || all_instances) {
        for (const auto& t : targets) out.push_back(&instances_.at(t));
        continue;
      }
      for (const auto& t : targets)  // count / for_each: the instance of the same index
        if (!i.index.empty() && instances_.at(t).index == i.index) out.push_back(&instances_.at(t));
    }
    return out;
  }

  // A reference attribute (vpc_id, service_id, ...): the id it holds when known, else the object
  // the configuration's expression references (named by its Terraform address when its id is
  // unknown too). nullopt when neither tells.
  std::optional<std::string> link(const Instance& i, const std::string& attr, const std::string& target_type = {}) {
    std::string v = str(i, attr);
    if (!v.empty() && !is_unknown(i, attr)) {
      auto it = by_id_.find(v);
      return it != by_id_.end() ? instances_.at(it->second).world_id : v;
    }
    for (const Instance* t : referenced(i, attr, false))
      if (target_type.empty() || t->type == target_type || (target_type == "alicloud_slb_load_balancer" && t->type == "alicloud_slb"))
        return t->world_id;
    return std::nullopt;
  }

  std::vector<std::string> links(const Instance& i, const std::string& attr) {
    std::vector<std::string> out;
    const JsonValue* v = member(i.values, attr);
    if (v && v->is(JsonKind::Array) && !is_unknown(i, attr)) {
      bool all_known = true;
      const JsonValue* u = member(i.unknown, attr);
      for (size_t k = 0; k < v->items.size(); ++k) {
        bool unknown_item = u && u->is(JsonKind::Array) && k < u->items.size() && u->items[k].is(JsonKind::Bool) && u->items[k].boolean;
        if (!v->items[k].is(JsonKind::String) || unknown_item) {
          all_known = false;
          continue;
        }
        auto it = by_id_.find(v->items[k].text);
        out.push_back(it != by_id_.end() ? instances_.at(it->second).world_id : v->items[k].text);
      }
      if (all_known) return out;
      out.clear();
    }
    for (const Instance* t : referenced(i, attr, true)) out.push_back(t->world_id);
    return out;
  }

  // A link that must resolve; an error located at the attribute otherwise.
  std::string need_link(const Instance& i, const std::string& attr, const std::string& target_type = {}) {
    auto l = link(i, attr, target_type);
    if (!l) {
      ctx_.error(kDangling, where(i, attr),
                 i.address + "." + attr + " is unknown and its configuration references no resource of the plan: the world "
                             "cannot link it");
      return {};
    }
    return *l;
  }

  void put(J& obj, const char* key, const Instance& i, const std::string& attr) {
    if (auto v = scalar(i, attr)) obj[key] = *v;
  }

  // ---- the world ----

  void build() {
    for (auto& [addr, i] : instances_) {
      if (i.data) continue;
      const std::string& t = i.type;
      if (t == "alicloud_vpc") vpc(i);
      else if (t == "alicloud_vswitch") vswitch(i);
      else if (t == "alicloud_security_group") security_group(i);
      else if (t == "alicloud_security_group_rule") rules_.push_back(&i);
      else if (t == "alicloud_instance") instance(i, "vswitch_id", "private_ip", "security_groups");
      else if (t == "alicloud_ecs_network_interface") instance(i, "vswitch_id", "primary_ip_address", "security_group_ids");
      else if (t == "alicloud_slb_load_balancer" || t == "alicloud_slb") clb(i);
      else if (t == "alicloud_slb_listener") listeners_.push_back(&i);
      else if (t == "alicloud_slb_backend_server" || t == "alicloud_slb_attachment" || t == "alicloud_slb_server_group")
        backends_.push_back(&i);
      else if (t == "alicloud_privatelink_vpc_endpoint_service") service(i);
      else if (t == "alicloud_privatelink_vpc_endpoint_service_resource") service_resources_.push_back(&i);
      else if (t == "alicloud_privatelink_vpc_endpoint_service_user") service_users_.push_back(&i);
      else if (t == "alicloud_privatelink_vpc_endpoint") endpoint(i);
      else if (t == "alicloud_privatelink_vpc_endpoint_zone") zones_.push_back(&i);
      else if (t == "alicloud_privatelink_vpc_endpoint_connection") connections_.push_back(&i);
      else if (t == "alicloud_ram_user") users_[str(i, "name")] = &i;
      else if (t == "alicloud_ram_group") groups_[first(i, {"group_name", "name"})] = &i;
      else if (t == "alicloud_ram_role") roles_[first(i, {"role_name", "name"})] = &i;
      else if (t == "alicloud_ram_policy") policies_by_name_[first(i, {"policy_name", "name"})] = &i;
      else if (t == "alicloud_ram_user_policy_attachment" || t == "alicloud_ram_group_policy_attachment" ||
               t == "alicloud_ram_role_policy_attachment" || t == "alicloud_ram_group_membership" ||
               t == "alicloud_ram_user_group_attachment")
        ram_links_.push_back(&i);
      else ++not_modelled_[t];
    }
    for (const Instance* r : rules_) rule(*r);
    for (const Instance* l : listeners_) listener(*l);
    for (const Instance* b : backends_) backend(*b);
    for (const Instance* r : inline_resources_) inline_resources(*r);
    for (const Instance* r : service_resources_) service_resource(*r);
    for (const Instance* u : service_users_) service_user(*u);
    for (const Instance* z : zones_) zone(*z);
    for (const Instance* c : connections_) connection(*c);
    ram();
  }

  std::string first(const Instance& i, std::initializer_list<const char*> attrs) {
    for (const char* a : attrs)
      if (auto v = str(i, a); !v.empty()) return v;
    return i.address;
  }

  J& object(std::map<std::string, J>& into, const Instance& i) {
    J& o = into[i.world_id];
    o["id"] = i.world_id;
    sources_.push_back({&o, where(i)});
    return o;
  }

  void vpc(const Instance& i) {
    J& o = object(vpcs_, i);
    o["account"] = account_;
    o["region"] = region_;
    put(o, "cidr", i, "cidr_block");
    if (!o.contains("cidr")) o["cidr"] = unknown_value(i, "cidr_block", "no cidr_block in the plan");
  }

  void vswitch(const Instance& i) {
    J& o = object(vswitches_, i);
    o["vpc"] = need_link(i, "vpc_id", "alicloud_vpc");
    put(o, "zone", i, str(i, "zone_id").empty() && !is_unknown(i, "zone_id") ? "availability_zone" : "zone_id");
    put(o, "cidr", i, "cidr_block");
    for (const char* k : {"zone", "cidr"})
      if (!o.contains(k)) o[k] = unknown_value(i, k);
  }

  void security_group(const Instance& i) {
    J& o = object(groups_out_, i);
    o["vpc"] = need_link(i, "vpc_id", "alicloud_vpc");
    // Provider defaults (reference.md §6.2): security_group_type normal, inner_access_policy Accept.
    std::string type = is_unknown(i, "security_group_type") ? "" : str(i, "security_group_type");
    o["type"] = type.empty() ? "normal" : type;
    std::string inner = is_unknown(i, "inner_access_policy") ? "" : str(i, "inner_access_policy");
    if (!inner.empty()) o["inner_access"] = inner == "Drop" || inner == "drop" ? "drop" : "accept";
    o["rules"] = J::array();
  }

  void rule(const Instance& i) {
    std::string group = need_link(i, "security_group_id", "alicloud_security_group");
    auto g = groups_out_.find(group);
    if (g == groups_out_.end()) {
      if (!group.empty())
        ctx_.error(kDangling, where(i, "security_group_id"), i.address + " is a rule of " + group + ", which the plan does not hold");
      return;
    }
    J r;
    r["id"] = i.address;
    r["direction"] = str(i, "type");
    r["protocol"] = str(i, "ip_protocol");
    r["port_range"] = str(i, "port_range").empty() ? "-1/-1" : str(i, "port_range");
    r["policy"] = str(i, "policy").empty() ? "accept" : str(i, "policy");
    r["priority"] = str(i, "priority").empty() ? "1" : str(i, "priority");
    if (auto v = str(i, "cidr_ip"); !v.empty()) r["cidr"] = v;
    if (auto v = str(i, "ipv6_cidr_ip"); !v.empty()) r["ipv6_cidr"] = v;
    if (auto v = link(i, "source_security_group_id", "alicloud_security_group"); v && !v->empty()) r["source_group"] = *v;
    if (auto v = str(i, "prefix_list_id"); !v.empty()) r["prefix_list"] = v;
    if (auto v = str(i, "nic_type"); !v.empty()) r["nic_type"] = v;
    if (auto v = str(i, "description"); !v.empty()) r["description"] = v;
    for (const char* a : {"type", "ip_protocol", "port_range", "policy", "priority", "cidr_ip"})
      if (is_unknown(i, a)) {
        ctx_.error(kBadValue, where(i, a), i.address + "." + a + " is unknown in the plan: a rule's match must be known");
        return;
      }
    g->second["rules"].push_back(r);
  }

  void instance(const Instance& i, const char* vswitch, const char* ip, const char* groups) {
    J& o = object(instances_out_, i);
    o["vswitch"] = need_link(i, vswitch, "alicloud_vswitch");
    if (is_unknown(i, ip) || str(i, ip).empty()) {
      // The world needs an address; an unknown one is marked so (docs/world-format.md).
      o["ip"] = unknown_value(i, ip, "assigned by the cloud at creation");
    } else {
      o["ip"] = str(i, ip);
    }
    o["security_groups"] = links(i, groups);
  }

  void clb(const Instance& i) {
    J& o = object(clbs_out_, i);
    o["account"] = account_;
    o["region"] = region_;
    put(o, "zone", i, "master_zone_id");
    if (!o.contains("zone")) o["zone"] = unknown_value(i, "master_zone_id", "chosen by the cloud at creation");
    if (auto v = scalar(i, "slave_zone_id")) o["backup_zone"] = *v;
    std::string vsw = str(i, "vswitch_id");
    auto sw = link(i, "vswitch_id", "alicloud_vswitch");
    if (sw) {
      clb_vswitch_[i.world_id] = *sw;
      o["network_type"] = "vpc";
    } else if (vsw.empty() && !is_unknown(i, "vswitch_id")) {
      o["network_type"] = "classic";
    }
    std::string pay = str(i, "payment_type").empty() ? str(i, "instance_charge_type") : str(i, "payment_type");
    o["billing"] = pay == "Subscription" || pay == "PrePaid" ? "subscription" : "pay-as-you-go";
    if (is_unknown(i, "address_type") || str(i, "address_type").empty()) o["address_type"] = unknown_value(i, "address_type");
    else o["address_type"] = str(i, "address_type");
    o["listeners"] = J::array();
    o["backends"] = J::array();
  }

  J* clb_for(const Instance& i, const char* attr) {
    std::string lb = need_link(i, attr, "alicloud_slb_load_balancer");
    auto it = clbs_out_.find(lb);
    if (it == clbs_out_.end()) {
      if (!lb.empty()) ctx_.error(kDangling, where(i, attr), i.address + " names load balancer " + lb + ", which the plan does not hold");
      return nullptr;
    }
    return &it->second;
  }

  void listener(const Instance& i) {
    J* lb = clb_for(i, "load_balancer_id");
    if (!lb) return;
    J l;
    l["protocol"] = str(i, "protocol");
    put(l, "port", i, "frontend_port");
    if (auto v = scalar(i, "backend_port"); v && !(v->is_number() && *v == l["port"])) l["backend_port"] = *v;
    if (!str(i, "server_certificate_id").empty()) ++certificates_;
    (*lb)["listeners"].push_back(l);
  }

  void backend(const Instance& i) {
    J* lb = clb_for(i, "load_balancer_id");
    if (!lb) return;
    std::vector<std::string> servers;
    if (i.type == "alicloud_slb_attachment") servers = links(i, "instance_ids");
    const char* list = i.type == "alicloud_slb_backend_server" ? "backend_servers" : i.type == "alicloud_slb_server_group" ? "servers" : nullptr;
    if (list)
      if (const JsonValue* items = member(i.values, list); items && items->is(JsonKind::Array))
        for (const auto& s : items->items) {
          std::string one = text_of(member(&s, "server_id"));
          if (!one.empty()) servers.push_back(by_id_.count(one) ? instances_.at(by_id_[one]).world_id : one);
          if (const JsonValue* ids = member(&s, "server_ids"); ids && ids->is(JsonKind::Array))
            for (const auto& x : ids->items) servers.push_back(by_id_.count(x.text) ? instances_.at(by_id_[x.text]).world_id : x.text);
        }
    if (servers.empty() && list)  // ids unknown: the configuration's references name the instances
      for (const Instance* t : referenced(i, list, true))
        if (t->type == "alicloud_instance" || t->type == "alicloud_ecs_network_interface") servers.push_back(t->world_id);
    for (const auto& s : servers)
      if (std::find((*lb)["backends"].begin(), (*lb)["backends"].end(), J(s)) == (*lb)["backends"].end()) (*lb)["backends"].push_back(s);
  }

  void service(const Instance& i) {
    J& o = object(services_out_, i);
    o["account"] = account_;
    o["region"] = region_;
    if (auto v = str(i, "service_description"); !v.empty()) o["description"] = v;
    put(o, "auto_accept", i, "auto_accept_connection");
    put(o, "zone_affinity", i, "zone_affinity_enabled");
    put(o, "bandwidth", i, "connect_bandwidth");
    put(o, "status", i, "status");
    put(o, "business_status", i, "service_business_status");
    o["whitelist"] = J::array();
    o["resources"] = J::array();
    inline_resources_.push_back(&i);
    name_of_service_[str(i, "vpc_endpoint_service_name")] = i.world_id;
  }

  // The service's inline `resource` set, once every CLB is read.
  void inline_resources(const Instance& i) {
    J& o = services_out_[i.world_id];
    if (const JsonValue* set = member(i.values, "resource"); set && set->is(JsonKind::Array))
      for (const auto& r : set->items) {
        std::string id = text_of(member(&r, "resource_id"));
        if (id.empty()) continue;
        add_resource(o, by_id_.count(id) ? instances_.at(by_id_[id]).world_id : id, text_of(member(&r, "zone_id")), i, "resource");
      }
  }

  // An inline `resource` and a separate _service_resource describe one resource once.
  void add_resource(J& service, const std::string& clb, const std::string& zone, const Instance& i, const std::string& attr) {
    for (const auto& r : service["resources"])
      if (r["clb"] == clb) return;
    J r;
    r["clb"] = clb;
    if (!zone.empty()) r["zone"] = zone;
    else {
      auto lb = clbs_out_.find(clb);
      r["zone"] = lb != clbs_out_.end() && lb->second.contains("zone") ? lb->second["zone"] : unknown_value(i, attr + ".zone_id");
    }
    service["resources"].push_back(r);
  }

  void service_resource(const Instance& i) {
    std::string s = need_link(i, "service_id", "alicloud_privatelink_vpc_endpoint_service");
    auto it = services_out_.find(s);
    if (it == services_out_.end()) {
      if (!s.empty()) ctx_.error(kDangling, where(i, "service_id"), i.address + " names service " + s + ", which the plan does not hold");
      return;
    }
    std::string lb = need_link(i, "resource_id", "alicloud_slb_load_balancer");
    if (str(i, "resource_type") != "slb" && !str(i, "resource_type").empty()) {
      ++non_clb_resources_;
      return;
    }
    add_resource(it->second, lb, is_unknown(i, "zone_id") ? "" : str(i, "zone_id"), i, "zone_id");
  }

  void service_user(const Instance& i) {
    std::string s = need_link(i, "service_id", "alicloud_privatelink_vpc_endpoint_service");
    auto it = services_out_.find(s);
    if (it == services_out_.end()) return;
    for (const Instance* t : referenced(i, "user_id", false))
      if (t->type == "alicloud_ram_user") {
        // The provider's own example writes a RAM user's id here; the whitelist holds account ids
        // (ingestion.md §1.1): refused, not read as an account.
        ctx_.error(kBadValue, where(i, "user_id"),
                   i.address + ".user_id references " + t->address + ", a RAM user: the whitelist takes an account id");
        return;
      }
    std::string user = str(i, "user_id");
    if (user.empty() || is_unknown(i, "user_id")) {
      ctx_.error(kBadValue, where(i, "user_id"), i.address + ".user_id is unknown: the whitelist needs the account id");
      return;
    }
    it->second["whitelist"].push_back(user);
  }

  void endpoint(const Instance& i) {
    J& o = object(endpoints_out_, i);
    o["account"] = account_;
    o["region"] = region_;
    o["vpc"] = need_link(i, "vpc_id", "alicloud_vpc");
    auto svc = link(i, "service_id", "alicloud_privatelink_vpc_endpoint_service");
    if (!svc) {
      std::string name = str(i, "service_name");
      auto it = name_of_service_.find(name);
      if (it != name_of_service_.end() && !name.empty()) svc = it->second;
      else for (const Instance* t : referenced(i, "service_name", false)) svc = t->world_id;
    }
    if (svc) o["service"] = *svc;
    else
      ctx_.error(kDangling, where(i, "service_id"), i.address + ": neither service_id nor service_name names a service of the plan");
    if (auto v = str(i, "vpc_endpoint_name"); !v.empty()) o["name"] = v;
    if (auto v = str(i, "endpoint_description"); !v.empty()) o["description"] = v;
    o["security_groups"] = links(i, "security_group_ids");
    put(o, "status", i, "status");
    put(o, "business_status", i, "endpoint_business_status");
    put(o, "connection", i, "connection_status");
    put(o, "bandwidth", i, "bandwidth");
    o["zones"] = J::array();
  }

  J* endpoint_for(const Instance& i) {
    std::string e = need_link(i, "endpoint_id", "alicloud_privatelink_vpc_endpoint");
    auto it = endpoints_out_.find(e);
    if (it == endpoints_out_.end()) {
      if (!e.empty()) ctx_.error(kDangling, where(i, "endpoint_id"), i.address + " names endpoint " + e + ", which the plan does not hold");
      return nullptr;
    }
    return &it->second;
  }

  void zone(const Instance& i) {
    J* e = endpoint_for(i);
    if (!e) return;
    J z;
    std::string vsw = need_link(i, "vswitch_id", "alicloud_vswitch");
    z["vswitch"] = vsw;
    put(z, "zone", i, "zone_id");
    if (!z.contains("zone") || (z["zone"].is_string() && z["zone"].get<std::string>().empty())) {
      auto sw = vswitches_.find(vsw);  // zone_id defaults to the vSwitch's zone
      z["zone"] = sw != vswitches_.end() ? sw->second["zone"] : unknown_value(i, "zone_id");
    }
    if (auto v = scalar(i, "eni_ip"); v && !(v->is_string() && v->get<std::string>().empty())) z["ip"] = *v;
    z["eni"] = unknown_value(i, "eni_id", "the zone ENI is not a provider attribute");
    put(z, "status", i, "status");
    z["source"] = source_json(where(i));
    zone_instances_.push_back({&i, e, (*e)["zones"].size()});
    (*e)["zones"].push_back(z);
  }

  void connection(const Instance& i) {
    J* e = endpoint_for(i);
    if (!e) return;
    put(*e, "connection", i, "status");
    if (auto v = scalar(i, "bandwidth")) (*e)["bandwidth"] = *v;
  }

  // The CLB a zone is assigned: no alicloud attribute holds it. With exactly one CLB resource of
  // the service in the zone's zone, auto-allocation can only pick that one; otherwise it is unknown
  // (docs/import.md).
  void assign_zone_resources() {
    for (auto& [zi, e, index] : zone_instances_) {
      J& z = (*e)["zones"][index];
      auto s = services_out_.find((*e).value("service", std::string()));
      std::vector<std::string> candidates;
      if (s != services_out_.end() && z["zone"].is_string())
        for (const auto& r : s->second["resources"])
          if (r["zone"] == z["zone"]) candidates.push_back(r["clb"]);
      if (candidates.size() == 1 && opt_.zone_assignment == ZoneAssignment::SingleCandidate) z["resource"] = candidates[0];
      else if (opt_.zone_assignment == ZoneAssignment::Unknown)
        z["resource"] = unknown_value(*zi, "resource", "--zone-assignment unknown");
      else
        z["resource"] = unknown_value(*zi, "resource", std::to_string(candidates.size()) +
                                                           " resources of the service could serve this zone; the assignment is made at connection");
    }
  }

  // ---- RAM ----

  std::optional<J> document(const Instance& i, const std::string& attr, PolicyKind kind) {
    if (is_unknown(i, attr)) {
      ctx_.error(kBadValue, where(i, attr), i.address + "." + attr + " is unknown in the plan: a policy must be known to be checked");
      return std::nullopt;
    }
    std::string text = str(i, attr);
    if (text.empty()) return std::nullopt;
    SourceRef at = where(i, attr);
    Diagnostics inner;
    if (!parse_policy_text(text, path_ + "#" + at.json_pointer, opt_.policy, inner, kind)) {
      ctx_.error(kBadDocument, at, i.address + "." + attr + " does not hold a valid policy document (errors follow, located inside the string)");
      for (auto& item : inner.items()) d_.add(item);
      return std::nullopt;
    }
    try {
      return J::parse(text);
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }

  std::string policy_id(const Instance& at, const std::string& name, const std::string& type) {
    if (type == "System") {
      std::string id = "system/" + name;
      if (policy_ids_.count(id)) return id;
      if (auto dir = policies_dir())
        for (const auto& b : bundled_policy_files(*dir))
          if (b.name == name) {
            J entry;
            entry["id"] = id;
            entry["file"] = b.path;
            policies_out_.push_back(entry);
            policy_ids_.insert(id);
            return id;
          }
      ctx_.error(kDangling, where(at, "policy_name"),
                 "system policy " + name + " is neither in the plan nor among the bundled policies (policies/): its document is unknown");
      return {};
    }
    auto p = policies_by_name_.find(name);
    if (p == policies_by_name_.end()) {
      ctx_.error(kDangling, where(at, "policy_name"), at.address + " attaches custom policy " + name + ", which the plan does not hold");
      return {};
    }
    std::string id = p->second->world_id == p->second->address ? p->second->address : account_ + "/" + name;
    if (!policy_ids_.count(id)) {
      auto d = document(*p->second, str(*p->second, "policy_document").empty() ? "document" : "policy_document", PolicyKind::Identity);
      if (!d) return {};
      J entry;
      entry["id"] = id;
      entry["document"] = *d;
      policies_out_.push_back(entry);
      policy_ids_.insert(id);
    }
    return id;
  }

  std::string name_link(const Instance& i, const std::string& attr, const std::map<std::string, const Instance*>& by_name) {
    std::string v = str(i, attr);
    if (!v.empty() && !is_unknown(i, attr)) return v;
    for (const Instance* t : referenced(i, attr, false))
      for (const auto& [name, inst] : by_name)
        if (inst == t) return name;
    ctx_.error(kDangling, where(i, attr), i.address + "." + attr + " is unknown and references nothing the plan names");
    return {};
  }

  void ram() {
    std::map<std::string, std::vector<std::string>> user_groups, user_pol, group_pol, role_pol;
    for (const Instance* l : ram_links_) {
      const Instance& i = *l;
      if (i.type == "alicloud_ram_group_membership") {
        std::string g = name_link(i, "group_name", groups_);
        if (const JsonValue* users = member(i.values, "user_names"); users && users->is(JsonKind::Array))
          for (const auto& u : users->items) user_groups[u.text].push_back(g);
        continue;
      }
      if (i.type == "alicloud_ram_user_group_attachment") {
        user_groups[name_link(i, "user_name", users_)].push_back(name_link(i, "group_name", groups_));
        continue;
      }
      std::string policy = name_link(i, "policy_name", policies_by_name_);
      std::string type = str(i, "policy_type");
      std::string id = policy.empty() ? "" : policy_id(i, policy, type);
      if (id.empty()) continue;
      if (i.type == "alicloud_ram_user_policy_attachment") user_pol[name_link(i, "user_name", users_)].push_back(id);
      else if (i.type == "alicloud_ram_group_policy_attachment") group_pol[name_link(i, "group_name", groups_)].push_back(id);
      else role_pol[name_link(i, "role_name", roles_)].push_back(id);
    }
    if (account_.empty()) {
      if (!users_.empty() || !groups_.empty() || !roles_.empty())
        ctx_.error(kLayout, {path_, "", 0, 0}, "RAM identities but no account id: pass --account ID or declare data \"alicloud_account\"");
      return;
    }
    J a;
    a["id"] = account_;
    J users = J::array(), groups = J::array(), roles = J::array();
    for (const auto& [name, i] : users_) users.push_back({{"name", name}, {"groups", user_groups[name]}, {"policies", user_pol[name]}});
    for (const auto& [name, i] : groups_) groups.push_back({{"name", name}, {"policies", group_pol[name]}});
    for (const auto& [name, i] : roles_) {
      J r;
      r["name"] = name;
      if (auto d = document(*i, "assume_role_policy_document", PolicyKind::Trust)) {
        std::string id = account_ + "/role/" + name + "/trust";
        policies_out_.push_back({{"id", id}, {"document", *d}, {"kind", "trust"}});
        r["trust_policy"] = id;
      }
      r["policies"] = role_pol[name];
      roles.push_back(r);
    }
    if (!users.empty()) a["users"] = users;
    if (!groups.empty()) a["groups"] = groups;
    if (!roles.empty()) a["roles"] = roles;
    account_out_ = a;
  }

  // ---- output ----

  J emit() {
    assign_zone_resources();
    for (auto& [o, at] : sources_) (*o)["source"] = source_json(at);  // last: after the object's own members
    // A CLB's VPC is its vSwitch's.
    for (auto& [id, lb] : clbs_out_) {
      auto sw = clb_vswitch_.find(id);
      if (sw == clb_vswitch_.end()) continue;
      auto v = vswitches_.find(sw->second);
      if (v != vswitches_.end()) lb["vpc"] = v->second["vpc"];
    }
    bool any = !vpcs_.empty() || !clbs_out_.empty() || !services_out_.empty() || !endpoints_out_.empty() || !account_out_.is_null();
    if (any && account_.empty())
      ctx_.error(kLayout, {path_, "", 0, 0}, "no account id: pass --account ID or declare data \"alicloud_account\" in the configuration");
    if (any && region_.empty())
      ctx_.error(kLayout, {path_, "", 0, 0}, "no region: pass --region or set region in the alicloud provider configuration");
    J w;
    w["linkproof"] = 1;
    w["description"] = std::string("imported from a Terraform ") + (root_.find("values") ? "state" : "plan") + " (" +
                       (opt_.side == PlanSide::After ? "after" : "before") + " side; linkproof import terraform)";
    w["policies"] = policies_out_;
    J accounts = J::array();
    if (!account_out_.is_null()) accounts.push_back(account_out_);
    else if (any) accounts.push_back({{"id", account_}});
    w["accounts"] = accounts;
    auto list = [](const std::map<std::string, J>& m) {
      J out = J::array();
      for (const auto& [id, o] : m) out.push_back(o);
      return out;
    };
    w["vpcs"] = list(vpcs_);
    w["vswitches"] = list(vswitches_);
    w["security_groups"] = list(groups_out_);
    w["instances"] = list(instances_out_);
    w["clbs"] = list(clbs_out_);
    w["services"] = list(services_out_);
    w["endpoints"] = list(endpoints_out_);
    return w;
  }

  std::vector<ImportNote> notes() {
    std::vector<ImportNote> out;
    if (!not_modelled_.empty()) {
      size_t n = 0;
      std::vector<std::string> details;
      for (const auto& [t, c] : not_modelled_) {
        n += c;
        details.push_back(t + " (" + std::to_string(c) + ")");
      }
      out.push_back({"", "not modelled: " + std::to_string(n) + " resources of " + std::to_string(not_modelled_.size()) + " types",
                     opt_.verbose ? details : std::vector<std::string>{}});
    }
    if (!actions_.empty()) {
      std::vector<std::string> parts;
      for (const auto& [a, c] : actions_) parts.push_back(std::to_string(c) + " " + a);
      out.push_back({"", "resource changes: " + join(parts), {}});
    }
    if (unknown_count_)
      out.push_back({"", std::to_string(unknown_count_) + " value(s) unknown before apply, written as explicit unknown values", {}});
    if (!clbs_out_.empty())
      out.push_back({"", std::to_string(clbs_out_.size()) +
                             " load balancer(s): the PrivateLink flag of a CLB is not a provider attribute; the world's default (on) is taken", {}});
    if (certificates_) out.push_back({"", std::to_string(certificates_) + " https listener certificate(s) not modelled", {}});
    if (non_clb_resources_) out.push_back({"", std::to_string(non_clb_resources_) + " ALB/NLB/GWLB service resource(s) left out", {}});
    return out;
  }

  std::string path_;
  TerraformOptions opt_;
  Diagnostics& d_;
  IgnoredFields ignored_;
  ReadContext ctx_;
  JsonValue root_;
  std::map<std::string, const JsonValue*> expressions_;
  std::map<std::string, Instance> instances_;
  std::map<std::string, std::string> by_id_;
  std::map<std::string, std::vector<std::string>> by_config_;
  std::string provider_region_, account_, region_;
  std::map<std::string, size_t> actions_, not_modelled_;

  std::vector<const Instance*> inline_resources_, rules_, listeners_, backends_, service_resources_, service_users_, zones_, connections_, ram_links_;
  std::map<std::string, const Instance*> users_, groups_, roles_, policies_by_name_;
  std::map<std::string, J> vpcs_, vswitches_, groups_out_, instances_out_, clbs_out_, services_out_, endpoints_out_;
  std::map<std::string, std::string> clb_vswitch_, name_of_service_;
  struct ZoneAt {
    const Instance* instance;
    J* endpoint;
    size_t index;
  };
  std::vector<ZoneAt> zone_instances_;
  std::vector<std::pair<J*, SourceRef>> sources_;
  J policies_out_ = J::array();
  J account_out_;
  std::set<std::string> policy_ids_;
  size_t unknown_count_ = 0, certificates_ = 0, non_clb_resources_ = 0;
};

}  // namespace

std::optional<ImportResult> import_terraform_text(const std::string& text, const std::string& path, const TerraformOptions& options,
                                                  Diagnostics& diags) {
  return Importer(path, options, diags).run(text);
}

std::optional<ImportResult> import_terraform_file(const std::string& path, const TerraformOptions& options, Diagnostics& diags) {
  std::string text;
  if (!read_file(path, text, diags)) return std::nullopt;
  return import_terraform_text(text, path, options, diags);
}

bool looks_like_terraform(const std::string& text) {
  // Terraform's JSON has a top-level "format_version" and never a world's "linkproof": a text
  // without the key is not read further (a world file is then parsed once, by the world loader).
  if (text.find("\"format_version\"") == std::string::npos) return false;
  Diagnostics ignore;
  auto json = parse_json(text, "", ignore);
  if (!json || !json->is(JsonKind::Object) || !json->find("format_version") || json->find("linkproof")) return false;
  return json->find("planned_values") || json->find("values") || json->find("resource_changes") || json->find("prior_state");
}

}  // namespace lp::ingest
