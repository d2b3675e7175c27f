// The snapshot importer's conventions (docs/import.md): file names, numbers as strings, the ENI
// match, Get* over List*, the ignored-field notes, whitelist ARNs.
#include "lang/ingest/snapshot.h"

#include <gtest/gtest.h>

#include "lang/ingest/reader.h"

namespace lp::ingest {
namespace {

TEST(CallName, ParsesProductActionSortedParametersAndPage) {
  std::string why;
  auto c = parse_call_name("ram.GetPolicyVersion.PolicyName=ops.PolicyType=Custom.VersionId=v1.page1.json", why);
  ASSERT_TRUE(c) << why;
  EXPECT_EQ(c->api(), "ram.GetPolicyVersion");
  ASSERT_EQ(c->params.size(), 3u);
  EXPECT_EQ(c->params[0], (std::pair<std::string, std::string>{"PolicyName", "ops"}));
  EXPECT_EQ(c->params[2], (std::pair<std::string, std::string>{"VersionId", "v1"}));
  EXPECT_EQ(c->page, 1);
  EXPECT_EQ(c->key(), "ram.GetPolicyVersion.PolicyName=ops.PolicyType=Custom.VersionId=v1");
}

TEST(CallName, AValueMayHoldDots) {
  std::string why;
  auto c = parse_call_name("ims.ListGroupsForUser.UserPrincipalName=alice@example.onaliyun.com.page12.json", why);
  ASSERT_TRUE(c) << why;
  ASSERT_EQ(c->params.size(), 1u);
  EXPECT_EQ(c->params[0].second, "alice@example.onaliyun.com");
  EXPECT_EQ(c->page, 12);
}

TEST(CallName, RefusesWhatBreaksTheConvention) {
  std::string why;
  EXPECT_FALSE(parse_call_name("vpc.DescribeVpcs.json", why));
  EXPECT_NE(why.find("page<N>"), std::string::npos);
  EXPECT_FALSE(parse_call_name("vpc.DescribeVpcs.RegionId=a.page0.json", why));
  EXPECT_FALSE(parse_call_name("vpc.describeVpcs.page1.json", why));  // an action starts upper-case
  EXPECT_FALSE(parse_call_name("x.ListA.ServiceId=1.EndpointId=2.page1.json", why));  // unsorted
  EXPECT_NE(why.find("sorted"), std::string::npos);
  EXPECT_FALSE(parse_call_name("x.ListA.K=1.K=2.page1.json", why));  // repeated
  EXPECT_FALSE(parse_call_name("vpc.DescribeVpcs.page1.txt", why));
}

TEST(Reader, GenericPointerAndLenientNumbers) {
  EXPECT_EQ(generic_pointer("/Vpcs/Vpc/12/CenStatus"), "/Vpcs/Vpc/*/CenStatus");
  EXPECT_EQ(generic_pointer(""), "");
  JsonValue n;
  n.kind = JsonKind::String;
  n.text = "42";
  EXPECT_EQ(whole_number(n), 42);
  n.text = "4x";
  EXPECT_FALSE(whole_number(n));
  n.kind = JsonKind::Number;
  n.text = "-1";
  EXPECT_EQ(whole_number(n), -1);
}

const std::string kA = "123456789012";

SnapshotFile file(const std::string& name, const std::string& text) { return {kA + "/" + name, kA, name, text}; }

const char* kVpcs = R"({"PageNumber": 1, "TotalCount": "1", "Vpcs": {"Vpc": [
  {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "RegionId": "cn-hangzhou", "CenStatus": "Attached", "Colour": "red"}]}})";
const char* kVsw = R"({"TotalCount": 1, "VSwitches": {"VSwitch": [
  {"VSwitchId": "vsw-1", "VpcId": "vpc-1", "ZoneId": "cn-hangzhou-h", "CidrBlock": "10.0.1.0/24"}]}})";
const char* kSvc = R"({"NextToken": "", "Services": [{"ServiceId": "epsrv-1", "RegionId": "cn-hangzhou", "ServiceStatus": "Active"}]})";
const char* kEps = R"({"NextToken": "", "Endpoints": [{"EndpointId": "ep-1", "VpcId": "vpc-1", "ServiceId": "epsrv-1",
  "RegionId": "cn-hangzhou", "EndpointStatus": "Active", "Bandwidth": "1024"}]})";

std::vector<SnapshotFile> base() {
  return {file("vpc.DescribeVpcs.RegionId=cn-hangzhou.page1.json", kVpcs),
          file("vpc.DescribeVSwitches.RegionId=cn-hangzhou.page1.json", kVsw),
          file("privatelink.ListVpcEndpointServices.RegionId=cn-hangzhou.page1.json", kSvc),
          file("privatelink.ListVpcEndpoints.RegionId=cn-hangzhou.page1.json", kEps)};
}

TEST(Snapshot, NumbersAsStringsAndNotesPerApi) {
  Diagnostics d;
  ImportOptions o;
  o.verbose = true;
  auto r = import_openapi_files(base(), o, d);
  ASSERT_TRUE(r) << (d.empty() ? "" : d.items()[0].to_string());
  EXPECT_EQ(r->world["endpoints"][0]["bandwidth"], 1024);  // "1024" read as a number
  bool noted = false;
  for (const auto& n : r->notes)
    if (n.api == "vpc.DescribeVpcs") {
      noted = true;
      EXPECT_NE(n.message.find("2 fields ignored: 1 documented but not modelled by the world, 1 not in the documented shape"),
                std::string::npos)
          << n.message;
      ASSERT_EQ(n.details.size(), 2u);
      EXPECT_NE(n.details[0].find("/Vpcs/Vpc/*/CenStatus"), std::string::npos);
      EXPECT_NE(n.details[1].find("/Vpcs/Vpc/*/Colour (1x, first at 123456789012/vpc.DescribeVpcs.RegionId=cn-hangzhou.page1.json:2:102; not in the documented shape)"),
                std::string::npos)
          << n.details[1];
    }
  EXPECT_TRUE(noted);
}

TEST(Snapshot, EniFillsTheZoneAddressAndAMismatchIsAnError) {
  auto files = base();
  files.push_back(file("privatelink.ListVpcEndpointZones.EndpointId=ep-1.RegionId=cn-hangzhou.page1.json",
                       R"({"NextToken": "", "Zones": [{"ZoneId": "cn-hangzhou-h", "VSwitchId": "vsw-1", "EniId": "eni-9", "ZoneStatus": "Wait"}]})"));
  files.push_back(file("ecs.DescribeNetworkInterfaces.RegionId=cn-hangzhou.page1.json",
                       R"({"NextToken": "", "NetworkInterfaceSets": {"NetworkInterfaceSet": [{"NetworkInterfaceId": "eni-9",
                           "Type": "Secondary", "VSwitchId": "vsw-1", "PrivateIpAddress": "10.0.1.7", "ServiceManaged": true}]}})"));
  Diagnostics d;
  auto r = import_openapi_files(files, {}, d);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->world["endpoints"][0]["zones"][0]["ip"], "10.0.1.7");
  EXPECT_TRUE(r->world["instances"].empty());  // the zone's ENI is not an instance
  files[4].text = R"({"NextToken": "", "Zones": [{"ZoneId": "cn-hangzhou-h", "VSwitchId": "vsw-1", "EniId": "eni-9", "EniIp": "10.0.1.8"}]})";
  Diagnostics d2;
  EXPECT_FALSE(import_openapi_files(files, {}, d2));
  ASSERT_FALSE(d2.empty());
  EXPECT_EQ(d2.items()[0].code, "LP-IMPORT-002");
  EXPECT_NE(d2.items()[0].message.find("has address 10.0.1.7"), std::string::npos);
}

TEST(Snapshot, AttributeCallReplacesTheListedValues) {
  auto files = base();
  files.push_back(file("privatelink.GetVpcEndpointAttribute.EndpointId=ep-1.RegionId=cn-hangzhou.page1.json",
                       R"({"EndpointId": "ep-1", "VpcId": "vpc-1", "ServiceId": "epsrv-1", "RegionId": "cn-hangzhou",
                           "EndpointStatus": "Pending", "ZonePrivateIpAddressCount": 1})"));
  Diagnostics d;
  auto r = import_openapi_files(files, {}, d);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->world["endpoints"][0]["status"], "Pending");
}

TEST(Snapshot, WhitelistArnsNameAccountsOrEveryone) {
  auto files = base();
  files.push_back(file("privatelink.ListVpcEndpointServiceUsers.RegionId=cn-hangzhou.ServiceId=epsrv-1.page1.json",
                       R"({"NextToken": "", "TotalCount": "2", "Users": [{"UserId": 222222222222}],
                           "UserARNs": [{"UserARN": "acs:ram:*:333333333333:*"}]})"));
  Diagnostics d;
  auto r = import_openapi_files(files, {}, d);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->world["services"][0]["whitelist"], (nlohmann::ordered_json{"222222222222", "333333333333"}));
  files.back().text = R"({"NextToken": "", "UserARNs": [{"UserARN": "acs:ram:*::*"}]})";
  files.push_back({"999999999999/vpc.DescribeVpcs.RegionId=cn-hangzhou.page1.json", "999999999999",
                   "vpc.DescribeVpcs.RegionId=cn-hangzhou.page1.json", R"({"Vpcs": {"Vpc": []}})"});
  Diagnostics d2;
  auto r2 = import_openapi_files(files, {}, d2);
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->world["services"][0]["whitelist"], (nlohmann::ordered_json{"999999999999"}));  // every other snapshot account
  ImportOptions refuse;
  refuse.wildcard_arn = WildcardArn::Refuse;
  Diagnostics d3;
  EXPECT_FALSE(import_openapi_files(files, refuse, d3));
  ASSERT_FALSE(d3.empty());
  EXPECT_EQ(d3.items()[0].code, "LP-IMPORT-004");
}

TEST(Snapshot, DuplicateObjectIsLocated) {
  auto files = base();
  files.push_back(file("vpc.DescribeVpcs.RegionId=cn-shanghai.page1.json", kVpcs));
  Diagnostics d;
  EXPECT_FALSE(import_openapi_files(files, {}, d));
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d.items()[0].code, "LP-IMPORT-007");
  EXPECT_EQ(d.items()[0].where.line, 2);
}

TEST(Snapshot, ConnectionsOfEndpointsOutsideTheSnapshotAreLeftOutWithANote) {
  auto files = base();
  files.push_back(file("privatelink.ListVpcEndpointConnections.RegionId=cn-hangzhou.ServiceId=epsrv-1.page1.json",
                       R"({"NextToken": "", "Connections": [{"EndpointId": "ep-of-someone-else", "ServiceId": "epsrv-1",
                           "EndpointOwnerId": 999999999999, "ConnectionStatus": "Connected"}]})"));
  Diagnostics d;
  auto r = import_openapi_files(files, {}, d);
  ASSERT_TRUE(r) << (d.empty() ? "" : d.items()[0].to_string());
  bool noted = false;
  for (const auto& n : r->notes)
    noted |= n.message.find("1 connection(s) of endpoints outside the snapshot") != std::string::npos;
  EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace lp::ingest
