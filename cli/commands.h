// The subcommands. Each lives in its own cli/cmd_<name>.cpp; main.cpp only dispatches.
// Every command reads its arguments (without the program and subcommand names), writes answers to
// `out` and diagnostics to `err`, and returns an exit code from cli/args.h.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace lp::cli {

using Argv = std::vector<std::string>;

int cmd_validate(const Argv& args, std::ostream& out, std::ostream& err);
int cmd_authorize(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace lp::cli
