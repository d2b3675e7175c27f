#include "lang/bundled.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "lang/json.h"
#include "lang/policy_parser.h"

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
  if (ec) return std::nullopt;
  for (const auto& candidate : prefix_data_dirs(exe.string()))
    if (usable(candidate)) return candidate;
  return std::nullopt;
}

std::vector<std::string> prefix_data_dirs(const std::string& executable) {
  const fs::path bin = fs::path(executable).parent_path();
  return {(bin.parent_path() / "share" / "linkproof").string(), (bin / "share" / "linkproof").string()};
}

std::vector<BundledPolicy> bundled_policy_files(const std::string& dir) {
  std::vector<BundledPolicy> out;
  for (const std::string prefix : {"", "system/"}) {
    const fs::path sub = fs::path(dir) / prefix;
    std::error_code ec;
    if (!fs::is_directory(sub, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(sub, ec))
      // Policy documents are the Aliyun* files (regions.json and actions/ are other data).
      if (e.is_regular_file() && e.path().extension() == ".json" && e.path().filename().string().rfind("Aliyun", 0) == 0)
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      out.push_back({f.string(), f.stem().string(), PolicyKind::Identity,
                     "<builtin>/" + prefix + f.filename().string()});
  }
  return out;
}

std::optional<Policy> load_bundled_policy(const BundledPolicy& b, const PolicySettings& settings, Diagnostics& diags) {
  std::string text;
  if (!read_file(b.path, text, diags)) return std::nullopt;
  auto policy = parse_policy_text(text, b.display.empty() ? b.path : b.display, settings, diags, b.kind);
  if (policy) policy->name = b.name;
  return policy;
}

}  // namespace lp
