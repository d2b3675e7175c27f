#!/usr/bin/env bash
# The main job on the bundled default scenario (corpus/default): set-up and build, then validate
# the bundled and scenario policies and answer the scenario's questions.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh" >&2
exec bash "$root/corpus/default/run.sh" "$root/build/linkproof"
