#!/usr/bin/env bash
# Runs every fuzz target of a sanitizer build for a bounded number of inputs, seeded with the
# policies of corpus/ and ../shared/corpus-external (and, for the world loader, the corpus worlds).
# Usage: tests/fuzz/run.sh BUILD_DIR [RUNS]
set -euo pipefail
build=$1
runs=${2:-${LINKPROOF_FUZZ_RUNS:-100000}}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared="${LINKPROOF_SHARED:-$root/../shared}/corpus-external"
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
# Seeds: real documents, kept small so a bounded run explores mutations rather than reading.
i=0
for f in "$shared"/alibaba/*.json "$shared"/malformed/*.txt "$root"/policies/*.json; do
  [ -f "$f" ] || continue
  cp "$f" "$seeds/seed$i"
  i=$((i + 1))
done
cd "$seeds"
for target in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  dir="$seeds/$name"
  mkdir -p "$dir"
  cp "$seeds"/seed* "$dir"/ 2>/dev/null || true
  # Per-target extra seeds live next to the source, e.g. tests/fuzz/fuzz_sg_rule_line.seeds/.
  if [ -d "$root/tests/fuzz/$name.seeds" ]; then cp "$root/tests/fuzz/$name.seeds"/* "$dir"/; fi
  # The world loader is seeded with the corpus worlds (the policy seeds above exercise its refusals).
  if [ "$name" = fuzz_world ]; then
    k=0
    for f in "$root"/corpus/*/*/world*.json; do cp "$f" "$dir/world$k"; k=$((k + 1)); done
  fi
  echo "fuzz: $name, $runs runs" >&2
  log="$seeds/$name.log"
  if ! "$target" -runs="$runs" -max_total_time=90 -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -artifact_prefix="$build/fuzz-crash-$name-" -print_final_stats=1 "$dir" >"$log" 2>&1; then
    tail -n 80 "$log" >&2
    echo "fuzz: $name FAILED; the input is kept as $build/fuzz-crash-$name-*" >&2
    exit 1
  fi
  tail -n 6 "$log" >&2
done
