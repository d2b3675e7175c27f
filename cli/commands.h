// The subcommands. Each lives in its own cli/cmd_<name>.cpp; dispatch.cpp only routes.
// Every command reads its arguments (without the program and subcommand names), reads standard
// input from `in` if it needs it, writes answers to `out` and diagnostics to `err`, and returns an
// exit code from cli/args.h.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace lp::cli {

using Argv = std::vector<std::string>;

// Routes argv (without the program name) to a subcommand. Used by main() and, in-process, by the
// corpus driver (tests/corpus_test.cpp).
int run(const Argv& argv, std::istream& in, std::ostream& out, std::ostream& err);

// The subcommands in the order `linkproof --help` lists them, with their one-line summaries: for
// the generated manual page and completion scripts (cli/generate_main.cpp).
struct CommandInfo {
  std::string name;
  std::string summary;
};
std::vector<CommandInfo> command_list();

// `linkproof --version`: the version, the commit it was built from, the Z3 library in use.
std::string version_text();

int cmd_validate(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_authorize(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_check(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_packet(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_reach(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_who(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_compare(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_ask(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_plan(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_find(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_import(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_audit(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);
int cmd_diff(const Argv& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace lp::cli
