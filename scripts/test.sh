#!/usr/bin/env bash
# The whole test suite: set-up and build, then every unit, corpus, property and integration test
# through CTest, then the release build (warning-free at -O3), then the sanitizer build of the
# parsers and the bounded fuzz runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Warnings are errors in the suite: setup.sh configures build/ with -DLINKPROOF_WERROR=ON, and the
# sanitizer build folder takes its default from the environment.
export LINKPROOF_WERROR=ON
bash "$root/scripts/setup.sh"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)" --timeout 900
bash "$root/scripts/release-check.sh"
bash "$root/scripts/sanitize.sh"
