#!/usr/bin/env python3
"""Reproducible synthetic PrivateLink worlds for the benchmarks (docs/world-format.md).

At --scale 1: 100 accounts, 10,000 ENIs (instances), 2,000 security groups with 20,000 rules,
500 services (one CLB each) and 1,000 endpoints. Counts grow linearly with the scale.
  python3 bench/gen_world.py --seed 1 --scale 1 --out world.json
"""
import argparse, json, random

ZONES = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"]

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    n_accounts = max(2, int(100 * a.scale))
    inst_per, sg_per, rules_per, svc_per, ep_per = 100, 20, 10, 5, 10
    w = {"linkproof": 1, "description": f"synthetic world seed {a.seed} scale {a.scale}", "accounts": [], "vpcs": [],
         "vswitches": [], "security_groups": [], "instances": [], "clbs": [], "services": [], "endpoints": []}
    acct = lambda i: str(100000000000 + i)
    for i in range(n_accounts):
        hi, lo = divmod(i, 256)
        base = f"10.{lo}" if hi == 0 else f"{11 + hi - 1}.{lo}"
        w["accounts"].append({"id": acct(i)})
        w["vpcs"].append({"id": f"vpc-{i}", "account": acct(i), "region": "cn-hangzhou", "cidr": f"{base}.0.0/16"})
        for z, zone in enumerate(ZONES):
            w["vswitches"].append({"id": f"vsw-{i}-{z}", "vpc": f"vpc-{i}", "zone": zone, "cidr": f"{base}.{z}.0/24"})
        for g in range(sg_per):
            rules = []
            for r in range(rules_per):
                port = rng.choice([22, 80, 443, 3306, 6379, 8080])
                src = rng.choice(["0.0.0.0/0", f"{base}.0.0/16", f"10.{rng.randrange(256)}.0.0/16", f"192.168.{rng.randrange(256)}.0/24"])
                pol = "drop" if rng.random() < 0.2 else "accept"
                rules.append(f"ingress {pol} tcp {port} from {src} priority {rng.randint(1, 100)}")
            w["security_groups"].append({"id": f"sg-{i}-{g}", "vpc": f"vpc-{i}", "rules": rules})
        for k in range(inst_per):
            z = k % len(ZONES)
            groups = sorted({f"sg-{i}-{rng.randrange(sg_per)}" for _ in range(rng.randint(1, 2))})
            w["instances"].append({"id": f"i-{i}-{k}", "vswitch": f"vsw-{i}-{z}", "ip": f"{base}.{z}.{10 + k // len(ZONES)}",
                                   "security_groups": groups})
        for s in range(svc_per):
            lb = f"lb-{i}-{s}"
            w["clbs"].append({"id": lb, "account": acct(i), "region": "cn-hangzhou", "zone": ZONES[s % 4], "vpc": f"vpc-{i}",
                              "listeners": [{"protocol": "tcp", "port": 443}],
                              "backends": [f"i-{i}-{s * 4 + (s % 4)}", f"i-{i}-{s * 4 + 4 + (s % 4)}"]})
            w["services"].append({"id": f"epsrv-{i}-{s}", "account": acct(i), "region": "cn-hangzhou", "auto_accept": rng.random() < 0.5,
                                  "whitelist": [], "resources": [{"clb": lb, "zone": ZONES[s % 4]}]})
    for i in range(n_accounts):
        hi, lo = divmod(i, 256)
        base = f"10.{lo}" if hi == 0 else f"{11 + hi - 1}.{lo}"
        for e in range(ep_per):
            j = (i + 1 + rng.randrange(n_accounts - 1)) % n_accounts
            s = rng.randrange(svc_per)
            svc = w["services"][j * svc_per + s]
            svc["whitelist"].append(acct(i))
            z = s % 4
            w["endpoints"].append({"id": f"ep-{i}-{e}", "account": acct(i), "region": "cn-hangzhou", "vpc": f"vpc-{i}",
                                   "service": svc["id"], "security_groups": [f"sg-{i}-{rng.randrange(sg_per)}"],
                                   "connection": "Connected",
                                   "zones": [{"zone": ZONES[z], "vswitch": f"vsw-{i}-{z}", "eni": f"eni-{i}-{e}",
                                              "ip": f"{base}.{z}.{200 + e}", "status": "Connected", "resource": f"lb-{j}-{s}"}]})
    for s in w["services"]:
        s["whitelist"] = sorted(set(s["whitelist"]))
    with open(a.out, "w") as f:
        json.dump(w, f, separators=(",", ":"))

if __name__ == "__main__":
    main()
