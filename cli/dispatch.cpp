#include <iostream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "lang/json.h"

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
    {"import", cmd_import, "import KIND INPUT      openapi DIR or terraform PLAN.json into a world file"},
    {"audit", cmd_audit, "audit WORLD ...        checks, validation, security questions and spec assertions in one report"},
    {"diff", cmd_diff, "diff BEFORE AFTER      access gained and lost between two worlds, findings new and fixed"},
    {"who", cmd_who, "who WORLD ...          every account, service, port and client block that can reach"},
    {"plan", cmd_plan, "plan WORLD PLAN        check each step of a lifecycle plan; access gained and lost per step"},
    {"find", cmd_find, "find WORLD --goal ...  the shortest accepted sequence of operations reaching a goal"},
};

void usage(std::ostream& os) {
  os << "usage: linkproof <command> [options]   (linkproof <command> --help for details)\n"
        "       linkproof --version | --help\n\ncommands:\n";
  for (const auto& c : kCommands) os << "  " << c.summary << "\n";
  os << "\nA FILE argument of \"-\" reads standard input (once per command).\n"
        "exit codes: 0 answered / clean, 1 findings at or above --fail-on, 2 bad input, 3 internal error\n";
}

std::vector<std::string> command_names() {
  std::vector<std::string> out;
  for (const auto& c : kCommands) out.push_back(c.name);
  return out;
}

}  // namespace

std::vector<CommandInfo> command_list() {
  std::vector<CommandInfo> out;
  for (const auto& c : kCommands) out.push_back({c.name, c.summary});
  return out;
}

int run(const Argv& argv, std::istream& in, std::ostream& out, std::ostream& err) {
  if (argv.empty()) {
    usage(err);
    return kExitBadInput;
  }
  const std::string& name = argv[0];
  if (name == "--help" || name == "-h" || name == "help") {
    if (name == "help" && argv.size() > 1) return run({argv[1], "--help"}, in, out, err);
    usage(out);
    return kExitOk;
  }
  if (name == "--version" || name == "-V") {
    out << version_text();
    return kExitOk;
  }
  Argv rest(argv.begin() + 1, argv.end());
  for (const auto& c : kCommands) {
    if (name == c.name) {
      StandardInput stdin_scope(in);  // "-" reads `in` (lang/json.h)
      try {
        return c.handler(rest, in, out, err);
      } catch (const std::exception& e) {
        err << "linkproof " << name << ": internal error: " << e.what() << "\n";
        return kExitInternal;
      }
    }
  }
  if (name.rfind("-", 0) == 0) {
    std::string bare = name.substr(name.find_first_not_of('-') == std::string::npos ? name.size()
                                                                                   : name.find_first_not_of('-'));
    std::string near = nearest_name(bare.substr(0, bare.find('=')), {"help", "version"});
    err << "linkproof: unknown option " << name << (near.empty() ? "" : "; did you mean --" + near + "?")
        << " (options go after the command)\n";
  } else {
    std::string near = nearest_name(name, command_names());
    err << "linkproof: unknown command '" << name << "'" << (near.empty() ? "" : "; did you mean '" + near + "'?")
        << "\n";
  }
  usage(err);
  return kExitBadInput;
}

}  // namespace lp::cli
