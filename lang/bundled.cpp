#include "lang/bundled.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace lp {

namespace fs = std::filesystem;

std::optional<std::string> policies_dir(const std::optional<std::string>& override) {
  auto usable = [](const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "actions", ec);
  };
  if (override) return usable(*override) ? std::optional(*override) : std::nullopt;
  if (const char* env = std::getenv("LINKPROOF_POLICIES"); env && *env) {
    if (usable(env)) return std::string(env);
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path candidate = exe.parent_path().parent_path() / "policies";
    if (usable(candidate)) return candidate.string();
  }
  if (usable(LINKPROOF_POLICIES_DIR)) return std::string(LINKPROOF_POLICIES_DIR);
  return std::nullopt;
}

std::vector<BundledPolicy> bundled_policy_files(const std::string& dir) {
  std::vector<BundledPolicy> out;
  for (const fs::path& sub : {fs::path(dir), fs::path(dir) / "system"}) {
    std::error_code ec;
    if (!fs::is_directory(sub, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(sub))
      // Policy documents are the Aliyun* files (regions.json and actions/ are other data).
      if (e.is_regular_file() && e.path().extension() == ".json" && e.path().filename().string().rfind("Aliyun", 0) == 0)
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) out.push_back({f.string(), f.stem().string(), PolicyKind::Identity});
  }
  return out;
}

}  // namespace lp
