# `cmake --install` layout (GNU directories under the prefix), the Debian package (CPack) and the
# tests that install into a scratch prefix. docs/install.md.
#   bin/linkproof
#   share/linkproof/                 bundled policies, action catalogue (actions/), regions.json
#   share/doc/linkproof/             README.md and docs/
#   share/man/man1/linkproof.1       generated from the command line's help text
#   share/bash-completion/completions/linkproof, share/zsh/vendor-completions/_linkproof

install(TARGETS linkproof RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${LINKPROOF_ROOT}/policies/ DESTINATION ${CMAKE_INSTALL_DATADIR}/linkproof)
install(FILES ${LINKPROOF_ROOT}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${LINKPROOF_ROOT}/docs DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_BINARY_DIR}/doc/linkproof.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_BINARY_DIR}/doc/linkproof.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME linkproof)
install(FILES ${CMAKE_BINARY_DIR}/doc/_linkproof DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# The .deb: installs under /usr on Debian 12. Its Depends line is computed by dpkg-shlibdeps from
# the libraries the binary links (libz3-4, libstdc++6, libgcc-s1, libc6); without dpkg-shlibdeps
# the same list is declared by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME linkproof)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "linkproof checks Alibaba Cloud RAM policies and PrivateLink deployments before you deploy: it decides authorization requests, checks a deployment snapshot against the PrivateLink rules and answers reachability questions, with every finding located in its input file.")
set(CPACK_PACKAGE_CONTACT "linkproof maintainers")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "linkproof maintainers")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
find_program(LINKPROOF_SHLIBDEPS dpkg-shlibdeps)
if(LINKPROOF_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34), libgcc-s1 (>= 3.0), libstdc++6 (>= 12), libz3-4 (>= 4.8.12)")
endif()
set(CPACK_STRIP_FILES ON)
include(CPack)

if(LINKPROOF_TESTS)
  # Installs into a scratch prefix, runs the installed binary from there (away from the build and
  # source trees), then builds the .deb, checks its declared dependencies and runs it unpacked.
  add_test(NAME install.scratch_prefix
           COMMAND bash ${LINKPROOF_ROOT}/packaging/install_test.sh ${CMAKE_BINARY_DIR} ${LINKPROOF_ROOT})
  set_tests_properties(install.scratch_prefix PROPERTIES TIMEOUT 300)
  # The CI recipes of docs/ci.md: the YAML parses and every linkproof command in it is accepted.
  if(LINKPROOF_PYTHON)
    add_test(NAME install.ci_recipes
             COMMAND ${LINKPROOF_PYTHON} ${LINKPROOF_ROOT}/packaging/ci_recipes_test.py ${LINKPROOF_ROOT}/docs/ci.md
                     ${CMAKE_BINARY_DIR}/linkproof ${LINKPROOF_ROOT})
  endif()
endif()
