#include <iostream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"

namespace lp::cli {

namespace {

using Handler = int (*)(const Argv&, std::istream&, std::ostream&, std::ostream&);

struct Command {
  const char* name;
  Handler handler;
  const char* summary;
};

// One line per subcommand.
const Command kCommands[] = {
    {"validate", cmd_validate, "validate FILE...       parse RAM policies; located errors and findings"},
    {"authorize", cmd_authorize, "authorize ...          decide a request against policy layers"},
    {"check", cmd_check, "check WORLD            static PrivateLink rule checks on a world file"},
    {"packet", cmd_packet, "packet ...             decide one packet against an ENI's security groups"},
    {"reach", cmd_reach, "reach WORLD ...        can account X reach service Y, and through what"},
    {"compare", cmd_compare, "compare A B            is policy set A equivalent to, broader or narrower than B (Z3)"},
    {"ask", cmd_ask, "ask QUESTION ...       built-in audit questions: outside-accounts, without-condition, statements (Z3)"},
    {"audit", cmd_audit, "audit WORLD ...        checks, validation, security questions and spec assertions in one report"},
    {"diff", cmd_diff, "diff BEFORE AFTER      access gained and lost between two worlds, findings new and fixed"},
    {"who", cmd_who, "who WORLD ...          every account, service, port and client block that can reach"},
};

void usage(std::ostream& os) {
  os << "usage: linkproof <command> [options]   (linkproof <command> --help for details)\n\ncommands:\n";
  for (const auto& c : kCommands) os << "  " << c.summary << "\n";
  os << "\nexit codes: 0 answered / clean, 1 findings at or above --fail-on, 2 bad input, 3 internal error\n";
}

}  // namespace

int run(const Argv& argv, std::istream& in, std::ostream& out, std::ostream& err) {
  if (argv.empty()) {
    usage(err);
    return kExitBadInput;
  }
  const std::string& name = argv[0];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(out);
    return kExitOk;
  }
  Argv rest(argv.begin() + 1, argv.end());
  for (const auto& c : kCommands) {
    if (name == c.name) {
      try {
        return c.handler(rest, in, out, err);
      } catch (const std::exception& e) {
        err << "linkproof " << name << ": internal error: " << e.what() << "\n";
        return kExitInternal;
      }
    }
  }
  err << "linkproof: unknown command '" << name << "'\n";
  usage(err);
  return kExitBadInput;
}

}  // namespace lp::cli
