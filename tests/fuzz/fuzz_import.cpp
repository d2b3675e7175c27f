// Any byte string through the importers (lang/ingest/): the first byte picks a response file name
// (one call of each kind the snapshot importer reads) or a Terraform JSON file, the rest is its
// content. They may refuse, never crash or hang, and every refusal carries a diagnostic; a world
// they produce is read back by the world loader.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lang/ingest/snapshot.h"
#include "lang/ingest/terraform.h"
#include "lang/world_loader.h"

namespace {

const char* kNames[] = {
    "vpc.DescribeVpcs.RegionId=cn-hangzhou.page1.json",
    "vpc.DescribeVSwitches.RegionId=cn-hangzhou.page1.json",
    "ecs.DescribeSecurityGroups.RegionId=cn-hangzhou.page1.json",
    "ecs.DescribeSecurityGroupAttribute.RegionId=cn-hangzhou.SecurityGroupId=sg-1.page1.json",
    "ecs.DescribeInstances.RegionId=cn-hangzhou.page1.json",
    "ecs.DescribeNetworkInterfaces.RegionId=cn-hangzhou.page1.json",
    "slb.DescribeLoadBalancers.RegionId=cn-hangzhou.page1.json",
    "slb.DescribeLoadBalancerAttribute.LoadBalancerId=lb-1.RegionId=cn-hangzhou.page1.json",
    "slb.DescribeLoadBalancerListeners.RegionId=cn-hangzhou.page1.json",
    "privatelink.ListVpcEndpointServices.RegionId=cn-hangzhou.page1.json",
    "privatelink.ListVpcEndpointServiceUsers.RegionId=cn-hangzhou.ServiceId=epsrv-1.page1.json",
    "privatelink.ListVpcEndpointServiceResources.RegionId=cn-hangzhou.ServiceId=epsrv-1.page1.json",
    "privatelink.ListVpcEndpoints.RegionId=cn-hangzhou.page1.json",
    "privatelink.ListVpcEndpointZones.EndpointId=ep-1.RegionId=cn-hangzhou.page1.json",
    "privatelink.ListVpcEndpointConnections.RegionId=cn-hangzhou.ServiceId=epsrv-1.page1.json",
    "ram.ListUsers.page1.json",
    "ram.GetPolicyVersion.PolicyName=p.PolicyType=Custom.VersionId=v1.page1.json",
    "ram.GetRole.RoleName=r.page1.json",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t pick = data[0] % (sizeof(kNames) / sizeof(kNames[0]) + 1);
  lp::Diagnostics d;
  std::optional<lp::ingest::ImportResult> r;
  if (pick == sizeof(kNames) / sizeof(kNames[0])) {
    lp::ingest::TerraformOptions o;
    o.account = "1234567890123456";
    o.region = "cn-hangzhou";
    r = lp::ingest::import_terraform_text(text, "fuzz.json", o, d);
  } else {
    r = lp::ingest::import_openapi_files({{"fuzz/1234567890123456/x", "1234567890123456", kNames[pick], text}}, {}, d);
  }
  if (!r && !d.has_errors()) std::abort();  // a refusal without an error
  if (r) {
    std::string world = r->world.dump();
    lp::Diagnostics load;
    (void)lp::load_world_text(world, "fuzz-world.json", {}, load);
  }
  return 0;
}
