#!/usr/bin/env bash
# The release build stays warning-free: the binary at -DCMAKE_BUILD_TYPE=Release (GCC at -O3, whose
# inliner sees through libstdc++ and warns where -O2 does not) with warnings as errors, in its own
# folder; then the release binary answers the bundled policies. Part of scripts/test.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rel="$root/build-release"
cmake -S "$root" -B "$rel" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINKPROOF_WERROR=ON \
  -DLINKPROOF_TESTS=OFF -DLINKPROOF_BENCH=OFF >/dev/null
cmake --build "$rel" -j "$(nproc)" --target linkproof
"$rel/linkproof" validate --bundled >/dev/null
echo "release build: warning-free, validate --bundled answers"
