#!/usr/bin/env bash
# The main job on the default scenario: validate the bundled and the scenario's policies, answer the
# scenario's authorization questions (concrete and open), ask the built-in audit questions, check the
# guide's PrivateLink world, and ask who reaches what
# (corpus/default/case.json and corpus/reach/guide/case.json check the same answers).
# Usage: corpus/default/run.sh [path/to/linkproof]
set -uo pipefail
bin=${1:-build/linkproof}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
acct=1234567890123456  # the guide's account
status=0
step() {  # step EXPECTED_EXIT TITLE ARGS...
  local expected=$1 title=$2
  shift 2
  echo
  echo "== $title"
  echo "\$ linkproof $*"
  "$bin" "$@"
  local code=$?
  if [ "$code" -ne "$expected" ]; then
    echo "!! exit code $code, expected $expected" >&2
    status=1
  fi
}
step 0 "validate the bundled policies and the scenario's policies" \
  validate --bundled "$here/policies/network-admin.json" "$here/policies/developer.json"
step 0 "may the network admin create an endpoint service?" \
  authorize --policy "$here/policies/network-admin.json" --action privatelink:CreateVpcEndpointService \
  --resource "acs:privatelink:cn-hangzhou:$acct:vpcendpointservice/epsrv-1"
step 0 "... and delete it without MFA?" \
  authorize --policy "$here/policies/network-admin.json" --action privatelink:DeleteVpcEndpointService \
  --resource "acs:privatelink:cn-hangzhou:$acct:vpcendpointservice/epsrv-1" --context acs:MFAPresent=false
step 0 "may the developer create an endpoint from outside the office?" \
  authorize --policy "$here/policies/developer.json" --action privatelink:CreateVpcEndpoint \
  --resource "acs:privatelink:cn-hangzhou:$acct:vpcendpoint/ep-1" --context acs:SourceIp=198.51.100.7
step 0 "may the PrivateLink service-linked role create endpoint network interfaces (PL-RL-01)?" \
  authorize --policy "$root/policies/AliyunServiceRolePolicyForPrivatelink.json" --action ecs:CreateNetworkInterface \
  --resource '*' --principal privatelink.aliyuncs.com
step 0 "every Delete* on the account's services, any principal, any context: which outcomes can happen, and why (Z3)" \
  authorize --policy "$here/policies/network-admin.json" --action 'privatelink:Delete*' \
  --resource "acs:privatelink:cn-hangzhou:$acct:vpcendpointservice/*" --open
step 1 "is deleting a service allowed on requests that carry no MFA flag at all? (Z3; exit 1: yes)" \
  ask without-condition --policy "$here/policies/network-admin.json" --actions privatelink:DeleteVpcEndpointService \
  --keys acs:MFAPresent
step 0 "does every statement of the network admin's policy take effect? (Z3)" \
  ask statements --policy "$here/policies/network-admin.json"
step 0 "did dropping ram:DeleteServiceLinkedRole from the service-linked role policy narrow it? (Z3)" \
  compare "$root/policies/AliyunServiceRolePolicyForPrivatelink.json" "$root/corpus/compare/slr-old-vs-new/b.json"
world="$root/corpus/world/guide/world.json"
step 0 "check the guide's PrivateLink world against the static rules" check "$world"
step 0 "can the account reach the nginx service on port 80 from client ECS03?" \
  reach "$world" --account "$acct" --service epsrv-guide --port 80 --from 192.168.1.10
step 0 "who can reach what (now)" who "$world"
step 0 "one packet: does group sg-web let tcp/443 in from 198.51.100.1?" \
  packet --group "$root/corpus/sg/basic-web/sg-web.json" --direction ingress --protocol tcp --src 198.51.100.1 \
  --dst 10.0.0.100 --port 443
exit $status
