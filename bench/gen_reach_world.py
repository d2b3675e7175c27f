#!/usr/bin/env python3
"""Reproducible worlds for the `who` benchmark: --accounts consumer accounts, --services services
(one provider account per 10 services), about --rules security-group rules in all, 2 endpoints per
consumer account, every consumer with a RAM user allowed to create endpoints.
  python3 bench/gen_reach_world.py --seed 1 --accounts 1000 --services 1000 --rules 20000 --out w.json
"""
import argparse, json, random

ZONES = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"]

def block(i):
    return f"{10 + i // 256}.{i % 256}"

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=100)
    ap.add_argument("--services", type=int, default=100)
    ap.add_argument("--rules", type=int, default=20000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    providers = max(1, a.services // 10)
    n_vpcs = a.accounts + providers
    groups_per_vpc = 4
    rules_per_group = max(1, a.rules // (n_vpcs * groups_per_vpc))
    w = {"linkproof": 1, "description": f"who benchmark seed {a.seed}: {a.accounts} accounts x {a.services} services",
         "policies": [{"id": "p-dev", "document": {"Version": "1", "Statement": [
             {"Effect": "Allow", "Action": "privatelink:*", "Resource": "*"}]}}],
         "accounts": [], "vpcs": [], "vswitches": [], "security_groups": [], "instances": [], "clbs": [],
         "services": [], "endpoints": []}
    def vpc(idx, acct):
        b = block(idx)
        w["vpcs"].append({"id": f"vpc-{idx}", "account": acct, "region": "cn-hangzhou", "cidr": f"{b}.0.0/16"})
        for z, zone in enumerate(ZONES):
            w["vswitches"].append({"id": f"vsw-{idx}-{z}", "vpc": f"vpc-{idx}", "zone": zone, "cidr": f"{b}.{z}.0/24"})
        for g in range(groups_per_vpc):
            rules = []
            for r in range(rules_per_group):
                port = rng.choice([80, 443, 8080, 3306])
                src = rng.choice(["0.0.0.0/0", f"{b}.0.0/16", f"{b}.{rng.randrange(4)}.0/24", f"10.{rng.randrange(256)}.0.0/16"])
                pol = "drop" if rng.random() < 0.15 else "accept"
                rules.append(f"ingress {pol} tcp {port} from {src} priority {rng.randint(1, 100)}")
            w["security_groups"].append({"id": f"sg-{idx}-{g}", "vpc": f"vpc-{idx}", "rules": rules})
        for k in range(4):
            w["instances"].append({"id": f"i-{idx}-{k}", "vswitch": f"vsw-{idx}-{k}", "ip": f"{b}.{k}.10",
                                   "security_groups": [f"sg-{idx}-{k % groups_per_vpc}"]})
    consumer = lambda i: str(200000000000 + i)
    provider = lambda p: str(100000000000 + p)
    for p in range(providers):
        w["accounts"].append({"id": provider(p)})
        vpc(a.accounts + p, provider(p))
    for i in range(a.accounts):
        w["accounts"].append({"id": consumer(i), "users": [{"name": "dev", "policies": ["p-dev"]}]})
        vpc(i, consumer(i))
    for s in range(a.services):
        p = s % providers
        idx = a.accounts + p
        z = s % 4
        lb = f"lb-{s}"
        w["clbs"].append({"id": lb, "account": provider(p), "region": "cn-hangzhou", "zone": ZONES[z], "vpc": f"vpc-{idx}",
                          "listeners": [{"protocol": "tcp", "port": rng.choice([80, 443, 8080])}], "backends": [f"i-{idx}-{z}"]})
        wl = sorted({consumer(rng.randrange(a.accounts)) for _ in range(max(1, a.accounts // 2))})
        w["services"].append({"id": f"epsrv-{s}", "account": provider(p), "region": "cn-hangzhou", "auto_accept": rng.random() < 0.7,
                              "whitelist": wl, "resources": [{"clb": lb, "zone": ZONES[z]}]})
    for i in range(a.accounts):
        b = block(i)
        for e in range(2):
            s = rng.randrange(a.services)
            z = s % 4
            w["endpoints"].append({"id": f"ep-{i}-{e}", "account": consumer(i), "region": "cn-hangzhou", "vpc": f"vpc-{i}",
                                   "service": f"epsrv-{s}", "security_groups": [f"sg-{i}-{rng.randrange(groups_per_vpc)}"],
                                   "connection": "Connected",
                                   "zones": [{"zone": ZONES[z], "vswitch": f"vsw-{i}-{z}", "eni": f"eni-{i}-{e}",
                                              "ip": f"{b}.{z}.{100 + e}", "status": "Connected", "resource": f"lb-{s}"}]})
    with open(a.out, "w") as f:
        json.dump(w, f, separators=(",", ":"))

if __name__ == "__main__":
    main()
