#!/usr/bin/env bash
# The main job on the bundled default scenario (corpus/default): set-up and build, then the audit
# (docs/audit.md) of the scenario's world against its spec. Every report format is written into
# out/default-audit/ (audit.txt, .json, .md, .html, .sarif); the text report is printed. The exit
# code is the audit's: 0 pass, 1 a violated assertion or a failing finding, 2 bad input, 3 unknown.
# The scenario's single questions (validate, authorize, ask, compare, reach, who, packet) are
# corpus/default/run.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh" >&2
out="$root/out/default-audit"
mkdir -p "$out"
cd "$root"
status=0
build/linkproof audit corpus/default/world.json --spec corpus/default/default.audit --out-dir "$out" \
  --sarif-root "$root" || status=$?
echo
echo "reports: out/default-audit/audit.{txt,json,md,html,sarif}"
exit $status
