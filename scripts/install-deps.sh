#!/usr/bin/env bash
# Installs the Debian 12 packages lovcen needs that are missing (as root, or
# through sudo). Idempotent: with everything present it only checks.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libicu-dev libboost-locale-dev libxerces-c-dev libsqlite3-dev
  libcli11-dev libcmark-dev libgumbo-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  translate-toolkit   # interop tests: xliff2po (and the toolkit's TMX reader) read lovcen's files
  libxml2-utils       # xmllint: TMX output checked against the TMX 1.4b DTD
  python3-levenshtein # bench/pretranslate_compare.sh: the toolkit's fast matcher (else pure Python)
  chromium            # check tests: the HTML report rendered headless (console errors, screenshot)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "lovcen: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
