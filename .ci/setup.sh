#!/usr/bin/env bash
# Installs what building, running and testing Allmende needs, and nothing
# that is already there. Called by `make run` and `make test`; safe to repeat.
#
#   .ci/setup.sh build     Rust toolchain parts, npm packages, static assets
#   .ci/setup.sh postgres  PostgreSQL's server programs (for the private cluster)
#   .ci/setup.sh browser   Debian's chromium (for the end-to-end tests)
#   .ci/setup.sh bench     wrk (for the benchmarks)
set -euo pipefail

cd "$(dirname "$0")/.."
CACHE_DIR="${ALLMENDE_CACHE_DIR:-$HOME/.cache/allmende}"
mkdir -p "$CACHE_DIR"
CARGO_LEPTOS_VERSION=0.3.10

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

APT_UPDATED=""
apt_install() {
  if ! command -v apt-get >/dev/null; then
    say "please install these packages with your system's package manager: $*"
    return 1
  fi
  if ! is_root; then
    say "missing packages: $*. Install them as root: apt-get install $*"
    return 1
  fi
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

setup_rust() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >&2
  fi
  # The test command lints with both.
  for component in clippy rustfmt; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      say "adding the $component component"
      rustup component add "$component" >&2
    fi
  done
  if ! command -v pkg-config >/dev/null || ! pkg-config --exists openssl 2>/dev/null; then
    apt_install pkg-config libssl-dev || true
  fi
  # The mirror tests serve repositories with `git daemon` and `git http-backend`.
  if ! command -v git >/dev/null || [ ! -x "$(git --exec-path)/git-http-backend" ] || [ ! -x "$(git --exec-path)/git-daemon" ]; then
    apt_install git
  fi
  # cargo-leptos optimises the release wasm with binaryen's wasm-opt: the
  # npm package `binaryen` (a devDependency), put first on PATH by the
  # Makefile. Debian's binaryen 108 breaks wasm-bindgen's externref table.
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes, once)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads >&2
  fi
  # The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
  local wanted
  wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
    say "installing wasm-bindgen-cli $wanted (about 5 minutes, once)"
    cargo install wasm-bindgen-cli --version "$wanted" >&2
  fi
}

setup_npm() {
  local stamp="node_modules/.allmende-lock-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -e "$stamp" ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund >&2
    touch "$stamp"
  fi
}

# KERN's stylesheet, and its Fira Sans subset to the characters German and
# English text needs (the full files are about 130 KB each).
setup_assets() {
  local kern=node_modules/@kern-ux/native/dist
  mkdir -p public/vendor/kern public/fonts
  cp -u "$kern/kern.min.css" public/vendor/kern/kern.min.css
  cp -u node_modules/@kern-ux/native/LICENSE.md public/vendor/kern/LICENSE.md
  local venv="$CACHE_DIR/venv"
  local unicodes="U+0020-007E,U+00A0-00FF,U+0152-0153,U+0160-0161,U+0178,U+017D-017E,U+2010-2027,U+2030,U+2039-203A,U+20AC,U+2122,U+2190-2193,U+2212"
  local weight file
  for weight in 400:Regular 500:Medium 600:SemiBold; do
    file="public/fonts/fira-sans-${weight%%:*}.woff2"
    [ -s "$file" ] && continue
    if [ ! -x "$venv/bin/pyftsubset" ]; then
      say "installing fontTools into $venv"
      python3 -m venv "$venv" >&2 || { apt_install python3-venv && python3 -m venv "$venv" >&2; }
      "$venv/bin/pip" install --quiet fonttools brotli >&2
    fi
    say "subsetting Fira Sans ${weight#*:}"
    "$venv/bin/pyftsubset" "$kern/fonts/fira-sans/FiraSans-${weight#*:}.woff2" \
      --unicodes="$unicodes" --layout-features='kern,liga,calt,lnum,tnum' \
      --flavor=woff2 --output-file="$file"
  done
}

setup_postgres() {
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && return 0
  done
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null && return 0
  # Debian's package would create and start a cluster of its own: we want
  # only the programs.
  if is_root && [ -d /etc ]; then
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/allmende.conf
  fi
  apt_install postgresql postgresql-contrib || {
    say "PostgreSQL's server programs are missing: install the Debian package 'postgresql', or set DATABASE_URL"
    return 1
  }
}

setup_browser() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium fonts-dejavu-core || {
      say "the end-to-end tests need Debian's chromium: apt-get install chromium"
      return 1
    }
  fi
  # The catalog's CI-publishing test runs the real curl a pipeline would.
  command -v curl >/dev/null || apt_install curl
}

setup_bench() {
  command -v wrk >/dev/null || apt_install wrk
}

for part in "$@"; do
  case "$part" in
    build) setup_rust; setup_npm; setup_assets ;;
    postgres) setup_postgres ;;
    browser) setup_browser ;;
    bench) setup_bench ;;
    *) say "unknown part: $part"; exit 2 ;;
  esac
done
