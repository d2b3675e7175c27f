#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return lp::cli::run(lp::cli::Argv(argv + 1, argv + argc), std::cin, std::cout, std::cerr);
}
