#!/usr/bin/env bash
# The Java runtime the images run on, made at build time from this machine's JDK, so that building an
# image needs no base image from a registry (and no Docker daemon): Jib puts it over `scratch` as an
# extra directory (see the `images` profile in the root pom.xml).
#   docker/image/runtime-layer.sh <output directory>
# It holds: /opt/java, a jlink'ed runtime of the JDK that runs the build (the modules a Spring Boot
# service and the Kafka client use: java.se, TLS/SASL/JAAS, JFR, management); the shared libraries it
# links against and the dynamic loader, copied from this machine (glibc, libstdc++, zlib, ...);
# /bin/busybox (a static shell and wget for health checks, from Debian's busybox-static package);
# /etc/passwd and /etc/group with the user relay (10001); /tmp.
# Rebuilt only when the JDK changes (a stamp file names it).
set -euo pipefail

out=${1:?usage: runtime-layer.sh <output directory>}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ -d "$java_home/jmods" ] || { echo "runtime-layer: $java_home has no jmods/ (needs a full JDK; Debian: openjdk-17-jdk-headless)" >&2; exit 1; }
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.security.auth,jdk.security.jgss,jdk.naming.dns,jdk.zipfs,jdk.management,jdk.jfr,jdk.charsets,jdk.net,jdk.localedata
stamp="$(grep -E '^(JAVA_VERSION|IMPLEMENTOR)=' "$java_home/release" | tr '\n' ' ')modules=$modules v2"
if [ -f "$out/.built-from" ] && [ "$(cat "$out/.built-from")" = "$stamp" ]; then
  echo "runtime-layer: $out is up to date ($stamp)"
  exit 0
fi

rm -rf "$out"
mkdir -p "$out"
echo "runtime-layer: jlink $java_home -> $out/opt/java"
"$java_home/bin/jlink" --add-modules "$modules" --include-locales=en,de,fr,es,it,ja \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/opt/java"
# desktop natives that need X11 or ALSA; a headless service never loads them
rm -f "$out"/opt/java/lib/{libawt_xawt.so,libsplashscreen.so,libjsound.so}

# the shared libraries the runtime links against, at the paths the dynamic loader searches
libs=$( { ldd "$out/opt/java/bin/java"; find "$out/opt/java/lib" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | grep -v "^$out" | sort -u)
for lib in $libs; do
  install -D -m 0755 "$(readlink -f "$lib")" "$out$lib"
done
[ -e "$out/lib64/ld-linux-x86-64.so.2" ] || { echo "runtime-layer: no dynamic loader found by ldd" >&2; exit 1; }

# busybox-static: sh and wget for health checks and a look inside (kubectl exec ... sh)
cache=${RUNTIME_LAYER_CACHE:-$HOME/.cache/checkout-relay}
mkdir -p "$cache"
if ! ls "$cache"/busybox-static_*.deb >/dev/null 2>&1; then
  (cd "$cache" && apt-get download busybox-static 2>/dev/null) \
    || { echo "runtime-layer: could not download Debian's busybox-static (apt-get download busybox-static)" >&2; exit 1; }
fi
dpkg-deb --fsys-tarfile "$(ls "$cache"/busybox-static_*.deb | head -1)" | tar -x -C "$cache" ./bin/busybox
install -D -m 0755 "$cache/bin/busybox" "$out/bin/busybox"
install -m 0755 "$cache/bin/busybox" "$out/bin/sh"

mkdir -p "$out/etc" "$out/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nrelay:x:10001:10001:checkout-relay:/tmp:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nrelay:x:10001:\n' > "$out/etc/group"
echo "$stamp" > "$out/.built-from"
echo "runtime-layer: $(du -sh "$out" | cut -f1) in $out"
