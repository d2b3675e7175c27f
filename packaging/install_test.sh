#!/usr/bin/env bash
# Installs the build into a scratch prefix and runs the installed binary from there, away from the
# source and build trees (docs/install.md); then builds the .deb, checks that its Depends line
# names the package of every shared library the binary needs, unpacks it into another scratch
# root and runs it from there. Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }
unset LINKPROOF_POLICIES

# 1. cmake --install into a scratch prefix: the layout of docs/install.md.
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/linkproof share/linkproof/AliyunServiceRolePolicyForPrivatelink.json share/linkproof/regions.json \
         share/linkproof/actions/privatelink.json share/linkproof/system/AliyunPrivateLinkFullAccess.json \
         share/doc/linkproof/README.md share/doc/linkproof/docs/install.md share/doc/linkproof/docs/ci.md \
         share/man/man1/linkproof.1 share/bash-completion/completions/linkproof share/zsh/vendor-completions/_linkproof; do
  [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
done

# 2. The installed binary finds its data relative to its own prefix, from any working directory,
#    and still does after the whole prefix is moved (nothing points back at the build).
run_from() {  # run_from PREFIX: validate --bundled and check, from a folder outside every tree
  local p=$1 out
  out=$(cd "$scratch" && "$p/bin/linkproof" validate --bundled) || fail "validate --bundled from $p exited $?"
  grep -q "^7 of 7 policies parsed" <<<"$out" || fail "validate --bundled from $p: $out"
  out=$(cd "$scratch" && "$p/bin/linkproof" check "$src/corpus/world/multi-account-whitelist/world.json") || true
  grep -q "regions: $p/share/linkproof/regions.json" <<<"$out" || fail "check from $p did not read the prefix's region table: $out"
}
run_from "$prefix"
mv "$prefix" "$scratch/moved"
run_from "$scratch/moved"
# $LINKPROOF_POLICIES comes before the prefix; --catalogue before both.
out=$(cd "$scratch" && LINKPROOF_POLICIES=$scratch/nowhere "$scratch/moved/bin/linkproof" validate --bundled) || true
grep -q "^7 of 7 policies parsed" <<<"$out" || fail "an unusable \$LINKPROOF_POLICIES must fall back to the prefix: $out"
mkdir -p "$scratch/alt"
cp -r "$scratch/moved/share/linkproof/." "$scratch/alt/"
rm "$scratch/alt/system/AliyunPrivateLinkFullAccess.json"
out=$(cd "$scratch" && LINKPROOF_POLICIES=$scratch/alt "$scratch/moved/bin/linkproof" validate --bundled) || true
grep -q "^6 of 6 policies parsed" <<<"$out" || fail "\$LINKPROOF_POLICIES was not used: $out"
out=$(cd "$scratch" && "$scratch/moved/bin/linkproof" validate --catalogue "$scratch/alt" --bundled) || true
grep -q "^6 of 6 policies parsed" <<<"$out" || fail "--catalogue was not used: $out"

# 3. The man page renders and quotes every command's help; the bash completion works.
man_text=$(groff -man -Tutf8 -P-c "$scratch/moved/share/man/man1/linkproof.1" 2>&1 | sed 's/\x1b\[[0-9;]*m//g') \
  || fail "the man page does not render"
for c in validate authorize check packet reach compare ask who; do
  grep -q "usage: linkproof $c" <<<"$man_text" || fail "the man page lacks the help of $c"
done
completion=$(bash -c 'source "$1"; COMP_WORDS=(linkproof check w.json --fail-on ""); COMP_CWORD=4; _linkproof;
                      echo "${COMPREPLY[*]}"; COMP_WORDS=(linkproof val); COMP_CWORD=1; _linkproof; echo "${COMPREPLY[*]}";
                      COMP_WORDS=(linkproof check --band); COMP_CWORD=2; _linkproof; echo "${COMPREPLY[*]}"' \
                 _ "$scratch/moved/share/bash-completion/completions/linkproof")
[ "$completion" = $'error warning info never\nvalidate\n--bandwidth-rules' ] || fail "bash completion gave: $completion"
if command -v zsh >/dev/null; then zsh -n "$scratch/moved/share/zsh/vendor-completions/_linkproof" || fail "zsh completion"; fi

# 4. The .deb: declared dependencies cover every library the binary needs; unpacked, it runs.
if command -v dpkg-deb >/dev/null; then
  (cd "$scratch" && cpack --config "$build/CPackConfig.cmake" -B "$scratch/deb" >"$scratch/cpack.log" 2>&1) ||
    fail "cpack failed: $(cat "$scratch/cpack.log")"
  deb=$(ls "$scratch"/deb/linkproof_*.deb) || fail "cpack made no .deb"
  depends=$(dpkg-deb -f "$deb" Depends)
  grep -q "libz3-4" <<<"$depends" || fail "Depends lacks libz3-4: $depends"
  for lib in $(readelf -d "$build/linkproof" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
    # awk reads to the end: an early exit would kill ldconfig with SIGPIPE, and pipefail would
    # then end this script without a word.
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64|64bit|x86_64/ && !found {print $NF; found = 1}')
    [ -n "$path" ] || path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}')
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$pkg" ] || fail "no Debian package holds $lib"
    names=$(sed 's/([^)]*)//g; s/|/,/g' <<<"$depends" | tr ',' '\n' | awk '{print $1}')
    grep -qxF "$pkg" <<<"$names" || fail "Depends ($depends) lacks $pkg, which holds $lib"
  done
  listing=$(dpkg-deb -c "$deb")
  grep -q "\./usr/share/linkproof/regions.json" <<<"$listing" || fail "the .deb lacks usr/share/linkproof"
  dpkg-deb -x "$deb" "$scratch/root"
  run_from "$scratch/root/usr"
fi
echo "install test: passed"
