#!/usr/bin/env bash
# Makes target/cluster-stack-VERSION.tar.gz, the installable tree, and target/cluster-stack.spec, the RPM spec
# that installs it under %{_libexecdir}/xapi/cluster-stack/ as xhad's package does (the spec is in the tarball
# too, so `rpmbuild -tb` works). Run by `mvn package` (exec-maven-plugin) with: OUT VERSION LIBEXEC_BUILD_DIR.
# The tree is for this machine's architecture: JNR's native library is kept for it alone.
#
#   cluster-stack-VERSION/share/cluster-stack/                  cluster-stack.jar and lib/*.jar, every jar once
#   cluster-stack-VERSION/libexec/xapi/cluster-stack/<stack>/   every stack, as `cluster-stack install` lays it out
#                                                               (scripts, rc files, manifest; no jar)
#   cluster-stack-VERSION/libexec/cluster-stack/legacy/xhad/    the passthrough to xha's C xhad (the RPM's -legacy)
#   cluster-stack-VERSION/lib/cluster-stack/stacks/             the third-party door, empty
#   cluster-stack-VERSION/bin/cluster-stack                     the admin CLI's launcher
#   cluster-stack-VERSION/share/man/man8/cluster-stack*.8.gz    generated from the picocli commands
#   cluster-stack-VERSION/share/man/man8/ha_*.8.gz              the eight scripts, from HaScript and ExitCode
#   cluster-stack-VERSION/share/man/man5/*.5.gz                 xhad.conf(5), cluster-stack-settings(5)
#   cluster-stack-VERSION/share/bash-completion/completions/cluster-stack   from the picocli commands
#   cluster-stack-VERSION/etc/logrotate.d/cluster-stack         the daemons' logs
#   cluster-stack-VERSION/LICENSE                               the repository's LICENSE (the spec's %license)
#
# No class-data archive: JDK 17 refuses one whose class path moved, so it is made where the jars end up
# (`cluster-stack install --archive-only`: the RPM's %post; by hand after unpacking the tarball).
set -euo pipefail
out=$1 version=$2 build=$3
src=$(cd -- "$(dirname -- "$0")" && pwd)
name=cluster-stack-$version
stage=$out/package/$name
# what the package's scripts are told; the RPM's scriptlets look for running daemons under the same run base
run_base=/run/cluster-stack log_base=/var/log/cluster-stack java_bin=/usr/bin/java
# xha's own directory, which the legacy passthrough forwards to (xha's spec: /usr/libexec/xapi/cluster-stack/xhad)
xha_dir=/usr/libexec/xapi/cluster-stack/xhad
rm -rf "$out/package"
mkdir -p "$stage/bin" "$stage/share/cluster-stack/lib" "$stage/share/man" "$stage/share/bash-completion/completions" \
  "$stage/etc/logrotate.d" "$stage/lib/cluster-stack/stacks" "$stage/libexec/cluster-stack/legacy"

# The architecture: RPM's name for it (uname -m's, but for 32-bit ARM), and jffi's name for its directory of native
# libraries.
arch=$(uname -m)
case $arch in
  x86_64 | aarch64 | ppc64le | ppc64 | s390x | riscv64 | loongarch64) jffi_platform=$arch-Linux ;;
  i?86) jffi_platform=i386-Linux ;;
  armv7*) jffi_platform=arm-Linux arch=armv7hl ;;
  *) echo "build-package.sh: no JNR native library is known for architecture $arch" >&2 && exit 1 ;;
esac

cp "$build/cluster-stack.jar" "$stage/share/cluster-stack/"
# the jars cluster-stack.jar's Class-Path names, no other: a build directory used before may hold older versions
manifest=$(mktemp -d)
(cd "$manifest" && jar xf "$build/cluster-stack.jar" META-INF/MANIFEST.MF)
class_path=$(tr -d '\r' <"$manifest/META-INF/MANIFEST.MF" |
  awk '/^Class-Path:/ { on = 1; sub(/^Class-Path: /, ""); printf "%s", $0; next }
       on && /^ / { sub(/^ /, ""); printf "%s", $0; next } { on = 0 }')
rm -rf "$manifest"
[ -n "$class_path" ] || { echo "build-package.sh: $build/cluster-stack.jar names no Class-Path" >&2 && exit 1; }
for jar in $class_path; do cp "$build/$jar" "$stage/share/cluster-stack/lib/"; done
for jar in "$stage"/share/cluster-stack/lib/jffi-*-native.jar; do
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$src/KeepOneNativeLibrary.java" "$jar" "$jffi_platform"
done
# nothing a host of another architecture or system would need may remain, in any jar
for jar in "$stage"/share/cluster-stack/cluster-stack.jar "$stage"/share/cluster-stack/lib/*.jar; do
  others=$(jar tf "$jar" | grep -E '\.(so|dll|dylib|jnilib|a)$' | grep -v "^jni/$jffi_platform/" || true)
  if [ -n "$others" ]; then
    echo "build-package.sh: $jar still carries native code for another platform: $others" >&2
    exit 1
  fi
done

run() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$stage/share/cluster-stack/cluster-stack.jar" "$@" >/dev/null; }
# The scripts name the library relative to their stack's directory; java and the run and log directories are the
# host's. An empty door: the package carries this project's stacks only, whatever this machine has installed.
empty_door=$(mktemp -d)
trap 'rm -rf "$empty_door"' EXIT
host_paths=(--run-dir "$run_base" --log-dir "$log_base" --java "$java_bin" --stacks-dir "$empty_door" --no-archive)
run install --root "$stage/libexec/xapi/cluster-stack" "${host_paths[@]}"
# The passthrough, laid out here against a stand-in for xha's directory (install checks that its eight scripts are
# there), then pointed at xha's real one: the stand-in's path is replaced in the few lines that name it.
standin=$(mktemp -d)
trap 'rm -rf "$empty_door" "$standin"' EXIT
mkdir -p "$standin$xha_dir"
for script in "$stage"/libexec/xapi/cluster-stack/xhad/ha_*; do
  case $script in *.rc) ;; *) install -m 0755 /dev/null "$standin$xha_dir/${script##*/}" ;; esac
done
run install --root "$stage/libexec/cluster-stack/legacy" --stack xhad --legacy-xhad "$standin$xha_dir" \
  "${host_paths[@]}"
grep -rlF "$standin" "$stage/libexec/cluster-stack/legacy" | while read -r f; do
  sed -i "s|$standin$xha_dir|$xha_dir|g" "$f"
done
if grep -rqF "$standin" "$stage/libexec/cluster-stack/legacy"; then
  echo "build-package.sh: the legacy passthrough still names the build's stand-in $standin" >&2
  exit 1
fi

run man --dir "$stage/share/man"
gzip -9nf "$stage"/share/man/man8/*.8 "$stage"/share/man/man5/*.5
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$stage/share/cluster-stack/cluster-stack.jar" completion \
  >"$stage/share/bash-completion/completions/cluster-stack"
install -m 0755 "$src/cluster-stack.sh" "$stage/bin/cluster-stack"
install -m 0644 "$src/cluster-stack.logrotate" "$stage/etc/logrotate.d/cluster-stack"
install -m 0644 "$src/../../LICENSE" "$stage/LICENSE"

# The spec: the version from the build, the architecture it was stripped for, and a %changelog dated by
# SOURCE_DATE_EPOCH, else by the newest commit (so that the same commit makes the same spec).
rpm_version=${version%%-*}
case $version in *-*) rpm_release=0.$(printf '%s' "${version#*-}" | tr -c 'A-Za-z0-9.\n' '.') ;; *) rpm_release=1 ;; esac
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$src" log -1 --format=%ct 2>/dev/null || echo 0)}
changelog_date=$(LC_ALL=C date -u -d "@$epoch" '+%a %b %d %Y')
sed -e "s/@VERSION@/$version/g" -e "s/@RPM_VERSION@/$rpm_version/g" -e "s/@RPM_RELEASE@/$rpm_release/g" \
  -e "s/@ARCH@/$arch/g" -e "s/@CHANGELOG_DATE@/$changelog_date/g" -e "s|@RUN_BASE@|$run_base|g" \
  -e "s|@JAVA@|$java_bin|g" "$src/cluster-stack.spec.in" >"$out/cluster-stack.spec"
cp "$out/cluster-stack.spec" "$stage/cluster-stack.spec"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$out/package" -czf "$out/$name.tar.gz.tmp" "$name"
mv -f "$out/$name.tar.gz.tmp" "$out/$name.tar.gz"
echo "package: $out/$name.tar.gz, $out/cluster-stack.spec ($arch)" >&2
