// The shared authorization workload (../shared/bench): generated once per size with the shared
// generator so figures compare with other engines measured on the same requests.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "lang/text.h"

namespace lp::bench {

// Returns the directory holding sets.json and requests.jsonl for (seed, sets, requests), generating
// it under $LINKPROOF_WORKLOAD_DIR (default /tmp/linkproof-workload) when missing.
inline std::string workload(int seed, int sets, int requests) {
  const char* base = std::getenv("LINKPROOF_WORKLOAD_DIR");
  std::filesystem::path dir = std::filesystem::path(base ? base : "/tmp/linkproof-workload") /
                              lp::cat("s", std::to_string(seed), "-", std::to_string(sets), "-", std::to_string(requests));
  if (!std::filesystem::exists(dir / "requests.jsonl")) {
    std::filesystem::create_directories(dir);
    std::string cmd = "python3 '" LINKPROOF_SHARED "/bench/gen.py' --seed " + std::to_string(seed) + " --sets " +
                      std::to_string(sets) + " --requests " + std::to_string(requests) + " --out '" + dir.string() +
                      "' >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("workload generator failed: " + cmd);
  }
  return dir.string();
}

// A generated file under $LINKPROOF_WORKLOAD_DIR (default /tmp/linkproof-workload): `name`, made by
// running `command` with its output path appended when the file is missing.
inline std::string generated_file(const std::string& name, const std::string& command) {
  const char* base = std::getenv("LINKPROOF_WORKLOAD_DIR");
  std::filesystem::path dir = base ? base : "/tmp/linkproof-workload";
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  if (!std::filesystem::exists(path)) {
    std::string cmd = command + " --out '" + path.string() + "'";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("generator failed: " + cmd);
  }
  return path.string();
}

}  // namespace lp::bench
