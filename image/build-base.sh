#!/usr/bin/env bash
# Builds the operator image's base as a Docker archive, the way distroless images are made: no package manager, no
# shell, no package scripts run; the files of a few Debian packages (the JRE and the libraries it loads), a
# non-root user, and a Java trust store made from Debian's CA certificates.
#
#   image/build-base.sh OUT_DIR      writes OUT_DIR/base.tar (the packages come from this machine's apt sources) and
#                                    OUT_DIR/packages.txt (name, version, architecture of each)
set -euo pipefail

out=${1:?usage: build-base.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
jre=openjdk-17-jre-headless
java_home=/usr/lib/jvm/java-17-openjdk-amd64
# What the headless JVM loads (ldd of bin/java and lib/*.so); the JRE's other dependencies serve AWT, sound and
# smart cards, which an operator never loads.
packages=(libc6 libgcc-s1 libstdc++6 zlib1g "$jre" ca-certificates)

fail() { echo "build-base.sh: $*" >&2; exit 1; }
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
  || fail "needs apt-get and dpkg-deb (Debian or Ubuntu) to fetch the base image's packages"

mkdir -p "$out/debs"
rm -rf "$out/rootfs" "$out/layer" "$out/packages.txt"
mkdir -p "$out/rootfs" "$out/layer"
(cd "$out/debs" && apt-get download -q "${packages[@]}" >/dev/null 2>"$out/apt.err") \
  || fail "apt-get download ${packages[*]} failed ($(tail -n 1 "$out/apt.err")); run apt-get update and try again"
for p in "${packages[@]}"; do
  deb=$(ls -t "$out/debs/${p}"_*.deb | head -n 1)
  dpkg-deb -x "$deb" "$out/rootfs"
  dpkg-deb --showformat='${Package} ${Version} ${Architecture}\n' -W "$deb" >> "$out/packages.txt"
done
root=$out/rootfs

# Documentation and the package's own tooling are not needed to run.
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/lintian" "$root/usr/sbin"
rm -rf "$root/usr/share/ca-certificates.staging"

# The non-root user distroless images use; the operator runs as it.
mkdir -p "$root/etc" "$root/home/nonroot" "$root/tmp" "$root/proc"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"

# What ca-certificates-java would make at install time: the JRE's trust store from Debian's CA certificates.
mkdir -p "$root/etc/ssl/certs/java"
java "$here/Cacerts.java" "$root/usr/share/ca-certificates/mozilla" "$root/etc/ssl/certs/java/cacerts"
cat "$root"/usr/share/ca-certificates/mozilla/*.crt > "$root/etc/ssl/certs/ca-certificates.crt"
test -e "$root$java_home/bin/java" || fail "$jre did not bring $java_home/bin/java"

# One layer, with stable owners and times so that the same packages give the same archive.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$out/layer/layer.tar" .
diff_id=$(sha256sum "$out/layer/layer.tar" | cut -d' ' -f1)
cat > "$out/layer/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
  "Env":["PATH=$java_home/bin:/usr/bin:/bin","JAVA_HOME=$java_home","SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"image/build-base.sh: $(awk '{print $1 "=" $2}' "$out/packages.txt" | paste -sd,)"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["switchboard-base:17"],"Layers":["layer.tar"]}]\n' > "$out/layer/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$out/layer" -cf "$out/base.tar" \
  manifest.json config.json layer.tar
# packages.txt stays: the image's SBOM lists these packages (image/Sbom.java).
rm -rf "$out/layer"
echo "base image: $out/base.tar ($(du -h "$out/base.tar" | cut -f1))"
