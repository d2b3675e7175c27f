// Grammar (docs/sg-rule-syntax.md):
//   rule     := direction policy protocol [ports] ("from" | "to") peer ["priority" N] [description]
//   ports    := N | N "-" N | N "/" N
//   peer     := CIDR | sg-ID | pl-ID
// Words are case-insensitive. Each part is a named X3 rule behind an expectation point, so a
// failure names the column and the part that was expected.
#include "lang/sg_rule_line.h"

#include <boost/spirit/home/x3.hpp>
#include <algorithm>
#include <charconv>

namespace lp {

namespace x3 = boost::spirit::x3;

bool parse_port_range(std::string_view text, PortRange& out) {
  if (text == "-1/-1" || text == "-1") {
    out = PortRange{};
    return true;
  }
  size_t sep = text.find_first_of("/-");
  auto number = [](std::string_view s, int& v) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty() && v >= 1 && v <= 65535;
  };
  int from = 0, to = 0;
  if (sep == std::string_view::npos) {
    if (!number(text, from)) return false;
    to = from;
  } else if (!number(text.substr(0, sep), from) || !number(text.substr(sep + 1), to) || from > to) {
    return false;
  }
  out.from = from;
  out.to = to;
  return true;
}

namespace {

struct LineState {
  SecurityGroupRule rule;
  bool has_ports = false;
  size_t ports_at = 0, peer_at = 0, priority_at = 0, protocol_at = 0;
  unsigned from = 0, to = 0;
  bool has_priority = false;
  unsigned priority = 0;
  bool peer_to = false;  // "to" was written
  std::string peer;
};

struct state_tag;

struct DirectionSymbols : x3::symbols<Direction> {
  DirectionSymbols() { add("ingress", Direction::Ingress)("egress", Direction::Egress); }
};
struct PolicySymbols : x3::symbols<RulePolicy> {
  PolicySymbols() { add("accept", RulePolicy::Accept)("drop", RulePolicy::Drop); }
};
struct ProtocolSymbols : x3::symbols<IpProtocol> {
  ProtocolSymbols() {
    add("tcp", IpProtocol::Tcp)("udp", IpProtocol::Udp)("icmp", IpProtocol::Icmp)("icmpv6", IpProtocol::Icmpv6)(
        "gre", IpProtocol::Gre)("all", IpProtocol::All);
  }
};

const DirectionSymbols kDirection;
const PolicySymbols kPolicy;
const ProtocolSymbols kProtocol;

template <typename Ctx>
LineState& state(Ctx& ctx) {
  return x3::get<state_tag>(ctx).get();
}

// The start of a raw[] match relative to the line start, recorded by the actions.
template <typename Ctx>
size_t offset(Ctx& ctx, const char* begin) {
  return static_cast<size_t>(x3::_attr(ctx).begin() - begin);
}

// A word must end at a space or the end: "tcpx" is not "tcp".
const auto word_end = !(x3::alnum | x3::char_("-_./:"));

}  // namespace

std::optional<SecurityGroupRule> parse_sg_rule_line(std::string_view line, const SourceRef& where, Diagnostics& diags) {
  LineState st;
  st.rule.where = where;
  const char* begin = line.data();
  const char* end = line.data() + line.size();  // moves to the description's quote, if any

  auto on_direction = [](auto& ctx) { state(ctx).rule.direction = x3::_attr(ctx); };
  auto on_policy = [](auto& ctx) { state(ctx).rule.policy = x3::_attr(ctx); };
  auto on_protocol = [](auto& ctx) { state(ctx).rule.protocol = x3::_attr(ctx); };
  auto on_from_port = [](auto& ctx) {
    state(ctx).has_ports = true;
    state(ctx).from = state(ctx).to = x3::_attr(ctx);
  };
  auto on_to_port = [](auto& ctx) { state(ctx).to = x3::_attr(ctx); };
  auto on_to = [](auto& ctx) { state(ctx).peer_to = true; };
  auto on_peer = [](auto& ctx) { state(ctx).peer.assign(x3::_attr(ctx).begin(), x3::_attr(ctx).end()); };
  auto on_priority = [](auto& ctx) {
    state(ctx).has_priority = true;
    state(ctx).priority = x3::_attr(ctx);
  };
  auto mark_ports = [begin](auto& ctx) { state(ctx).ports_at = offset(ctx, begin); };
  auto mark_peer = [begin](auto& ctx) { state(ctx).peer_at = offset(ctx, begin); };
  auto mark_priority = [begin](auto& ctx) { state(ctx).priority_at = offset(ctx, begin); };
  auto mark_protocol = [begin](auto& ctx) { state(ctx).protocol_at = offset(ctx, begin); };

  const auto direction = x3::rule<class direction_r>{"a direction: ingress or egress"} =
      x3::lexeme[x3::no_case[kDirection][on_direction] >> word_end];
  const auto policy = x3::rule<class policy_r>{"a policy: accept or drop"} = x3::lexeme[x3::no_case[kPolicy][on_policy] >> word_end];
  const auto protocol = x3::rule<class protocol_r>{"a protocol: tcp, udp, icmp, icmpv6, gre or all"} =
      x3::raw[x3::lexeme[x3::no_case[kProtocol][on_protocol] >> word_end]][mark_protocol];
  const auto ports = x3::rule<class ports_r>{"a port or port range (e.g. 443, 8000-8080 or 22/22)"} =
      x3::raw[x3::lexeme[x3::uint_[on_from_port] >> -((x3::lit('-') | x3::lit('/')) >> x3::uint_[on_to_port]) >>
                         word_end]][mark_ports];
  const auto peer_word = x3::rule<class peer_word_r>{"'from' or 'to' and the other end of the rule"} =
      x3::lexeme[x3::no_case[x3::lit("from") | x3::lit("to")[on_to]] >> word_end];
  const auto peer = x3::rule<class peer_r>{"a CIDR block, a security group id (sg-...) or a prefix list id (pl-...)"} =
      x3::raw[x3::lexeme[+(x3::alnum | x3::char_("-_./:"))]][([on_peer, mark_peer](auto& ctx) {
        on_peer(ctx);
        mark_peer(ctx);
      })];
  const auto priority = x3::rule<class priority_r>{"a priority from 1 to 100 after 'priority'"} =
      x3::raw[x3::uint_[on_priority]][mark_priority];
  const auto end_of_rule = x3::rule<class end_r>{"the end of the rule (after the peer: 'priority N' and a \"description\")"} =
      x3::eoi;

  const auto grammar = direction > policy > protocol > -ports > peer_word > peer >
                       -(x3::lexeme[x3::no_case[x3::lit("priority")] >> word_end] > priority) > end_of_rule;

  auto fail = [&](size_t at, std::string message) {
    SourceRef w = where;
    w.column = where.column + static_cast<int>(at);
    diags.error("LP-SG-001", w, std::move(message));
    return std::nullopt;
  };
  // The description is the quoted tail; the grammar reads the ASCII head before it (Spirit's
  // character classes are defined for ASCII only, and a description may be any UTF-8 text).
  size_t quote = line.find('"');
  if (quote != std::string_view::npos) {
    size_t close = line.find('"', quote + 1);
    if (close == std::string_view::npos) return fail(line.size(), "expected '\"' to end the description");
    if (line.find_first_not_of(" \t", close + 1) != std::string_view::npos)
      return fail(line.find_first_not_of(" \t", close + 1), "expected the end of the rule after the description");
    st.rule.description.assign(line.substr(quote + 1, close - quote - 1));
    end = line.data() + quote;
  }
  for (const char* c = begin; c != end; ++c)
    if (static_cast<unsigned char>(*c) >= 0x80 || (static_cast<unsigned char>(*c) < 0x20 && *c != '\t'))
      return fail(static_cast<size_t>(c - begin), "unexpected character: a rule line is ASCII words (only its \"description\" may hold other text)");
  const char* it = begin;
  try {
    bool ok = x3::phrase_parse(it, end, x3::with<state_tag>(std::ref(st))[grammar], x3::space);
    if (!ok) return fail(static_cast<size_t>(it - begin), "expected a direction: ingress or egress");
  } catch (const x3::expectation_failure<const char*>& e) {
    // The failure is reported before the skipper ran: point at the next word instead.
    const char* at = e.where();
    while (at != end && (*at == ' ' || *at == '\t')) ++at;
    const char* word_stop = std::find_if(at, end, [](char c) { return c == ' ' || c == '\t'; });
    std::string found = at == end ? "the end of the rule" : "'" + std::string(at, word_stop) + "'";
    return fail(static_cast<size_t>(at - begin), "expected " + e.which() + ", found " + found);
  }

  SecurityGroupRule& r = st.rule;
  bool needs_ports = r.protocol == IpProtocol::Tcp || r.protocol == IpProtocol::Udp;
  if (needs_ports && !st.has_ports)
    return fail(st.protocol_at, std::string(protocol_name(r.protocol)) + " needs a port or port range after it");
  if (!needs_ports && st.has_ports)
    return fail(st.ports_at, std::string(protocol_name(r.protocol)) + " has no ports; remove the port range");
  if (st.has_ports) {
    if (st.from < 1 || st.to > 65535 || st.from > st.to)
      return fail(st.ports_at, "expected ports from 1 to 65535 with the first not above the second");
    r.ports.from = static_cast<int>(st.from);
    r.ports.to = static_cast<int>(st.to);
  }
  // For egress the rule's other end is its destination; "from" and "to" both name the remote end
  // (docs/sg-rule-syntax.md), so `egress drop all from 0.0.0.0/0` reads as written.
  if (st.peer.rfind("sg-", 0) == 0 && st.peer.size() > 3) {
    r.peer.kind = RulePeer::Kind::Group;
    r.peer.group_id = st.peer;
  } else if (st.peer.rfind("pl-", 0) == 0 && st.peer.size() > 3) {
    r.peer.kind = RulePeer::Kind::PrefixList;
    r.peer.prefix_list = st.peer;
  } else if (auto c = parse_cidr(st.peer, false)) {
    r.peer.kind = RulePeer::Kind::Cidr;
    r.peer.cidr = *c;
  } else {
    return fail(st.peer_at, "expected a CIDR block with no host bits set (e.g. 10.0.0.0/24), a security group id "
                            "(sg-...) or a prefix list id (pl-...), found '" + st.peer + "'");
  }
  if (st.has_priority) {
    if (st.priority < 1 || st.priority > 100)
      return fail(st.priority_at, "expected a priority from 1 to 100, found " + std::to_string(st.priority));
    r.priority = static_cast<int>(st.priority);
  }
  return r;
}

}  // namespace lp
