#include <iostream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"

namespace {

const char* kUsage =
    "usage: linkproof <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate FILE...        parse RAM policies; report located errors and findings\n"
    "  authorize ...           decide a request against policy layers (see --help)\n"
    "\n"
    "exit codes: 0 answered / clean, 1 findings at or above --fail-on, 2 bad input, 3 internal error\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace lp::cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitBadInput;
  }
  std::string command = argv[1];
  Argv args(argv + 2, argv + argc);
  if (command == "--help" || command == "help" || command == "-h") {
    std::cout << kUsage;
    return kExitOk;
  }
  try {
    if (command == "validate") return cmd_validate(args, std::cout, std::cerr);
    if (command == "authorize") return cmd_authorize(args, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "linkproof: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  std::cerr << "linkproof: unknown command '" << command << "'\n" << kUsage;
  return kExitBadInput;
}
