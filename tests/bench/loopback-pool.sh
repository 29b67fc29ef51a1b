# shellcheck shell=bash
# shellcheck disable=SC2154 # work, stack, run, env_x, port, t1, bigt, wh, ws: set by the sourcing script (below)
# Shared by the loopback benchmarks (pool-join.sh, crash-to-liveset.sh), sourced after they set:
#   work (this run's directory: its processes name it), stack (the installed stack's directory), run (the
#   daemons' run-time base), env_x (env -i with xapi's PATH), port (UDP), t1 bigt wh ws (xapi's timings).

ours() { # PID: the process is alive and one this run started (its command line names the work directory)
  [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$work"
}

stop_pool() { # CONFIG...: ha_stop_daemon on every host at once
  local c
  for c in "$@"; do
    "${env_x[@]}" "$stack/ha_stop_daemon" -C "$c" >/dev/null 2>&1 &
  done
  wait
}

kill_from() { # PIDFILE...: kill what they name, if this run started it
  local f pid
  for f in "$@"; do
    pid=
    [ ! -f "$f" ] || read -r pid 2>/dev/null <"$f" || true
    [ -n "$pid" ] || continue
    if ours "$pid"; then
      # a daemon leads its own session and process group (setsid), which holds its user watchdog too
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

kill_leftovers() { kill_from "$run"/xhad/*/pid; } # every daemon of this run still running

# N DIR NET IDBASE TAG GENPREFIX: DIR/xhad-I.conf for each of N hosts (host i on NET.(i+1), UUIDs from IDBASE
# in index order with TAG in their 2nd group, generation GENPREFIX-<TAG>) and DIR/statefile; host ids on stdout
write_pool() {
  local n=$1 dir=$2 net=$3 base=$4 tag=$5 gen=$6 i all='' id
  local -a ids=()
  for ((i = 0; i < n; i++)); do
    id=$(printf '%08x-%04x-4222-8333-%012x' $((base + i)) "$tag" "$i")
    ids+=("$id")
    all+="    <host><HostID>$id</HostID><IPaddress>$net.$((i + 1))</IPaddress></host>"$'\n'
  done
  truncate -s 266240 "$dir/statefile"
  for ((i = 0; i < n; i++)); do
    cat >"$dir/xhad-$i.conf" <<EOC
<?xml version="1.0" encoding="utf-8"?>
<xhad-config version="1.0">
  <common-config>
    <GenerationUUID>$(printf '%s-2b3c-4d5e-8f90-%012x' "$gen" "$tag")</GenerationUUID>
    <UDPport>$port</UDPport>
${all}    <parameters>
      <HeartbeatInterval>$t1</HeartbeatInterval>
      <HeartbeatTimeout>$bigt</HeartbeatTimeout>
      <StateFileInterval>$t1</StateFileInterval>
      <StateFileTimeout>$bigt</StateFileTimeout>
      <HeartbeatWatchdogTimeout>$wh</HeartbeatWatchdogTimeout>
      <StateFileWatchdogTimeout>$ws</StateFileWatchdogTimeout>
      <BootJoinTimeout>90</BootJoinTimeout>
      <EnableJoinTimeout>90</EnableJoinTimeout>
    </parameters>
  </common-config>
  <local-config>
    <localhost>
      <HostID>${ids[i]}</HostID>
      <HeartbeatInterface>lo</HeartbeatInterface>
      <StateFile>$dir/statefile</StateFile>
      <WatchdogMode>USER</WatchdogMode>
    </localhost>
  </local-config>
</xhad-config>
EOC
  done
  printf '%s\n' "${ids[@]}"
}
