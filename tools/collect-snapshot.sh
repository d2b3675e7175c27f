#!/usr/bin/env bash
# Collects an API snapshot for `linkproof import openapi` (docs/import.md) with the official aliyun
# CLI and the current credentials: every page of every call the importer reads, for each region
# asked for, into OUT/<account-id>/<product>.<Action>[.<Key>=<Value>]*.page<N>.json.
# Run it once per account (e.g. with --profile) into the same OUT. Needs aliyun and jq.
#   tools/collect-snapshot.sh --out snapshot/ --region cn-hangzhou [--region cn-shanghai] [--profile NAME]
set -euo pipefail

out="" regions=() profile=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --region) regions+=("$2"); shift 2 ;;
    --profile) profile=(--profile "$2"); shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "collect-snapshot: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] && [ ${#regions[@]} -gt 0 ] || { echo "usage: $0 --out DIR --region R [--region R...] [--profile NAME]" >&2; exit 2; }
command -v aliyun >/dev/null || { echo "collect-snapshot: the aliyun CLI is not installed" >&2; exit 2; }
command -v jq >/dev/null || { echo "collect-snapshot: jq is not installed" >&2; exit 2; }

account=$(aliyun "${profile[@]}" sts GetCallerIdentity | jq -r .AccountId)
[ -n "$account" ] && [ "$account" != null ] || { echo "collect-snapshot: no account id from sts GetCallerIdentity" >&2; exit 2; }
dir="$out/$account"
mkdir -p "$dir"

# The file name: product.Action, the request parameters sorted by key, the page.
name() {  # product action page key=value...
  local product=$1 action=$2 page=$3; shift 3
  local parts=""
  [ $# -gt 0 ] && parts=$(printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' '.')
  echo "$dir/$product.$action.${parts}page$page.json"
}

args() { for kv in "$@"; do printf -- '--%s\n%s\n' "${kv%%=*}" "${kv#*=}"; done; }

call() {  # product action [extra CLI args...] -- key=value...
  local product=$1 action=$2; shift 2
  local extra=()
  while [ "$1" != "--" ]; do extra+=("$1"); shift; done
  shift
  local cli=()
  mapfile -t cli < <(args "$@")
  aliyun "${profile[@]}" "$product" "$action" "${cli[@]}" "${extra[@]}"
}

# Paging styles (ingestion.md §2.6).
by_token() {  # product action max key=value...
  local product=$1 action=$2 max=$3; shift 3
  local page=1 token=""
  while :; do
    local more=(--MaxResults "$max")
    [ -n "$token" ] && more+=(--NextToken "$token")
    call "$product" "$action" "${more[@]}" -- "$@" > "$(name "$product" "$action" $page "$@")"
    token=$(jq -r '.NextToken // ""' "$(name "$product" "$action" $page "$@")")
    [ -z "$token" ] && break
    page=$((page + 1))
  done
}

by_number() {  # product action size items-jq key=value...
  local product=$1 action=$2 size=$3 items=$4; shift 4
  local page=1 seen=0
  while :; do
    local f
    f=$(name "$product" "$action" $page "$@")
    call "$product" "$action" --PageNumber $page --PageSize "$size" -- "$@" > "$f"
    seen=$((seen + $(jq "$items | length" "$f")))
    [ "$seen" -ge "$(jq -r '.TotalCount | tonumber' "$f")" ] && break
    page=$((page + 1))
  done
}

by_marker() {  # product action key=value...
  local product=$1 action=$2; shift 2
  local page=1 marker=""
  while :; do
    local more=(--MaxItems 100)
    [ -n "$marker" ] && more+=(--Marker "$marker")
    local f
    f=$(name "$product" "$action" $page "$@")
    call "$product" "$action" "${more[@]}" -- "$@" > "$f"
    [ "$(jq -r '.IsTruncated' "$f")" = true ] || break
    marker=$(jq -r '.Marker' "$f")
    page=$((page + 1))
  done
}

once() { local product=$1 action=$2; shift 2; call "$product" "$action" -- "$@" > "$(name "$product" "$action" 1 "$@")"; }

for r in "${regions[@]}"; do
  by_number vpc DescribeVpcs 50 '.Vpcs.Vpc' "RegionId=$r"
  by_number vpc DescribeVSwitches 50 '.VSwitches.VSwitch' "RegionId=$r"
  by_token ecs DescribeSecurityGroups 100 "RegionId=$r"
  for sg in $(jq -r '.SecurityGroups.SecurityGroup[].SecurityGroupId' "$dir"/ecs.DescribeSecurityGroups.RegionId="$r".page*.json); do
    by_token ecs DescribeSecurityGroupAttribute 1000 "RegionId=$r" "SecurityGroupId=$sg"
  done
  by_token ecs DescribeInstances 100 "RegionId=$r"
  by_token ecs DescribeNetworkInterfaces 500 "RegionId=$r"
  by_number slb DescribeLoadBalancers 100 '.LoadBalancers.LoadBalancer' "RegionId=$r"
  for lb in $(jq -r '.LoadBalancers.LoadBalancer[].LoadBalancerId' "$dir"/slb.DescribeLoadBalancers.RegionId="$r".page*.json); do
    once slb DescribeLoadBalancerAttribute "LoadBalancerId=$lb" "RegionId=$r"
  done
  by_token slb DescribeLoadBalancerListeners 100 "RegionId=$r"
  by_token privatelink ListVpcEndpointServices 1000 "RegionId=$r"
  for s in $(jq -r '.Services[].ServiceId' "$dir"/privatelink.ListVpcEndpointServices.RegionId="$r".page*.json); do
    by_token privatelink ListVpcEndpointServiceUsers 50 "RegionId=$r" "ServiceId=$s"
    by_token privatelink ListVpcEndpointServiceResources 50 "RegionId=$r" "ServiceId=$s"
    by_token privatelink ListVpcEndpointConnections 1000 "RegionId=$r" "ServiceId=$s"
  done
  by_token privatelink ListVpcEndpoints 1000 "RegionId=$r"
  for e in $(jq -r '.Endpoints[].EndpointId' "$dir"/privatelink.ListVpcEndpoints.RegionId="$r".page*.json); do
    by_token privatelink ListVpcEndpointZones 1000 "EndpointId=$e" "RegionId=$r"
    by_token privatelink ListVpcEndpointSecurityGroups 50 "EndpointId=$e" "RegionId=$r"
  done
done

# RAM is global: users, their groups and policies, the groups' and roles' policies, the documents.
by_marker ram ListUsers
declare -A groups=() policies=()
for u in $(jq -r '.Users.User[].UserName' "$dir"/ram.ListUsers.page*.json); do
  once ram ListGroupsForUser "UserName=$u"
  once ram ListPoliciesForUser "UserName=$u"
  for g in $(jq -r '.Groups.Group[].GroupName' "$(name ram ListGroupsForUser 1 "UserName=$u")"); do groups[$g]=1; done
done
for g in "${!groups[@]}"; do once ram ListPoliciesForGroup "GroupName=$g"; done
by_marker ram ListRoles
for role in $(jq -r '.Roles.Role[].RoleName' "$dir"/ram.ListRoles.page*.json); do
  once ram GetRole "RoleName=$role"
  once ram ListPoliciesForRole "RoleName=$role"
done
for f in "$dir"/ram.ListPoliciesFor*.json; do
  while IFS=$'\t' read -r p t; do policies["$p"$'\t'"$t"]=1; done < <(jq -r '.Policies.Policy[] | [.PolicyName, .PolicyType] | @tsv' "$f")
done
for key in "${!policies[@]}"; do
  once ram GetPolicy "PolicyName=${key%%$'\t'*}" "PolicyType=${key#*$'\t'}"
done
echo "collect-snapshot: $(ls "$dir" | wc -l) files in $dir" >&2
