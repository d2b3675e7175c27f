// The version of the Z3 library linked at run time, for `linkproof --version`.
#pragma once

#include <string>

namespace lp {

std::string z3_version();  // "4.8.12.0"

}  // namespace lp
