# Shared by the scripts in tools/: locating the project, installing the
# Debian packages the build needs, and building.

COMMUNIQUE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian packages for building and testing: all that the test suite needs,
# installed before it starts (no test installs anything or reaches the
# network).
COMMUNIQUE_PACKAGES=(cmake g++ make pkg-config python3 libxapian-dev libicu-dev libcli11-dev
                     libspdlog-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev
                     libcpp-httplib-dev  # the server of `communique serve`
                     xapian-tools  # xapian-tcpsrv, for the remote-shards test
                     python3-bs4  # the Chinese pages' oracle (../shared/peers/zh_pages.py)
                     time         # /usr/bin/time, for the benchmark's smoke test
                     # the search page's browser test (headless Chromium through
                     # Selenium) and the server's load run (tools/bench/run)
                     chromium chromium-driver python3-selenium wrk
                     fonts-noto-cjk  # so that its screenshots show Chinese, not boxes
                     zsh groff-base man-db  # the completions' and manual page's test
                     )
# And for the fuzz targets (tools/fuzz): clang with libFuzzer's runtime.
COMMUNIQUE_FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# missing_packages PACKAGE...: prints those not installed, one a line.
missing_packages() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# Dies naming whichever of the given packages are missing: for what runs
# inside the test suite, which installs nothing.
require_packages() {
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  [ -z "$missing" ] || die "missing packages: ${missing% }; install them first (tools/check does, as root)"
}

# Installs whichever of the given packages are missing (as root, with apt).
ensure_packages() {
  local missing=()
  mapfile -t missing < <(missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing packages: ${missing[*]}; install them with: sudo apt-get install ${missing[*]}"
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# configure DIR BUILD_TYPE [CMAKE_ARGS...]: configures a build in DIR.
configure() {
  local dir=$1 type=$2
  shift 2
  cmake -S "$COMMUNIQUE_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >"$dir/configure.log" 2>&1 ||
    { cat "$dir/configure.log" >&2; die "cmake configure failed"; }
}

# compile DIR [TARGET...]: builds the given targets of a configured DIR
# (all by default), showing only errors and warnings.
compile() {
  local dir=$1
  shift
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  if ! cmake --build "$dir" -j "$(nproc)" "${targets[@]}" >"$dir/build.log" 2>&1; then
    grep -E 'error|Error' -A3 "$dir/build.log" | head -60 >&2
    die "build failed; the full log is $dir/build.log"
  fi
  grep -E 'warning:' "$dir/build.log" >&2 || true
}

# build DIR BUILD_TYPE [CMAKE_ARGS...]: configures and builds into DIR.
build() {
  configure "$@"
  compile "$1"
}
