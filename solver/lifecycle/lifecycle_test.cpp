// The operation table against the spec and the docs (PL-RL-03; docs/lifecycle.md).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "solver/lifecycle/lifecycle.h"

namespace lp::lifecycle {
namespace {

TEST(LifecycleTable, EveryPrivateLinkOperationOfPlRl03IsARow) {
  // privatelink-rules.md PL-RL-03, the list as written.
  for (const char* op :
       {"CreateVpcEndpoint", "DeleteVpcEndpoint", "UpdateVpcEndpointAttribute", "AttachSecurityGroupToVpcEndpoint",
        "DetachSecurityGroupFromVpcEndpoint", "AddZoneToVpcEndpoint", "RemoveZoneFromVpcEndpoint", "ListVpcEndpointConnections",
        "CreateVpcEndpointService", "UpdateVpcEndpointServiceAttribute", "DeleteVpcEndpointService",
        "AttachResourceToVpcEndpointService", "DetachResourceFromVpcEndpointService", "EnableVpcEndpointConnection",
        "DisableVpcEndpointConnection", "UpdateVpcEndpointConnectionAttribute", "AddUserToVpcEndpointService",
        "RemoveUserFromVpcEndpointService", "EnableVpcEndpointZoneConnection", "DisableVpcEndpointZoneConnection",
        "UpdateVpcEndpointZoneConnectionResourceAttribute", "UpdateVpcEndpointServiceResourceAttribute"}) {
    const Operation* o = find_operation(op);
    ASSERT_NE(o, nullptr) << op;
    EXPECT_EQ(std::string(o->action), std::string("privatelink:") + op) << "reference.md §2.1: the action name is the API name";
    EXPECT_FALSE(o->preconditions.empty()) << op;
  }
  for (const char* op : {"AuthorizeSecurityGroup", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroup", "RevokeSecurityGroupEgress",
                         "AttachPolicyToUser", "AttachPolicyToGroup", "AttachPolicyToRole", "DetachPolicyFromUser",
                         "DetachPolicyFromGroup", "DetachPolicyFromRole", "CreatePolicyVersion", "AddUserToGroup", "AssumeRole"})
    EXPECT_NE(find_operation(op), nullptr) << op;
}

TEST(LifecycleTable, EveryPreconditionCitesARuleId) {
  for (const auto& op : operations())
    for (const auto& [rule, text] : op.preconditions) {
      std::string r = rule;
      EXPECT_EQ(r.rfind("PL-", 0), 0u) << op.name << ": " << text;
    }
}

TEST(LifecycleTable, DocsPrintTheTable) {
  std::ifstream f(std::string(LINKPROOF_ROOT) + "/docs/lifecycle.md");
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_NE(ss.str().find(operations_markdown()), std::string::npos)
      << "docs/lifecycle.md must hold the output of `linkproof plan --table`";
}

TEST(LifecycleCaller, PrincipalForms) {
  std::string why;
  auto root = parse_principal("acs:ram::123:root", &why);
  ASSERT_TRUE(root);
  EXPECT_EQ(root->kind, Principal::Kind::Root);
  auto user = parse_principal("acs:ram::123:user/alice", &why);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->name, "alice");
  EXPECT_EQ(user->account, "123");
  EXPECT_FALSE(parse_principal("acs:ram::abc:root", &why));
  EXPECT_FALSE(parse_principal("acs:ram::123:group/x", &why));
  EXPECT_FALSE(parse_principal("arn:aws:iam::123:root", &why));
}

}  // namespace
}  // namespace lp::lifecycle
