#!/usr/bin/env bash
# Checks a Frontdesk .deb the way a studio's PC would get it: the package name and its
# WebKitGTK dependency, and, unpacked with dpkg-deb -x into a temp dir, the app binary, its
# .desktop file and icons. Prints the directory of the unpacked binary's root (last line).
# Usage: scripts/check-deb.sh PATH.deb
set -euo pipefail
deb=${1:?usage: scripts/check-deb.sh PATH.deb}
fail() { echo "check-deb: $*" >&2; exit 1; }

[ -f "$deb" ] || fail "no package at $deb"
info=$(dpkg-deb --info "$deb")
grep -q '^ Package: frontdesk$' <<<"$info" || fail "the package is not named frontdesk"
depends=$(dpkg-deb --field "$deb" Depends)
grep -q 'libwebkit2gtk-4.1' <<<"$depends" || fail "Depends lacks WebKitGTK: $depends"
echo "check-deb: $(dpkg-deb --field "$deb" Package) $(dpkg-deb --field "$deb" Version), depends on $depends" >&2

root=$(mktemp -d)
dpkg-deb -x "$deb" "$root"
[ -x "$root/usr/bin/frontdesk" ] || fail "no executable usr/bin/frontdesk"
desktop="$root/usr/share/applications/Frontdesk.desktop"
[ -f "$desktop" ] || fail "no .desktop file"
grep -q '^Exec=frontdesk' "$desktop" || fail "the .desktop file does not start frontdesk"
grep -q '^Categories=.*Office' "$desktop" || fail "the .desktop file lacks its category: $(grep Categories "$desktop")"
icons=$(find "$root/usr/share/icons/hicolor" -name frontdesk.png | wc -l)
[ "$icons" -ge 2 ] || fail "expected the icon in several sizes, found $icons"
version=$("$root/usr/bin/frontdesk" --version)
[ "$version" = "Frontdesk $(dpkg-deb --field "$deb" Version)" ] || fail "--version says '$version'"
echo "check-deb: binary, .desktop file and $icons icons present; $version" >&2
echo "$root"
