#!/bin/sh
# Install the Debian packages notemine needs to build, test and segment well, when missing.
# As root: apt-get install -y. With password-less sudo: the same through sudo. Otherwise the
# exact command is printed and the script exits 1.
set -u
PKGS="gcc make pkg-config libicu-dev libpcre2-dev libcjson-dev libutf8proc-dev python3 python3-jieba"
missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "notemine: missing packages:$missing (no apt-get here: install them with your package manager)" >&2
	exit 1
fi
echo "notemine: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "notemine: run this as root, then try again:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get install -y -q $missing >/dev/null 2>&1 ||
	{ $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q $missing >/dev/null; } || {
	echo "notemine: apt-get install failed for:$missing" >&2
	exit 1
}
