#!/usr/bin/env bash
# Installs Communique into a temporary prefix, then builds the README's
# library example against it twice, as its users would: with CMake
# (find_package), and with pkg-config by the README's own commands; and
# runs both, with no loader path set. Also checks the installed library's
# SONAME and the installed command.
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v pkg-config >/dev/null || fail "pkg-config is not installed (apt-get install pkg-config)"

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "cmake --install failed"; }

# The headers, the CMake package, the pkg-config file, a versioned library.
for f in include/communique/communique.h include/communique/export.h lib/cmake/communique/communiqueConfig.cmake \
         lib/cmake/communique/communiqueConfigVersion.cmake lib/pkgconfig/communique.pc bin/communique; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
# The shell completions and the manual page, as the installed command prints them.
for f in "share/bash-completion/completions/communique:completions bash" \
         "share/zsh/site-functions/_communique:completions zsh" "share/man/man1/communique.1:man"; do
  file=${f%%:*}
  [ -s "$prefix/$file" ] || fail "not installed: $file"
  # shellcheck disable=SC2086 # the command's words
  "$prefix/bin/communique" ${f#*:} | cmp -s - "$prefix/$file" ||
    fail "$file is not what communique ${f#*:} prints"
done
bash -n "$prefix/share/bash-completion/completions/communique" || fail "the installed bash completion does not parse"
lib=$(readlink -f "$prefix/lib/libcommunique.so")
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
[[ $soname =~ ^libcommunique\.so\.[0-9]+$ ]] || fail "SONAME is '$soname'"
[ "$(readlink -f "$prefix/lib/$soname")" = "$lib" ] || fail "$soname does not lead to $lib"
! grep -rlE '#include <(xapian|unicode/|spdlog|CLI/)' "$prefix/include/communique" ||
  fail "a public header includes a dependency's header"

# The example is the first C++ block of README's "## Library" section.
awk '/^## Library/ {lib=1} lib && /^```cpp$/ {code=1; next} code && /^```$/ {exit} code {print}' \
  "$src/README.md" >"$work/example.cpp"
lines=$(grep -c . "$work/example.cpp" || true)
[ "$lines" -ge 10 ] && [ "$lines" -le 22 ] || fail "README library example has $lines lines, expected 10-22"

check_output() {  # check_output NAME OUTPUT_FILE
  grep -qx "3 statements indexed" "$2" || fail "$1: no index summary: $(cat "$2")"
  grep -q "^uzb-1: " "$2" || fail "$1: the search did not find uzb-1: $(cat "$2")"
  ! grep -q "^kaz-1: " "$2" || fail "$1: the excluded word did not exclude kaz-1: $(cat "$2")"
}

# 1. CMake: find_package(communique) and communique::communique.
cmake -S "$src/tests/install/consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
  -DEXAMPLE_SOURCE="$work/example.cpp" >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log" >&2; fail "consumer configure failed"; }
cmake --build "$work/cmake" >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log" >&2; fail "consumer build failed"; }
mkdir "$work/run-cmake"
(cd "$work/run-cmake" && "$work/cmake/example") >"$work/cmake.out" 2>&1 || fail "CMake-built example failed: $(cat "$work/cmake.out")"
check_output "CMake consumer" "$work/cmake.out"

# 2. pkg-config: the README's commands as written (its first sh block in
# "## Library"), run from a directory that holds the example and a `build`
# like the checkout's, with PREFIX set to a fresh directory instead of its
# example value and no loader path in the environment: the program must
# run as built.
awk '/^## Library/ {lib=1} lib && /^```sh$/ {code=1; next} code && /^```$/ {exit} code {print}' \
  "$src/README.md" >"$work/pkg-config.sh"
grep -q '^cmake --install build --prefix "$PREFIX"$' "$work/pkg-config.sh" &&
  grep -q 'pkg-config --cflags --libs communique' "$work/pkg-config.sh" &&
  grep -qx './example' "$work/pkg-config.sh" || fail "README has no pkg-config commands: $(cat "$work/pkg-config.sh")"
mkdir "$work/run-pc"
cp "$work/example.cpp" "$work/run-pc/example.cpp"
ln -s "$(cd "$build" && pwd)" "$work/run-pc/build"
sed 's|^PREFIX=.*|PREFIX=$PC_PREFIX|' "$work/pkg-config.sh" >"$work/run-pc/commands.sh"
(cd "$work/run-pc" && env -u LD_LIBRARY_PATH -u PKG_CONFIG_PATH PC_PREFIX="$work/pc-prefix" \
  bash -e commands.sh) >"$work/pc.out" 2>&1 || fail "the README's pkg-config commands failed: $(cat "$work/pc.out")"
grep -v '^-- ' "$work/pc.out" >"$work/pc.run" || true  # less cmake --install's listing
check_output "pkg-config consumer" "$work/pc.run"

# 3. The installed command reads what the library wrote.
"$prefix/bin/communique" --db "$work/run-pc/example.db" search --json corridors >"$work/cli.json" ||
  fail "installed communique failed"
grep -q '"total":2' "$work/cli.json" || fail "installed communique found: $(cat "$work/cli.json")"
echo "install: CMake and pkg-config consumers built and ran against $soname"
