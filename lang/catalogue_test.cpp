// The action catalogue: loading with located errors, case-insensitive lookup, and which services it
// covers (docs/validate.md LP-VAL-001 / LP-VAL-004 rest on it).
#include "lang/catalogue.h"

#include <gtest/gtest.h>

#include "lang/bundled.h"

namespace lp {
namespace {

std::string first_error(const Diagnostics& d) { return d.empty() ? "" : d.items()[0].to_string(); }

TEST(Catalogue, LoadsAndLooksUpIgnoringCase) {
  Catalogue cat;
  Diagnostics d;
  ASSERT_TRUE(load_catalogue_text(R"({"service": "PrivateLink", "source": "test", "actions": [
    {"action": "CreateVpcEndpoint", "access": "write", "resource_types": ["vpcendpoint"]},
    {"action": "ListVpcEndpoints", "access": "list"}]})",
                                  "c.json", cat, d))
      << first_error(d);
  EXPECT_TRUE(cat.covers("privatelink"));
  EXPECT_TRUE(cat.covers("PRIVATELINK"));
  EXPECT_FALSE(cat.covers("vpc"));
  const CatalogueAction* a = cat.find("privatelink:createvpcendpoint");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "CreateVpcEndpoint");
  EXPECT_EQ(a->access, Access::Write);
  EXPECT_EQ(a->resource_types, std::vector<std::string>{"vpcendpoint"});
  EXPECT_EQ(a->where.line, 2);
  EXPECT_EQ(cat.status("privatelink:ListVpcEndpoints"), ActionStatus::Known);
  EXPECT_EQ(cat.status("privatelink:ListVpcEndpoint"), ActionStatus::UnknownAction);
  EXPECT_EQ(cat.status("oss:GetObject"), ActionStatus::UnknownService);
  EXPECT_EQ(cat.status("GetObject"), ActionStatus::Malformed);
  EXPECT_EQ(cat.count_matching(Wildcard("privatelink:*vpcendpoint*", true)), 2u);
  EXPECT_EQ(cat.count_matching(Wildcard("privatelink:frob*", true)), 0u);
}

struct Bad {
  const char* text;
  const char* code;
  int line, column;
};

TEST(Catalogue, BadFilesGetLocatedErrors) {
  const Bad cases[] = {
      {R"([1])", "LP-CAT-001", 1, 1},
      {R"({"actions": []})", "LP-CAT-002", 1, 1},
      {R"({"service": "ecs", "action": []})", "LP-CAT-001", 1, 20},
      {R"({"service": "ecs"})", "LP-CAT-001", 1, 1},
      {"{\"service\": \"ecs\", \"actions\": [\n  \"StartInstance\"]}", "LP-CAT-003", 2, 3},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"StartInstance\"}]}", "LP-CAT-002", 2, 3},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"ecs:StartInstance\", \"access\": \"write\"}]}",
       "LP-CAT-004", 2, 14},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"Start*\", \"access\": \"write\"}]}", "LP-CAT-004", 2, 14},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"StartInstance\", \"access\": \"Write\"}]}", "LP-CAT-005",
       2, 41},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"A\", \"access\": \"read\", \"resource_types\": \"x\"}]}",
       "LP-CAT-006", 2, 55},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"A\", \"access\": \"read\", \"resource_types\": [1]}]}",
       "LP-CAT-006", 2, 56},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"A\", \"access\": \"read\", \"level\": 1}]}", "LP-CAT-003",
       2, 37},
      {"{\"service\": \"ecs\", \"actions\": [\n  {\"action\": \"A\", \"access\": \"read\"},\n  {\"action\": \"a\", "
       "\"access\": \"write\"}]}",
       "LP-CAT-007", 3, 3},
      {R"({"service": "ecs", "actions": [)", "LP-JSON-001", 1, 32},
  };
  for (const auto& c : cases) {
    Catalogue cat;
    Diagnostics d;
    EXPECT_FALSE(load_catalogue_text(c.text, "bad.json", cat, d)) << c.text;
    ASSERT_FALSE(d.empty()) << c.text;
    EXPECT_EQ(d.items()[0].code, c.code) << c.text << "\n" << first_error(d);
    EXPECT_EQ(d.items()[0].where.file, "bad.json");
    EXPECT_EQ(d.items()[0].where.line, c.line) << c.text << "\n" << first_error(d);
    EXPECT_EQ(d.items()[0].where.column, c.column) << c.text << "\n" << first_error(d);
  }
}

TEST(Catalogue, MissingDirectoryIsAnError) {
  Diagnostics d;
  EXPECT_FALSE(load_catalogue("/nonexistent/linkproof", d));
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d.items()[0].code, "LP-IO-001");
}

// The bundled catalogue covers the services the brief names, with every action of reference.md
// §2.2 and PL-RL-03, and the actions of the service-linked role's policy (PL-RL-01).
TEST(Catalogue, BundledCatalogueCoversPrivateLinkAndItsNeighbours) {
  Diagnostics d;
  auto dir = policies_dir(std::string(LINKPROOF_ROOT) + "/policies");
  ASSERT_TRUE(dir);
  auto cat = load_catalogue(*dir, d);
  ASSERT_TRUE(cat) << first_error(d);
  for (const char* s : {"privatelink", "vpc", "ecs", "ram", "sts", "slb"}) EXPECT_TRUE(cat->covers(s)) << s;
  for (const char* a :
       {"CreateVpcEndpoint", "DeleteVpcEndpoint", "UpdateVpcEndpointAttribute", "AttachSecurityGroupToVpcEndpoint",
        "DetachSecurityGroupFromVpcEndpoint", "AddZoneToVpcEndpoint", "RemoveZoneFromVpcEndpoint",
        "ListVpcEndpointConnections", "CreateVpcEndpointService", "UpdateVpcEndpointServiceAttribute",
        "DeleteVpcEndpointService", "AttachResourceToVpcEndpointService", "DetachResourceFromVpcEndpointService",
        "EnableVpcEndpointConnection", "DisableVpcEndpointConnection", "UpdateVpcEndpointConnectionAttribute",
        "AddUserToVpcEndpointService", "RemoveUserFromVpcEndpointService", "EnableVpcEndpointZoneConnection",
        "DisableVpcEndpointZoneConnection", "UpdateVpcEndpointZoneConnectionResourceAttribute",
        "UpdateVpcEndpointServiceResourceAttribute", "GetVpcEndpointAttribute", "GetVpcEndpointServiceAttribute",
        "ListVpcEndpoints", "ListVpcEndpointServiceUsers", "ListVpcEndpointServicesByEndUser",
        "ListVpcEndpointServices", "ListVpcEndpointServiceResources", "ListVpcEndpointZones",
        "ListVpcEndpointSecurityGroups", "DescribeRegions", "DescribeZones", "CheckProductOpen",
        "OpenPrivateLinkService", "ListTagResources", "TagResources", "UntagResources", "ChangeResourceGroup"})
    EXPECT_NE(cat->find(std::string("privatelink:") + a), nullptr) << a;
  for (const char* a : {"vpc:DescribeVSwitchAttributes", "ecs:CreateNetworkInterface", "ecs:DeleteNetworkInterface",
                        "ecs:DescribeNetworkInterfaces", "ecs:CreateNetworkInterfacePermission",
                        "ecs:DescribeNetworkInterfacePermissions", "ecs:DeleteNetworkInterfacePermission",
                        "ram:DeleteServiceLinkedRole", "sts:AssumeRole"})
    EXPECT_NE(cat->find(a), nullptr) << a;
  EXPECT_EQ(cat->find("privatelink:CreateVpcEndpoint")->access, Access::Write);
  EXPECT_EQ(cat->find("privatelink:ListVpcEndpoints")->access, Access::Read);  // "Read" [P5]
  EXPECT_EQ(cat->find("privatelink:ListVpcEndpointServiceUsers")->access, Access::List);
}

}  // namespace
}  // namespace lp
