// Build-time generator of the manual page and the shell completion scripts, from what the command
// line itself prints and declares: each command's --help text (the man page quotes it verbatim)
// and the options each command's Args declares (cli/args.h DeclarationRecorder), with the value
// choices it declares or its help text spells ("--mode now|could"). Not installed.
//   linkproof_generate man|bash|zsh OUTPUT
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"

namespace {

using lp::cli::Declared;

struct CommandDoc {
  std::string name, summary, help;
  Declared options;
};

// The text after the usage column of a summary line ("validate FILE...   parse ..." -> "parse ...").
std::string description(const std::string& summary) {
  auto gap = summary.find("  ");
  if (gap == std::string::npos) return summary;
  return summary.substr(summary.find_first_not_of(' ', gap));
}

std::vector<CommandDoc> collect() {
  std::vector<CommandDoc> out;
  for (const auto& c : lp::cli::command_list()) {
    CommandDoc d{c.name, c.summary, {}, {}};
    lp::cli::DeclarationRecorder recorder;
    std::istringstream in;
    std::ostringstream help, err;
    lp::cli::run({c.name, "--help"}, in, help, err);
    d.help = help.str();
    for (const auto& decl : recorder.seen) {
      d.options.with_value.insert(decl.with_value.begin(), decl.with_value.end());
      d.options.flags.insert(decl.flags.begin(), decl.flags.end());
      d.options.choices.insert(decl.choices.begin(), decl.choices.end());
    }
    // Choices a command checks itself, as its help text spells them: "--mode now|could".
    static const std::regex spelled("--([a-z][a-z-]*)[ =]([a-z][a-z0-9-]*(\\|[a-z][a-z0-9-]*)+)");
    for (std::sregex_iterator it(d.help.begin(), d.help.end(), spelled), end; it != end; ++it) {
      const std::string name = (*it)[1];
      if (!d.options.with_value.count(name) || d.options.choices.count(name)) continue;
      std::vector<std::string> values;
      std::stringstream list((*it)[2].str());
      for (std::string v; std::getline(list, v, '|');) values.push_back(v);
      d.options.choices[name] = values;
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string top_help() {
  std::istringstream in;
  std::ostringstream out, err;
  lp::cli::run({"--help"}, in, out, err);
  return out.str();
}

// Roff text: backslashes escaped, minus signs as \-, no line starting with a control character.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

void man(std::ostream& os, const std::vector<CommandDoc>& docs) {
  os << ".\\\" Generated from the command line's own help text by linkproof_generate.\n"
     << ".TH LINKPROOF 1 \"\" \"" << roff(lp::cli::version_text().substr(0, lp::cli::version_text().find('\n')))
     << "\" \"User Commands\"\n"
     << ".SH NAME\nlinkproof \\- check Alibaba Cloud RAM policies and PrivateLink access before you deploy\n"
     << ".SH SYNOPSIS\n.nf\n"
     << roff(top_help()) << ".fi\n"
     << ".SH DESCRIPTION\n"
        "linkproof reads RAM policy documents and a snapshot of a PrivateLink deployment (a world file), "
        "decides authorization requests as RAM's documented rules say, checks the world against the "
        "PrivateLink rules and answers whether an account can reach a service and through what. Every "
        "verdict is yes, no or unknown; every input error and finding names its file, line and column.\n"
     << ".SH COMMANDS\n";
  for (const auto& d : docs) {
    os << ".SS " << d.name << "\n" << roff(description(d.summary)) << "\n.PP\n.nf\n" << roff(d.help) << ".fi\n";
    if (!d.options.choices.empty()) {
      os << ".PP\nValues:\n.RS\n";
      for (const auto& [name, values] : d.options.choices) {
        os << ".TP\n.B \\-\\-" << roff(name) << "\n";
        for (size_t i = 0; i < values.size(); ++i) os << (i ? " | " : "") << roff(values[i]);
        os << "\n";
      }
      os << ".RE\n";
    }
  }
  os << ".SH FILES\n"
        ".TP\n.I <prefix>/share/linkproof\n"
        "The bundled data: the PrivateLink service-linked role policy, the system policies, the action "
        "catalogue (actions/) and the region table (regions.json), found relative to the binary's own "
        "prefix.\n"
        ".SH ENVIRONMENT\n"
        ".TP\n.B LINKPROOF_POLICIES\n"
        "A folder to read the bundled data from instead of the prefix's; \\-\\-catalogue and \\-\\-regions "
        "override it for one run.\n"
        ".SH EXIT STATUS\n"
        "0 answered or clean; 1 findings at or above \\-\\-fail\\-on; 2 bad input or usage; 3 internal error.\n"
        ".SH SEE ALSO\n"
        "The documentation installed with the package (share/doc/linkproof), docs/settings.md for the "
        "named settings, docs/errors.md for error codes.\n";
}

std::string words(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "--" : " --") + (n == "help" ? std::string("help -h") : n);
  return out;
}

void bash(std::ostream& os, const std::vector<CommandDoc>& docs) {
  os << "# bash completion for linkproof. Generated from the command line's declarations by linkproof_generate.\n"
        "_linkproof() {\n"
        "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
        "  if ((COMP_CWORD == 1)); then\n"
        "    COMPREPLY=($(compgen -W \"";
  for (const auto& d : docs) os << d.name << " ";
  os << "help --help --version\" -- \"$cur\"))\n"
        "    return\n"
        "  fi\n"
        "  local values= flags=\n"
        "  case ${COMP_WORDS[1]} in\n";
  for (const auto& d : docs)
    os << "    " << d.name << ") values=\"" << words(d.options.with_value) << "\" flags=\"" << words(d.options.flags)
       << "\" ;;\n";
  os << "    help) COMPREPLY=($(compgen -W \"";
  for (const auto& d : docs) os << d.name << " ";
  os << "\" -- \"$cur\")); return ;;\n"
        "    *) return ;;\n"
        "  esac\n"
        "  case ${COMP_WORDS[1]}:$prev in\n";
  for (const auto& d : docs)
    for (const auto& [name, values] : d.options.choices) {
      os << "    " << d.name << ":--" << name << ") COMPREPLY=($(compgen -W \"";
      for (size_t i = 0; i < values.size(); ++i) os << (i ? " " : "") << values[i];
      os << "\" -- \"$cur\")); return ;;\n";
    }
  os << "  esac\n"
        "  # an option's value, or an argument: files (the default completion)\n"
        "  [[ \" $values \" == *\" $prev \"* ]] && return\n"
        "  [[ $cur == -* ]] && COMPREPLY=($(compgen -W \"$values $flags\" -- \"$cur\"))\n"
        "}\n"
        "complete -o bashdefault -o default -F _linkproof linkproof\n";
}

// A zsh _arguments description: no unbalanced brackets or colons.
std::string zsh_text(std::string s) {
  for (char& c : s)
    if (c == '[' || c == ']' || c == ':' || c == '\'') c = ' ';
  return s;
}

void zsh(std::ostream& os, const std::vector<CommandDoc>& docs) {
  os << "#compdef linkproof\n"
        "# zsh completion for linkproof. Generated from the command line's declarations by linkproof_generate.\n"
        "_linkproof() {\n"
        "  local -a commands\n"
        "  commands=(\n";
  for (const auto& d : docs) os << "    '" << d.name << ":" << zsh_text(description(d.summary)) << "'\n";
  os << "  )\n"
        "  if ((CURRENT == 2)); then\n"
        "    _describe -t commands 'linkproof command' commands\n"
        "    _arguments '(- *)--help[show the commands]' '(- *)--version[show version, commit and Z3 version]'\n"
        "    return\n"
        "  fi\n"
        "  local command=$words[2]\n"
        "  shift words\n"
        "  ((CURRENT--))\n"
        "  case $command in\n";
  for (const auto& d : docs) {
    os << "    " << d.name << ")\n      _arguments -S \\\n";
    for (const auto& name : d.options.with_value) {
      auto c = d.options.choices.find(name);
      std::string action = "_files";
      if (c != d.options.choices.end()) {
        action = "(";
        for (size_t i = 0; i < c->second.size(); ++i) action += (i ? " " : "") + c->second[i];
        action += ")";
      }
      os << "        '*--" << name << "=[" << name << "]:" << name << ":" << action << "' \\\n";
    }
    for (const auto& name : d.options.flags) {
      if (name == "help") os << "        '(- *)'{-h,--help}'[show this command'\"'\"'s usage]' \\\n";
      else os << "        '--" << name << "[" << name << "]' \\\n";
    }
    os << "        '*:file:_files'\n      ;;\n";
  }
  os << "    help) _describe -t commands 'linkproof command' commands ;;\n"
        "  esac\n"
        "}\n"
        "_linkproof \"$@\"\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: linkproof_generate man|bash|zsh OUTPUT\n";
    return 2;
  }
  const std::string kind = argv[1];
  std::ofstream out(argv[2], std::ios::binary);
  if (!out) {
    std::cerr << "linkproof_generate: cannot write " << argv[2] << "\n";
    return 2;
  }
  auto docs = collect();
  if (kind == "man") man(out, docs);
  else if (kind == "bash") bash(out, docs);
  else if (kind == "zsh") zsh(out, docs);
  else {
    std::cerr << "linkproof_generate: unknown output kind " << kind << "\n";
    return 2;
  }
  out.close();
  return out ? 0 : 2;
}
