#!/usr/bin/env bash
# Makes target/cluster-stack-VERSION.tar.gz, the installable tree, and target/cluster-stack.spec, the RPM spec
# that installs it under %{_libexecdir}/xapi/cluster-stack/ as xhad's package does (the spec is in the tarball
# too, so `rpmbuild -tb` works). Run by `mvn package` (exec-maven-plugin) with: OUT VERSION LIBEXEC_BUILD_DIR.
#
#   cluster-stack-VERSION/libexec/xapi/cluster-stack/<stack>/   every stack, as `cluster-stack install` lays it out
#   cluster-stack-VERSION/bin/cluster-stack                     the admin CLI's launcher
#   cluster-stack-VERSION/share/cluster-stack/                  cluster-stack.jar and lib/*.jar
#   cluster-stack-VERSION/share/man/man8/cluster-stack*.8.gz    generated from the picocli commands
#   cluster-stack-VERSION/share/man/man8/ha_*.8.gz              the eight scripts, from HaScript and ExitCode
#   cluster-stack-VERSION/share/man/man5/*.5.gz                 xhad.conf(5), cluster-stack-settings(5)
#   cluster-stack-VERSION/share/bash-completion/completions/cluster-stack   from the picocli commands
#   cluster-stack-VERSION/etc/logrotate.d/cluster-stack         the daemons' logs
#   cluster-stack-VERSION/LICENSE                               the repository's LICENSE (the spec's %license)
set -euo pipefail
out=$1 version=$2 build=$3
src=$(cd -- "$(dirname -- "$0")" && pwd)
name=cluster-stack-$version
stage=$out/package/$name
rm -rf "$out/package"
mkdir -p "$stage/bin" "$stage/share/cluster-stack/lib" "$stage/share/man" "$stage/share/bash-completion/completions" \
  "$stage/etc/logrotate.d"

cp "$build/cluster-stack.jar" "$stage/share/cluster-stack/"
cp "$build"/lib/*.jar "$stage/share/cluster-stack/lib/"
run() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$stage/share/cluster-stack/cluster-stack.jar" "$@" >/dev/null; }
# the scripts' paths are relative to their stack's directory; java and the run and log directories are the host's
run install --root "$stage/libexec/xapi/cluster-stack" --run-dir /run/cluster-stack --log-dir /var/log/cluster-stack \
  --java /usr/bin/java
run man --dir "$stage/share/man"
gzip -9nf "$stage"/share/man/man8/*.8 "$stage"/share/man/man5/*.5
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$stage/share/cluster-stack/cluster-stack.jar" completion \
  >"$stage/share/bash-completion/completions/cluster-stack"
install -m 0755 "$src/cluster-stack.sh" "$stage/bin/cluster-stack"
install -m 0644 "$src/cluster-stack.logrotate" "$stage/etc/logrotate.d/cluster-stack"
install -m 0644 "$src/../../LICENSE" "$stage/LICENSE"

rpm_version=${version%%-*}
case $version in *-*) rpm_release=0.$(printf '%s' "${version#*-}" | tr -c 'A-Za-z0-9.\n' '.') ;; *) rpm_release=1 ;; esac
sed -e "s/@VERSION@/$version/g" -e "s/@RPM_VERSION@/$rpm_version/g" -e "s/@RPM_RELEASE@/$rpm_release/g" \
  "$src/cluster-stack.spec.in" >"$out/cluster-stack.spec"
cp "$out/cluster-stack.spec" "$stage/cluster-stack.spec"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$out/package" -czf "$out/$name.tar.gz.tmp" "$name"
mv -f "$out/$name.tar.gz.tmp" "$out/$name.tar.gz"
echo "package: $out/$name.tar.gz, $out/cluster-stack.spec" >&2
