// A bounded, deterministic run of the importers' fuzz target (tests/fuzz/fuzz_import.cpp) inside the
// suite: its seeds and 20,000 mutations of them (byte flips, cuts, repeats, JSON-significant bytes).
// The libFuzzer run itself is tests/fuzz/run.sh in the sanitizer build.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/fuzz/fuzz_import.cpp"

namespace {

TEST(ImportFuzz, SeedsAndMutationsNeverCrash) {
  std::vector<std::string> seeds;
  for (const auto& e : std::filesystem::directory_iterator(std::string(LINKPROOF_ROOT) + "/tests/fuzz/fuzz_import.seeds")) {
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    seeds.push_back(s.str());
  }
  ASSERT_GE(seeds.size(), 17u);
  std::mt19937 rng(7);
  const std::string special = "{}[],:\"\\0-1.eE tfn";
  size_t runs = 0;
  for (const auto& seed : seeds) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(seed.data()), seed.size());
    ++runs;
  }
  for (int k = 0; k < 20000; ++k) {
    std::string in = seeds[rng() % seeds.size()];
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && in.size() > 1; ++e) {
      size_t at = 1 + rng() % (in.size() - 1);
      switch (rng() % 5) {
        case 0: in[at] = static_cast<char>(rng()); break;
        case 1: in[at] = special[rng() % special.size()]; break;
        case 2: in.erase(at, std::min<size_t>(in.size() - at, 1 + rng() % 40)); break;
        case 3: in.insert(at, in.substr(at, std::min<size_t>(in.size() - at, 1 + rng() % 40))); break;
        case 4: in.resize(at); break;
      }
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(in.data()), in.size());
    ++runs;
  }
  EXPECT_EQ(runs, seeds.size() + 20000);
}

}  // namespace
