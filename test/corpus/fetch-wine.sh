#!/usr/bin/env bash
# Fetches the Wine IDL corpus (Debian's libwine-dev: 309 .idl files) and widl 8.0 (wine64-tools) into
# a cache directory outside the repository, for test/corpus/corpus.test.ts. Nothing of Wine's is ever
# committed. Idempotent: once the marker file is there, it only prints the cache path.
#
#   MIDL_TS_CORPUS_DIR  cache directory (default ~/.cache/midl-ts/wine-8.0)
#
# Exit 0 with the cache path on stdout; non-zero with a message on stderr when apt cannot provide
# the packages (no network, no apt-get, a distribution without Wine 8.0).
set -euo pipefail

# The corpus test asserts the exact 261/48 split of this release: pin it rather than take whatever
# version the machine's apt sources have (Debian 12 "bookworm" provides it).
version="8.0~repack-4"
packages=("libwine-dev=$version" "wine64-tools=$version")
cache="${MIDL_TS_CORPUS_DIR:-${HOME:?neither MIDL_TS_CORPUS_DIR nor HOME is set}/.cache/midl-ts/wine-8.0}"
marker="$cache/.complete"

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$version" ] \
  && [ -x "$cache/root/usr/lib/wine/widl" ] && [ -d "$cache/root/usr/include/wine/wine/windows" ]; then
  echo "$cache"
  exit 0
fi

fail() {
  echo "fetch-wine: $*" >&2
  echo "fetch-wine: the Wine corpus test needs 'apt-get download libwine-dev wine64-tools' ($version) to work;" >&2
  echo "fetch-wine: or point MIDL_TS_CORPUS_DIR at a directory where this script already ran." >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available on this machine"
command -v dpkg >/dev/null 2>&1 || fail "dpkg is not available on this machine"

mkdir -p "$cache/debs"
# apt-get download writes into the current directory. As root it warns that the download runs
# "unsandboxed" (the _apt user cannot write here): harmless, and not an error.
download() { (cd "$cache/debs" && apt-get download "${packages[@]}") >"$cache/debs/apt.log" 2>&1; }
if ! download; then
  echo "fetch-wine: download failed, running apt-get update and retrying" >&2
  if ! apt-get update >>"$cache/debs/apt.log" 2>&1 || ! download; then
    sed 's/^/  /' "$cache/debs/apt.log" >&2
    fail "could not download the packages (no network, or no Wine $version in the apt sources?)"
  fi
fi

# Extract into a fresh directory, then swap it in: an interrupted run never leaves a half tree
# behind the marker.
rm -rf "$cache/root.tmp"
mkdir -p "$cache/root.tmp"
for deb in "$cache"/debs/*_"${version//\~/%7e}"_*.deb "$cache"/debs/*_"$version"_*.deb; do
  [ -f "$deb" ] || continue
  dpkg -x "$deb" "$cache/root.tmp"
done
[ -x "$cache/root.tmp/usr/lib/wine/widl" ] || fail "widl is missing from the extracted packages"
[ -d "$cache/root.tmp/usr/include/wine/wine/windows" ] || fail "the IDL files are missing from the extracted packages"
rm -rf "$cache/root"
mv "$cache/root.tmp" "$cache/root"
# Results computed from an older tree (the widl runs cached by corpus.ts) are stale now.
rm -rf "$cache/widl-runs"
echo "$version" >"$marker"
echo "$cache"
