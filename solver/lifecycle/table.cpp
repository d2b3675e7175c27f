// The operation table: one row per operation, to be read against privatelink-rules.md line by line.
// Rule ids PL-OP-* are the preconditions the PL rules do not number (docs/lifecycle.md defines
// them with their source). The checks themselves are the operation's function (ops_*.cpp), in the
// order of its row.
#include <sstream>

#include "solver/lifecycle/ctx.h"

namespace lp::lifecycle {

namespace {

struct Row {
  Operation op;
  Apply apply;
};

const char* kEndpoint = "acs:privatelink:{region}:{account}:vpcendpoint/{EndpointId}";
const char* kService = "acs:privatelink:{region}:{account}:vpcendpointservice/{ServiceId}";
const char* kGroup = "acs:ecs:{region}:{account}:securitygroup/{SecurityGroupId}";

const std::vector<Row>& rows() {
  static const std::vector<Row> table = {
      // ---- consumer side: the endpoint's account ----
      {{"CreateVpcEndpoint", "consumer", "the consumer account", "privatelink:CreateVpcEndpoint",
        "acs:privatelink:{region}:{account}:vpcendpoint/*; acs:ecs:...:securitygroup/{SecurityGroupId}; "
        "acs:vpc:...:vswitch/{VSwitchId}; acs:vpc:...:vpc/{VpcId}; condition privatelink:VpcEndpointServiceId",
        {"VpcId", "ServiceId", "SecurityGroupId", "Zone", "EndpointName?", "EndpointDescription?", "EndpointId?"},
        {{"PL-GEN-02", "the caller's account has activated PrivateLink"},
         {"PL-OP-01", "the service, the VPC, every security group and vSwitch exist"},
         {"PL-OP-02", "the VPC belongs to the caller's account"},
         {"PL-WL-01", "the caller's account is on the service's whitelist (the owner always is)"},
         {"PL-OP-03", "the service is Active"},
         {"PL-EP-02", "at least one security group, each in the VPC"},
         {"PL-EP-11", "the groups are all basic or all enterprise"},
         {"PL-EP-03", "each zone's vSwitch is in that zone and the service has a resource there"},
         {"PL-EP-04", "each vSwitch is in the VPC; a given ip lies in its vSwitch and no ENI of the VPC holds it"},
         {"PL-EP-10", "no zone twice; no more zones than the service has zones"},
         {"PL-OP-06", "at most 10 zones and 10 security groups (reference.md §3.9)"},
         {"PL-EP-05", "EndpointName: 2-128 characters, letter or Chinese first, letters digits - _"},
         {"PL-EP-06", "EndpointDescription: 2-256 characters, not http:// or https://"},
         {"PL-RL-01", "the service-linked role policy allows what endpoint creation needs"}},
        "a new Active endpoint with the groups and one ENI per zone in Wait; a service with AutoAcceptEnabled accepts "
        "at once (zones connected as EnableVpcEndpointConnection does), otherwise the connection is Disconnected and waits "
        "for the provider (PL-SV-05)",
        "endpoint Creating -> Active; zones Creating -> Wait"},
       CreateVpcEndpoint},
      {{"DeleteVpcEndpoint", "consumer", "the consumer account", "privatelink:DeleteVpcEndpoint", kEndpoint, {"EndpointId"},
        {{"PL-OP-01", "the endpoint exists"}, {"PL-OP-02", "the caller's account owns it"},
         {"PL-EP-08", "every zone of the endpoint has been removed"}},
        "the endpoint is gone; its VPC no longer reaches the service", "Deleting -> gone"},
       DeleteVpcEndpoint},
      {{"UpdateVpcEndpointAttribute", "consumer", "the consumer account", "privatelink:UpdateVpcEndpointAttribute", kEndpoint,
        {"EndpointId", "EndpointName?", "EndpointDescription?"},
        {{"PL-OP-01", "the endpoint exists"}, {"PL-OP-02", "the caller's account owns it"},
         {"PL-EP-05", "EndpointName rules on rename"}, {"PL-EP-06", "EndpointDescription rules"}},
        "name and description set", "-"},
       UpdateVpcEndpointAttribute},
      {{"AttachSecurityGroupToVpcEndpoint", "consumer", "the consumer account", "privatelink:AttachSecurityGroupToVpcEndpoint",
        "acs:privatelink:{region}:{account}:vpcendpoint/{EndpointId}; acs:ecs:{region}:{account}:securitygroup/{SecurityGroupId}",
        {"EndpointId", "SecurityGroupId"},
        {{"PL-OP-01", "the endpoint and the group exist"}, {"PL-OP-02", "the caller's account owns the endpoint"},
         {"PL-EP-02", "the group is in the endpoint's VPC"}, {"PL-OP-09", "the group is not attached already"},
         {"PL-EP-11", "the group's type matches the endpoint's other groups"},
         {"PL-OP-06", "at most 10 groups per endpoint ENI"}},
        "every ENI of the endpoint joins the group (PL-EP-09)", "endpoint Pending -> Active (traffic continues)"},
       AttachSecurityGroupToVpcEndpoint},
      {{"DetachSecurityGroupFromVpcEndpoint", "consumer", "the consumer account",
        "privatelink:DetachSecurityGroupFromVpcEndpoint",
        "acs:privatelink:{region}:{account}:vpcendpoint/{EndpointId}; acs:ecs:{region}:{account}:securitygroup/{SecurityGroupId}",
        {"EndpointId", "SecurityGroupId"},
        {{"PL-OP-01", "the endpoint exists"}, {"PL-OP-02", "the caller's account owns it"},
         {"PL-OP-09", "the group is attached"}, {"PL-EP-09", "it is not the endpoint's last group"}},
        "the ENIs leave the group", "endpoint Pending -> Active (traffic continues)"},
       DetachSecurityGroupFromVpcEndpoint},
      {{"AddZoneToVpcEndpoint", "consumer", "the consumer account", "privatelink:AddZoneToVpcEndpoint", kEndpoint,
        {"EndpointId", "ZoneId", "VSwitchId", "ip?"},
        {{"PL-OP-01", "the endpoint and the vSwitch exist"}, {"PL-OP-02", "the caller's account owns the endpoint"},
         {"PL-EP-04", "the vSwitch is in the endpoint's VPC; a given ip lies in it and no ENI of the VPC holds it"},
         {"PL-EP-03", "the vSwitch is in ZoneId and the service has a resource there"},
         {"PL-OP-09", "the endpoint has no zone ZoneId yet"},
         {"PL-EP-10", "no more zones than the service has zones"}},
        "a new zone ENI in Wait; on a Connected connection of an auto-accepting service it is connected as "
        "EnableVpcEndpointZoneConnection does",
        "zone Creating -> Wait"},
       AddZoneToVpcEndpoint},
      {{"RemoveZoneFromVpcEndpoint", "consumer", "the consumer account", "privatelink:RemoveZoneFromVpcEndpoint", kEndpoint,
        {"EndpointId", "ZoneId"},
        {{"PL-OP-01", "the endpoint and the zone exist"}, {"PL-OP-02", "the caller's account owns the endpoint"}},
        "the zone and its ENI (and any replaced resource of it) are gone", "zone Deleting -> gone"},
       RemoveZoneFromVpcEndpoint},
      // ---- provider side: the service's account ----
      {{"ListVpcEndpointConnections", "provider", "the provider account", "privatelink:ListVpcEndpointConnections",
        "acs:privatelink:{region}:{account}:vpcendpointservice/*", {"ServiceId?"},
        {{"PL-OP-01", "a given service exists"}, {"PL-OP-02", "the caller's account owns it"}}, "none (a read)", "-"},
       ListVpcEndpointConnections},
      {{"CreateVpcEndpointService", "provider", "the provider account", "privatelink:CreateVpcEndpointService",
        "acs:privatelink:{region}:{account}:vpcendpointservice/*; acs:slb:{region}:{account}:loadbalancer/{ResourceId}",
        {"Resource", "ServiceId?", "AutoAcceptEnabled?", "ServiceDescription?", "ConnectBandwidth?", "ZoneAffinityEnabled?"},
        {{"PL-GEN-02", "the caller's account has activated PrivateLink"},
         {"PL-SV-04", "at least one resource {ResourceId, ResourceType, ZoneId}"},
         {"PL-OP-06", "at most 10 resources at creation (reference.md §3.9)"},
         {"PL-OP-01", "every CLB exists"}, {"PL-OP-02", "the caller's account owns every CLB"},
         {"PL-SV-01", "each CLB is fit for PrivateLink (ResourceType slb; pay-as-you-go, intranet, VPC, PrivateLink on)"},
         {"PL-RS-02", "ZoneId is the CLB's zone"}, {"PL-EP-06", "ServiceDescription rules"},
         {"PL-CN-01", "ConnectBandwidth in the rule set's range"}},
        "a new Active service; its whitelist holds only the owner (PL-WL-01); every resource allows auto-allocation",
        "Creating -> Active"},
       CreateVpcEndpointService},
      {{"UpdateVpcEndpointServiceAttribute", "provider", "the provider account", "privatelink:UpdateVpcEndpointServiceAttribute",
        kService, {"ServiceId", "AutoAcceptEnabled?", "ServiceDescription?", "ConnectBandwidth?", "ZoneAffinityEnabled?"},
        {{"PL-OP-01", "the service exists"}, {"PL-OP-02", "the caller's account owns it"}, {"PL-OP-03", "the service is Active"},
         {"PL-CN-01", "ConnectBandwidth in the rule set's range"}, {"PL-EP-06", "ServiceDescription rules"}},
        "attributes set (PL-SV-07); turning auto-accept on does not accept connections already waiting", "-"},
       UpdateVpcEndpointServiceAttribute},
      {{"DeleteVpcEndpointService", "provider", "the provider account", "privatelink:DeleteVpcEndpointService", kService,
        {"ServiceId"},
        {{"PL-OP-01", "the service exists"}, {"PL-OP-02", "the caller's account owns it"},
         {"PL-SV-08", "every endpoint connection to it is rejected (Disconnected) and every resource removed"}},
        "the service is gone (its CLBs stay); endpoints to it are ServiceDeleted", "Deleting -> gone"},
       DeleteVpcEndpointService},
      {{"AttachResourceToVpcEndpointService", "provider", "the provider account", "privatelink:AttachResourceToVpcEndpointService",
        "acs:privatelink:{region}:{account}:vpcendpointservice/{ServiceId}; acs:slb:{region}:{account}:loadbalancer/{ResourceId}",
        {"ServiceId", "ResourceId", "ResourceType", "ZoneId?"},
        {{"PL-OP-01", "the service and the CLB exist"}, {"PL-OP-02", "the caller's account owns both"},
         {"PL-OP-03", "the service is Active"}, {"PL-SV-01", "the CLB is fit for PrivateLink (ResourceType slb)"},
         {"PL-RS-02", "the CLB is in the service's region; ZoneId, if given, is its zone"},
         {"PL-OP-09", "the CLB is not a resource of the service yet"}},
        "a new resource in the CLB's zone; it allows auto-allocation", "-"},
       AttachResourceToVpcEndpointService},
      {{"DetachResourceFromVpcEndpointService", "provider", "the provider account",
        "privatelink:DetachResourceFromVpcEndpointService",
        "acs:privatelink:{region}:{account}:vpcendpointservice/{ServiceId}; acs:slb:{region}:{account}:loadbalancer/{ResourceId}",
        {"ServiceId", "ResourceId", "ResourceType?", "ZoneId?"},
        {{"PL-OP-01", "the service exists and the CLB is one of its resources"}, {"PL-OP-02", "the caller's account owns it"},
         {"PL-OP-03", "the service is Active"},
         {"PL-SV-09", "no endpoint zone uses the resource (assigned, or replaced and not yet cleaned: PL-RS-09)"}},
        "the resource is gone (the CLB stays)", "-"},
       DetachResourceFromVpcEndpointService},
      {{"EnableVpcEndpointConnection", "provider", "the provider account", "privatelink:EnableVpcEndpointConnection", kService,
        {"ServiceId", "EndpointId", "Bandwidth?", "TrafficControlMode?"},
        {{"PL-OP-01", "the service and the endpoint exist; the endpoint connects to the service"},
         {"PL-OP-02", "the caller's account owns the service"}, {"PL-OP-03", "the service is Active"},
         {"PL-CN-02", "the connection is Disconnected (waiting)"},
         {"PL-WL-03", "the endpoint's account is still on the whitelist"},
         {"PL-CN-01", "Bandwidth in the rule set's range"}},
        "Connected; every zone in Wait or Disconnected connects: a manually assigned resource is kept, any other zone gets "
        "an auto-allocatable resource of its zone (PL-CN-03, PL-RS-05); a zone with none stays Wait",
        "connection Connecting -> Connected"},
       EnableVpcEndpointConnection},
      {{"DisableVpcEndpointConnection", "provider", "the provider account", "privatelink:DisableVpcEndpointConnection", kService,
        {"ServiceId", "EndpointId"},
        {{"PL-OP-01", "the service and the endpoint exist; the endpoint connects to the service"},
         {"PL-OP-02", "the caller's account owns the service"},
         {"PL-OP-09", "the connection is not Disconnected already"}},
        "Disconnected (rejected): every zone Disconnected and its resource released; no access (PL-CN-04)",
        "connection Disconnecting -> Disconnected"},
       DisableVpcEndpointConnection},
      {{"UpdateVpcEndpointConnectionAttribute", "provider", "the provider account",
        "privatelink:UpdateVpcEndpointConnectionAttribute", kService, {"ServiceId", "EndpointId", "Bandwidth?", "TrafficControlMode?"},
        {{"PL-OP-01", "the service and the endpoint exist; the endpoint connects to the service"},
         {"PL-OP-02", "the caller's account owns the service"}, {"PL-CN-01", "Bandwidth in the rule set's range"}},
        "the connection's bandwidth set", "-"},
       UpdateVpcEndpointConnectionAttribute},
      {{"AddUserToVpcEndpointService", "provider", "the provider account", "privatelink:AddUserToVpcEndpointService", kService,
        {"ServiceId", "UserId"},
        {{"PL-OP-01", "the service exists"}, {"PL-OP-02", "the caller's account owns it"}, {"PL-OP-03", "the service is Active"},
         {"PL-WL-02", "UserId is an account id (digits); several may be given comma separated"},
         {"PL-OP-09", "the account is not on the whitelist yet"}},
        "the account is on the whitelist (PL-WL-01)", "-"},
       AddUserToVpcEndpointService},
      {{"RemoveUserFromVpcEndpointService", "provider", "the provider account", "privatelink:RemoveUserFromVpcEndpointService",
        kService, {"ServiceId", "UserId"},
        {{"PL-OP-01", "the service exists"}, {"PL-OP-02", "the caller's account owns it"}, {"PL-OP-03", "the service is Active"},
         {"PL-OP-09", "the account is on the whitelist"}},
        "the account is off the whitelist; its existing connections survive (PL-WL-03)", "-"},
       RemoveUserFromVpcEndpointService},
      {{"EnableVpcEndpointZoneConnection", "provider", "the provider account", "privatelink:EnableVpcEndpointZoneConnection",
        kService, {"ServiceId", "EndpointId", "ZoneId"},
        {{"PL-OP-01", "the service, the endpoint and its zone exist"}, {"PL-OP-02", "the caller's account owns the service"},
         {"PL-OP-03", "the service is Active"}, {"PL-OP-10", "the connection is Connected (reference.md §3.8)"},
         {"PL-RS-04", "the zone is Wait or Disconnected and has a resource: assigned, or auto-allocatable in its zone"}},
        "the zone is Connected to its resource", "zone Connecting -> Connected"},
       EnableVpcEndpointZoneConnection},
      {{"DisableVpcEndpointZoneConnection", "provider", "the provider account", "privatelink:DisableVpcEndpointZoneConnection",
        kService, {"ServiceId", "EndpointId", "ZoneId", "ReplacedResource?"},
        {{"PL-OP-01", "the service, the endpoint and its zone exist"}, {"PL-OP-02", "the caller's account owns the service"},
         {"PL-RS-08", "the connection is Connected, the zone Connected or Migrated with a resource; with ReplacedResource a "
                      "smooth migration's old resource is there to clean, without it none is (the old one goes first)"}},
        "ReplacedResource: the old connection of a smooth migration is cleaned, the zone keeps serving through the new "
        "resource; otherwise the zone is Disconnected and its resource released",
        "zone Disconnecting -> Disconnected"},
       DisableVpcEndpointZoneConnection},
      {{"UpdateVpcEndpointZoneConnectionResourceAttribute", "provider", "the provider account",
        "privatelink:UpdateVpcEndpointZoneConnectionResourceAttribute", kService,
        {"ServiceId", "EndpointId", "ZoneId", "ResourceAllocateMode?", "ResourceReplaceMode?", "ResourceId?", "ResourceType?"},
        {{"PL-OP-04", "the provider holds the resource-scheduling privilege (reference.md §3.8)"},
         {"PL-OP-01", "the service, the endpoint and its zone exist"}, {"PL-OP-02", "the caller's account owns the service"},
         {"PL-OP-03", "the service is Active"},
         {"PL-RS-04", "on a Disconnected connection (assign): the zone is Wait or Disconnected; ResourceAllocateMode Manual "
                      "names ResourceId and ResourceType of the service in the zone, Auto clears the assignment (PL-RS-05)"},
         {"PL-RS-06", "on a Connected connection (replace): ResourceReplaceMode; the zone Connected or Disconnected; "
                      "ResourceId another resource of the service in the zone; the connected one has auto-allocation "
                      "disallowed; no smooth migration of the zone still to clean (PL-RS-08)"},
         {"PL-OP-10", "the connection is Disconnected or Connected"}},
        "assign: the zone's resource set (Manual) or cleared (Auto); replace Graceful: the zone serves through the new "
        "resource and the old one serves beside it until cleaned; replace Force: the zone switches at once",
        "service Pending -> Active (existing connections keep serving); Force: zone Migrating -> Connected"},
       UpdateVpcEndpointZoneConnectionResourceAttribute},
      {{"UpdateVpcEndpointServiceResourceAttribute", "provider", "the provider account",
        "privatelink:UpdateVpcEndpointServiceResourceAttribute", kService,
        {"ServiceId", "ResourceId", "AutoAllocatedEnabled", "ZoneId?"},
        {{"PL-OP-01", "the service exists and the CLB is one of its resources"}, {"PL-OP-02", "the caller's account owns it"},
         {"PL-OP-03", "the service is Active"},
         {"PL-RS-07", "disallowing leaves the zone another auto-allocatable resource"}},
        "the resource's auto-allocation set", "-"},
       UpdateVpcEndpointServiceResourceAttribute},
      // ---- network: the security group's account (reference.md §4.2) ----
      {{"AuthorizeSecurityGroup", "network", "the group's account", "ecs:AuthorizeSecurityGroup", kGroup,
        {"SecurityGroupId", "IpProtocol", "PortRange", "SourceCidrIp?", "SourceGroupId?", "Policy?", "Priority?", "Description?"},
        {{"PL-OP-01", "the group exists"}, {"PL-OP-02", "the caller's account owns the group's VPC"},
         {"PL-OP-07", "a valid rule: protocol, port range, priority 1-100, exactly one source; group sources only in "
                      "basic groups"}},
        "the ingress rule is added (an identical rule adds nothing, reference.md §4.2)", "-"},
       AuthorizeSecurityGroup},
      {{"AuthorizeSecurityGroupEgress", "network", "the group's account", "ecs:AuthorizeSecurityGroupEgress", kGroup,
        {"SecurityGroupId", "IpProtocol", "PortRange", "DestCidrIp?", "DestGroupId?", "Policy?", "Priority?", "Description?"},
        {{"PL-OP-01", "the group exists"}, {"PL-OP-02", "the caller's account owns the group's VPC"},
         {"PL-OP-07", "a valid rule with exactly one destination"}},
        "the egress rule is added", "-"},
       AuthorizeSecurityGroupEgress},
      {{"RevokeSecurityGroup", "network", "the group's account", "ecs:RevokeSecurityGroup", kGroup,
        {"SecurityGroupId", "IpProtocol", "PortRange", "SourceCidrIp?", "SourceGroupId?", "Policy?", "Priority?"},
        {{"PL-OP-01", "the group exists"}, {"PL-OP-02", "the caller's account owns the group's VPC"},
         {"PL-OP-07", "the group has an ingress rule with these fields"}},
        "the ingress rule is removed", "-"},
       RevokeSecurityGroup},
      {{"RevokeSecurityGroupEgress", "network", "the group's account", "ecs:RevokeSecurityGroupEgress", kGroup,
        {"SecurityGroupId", "IpProtocol", "PortRange", "DestCidrIp?", "DestGroupId?", "Policy?", "Priority?"},
        {{"PL-OP-01", "the group exists"}, {"PL-OP-02", "the caller's account owns the group's VPC"},
         {"PL-OP-07", "the group has an egress rule with these fields"}},
        "the egress rule is removed", "-"},
       RevokeSecurityGroupEgress},
      // ---- RAM: how a principal widens its own access (reference.md §1.3, §1.7, §1.10) ----
      {{"AttachPolicyToUser", "ram", "the user's account", "ram:AttachPolicyToUser",
        "acs:ram:*:{account}:policy/{PolicyName}; acs:ram:*:{account}:user/{UserName}", {"PolicyType", "PolicyName", "UserName"},
        {{"PL-OP-01", "the user (in the caller's account) and the policy exist"}, {"PL-OP-09", "not attached already"}},
        "the user's identity policies include it", "-"},
       AttachPolicyToUser},
      {{"AttachPolicyToGroup", "ram", "the group's account", "ram:AttachPolicyToGroup",
        "acs:ram:*:{account}:policy/{PolicyName}; acs:ram:*:{account}:group/{GroupName}", {"PolicyType", "PolicyName", "GroupName"},
        {{"PL-OP-01", "the group and the policy exist"}, {"PL-OP-09", "not attached already"}},
        "every member of the group has it", "-"},
       AttachPolicyToGroup},
      {{"AttachPolicyToRole", "ram", "the role's account", "ram:AttachPolicyToRole",
        "acs:ram:*:{account}:policy/{PolicyName}; acs:ram:*:{account}:role/{RoleName}", {"PolicyType", "PolicyName", "RoleName"},
        {{"PL-OP-01", "the role and the policy exist"}, {"PL-OP-09", "not attached already"}},
        "the role's identity policies include it", "-"},
       AttachPolicyToRole},
      {{"DetachPolicyFromUser", "ram", "the user's account", "ram:DetachPolicyFromUser",
        "acs:ram:*:{account}:policy/{PolicyName}; acs:ram:*:{account}:user/{UserName}", {"PolicyType", "PolicyName", "UserName"},
        {{"PL-OP-01", "the user and the policy exist"}, {"PL-OP-09", "the policy is attached"}}, "detached", "-"},
       DetachPolicyFromUser},
      {{"DetachPolicyFromGroup", "ram", "the group's account", "ram:DetachPolicyFromGroup",
        "acs:ram:*:{account}:policy/{PolicyName}; acs:ram:*:{account}:group/{GroupName}", {"PolicyType", "PolicyName", "GroupName"},
        {{"PL-OP-01", "the group and the policy exist"}, {"PL-OP-09", "the policy is attached"}}, "detached", "-"},
       DetachPolicyFromGroup},
      {{"DetachPolicyFromRole", "ram", "the role's account", "ram:DetachPolicyFromRole",
        "acs:ram:*:{account}:policy/{PolicyName}; acs:ram:*:{account}:role/{RoleName}", {"PolicyType", "PolicyName", "RoleName"},
        {{"PL-OP-01", "the role and the policy exist"}, {"PL-OP-09", "the policy is attached"}}, "detached", "-"},
       DetachPolicyFromRole},
      {{"CreatePolicyVersion", "ram", "the policy's account", "ram:CreatePolicyVersion", "acs:ram:*:{account}:policy/{PolicyName}",
        {"PolicyName", "PolicyDocument", "SetAsDefault?", "RotateStrategy?"},
        {{"PL-OP-01", "the policy exists"},
         {"PL-OP-05", "PolicyDocument is a RAM policy document within the length limit (reference.md §1.12)"}},
        "with SetAsDefault true the document becomes the policy's default version, for every attachment", "-"},
       CreatePolicyVersion},
      {{"AddUserToGroup", "ram", "the group's account", "ram:AddUserToGroup",
        "acs:ram:*:{account}:group/{GroupName}; acs:ram:*:{account}:user/{UserName}", {"GroupName", "UserName"},
        {{"PL-OP-01", "the user and the group exist"}, {"PL-OP-09", "the user is not a member yet"}},
        "the user has the group's policies", "-"},
       AddUserToGroup},
      {{"AssumeRole", "ram", "any principal", "sts:AssumeRole", "acs:ram::{account}:role/{RoleName}",
        {"RoleArn", "RoleSessionName?"},
        {{"PL-OP-01", "the role exists"},
         {"PL-RL-03", "the role's trust policy names the caller (reference.md §1.7: both it and the caller's policies allow)"}},
        "the role is a caller of the following steps", "-"},
       AssumeRole},
  };
  return table;
}

}  // namespace

const std::vector<Operation>& operations() {
  static const std::vector<Operation> ops = [] {
    std::vector<Operation> out;
    for (const auto& r : rows()) out.push_back(r.op);
    return out;
  }();
  return ops;
}

const Operation* find_operation(const std::string& name) {
  for (const auto& op : operations())
    if (name == op.name) return &op;
  return nullptr;
}

Apply find_apply(const std::string& op) {
  for (const auto& r : rows())
    if (op == r.op.name) return r.apply;
  return nullptr;
}

std::string operations_markdown() {
  std::ostringstream o;
  o << "| operation | caller | RAM action | resource | parameters | preconditions | effect | asynchronous states |\n"
    << "|---|---|---|---|---|---|---|---|\n";
  for (const auto& op : operations()) {
    o << "| " << op.name << " | " << op.caller << " | `" << op.action << "` | `" << op.resource << "` | ";
    for (size_t i = 0; i < op.params.size(); ++i) o << (i ? ", " : "") << "`" << op.params[i] << "`";
    o << " | ";
    for (size_t i = 0; i < op.preconditions.size(); ++i)
      o << (i ? "; " : "") << op.preconditions[i].first << ": " << op.preconditions[i].second;
    o << " | " << op.effect << " | " << op.async << " |\n";
  }
  return o.str();
}

}  // namespace lp::lifecycle
