#!/bin/sh
# The cluster-stack admin CLI, as the package installs it: the jar is in ../share/cluster-stack/.
set -eu
here=$(dirname -- "$(readlink -f -- "$0")")
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  -jar "$here/../share/cluster-stack/cluster-stack.jar" "$@"
