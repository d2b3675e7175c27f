#!/usr/bin/env bash
# Installs the Debian packages linkproof needs (only the missing ones) and configures + builds
# into build/. Sourced by scripts/run.sh and scripts/test.sh; safe to run again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Build: cmake ninja-build g++ clang and the libraries; tests: gtest/gmock, benchmark, the clang
# sanitizer runtime, python3 + python3-yaml (docs/ci.md recipes) + python3-jsonschema (the report
# schemas), dpkg-dev + file (CPack's .deb
# and its dependency computation), groff-base (the man page renders).
packages=(cmake ninja-build g++ clang libz3-dev nlohmann-json3-dev libboost-dev libcli11-dev libgtest-dev libgmock-dev
          libbenchmark-dev libclang-rt-14-dev python3 python3-yaml python3-jsonschema dpkg-dev file groff-base)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
build_dir=${LINKPROOF_BUILD_DIR:-$root/build}
jobs=${LINKPROOF_JOBS:-$(nproc)}
# Warnings are errors here (the test suite and CI); a plain release build does not make them so.
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLINKPROOF_WERROR="${LINKPROOF_WERROR:-ON}" >/dev/null
cmake --build "$build_dir" -j "$jobs" "$@"
