#!/usr/bin/env python3
"""The `who` benchmark world (bench/gen_reach_world.py) written out as an Alibaba Cloud API snapshot
for `linkproof import openapi` (docs/import.md): one folder per account, one response file per page.
  python3 bench/gen_reach_snapshot.py --seed 1 --accounts 1000 --services 1000 --rules 20000 --out DIR
"""
import argparse, json, os, subprocess, sys, tempfile

def pages(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=100)
    ap.add_argument("--services", type=int, default=100)
    ap.add_argument("--rules", type=int, default=20000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
        subprocess.check_call([sys.executable, os.path.join(os.path.dirname(__file__), "gen_reach_world.py"), "--seed", str(a.seed),
                               "--accounts", str(a.accounts), "--services", str(a.services), "--rules", str(a.rules), "--out", tmp.name])
        w = json.load(open(tmp.name))
    R = "cn-hangzhou"
    files = {}
    def put(acct, name, body):
        files.setdefault(acct, {})[name] = body
    def token_pages(acct, call, key, items, size, extra=None):
        ps = pages(items, size)
        for n, p in enumerate(ps):
            body = {"RequestId": f"{acct}-{call}-{n}", "MaxResults": size, "NextToken": "" if n == len(ps) - 1 else f"t{n + 1}", key: p}
            body.update(extra or {})
            put(acct, f"{call}.page{n + 1}.json", body)
    vpc_acct = {v["id"]: v["account"] for v in w["vpcs"]}
    by = lambda k: {}
    for v in w["vpcs"]:
        put(v["account"], f"vpc.DescribeVpcs.RegionId={R}.page1.json",
            {"RequestId": "r", "PageNumber": 1, "PageSize": 10, "TotalCount": 1,
             "Vpcs": {"Vpc": [{"VpcId": v["id"], "CidrBlock": v["cidr"], "RegionId": R, "Status": "Available"}]}})
    sw = {}
    for s in w["vswitches"]:
        sw.setdefault(vpc_acct[s["vpc"]], []).append({"VSwitchId": s["id"], "VpcId": s["vpc"], "ZoneId": s["zone"], "CidrBlock": s["cidr"]})
    for acct, items in sw.items():
        put(acct, f"vpc.DescribeVSwitches.RegionId={R}.page1.json",
            {"RequestId": "r", "PageNumber": 1, "PageSize": 50, "TotalCount": len(items), "VSwitches": {"VSwitch": items}})
    sgs = {}
    for g in w["security_groups"]:
        acct = vpc_acct[g["vpc"]]
        sgs.setdefault(acct, []).append({"SecurityGroupId": g["id"], "VpcId": g["vpc"], "SecurityGroupType": "normal"})
        perms = []
        for line in g["rules"]:  # "ingress accept tcp 80 from X priority N"
            d, pol, proto, port, _, src, _, prio = line.split()
            perms.append({"Direction": d, "Policy": pol.capitalize(), "IpProtocol": proto.upper(), "PortRange": f"{port}/{port}",
                          "SourceCidrIp": src, "Priority": prio, "NicType": "intranet"})
        put(acct, f"ecs.DescribeSecurityGroupAttribute.RegionId={R}.SecurityGroupId={g['id']}.page1.json",
            {"RequestId": "r", "SecurityGroupId": g["id"], "VpcId": g["vpc"], "InnerAccessPolicy": "Accept", "NextToken": "",
             "Permissions": {"Permission": perms}})
    for acct, items in sgs.items():
        put(acct, f"ecs.DescribeSecurityGroups.RegionId={R}.page1.json",
            {"RequestId": "r", "RegionId": R, "NextToken": "", "SecurityGroups": {"SecurityGroup": items}})
    vsw_acct = {s["id"]: vpc_acct[s["vpc"]] for s in w["vswitches"]}
    vsw_vpc = {s["id"]: s["vpc"] for s in w["vswitches"]}
    inst = {}
    for i in w["instances"]:
        inst.setdefault(vsw_acct[i["vswitch"]], []).append(
            {"InstanceId": i["id"], "RegionId": R, "Status": "Running",
             "VpcAttributes": {"VpcId": vsw_vpc[i["vswitch"]], "VSwitchId": i["vswitch"], "PrivateIpAddress": {"IpAddress": [i["ip"]]}},
             "SecurityGroupIds": {"SecurityGroupId": i["security_groups"]}})
    for acct, items in inst.items():
        put(acct, f"ecs.DescribeInstances.RegionId={R}.page1.json",
            {"RequestId": "r", "NextToken": "", "TotalCount": len(items), "Instances": {"Instance": items}})
    lbs, listeners = {}, {}
    for b in w["clbs"]:
        lbs.setdefault(b["account"], []).append({"LoadBalancerId": b["id"], "AddressType": "intranet", "NetworkType": "vpc", "VpcId": b["vpc"],
                                                 "MasterZoneId": b["zone"], "PayType": "PayOnDemand", "RegionId": R})
        listeners.setdefault(b["account"], []).extend(
            {"LoadBalancerId": b["id"], "ListenerPort": l["port"], "ListenerProtocol": l["protocol"], "Status": "running"} for l in b["listeners"])
        put(b["account"], f"slb.DescribeLoadBalancerAttribute.LoadBalancerId={b['id']}.RegionId={R}.page1.json",
            {"RequestId": "r", "LoadBalancerId": b["id"], "BackendServers": {"BackendServer": [{"ServerId": s, "Type": "ecs"} for s in b["backends"]]}})
    for acct, items in lbs.items():
        ps = pages(items, 100)
        for n, p in enumerate(ps):
            put(acct, f"slb.DescribeLoadBalancers.RegionId={R}.page{n + 1}.json",
                {"RequestId": "r", "PageNumber": n + 1, "PageSize": 100, "TotalCount": len(items), "LoadBalancers": {"LoadBalancer": p}})
        token_pages(acct, f"slb.DescribeLoadBalancerListeners.RegionId={R}", "Listeners", listeners[acct], 100)
    svcs = {}
    eps_of = {}
    for e in w["endpoints"]:
        eps_of.setdefault(e["service"], []).append(e)
    for s in w["services"]:
        svcs.setdefault(s["account"], []).append({"ServiceId": s["id"], "RegionId": R, "ServiceStatus": "Active", "ServiceBusinessStatus": "Normal",
                                                  "AutoAcceptEnabled": s["auto_accept"], "ServiceResourceType": "slb"})
        token_pages(s["account"], f"privatelink.ListVpcEndpointServiceUsers.RegionId={R}.ServiceId={s['id']}", "Users",
                    [{"UserId": int(u)} for u in s["whitelist"]], 50)
        token_pages(s["account"], f"privatelink.ListVpcEndpointServiceResources.RegionId={R}.ServiceId={s['id']}", "Resources",
                    [{"ResourceId": r["clb"], "ResourceType": "slb", "ZoneId": r["zone"], "AutoAllocatedEnabled": True} for r in s["resources"]], 50)
        token_pages(s["account"], f"privatelink.ListVpcEndpointConnections.RegionId={R}.ServiceId={s['id']}", "Connections",
                    [{"EndpointId": e["id"], "ServiceId": s["id"], "EndpointOwnerId": int(e["account"]), "ConnectionStatus": e["connection"],
                      "Zones": [{"ZoneId": z["zone"], "EniId": z["eni"], "ResourceId": z["resource"], "ZoneStatus": z["status"]} for z in e["zones"]]}
                     for e in eps_of.get(s["id"], [])], 50)
    for acct, items in svcs.items():
        token_pages(acct, f"privatelink.ListVpcEndpointServices.RegionId={R}", "Services", items, 50)
    eps = {}
    for e in w["endpoints"]:
        eps.setdefault(e["account"], []).append({"EndpointId": e["id"], "VpcId": e["vpc"], "ServiceId": e["service"], "RegionId": R,
                                                 "EndpointStatus": "Active", "ConnectionStatus": e["connection"], "EndpointType": "Interface"})
        token_pages(e["account"], f"privatelink.ListVpcEndpointZones.EndpointId={e['id']}.RegionId={R}", "Zones",
                    [{"ZoneId": z["zone"], "VSwitchId": z["vswitch"], "EniId": z["eni"], "EniIp": z["ip"], "ZoneStatus": z["status"]} for z in e["zones"]], 50)
        token_pages(e["account"], f"privatelink.ListVpcEndpointSecurityGroups.EndpointId={e['id']}.RegionId={R}", "SecurityGroups",
                    [{"SecurityGroupId": g, "SecurityGroupStatus": "Attached"} for g in e["security_groups"]], 50)
    for acct, items in eps.items():
        token_pages(acct, f"privatelink.ListVpcEndpoints.RegionId={R}", "Endpoints", items, 50)
    doc = json.dumps(w["policies"][0]["document"])
    for acct in w["accounts"]:
        users = acct.get("users", [])
        put(acct["id"], "ram.ListUsers.page1.json", {"RequestId": "r", "IsTruncated": False, "Users": {"User": [{"UserName": u["name"]} for u in users]}})
        for u in users:
            put(acct["id"], f"ram.ListPoliciesForUser.UserName={u['name']}.page1.json",
                {"RequestId": "r", "Policies": {"Policy": [{"PolicyName": p, "PolicyType": "Custom", "DefaultVersion": "v1"} for p in u["policies"]]}})
            for p in u["policies"]:
                put(acct["id"], f"ram.GetPolicy.PolicyName={p}.PolicyType=Custom.page1.json",
                    {"RequestId": "r", "Policy": {"PolicyName": p, "PolicyType": "Custom", "DefaultVersion": "v1"},
                     "DefaultPolicyVersion": {"VersionId": "v1", "IsDefaultVersion": True, "PolicyDocument": doc}})
    for acct, fs in files.items():
        os.makedirs(os.path.join(a.out, acct), exist_ok=True)
        for name, body in fs.items():
            with open(os.path.join(a.out, acct, name), "w") as f:
                json.dump(body, f, separators=(",", ":"))

if __name__ == "__main__":
    main()
