#include "lang/sg_rule_json.h"

#include <algorithm>
#include <charconv>

#include "lang/sg_rule_line.h"

namespace lp {

namespace {

// Terraform expressions kept as text by the corpus (corpus-external README): refused by name.
bool terraform_expression(const std::string& s) {
  return s.find("${") != std::string::npos || s.rfind("var.", 0) == 0 || s.rfind("local.", 0) == 0 ||
         s.rfind("lookup(", 0) == 0 || s.find("count.index") != std::string::npos;
}

std::string lower(std::string s) {
  for (auto& c : s) c = ascii_lower(c);
  return s;
}

class RuleReader {
 public:
  RuleReader(const JsonCursor& c, Diagnostics& d) : c_(c), d_(d) {}

  bool fail(const SourceRef& where, const std::string& message) {
    d_.error("LP-SG-010", where, message);
    ok_ = false;
    return false;
  }

  // A string member; numbers are accepted as their literal text (priority "1" and 1 both occur).
  // `opaque`: a Terraform expression is kept as text (a group or prefix-list reference names its
  // object; nic_type and labels do not change the verdict); elsewhere it is refused.
  bool text(const JsonMember& m, std::string& out, bool opaque = false) {
    JsonCursor mc = c_.member(m);
    if (mc.value().is(JsonKind::Number) || mc.value().is(JsonKind::String)) {
      const std::string& v = mc.value().text;
      if (terraform_expression(v) && !opaque)
        return fail(mc.where(), "\"" + m.key + "\" is an unresolved Terraform expression (" + v +
                                    "); expand the configuration before checking it");
      out = v;
      return true;
    }
    return fail(mc.where(), "expected \"" + m.key + "\" to be a string, found " + json_kind_name(mc.value().kind));
  }

  std::optional<SecurityGroupRule> read(const std::string& id) {
    SecurityGroupRule r;
    r.id = id;
    r.where = c_.where();
    bool has_direction = false, has_ports = false;
    std::string cidr, ipv6, group, prefix_list;
    SourceRef cidr_at = c_.where(), ipv6_at = c_.where(), ports_at = c_.where();
    for (const auto& m : c_.value().members) {
      std::string v;
      JsonCursor mc = c_.member(m);
      if (m.key == "direction" || m.key == "type") {
        if (!text(m, v)) continue;
        if (lower(v) == "ingress") r.direction = Direction::Ingress;
        else if (lower(v) == "egress") r.direction = Direction::Egress;
        else { fail(mc.where(), "expected \"" + m.key + "\" to be ingress or egress, found \"" + v + "\""); continue; }
        has_direction = true;
      } else if (m.key == "protocol" || m.key == "ip_protocol") {
        if (!text(m, v)) continue;
        std::string p = lower(v);
        if (p == "tcp") r.protocol = IpProtocol::Tcp;
        else if (p == "udp") r.protocol = IpProtocol::Udp;
        else if (p == "icmp") r.protocol = IpProtocol::Icmp;
        else if (p == "icmpv6") r.protocol = IpProtocol::Icmpv6;
        else if (p == "gre") r.protocol = IpProtocol::Gre;
        else if (p == "all") r.protocol = IpProtocol::All;
        else fail(mc.where(), "expected a protocol (tcp, udp, icmp, icmpv6, gre, all), found \"" + v + "\"");
      } else if (m.key == "port_range") {
        if (!text(m, v)) continue;
        if (!parse_port_range(v, r.ports)) {
          fail(mc.where(), "expected a port range such as 22/22, 1/200 or -1/-1 (ports 1 to 65535), found \"" + v + "\"");
          continue;
        }
        has_ports = true;
        ports_at = mc.where();
      } else if (m.key == "policy") {
        if (!text(m, v)) continue;
        if (lower(v) == "accept") r.policy = RulePolicy::Accept;
        else if (lower(v) == "drop") r.policy = RulePolicy::Drop;
        else fail(mc.where(), "expected \"policy\" to be accept or drop, found \"" + v + "\"");
      } else if (m.key == "priority") {
        if (!text(m, v)) continue;
        int p = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), p);
        if (ec != std::errc() || end != v.data() + v.size() || p < 1 || p > 100) {
          fail(mc.where(), "expected \"priority\" from 1 to 100, found " + v);
          continue;
        }
        r.priority = p;
      } else if (m.key == "cidr" || m.key == "cidr_ip" || m.key == "dest_cidr_ip") {
        if (text(m, cidr)) cidr_at = c_.member(m).where();
      } else if (m.key == "ipv6_cidr" || m.key == "ipv6_cidr_ip") {
        if (text(m, ipv6)) ipv6_at = c_.member(m).where();
      } else if (m.key == "source_group" || m.key == "source_security_group_id" || m.key == "group") {
        text(m, group, true);
      } else if (m.key == "prefix_list" || m.key == "prefix_list_id") {
        text(m, prefix_list, true);
      } else if (m.key == "description") {
        text(m, r.description, true);
      } else if (m.key == "id") {
        text(m, r.id);
      } else if (m.key == "name") {
        text(m, v, true);  // Terraform's resource label: provenance only
      } else if (m.key == "nic_type") {
        if (text(m, v, true) && !terraform_expression(v) && lower(v) != "intranet" && lower(v) != "internet")
          fail(mc.where(), "expected \"nic_type\" to be intranet or internet, found \"" + v + "\"");
      } else if (m.key == "count" || m.key == "for_each") {
        fail(c_.key_where(m), "\"" + m.key + "\" is a Terraform meta-argument (an unresolved Terraform expression); expand "
                              "the configuration before checking it");
      } else {
        fail(c_.key_where(m), "unknown rule attribute \"" + m.key +
                                  "\"; expected direction, protocol, port_range, policy, priority, cidr, ipv6_cidr, "
                                  "source_group, prefix_list, description, nic_type, id, name");
      }
    }
    if (!has_direction) fail(c_.where(), "a rule needs \"direction\": ingress or egress");
    bool needs_ports = r.protocol == IpProtocol::Tcp || r.protocol == IpProtocol::Udp;
    if (needs_ports && (!has_ports || r.ports.all()))
      fail(ports_at,
           std::string("a ") + protocol_name(r.protocol) + " rule needs \"port_range\" with ports 1 to 65535 (e.g. \"443/443\")");
    if (!needs_ports && has_ports && !r.ports.all())
      fail(ports_at, std::string(protocol_name(r.protocol)) + " rules cover every port: use -1/-1");
    // reference.md §4.2: a CIDR wins over a group, and either over a prefix list.
    if (!cidr.empty() || !ipv6.empty()) {
      const std::string& text_cidr = cidr.empty() ? ipv6 : cidr;
      auto parsed = parse_cidr(text_cidr, true);
      if (!parsed) fail(cidr.empty() ? ipv6_at : cidr_at, "\"" + text_cidr + "\" is not a CIDR block");
      else r.peer = {RulePeer::Kind::Cidr, *parsed, {}, {}};
    } else if (!group.empty()) {
      r.peer.kind = RulePeer::Kind::Group;
      r.peer.group_id = group;
    } else if (!prefix_list.empty()) {
      r.peer.kind = RulePeer::Kind::PrefixList;
      r.peer.prefix_list = prefix_list;
    } else {
      fail(c_.where(), "a rule needs its other end: cidr, ipv6_cidr, source_group or prefix_list");
    }
    if (!ok_) return std::nullopt;
    return r;
  }

 private:
  const JsonCursor& c_;
  Diagnostics& d_;
  bool ok_ = true;
};

}  // namespace

std::optional<SecurityGroupRule> parse_sg_rule(const JsonCursor& c, const std::string& id, Diagnostics& diags) {
  const JsonValue& v = c.value();
  if (v.is(JsonKind::String)) {
    SourceRef at = c.where();
    at.column += 1;  // the line starts after the opening quote
    auto r = parse_sg_rule_line(v.text, at, diags);
    if (r) {
      r->id = id;
      r->where = c.where();
    }
    return r;
  }
  if (!v.is(JsonKind::Object)) {
    diags.error("LP-SG-010", c.where(), std::string("expected a rule: a rule line string or an object, found ") +
                                            json_kind_name(v.kind));
    return std::nullopt;
  }
  return RuleReader(c, diags).read(id);
}

bool parse_sg_rules(const JsonCursor& list, const std::string& group_id, Diagnostics& diags,
                    std::vector<SecurityGroupRule>& out) {
  if (!list.value().is(JsonKind::Array)) {
    diags.error("LP-SG-011", list.where(), std::string("expected \"rules\" to be a list, found ") +
                                               json_kind_name(list.value().kind));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < list.value().items.size(); ++i) {
    auto r = parse_sg_rule(list.item(i), group_id + "#" + std::to_string(i), diags);
    if (r) out.push_back(std::move(*r));
    else ok = false;
  }
  return ok;
}

std::optional<SecurityGroup> parse_security_group(const JsonCursor& c, Diagnostics& diags,
                                                  const std::vector<std::string>& allowed_extra) {
  if (!c.value().is(JsonKind::Object)) {
    diags.error("LP-SG-012", c.where(), std::string("expected a security group object, found ") +
                                            json_kind_name(c.value().kind));
    return std::nullopt;
  }
  SecurityGroup g;
  g.where = c.where();
  bool ok = true;
  const JsonMember* rules = nullptr;
  std::optional<SourceRef> inner_accept_at;  // where "inner_access": "accept" is written
  for (const auto& m : c.value().members) {
    JsonCursor mc = c.member(m);
    auto str = [&](std::string& out) {
      if (mc.value().is(JsonKind::String)) {
        out = mc.value().text;
        return true;
      }
      diags.error("LP-SG-012", mc.where(), "expected \"" + m.key + "\" to be a string");
      ok = false;
      return false;
    };
    std::string v;
    if (m.key == "id" || m.key == "security_group_id") {
      if (str(g.id) && terraform_expression(g.id)) g.id = "sg-(" + g.id + ")";  // provenance, not an id
    } else if (m.key == "name") {
      str(g.name);
    } else if (m.key == "type") {
      if (!str(v)) continue;
      if (lower(v) == "basic" || lower(v) == "normal") g.type = SecurityGroupType::Basic;
      else if (lower(v) == "enterprise") g.type = SecurityGroupType::Enterprise;
      else {
        diags.error("LP-SG-012", mc.where(), "expected \"type\" to be basic (normal) or enterprise, found \"" + v + "\"");
        ok = false;
      }
    } else if (m.key == "inner_access") {
      if (!str(v)) continue;
      if (lower(v) == "accept") {
        g.inner_access = InnerAccessPolicy::Accept;
        inner_accept_at = mc.where();
      }
      else if (lower(v) == "drop") g.inner_access = InnerAccessPolicy::Drop;
      else {
        diags.error("LP-SG-012", mc.where(), "expected \"inner_access\" to be accept or drop, found \"" + v + "\"");
        ok = false;
      }
    } else if (m.key == "rules") {
      rules = &m;
    } else if (m.key == "source") {
      // provenance of corpus rule sets
    } else if (std::find(allowed_extra.begin(), allowed_extra.end(), m.key) == allowed_extra.end()) {
      diags.error("LP-SG-012", c.key_where(m),
                  "unknown security group member \"" + m.key + "\"; expected id, name, type, inner_access, rules");
      ok = false;
    }
  }
  if (g.id.empty()) g.id = "sg-(unnamed)";
  if (g.type == SecurityGroupType::Enterprise) {
    // reference.md §4.1: members of an enterprise group are isolated, and that cannot be changed.
    if (inner_accept_at) {
      diags.error("LP-SG-012", *inner_accept_at,
                  "an enterprise group is always isolated (reference.md §4.1): \"inner_access\" may only be drop");
      ok = false;
    }
    g.inner_access = InnerAccessPolicy::Drop;
  }
  if (rules) ok &= parse_sg_rules(c.member(*rules), g.id, diags, g.rules);
  if (g.type == SecurityGroupType::Enterprise)
    for (const auto& r : g.rules)
      if (r.peer.kind == RulePeer::Kind::Group) {
        // reference.md §4.1: enterprise groups take CIDR blocks or prefix lists only.
        diags.error("LP-SG-012", r.where,
                    "rule " + r.id + " of enterprise group " + g.id + " names security group " + r.peer.group_id +
                        "; enterprise groups take a CIDR block or a prefix list only (reference.md §4.1)");
        ok = false;
      }
  if (!ok) return std::nullopt;
  return g;
}

std::optional<SecurityGroup> load_security_group_file(const std::string& path, Diagnostics& diags) {
  auto json = load_json_file(path, diags);
  if (!json) return std::nullopt;
  return parse_security_group(JsonCursor(path, *json), diags);
}

}  // namespace lp
