// Every answer of linkproof is yes, no or unknown; unknown always carries its reason beside it.
#pragma once

namespace lp {

enum class Verdict { Yes, No, Unknown };

inline const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Yes: return "yes";
    case Verdict::No: return "no";
    case Verdict::Unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace lp
