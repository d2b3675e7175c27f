#include "lang/security_group.h"

namespace lp {

const char* direction_name(Direction d) { return d == Direction::Ingress ? "ingress" : "egress"; }

const char* protocol_name(IpProtocol p) {
  switch (p) {
    case IpProtocol::Tcp: return "tcp";
    case IpProtocol::Udp: return "udp";
    case IpProtocol::Icmp: return "icmp";
    case IpProtocol::Icmpv6: return "icmpv6";
    case IpProtocol::Gre: return "gre";
    case IpProtocol::All: return "all";
  }
  return "all";
}

const char* rule_policy_name(RulePolicy p) { return p == RulePolicy::Accept ? "accept" : "drop"; }

}  // namespace lp
