#include "cli/args.h"

namespace lp::cli {

Args::Args(const std::vector<std::string>& argv, std::set<std::string> with_value, std::set<std::string> flags) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), val;
      bool has_inline = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        val = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_inline = true;
      }
      if (with_value.count(name)) {
        if (!has_inline) {
          if (i + 1 >= argv.size()) {
            error_ = "option --" + name + " needs a value";
            return;
          }
          val = argv[++i];
        }
        values_[name].push_back(val);
      } else if (flags.count(name) && !has_inline) {
        flags_seen_.insert(name);
      } else {
        error_ = "unknown option --" + name;
        return;
      }
    } else {
      positional_.push_back(a);
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

const std::vector<std::string>& Args::values(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

}  // namespace lp::cli
