#!/usr/bin/env bash
# Installs Communique into a temporary prefix, then builds the README's
# library example against it twice, as its users would: with CMake
# (find_package) and with pkg-config, and runs both. Also checks the
# installed library's SONAME and the installed command.
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
[ "$lines" -ge 10 ] && [ "$lines" -le 22 ] || fail "README library example has $lines lines, expected 10-20"

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

# 2. pkg-config.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
libdir=$(pkg-config --variable=libdir communique)
# shellcheck disable=SC2046  # word splitting of the flags is intended
c++ -std=c++20 -o "$work/example-pc" "$work/example.cpp" $(pkg-config --cflags --libs communique) \
  -Wl,-rpath,"$libdir" 2>"$work/pc.log" || { cat "$work/pc.log" >&2; fail "pkg-config build failed"; }
mkdir "$work/run-pc"
(cd "$work/run-pc" && "$work/example-pc") >"$work/pc.out" 2>&1 || fail "pkg-config-built example failed: $(cat "$work/pc.out")"
check_output "pkg-config consumer" "$work/pc.out"

# 3. The installed command reads what the library wrote.
"$prefix/bin/communique" --db "$work/run-pc/example.db" search --json corridors >"$work/cli.json" ||
  fail "installed communique failed"
grep -q '"total":2' "$work/cli.json" || fail "installed communique found: $(cat "$work/cli.json")"
echo "install: CMake and pkg-config consumers built and ran against $soname"
