#!/usr/bin/env bash
# Install the Debian packages the book needs, when they are missing.
# Usage: scripts/system-deps.sh [build|test]
# As root it installs with apt-get; otherwise it names what is missing and fails.
set -euo pipefail
mode=${1:-build}

# package -> a file that proves it is installed
declare -A need=(
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [fonts-freefont-otf]=/usr/share/fonts/opentype/freefont/FreeSerif.otf
  [poppler-utils]=/usr/bin/pdftoppm
  [make]=/usr/bin/make
)
if [ "$mode" = test ]; then
  need+=(
    [chromium]=/usr/bin/chromium
    [epubcheck]=/usr/bin/epubcheck
    [qpdf]=/usr/bin/qpdf
    [default-jre-headless]=/usr/bin/java
    [nodejs]=/usr/bin/node
    [npm]=/usr/bin/npm
  )
fi

missing=()
for pkg in "${!need[@]}"; do
  [ -e "${need[$pkg]}" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# matplotlib caches the font list; a stale cache would miss the new CJK fonts.
rm -rf "${HOME:-/root}/.cache/matplotlib"
