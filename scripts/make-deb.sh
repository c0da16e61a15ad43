#!/usr/bin/env bash
# Builds dist/firewatch_VERSION_ARCH.deb with dpkg-deb from built executables.
#   scripts/make-deb.sh BIN_DIR [OUT_DIR]
# BIN_DIR holds firewatchd and firewatch (`make deb` passes a release build with the Swift runtime
# linked in statically, so the package needs no Swift on the target). Layout (INTERFACES.md):
# /usr/bin/firewatchd, /usr/bin/firewatch, /lib/systemd/system/firewatchd.service,
# /usr/share/firewatch/{Devices,seeds}/, /usr/lib/{sysusers,tmpfiles}.d/, and the conffile
# /etc/firewatch/firewatch.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(cd "${1:?usage: scripts/make-deb.sh BIN_DIR [OUT_DIR]}" && pwd)"
out="${2:-dist}"
version="$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/FireWatchDaemon/Version.swift)"
arch="$(dpkg --print-architecture)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

install -d "$stage/usr/bin" "$stage/usr/share/firewatch" "$stage/etc/firewatch" "$stage/lib/systemd/system" \
  "$stage/usr/lib/sysusers.d" "$stage/usr/lib/tmpfiles.d" "$stage/usr/share/doc/firewatch" "$stage/DEBIAN"
install -m 0755 "$bin/firewatchd" "$bin/firewatch" "$stage/usr/bin/"
# Debug info out, symbols kept: crash backtraces still name the functions.
if command -v strip >/dev/null; then strip --strip-debug "$stage/usr/bin/firewatchd" "$stage/usr/bin/firewatch"; fi
cp -r Devices seeds "$stage/usr/share/firewatch/"
scripts/installed-config.sh > "$stage/etc/firewatch/firewatch.yaml"
sed 's|/usr/bin/env firewatchd|/usr/bin/firewatchd|g' systemd/firewatchd.service > "$stage/lib/systemd/system/firewatchd.service"
install -m 0644 systemd/firewatch.sysusers "$stage/usr/lib/sysusers.d/firewatch.conf"
install -m 0644 systemd/firewatch.tmpfiles "$stage/usr/lib/tmpfiles.d/firewatch.conf"
install -m 0644 README.md docs/OPERATIONS.md "$stage/usr/share/doc/firewatch/"

# The shared libraries the executables link directly (NEEDED), as the Debian packages that ship them.
libs() {
  for f in "$bin/firewatchd" "$bin/firewatch"; do
    if command -v objdump >/dev/null; then
      for lib in $(objdump -p "$f" | awk '/NEEDED/ {print $2}'); do ldd "$f" | awk -v l="$lib" '$1 == l && $3 ~ /^\// {print $3}'; done
    else
      ldd "$f" | awk '/=> \// {print $3}'
    fi
  done | sort -u
}
# dpkg-shlibdeps (dpkg-dev) adds the minimum versions (glibc's above all); without it the names only.
depends=""
if command -v dpkg-shlibdeps >/dev/null; then
  shl="$(mktemp -d)"; mkdir -p "$shl/debian"; printf 'Source: firewatch\n\nPackage: firewatch\nArchitecture: any\n' > "$shl/debian/control"
  depends="$(cd "$shl" && dpkg-shlibdeps -O "$bin/firewatchd" "$bin/firewatch" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')" || depends=""
  rm -rf "$shl"
fi
if [ -z "$depends" ]; then
  depends="$(libs | while read -r lib; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true; done |
    cut -d: -f1 | sort -u | { grep -v '^swiftlang' || true; } | paste -sd, - | sed 's/,/, /g')"
fi
size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@DEPENDS@|${depends:-libc6}|" -e "s|@SIZE@|$size|" \
  packaging/debian/control > "$stage/DEBIAN/control"
install -m 0644 packaging/debian/conffiles "$stage/DEBIAN/conffiles"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$stage/DEBIAN/"

mkdir -p "$out"
deb="$out/firewatch_${version}_${arch}.deb"
# DEB_COMPRESSION=gzip DEB_LEVEL=1: fast, for the test that packs debug executables.
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" -z"${DEB_LEVEL:-6}" --build "$stage" "$deb" >/dev/null
echo "$deb"
