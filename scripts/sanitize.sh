#!/usr/bin/env bash
# Parsers under address + undefined-behaviour sanitizers (lang tests), and the libFuzzer targets
# for a bounded number of runs each, seeded from corpus/ and ../shared/corpus-external/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
san="$root/build-sanitize"
cmake -S "$root" -B "$san" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DLINKPROOF_SANITIZE=ON -DLINKPROOF_FUZZ=ON -DLINKPROOF_BENCH=OFF >/dev/null
targets=(lang_tests)
[ -f "$root/tests/fuzz/CMakeLists.txt" ] && targets+=(fuzz_targets)
cmake --build "$san" -j "$(nproc)" --target "${targets[@]}"
cd "$root"
"$san/lang/lang_tests" --gtest_brief=1
if [ -x "$root/tests/fuzz/run.sh" ]; then bash "$root/tests/fuzz/run.sh" "$san"; fi
