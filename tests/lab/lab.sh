# shellcheck shell=bash
# The lab: N real hosts on this machine, sourced by tests/lab/run and tests/bench/run.
#
# Host i is a network namespace cslab-<id>-h<i> (eth0 = 10.77.0.(i+1)/24, a veth into bridge br0 of the lab's
# own switch namespace cslab-<id>-sw; nothing is routed, no traffic reaches the root namespace) plus a private
# mount namespace, held open by a `sleep infinity` holder, in which /etc/xensource, /run/cluster-stack and
# /var/log/cluster-stack are that host's own directories (<lab>/h<i>/etc, <lab>/h<i>/run, <lab>/h<i>/log), so that
# its daemon uses the default run and log bases, as on a real host. Every host uses the same statefile file
# (<lab>/statefile, the same path in every mount namespace). <lab> is on tmpfs (/dev/shm, else /var/tmp; LAB_BASE
# chooses): the statefile is the pool's own LUN on a real pool, not a file on the disk every other process of the
# machine writes to. On the root disk of a CI machine, an O_DIRECT write and its fsync waited behind other writers'
# ext4 journal commits long enough, at the lab's Ws of 8 s, for xhad's statefile watchdog to reset a survivor. The installed stack (<lab>/root/<stack>) is run as
# xapi runs it: as root, inside the host's namespaces, environment PATH=<system>:<stack dir> only, no -C.
# lab_down (trap EXIT) kills every process in the lab's namespaces, deletes them and the lab directory.
#
# Parameters (lab_params): T1 = T2 = Wh = LAB_T, t1 = t2 = LAB_t, Ws = LAB_WS, joins LAB_JOIN (seconds; Tboot
# LAB_BOOT_JOIN when set).
#
# Stacks on corosync (LAB_STACK corosync, or ocfs2 on OCFS2's user stack): each host also runs a real corosync 3
# (votequorum, knet on eth0, node id i+1, node name = the host's UUID) in its network namespace and a mount
# namespace of its own whose /run is <lab>/h<i>/corosync/run (corosync locks /run/corosync.pid); its IPC sockets
# are abstract, so the daemon in the host's namespaces reaches it (stacks.md §2.4).

LAB_T=${LAB_T:-5} LAB_t=${LAB_t:-1} LAB_WS=${LAB_WS:-8} LAB_JOIN=${LAB_JOIN:-40}
# xapi's health check (spec §7.4): tXapi, TXapi, TRestartXapi; only hosts given a health check use them
LAB_XAPI_t=${LAB_XAPI_t:-2} LAB_XAPI_T=${LAB_XAPI_T:-2} LAB_XAPI_RESTART_T=${LAB_XAPI_RESTART_T:-3}
LAB_PORT=694
LAB_STACK=${LAB_STACK:-xhad}
lab_repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
lab='' lab_id='' lab_hosts=0 lab_join_s=''
lab_holder=() lab_ids=()
# tmpfs when this machine has one we may write to (it takes O_DIRECT since Linux 6.6; StatefileDevice says so if not)
if [ -z "${LAB_BASE:-}" ]; then
  LAB_BASE=/var/tmp
  [ "$(stat -f -c %T /dev/shm 2>/dev/null)" != tmpfs ] || [ ! -w /dev/shm ] || LAB_BASE=/dev/shm
fi

lab_log() { echo "lab: $*" >&2; }
lab_now() { echo "$EPOCHREALTIME"; }
lab_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

lab_sweep_stale() { # namespaces and cgroups of lab runs whose runner is gone (a run killed before its trap ran)
  local ns owner pid
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }' | grep '^cslab-' || true); do
    owner=${ns#cslab-} && owner=${owner%%-*}
    [ -d "/proc/$owner" ] && [ -e "$LAB_BASE/cslab-$owner" ] && continue
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  for ns in /sys/fs/cgroup/*/cslab-*-xapi.service; do # their fake xapi.services (toolstack-restart), once empty
    owner=${ns##*/cslab-} && owner=${owner%%-*}
    [ ! -d "$ns" ] || { [ -d "/proc/$owner" ] && [ -e "$LAB_BASE/cslab-$owner" ]; } || rmdir "$ns" 2>/dev/null || true
  done
}

lab_down() {
  local ns pid
  [ -n "$lab_id" ] || return 0
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }' | grep "^cslab-$lab_id-" || true); do
    # everything in our namespaces is ours: daemons, their user watchdogs, script clients, holders
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  done
  sleep 0.2
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }' | grep "^cslab-$lab_id-" || true); do
    ip netns del "$ns" 2>/dev/null || true
  done
  lab_cgroups_down
  # the IPC files libqb leaves in /dev/shm when a corosync (or its client) is killed: qb-<server pid>-...
  [ -z "$lab" ] || [ ! -f "$lab/corosync-pids" ] || while read -r pid; do
    rm -rf -- /dev/shm/qb-"$pid"-* /dev/shm/qb-corosync-"$pid"-* 2>/dev/null || true # files, and directories
  done <"$lab/corosync-pids"
  [ -z "$lab" ] || [ -n "${LAB_KEEP:-}" ] || rm -rf -- "$lab" "$LAB_BASE/cslab-$lab_id"
  lab_id=
}

lab_uuid() { printf '%08x-%04x-4777-8777-%012x' $((0x70000000 + $1)) $((lab_id % 65536)) "$1"; }

lab_write_config() { # I: host i's /etc/xensource/xhad.conf (host i has index i: UUIDs in index order)
  local i=$1 h all=''
  for ((h = 0; h < lab_hosts; h++)); do
    all+="    <host><HostID>${lab_ids[h]}</HostID><IPaddress>10.77.0.$((h + 1))</IPaddress></host>"$'\n'
  done
  cat >"$lab/h$i/etc/xhad.conf" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<xhad-config version="1.0">
  <common-config>
    <GenerationUUID>$(printf 'c51ab000-2b3c-4d5e-8f90-%012x' "$lab_id")</GenerationUUID>
    <UDPport>$LAB_PORT</UDPport>
${all}    <parameters>
      <HeartbeatInterval>$LAB_t</HeartbeatInterval>
      <HeartbeatTimeout>$LAB_T</HeartbeatTimeout>
      <StateFileInterval>$LAB_t</StateFileInterval>
      <StateFileTimeout>$LAB_T</StateFileTimeout>
      <HeartbeatWatchdogTimeout>$LAB_T</HeartbeatWatchdogTimeout>
      <StateFileWatchdogTimeout>$LAB_WS</StateFileWatchdogTimeout>
      <BootJoinTimeout>${LAB_BOOT_JOIN:-$LAB_JOIN}</BootJoinTimeout>
      <EnableJoinTimeout>$LAB_JOIN</EnableJoinTimeout>
      <XapiHealthCheckInterval>$LAB_XAPI_t</XapiHealthCheckInterval>
      <XapiHealthCheckTimeout>$LAB_XAPI_T</XapiHealthCheckTimeout>
      <XapiRestartAttempts>1</XapiRestartAttempts>
      <XapiRestartTimeout>$LAB_XAPI_RESTART_T</XapiRestartTimeout>
    </parameters>
  </common-config>
  <local-config>
    <localhost>
      <HostID>${lab_ids[i]}</HostID>
      <HeartbeatInterface>eth0</HeartbeatInterface>
      <HeartbeatPhysicalInterface>eth0</HeartbeatPhysicalInterface>
      <StateFile>$lab/statefile</StateFile>
      <WatchdogMode>USER</WatchdogMode>
    </localhost>
  </local-config>
</xhad-config>
EOF
}

lab_up() { # N: install the stack, make N hosts and the statefile (no daemon yet)
  local n=$1 i sw ns
  lab_id=$$ lab_hosts=$n
  lab_sweep_stale
  lab=$(mktemp -d "$LAB_BASE/cslab-$lab_id.XXXXXX")
  : >"$LAB_BASE/cslab-$lab_id" # marks the runner as a lab run for lab_sweep_stale
  # mount points for the hosts' private directories (empty in the root namespace; on a real host they exist)
  mkdir -p /etc/xensource /run/cluster-stack /var/log/cluster-stack
  "$lab_repo/bin/cluster-stack" install --root "$lab/root" >/dev/null
  [ -d "$lab/root/$LAB_STACK" ] || { lab_log "no stack $LAB_STACK installed" && return 2; }
  truncate -s 266240 "$lab/statefile"
  sw=cslab-$lab_id-sw
  ip netns add "$sw"
  ip -n "$sw" link add br0 type bridge
  ip -n "$sw" link set br0 up
  for ((i = 0; i < n; i++)); do lab_ids+=("$(lab_uuid "$i")"); done
  for ((i = 0; i < n; i++)); do
    ns=cslab-$lab_id-h$i
    mkdir -p "$lab/h$i/etc" "$lab/h$i/run" "$lab/h$i/log"
    chmod 700 "$lab/h$i/run"
    lab_write_config "$i"
    ip netns add "$ns"
    ip -n "$sw" link add "h$i" type veth peer name eth0 netns "$ns"
    ip -n "$sw" link set "h$i" master br0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "10.77.0.$((i + 1))/24" dev eth0
    ip -n "$ns" link set eth0 up
    # shellcheck disable=SC2016 # expanded by that sh
    nsenter --net="/run/netns/$ns" -- unshare -m --propagation private -- /bin/sh -c \
      'mount --bind "$1" /etc/xensource && mount --bind "$2" /run/cluster-stack &&
       mount --bind "$3" /var/log/cluster-stack && : >"$4" && exec sleep infinity' \
      sh "$lab/h$i/etc" "$lab/h$i/run" "$lab/h$i/log" "$lab/h$i/ready" </dev/null >/dev/null 2>&1 &
    lab_holder+=($!)
    disown $!
  done
  for ((i = 0; i < n; i++)); do
    local tries=0
    while [ ! -e "$lab/h$i/ready" ]; do
      tries=$((tries + 1))
      [ "$tries" -lt 100 ] || { lab_log "host $i's namespaces did not come up" && return 1; }
      sleep 0.05
    done
  done
  lab_static_neighbours
  if lab_uses_corosync; then lab_corosync_up; fi
}

lab_uses_corosync() { [ "$LAB_STACK" = corosync ] || [ "$LAB_STACK" = ocfs2 ]; }

lab_corosync_conf() { # I: host i's corosync.conf (every host listed; names are the xapi host UUIDs)
  local i=$1 h
  printf 'totem {\n  version: 2\n  cluster_name: cslab%s\n  transport: knet\n}\nnodelist {\n' $((lab_id % 100000))
  for ((h = 0; h < lab_hosts; h++)); do
    printf '  node {\n    nodeid: %s\n    name: %s\n    ring0_addr: 10.77.0.%s\n  }\n' $((h + 1)) "${lab_ids[h]}" $((h + 1))
  done
  printf '}\nquorum {\n  provider: corosync_votequorum\n'
  # two nodes: a failure or a split leaves quorum with the lowest node id (two_node alone, which the stack refuses,
  # would leave both halves quorate)
  [ "$lab_hosts" != 2 ] || printf '  two_node: 1\n  auto_tie_breaker: 1\n'
  printf '}\n'
  # no blackbox: its 8 MB in /dev/shm outlives a corosync killed by a scenario (lab_down removes its IPC files)
  printf 'logging {\n  to_logfile: yes\n  logfile: %s\n  to_syslog: no\n  to_stderr: no\n  timestamp: hires\n  blackbox: off\n}\n' \
    "$lab/h$i/corosync/corosync.log"
  printf 'system {\n  state_dir: %s\n}\n' "$lab/h$i/corosync/lib"
}

lab_corosync_start() { # I: start host I's corosync (returns at once; its pid goes to <lab>/h<i>/corosync/pid)
  local i=$1 d=$lab/h$1/corosync
  mkdir -p "$d/run" "$d/lib"
  [ -f "$d/corosync.conf" ] || lab_corosync_conf "$i" >"$d/corosync.conf"
  # shellcheck disable=SC2016 # expanded by that sh
  nsenter --net="/run/netns/cslab-$lab_id-h$i" -- unshare -m --propagation private -- /bin/sh -c \
    'mount --bind "$1" /run && echo $$ >"$2" && echo $$ >>"$4" && exec corosync -f -c "$3"' \
    sh "$d/run" "$d/pid" "$d/corosync.conf" "$lab/corosync-pids" </dev/null >>"$d/stderr" 2>&1 &
  disown $!
}

lab_corosync_nodes() { # I: how many nodes host I's corosync counts in its membership (empty if it does not answer)
  ip netns exec "cslab-$lab_id-h$1" corosync-quorumtool -s 2>/dev/null | awk '/^Nodes:/ { print $2 }'
}

lab_corosync_up() { # every host's corosync, then wait until each sees every node
  local i tries
  command -v corosync >/dev/null || { lab_log "corosync is not installed (bin/setup installs it)" && return 16; }
  for ((i = 0; i < lab_hosts; i++)); do lab_corosync_start "$i"; done
  for ((i = 0; i < lab_hosts; i++)); do
    tries=0
    until [ "$(lab_corosync_nodes "$i")" = "$lab_hosts" ]; do
      tries=$((tries + 1))
      [ "$tries" -lt 300 ] || { lab_log "host $i's corosync did not see every node in 30 s" && return 1; }
      sleep 0.1
    done
  done
  if [ "$LAB_STACK" = ocfs2 ]; then # no OCFS2 kernel module here: the stack is told it runs on the user stack
    for ((i = 0; i < lab_hosts; i++)); do
      mkdir -p "$lab/h$i/etc/cluster-stack"
      printf '# the lab: OCFS2 on its user stack (what /sys/fs/ocfs2/cluster_stack shows as pcmk)\nocfs2.cluster_stack = pcmk\n' \
        >"$lab/h$i/etc/cluster-stack/ocfs2.conf"
    done
  fi
}

lab_crash() { # I: host I crashes: every process of it dies at once (daemon, its watchdog, corosync)
  local pid
  for pid in $(ip netns pids "cslab-$lab_id-h$1" 2>/dev/null); do
    [ "$pid" = "${lab_holder[$1]}" ] || kill -KILL "$pid" 2>/dev/null || true
  done
}

# The kernel keeps one ARP table for all network namespaces: past gc_thresh3 entries (1,024 by default) in all
# of them together it refuses new ones ("neighbor table overflow!") and sends fail with ENOBUFS. N hosts need
# N(N-1) entries, 4,032 at 64, which no real pool shares; there each host has its own kernel. Permanent
# entries are exempt from that limit, so a large lab pool gets them instead of ARP.
lab_static_neighbours() {
  local i j thresh batch
  thresh=$(cat /proc/sys/net/ipv4/neigh/default/gc_thresh3 2>/dev/null || echo 1024)
  ((lab_hosts * (lab_hosts - 1) + 64 > thresh)) || return 0
  local -a macs=()
  for ((i = 0; i < lab_hosts; i++)); do
    macs+=("$(ip -n "cslab-$lab_id-h$i" -o link show eth0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')")
  done
  for ((i = 0; i < lab_hosts; i++)); do
    batch=""
    for ((j = 0; j < lab_hosts; j++)); do
      ((j == i)) || batch+="neigh replace 10.77.0.$((j + 1)) lladdr ${macs[j]} dev eth0 nud permanent"$'\n'
    done
    ip -n "cslab-$lab_id-h$i" -batch - <<<"$batch" || { lab_log "host $i's neighbours could not be set" && return 1; }
  done
}

lab_on() { # I COMMAND...: run COMMAND inside host I's namespaces, as xapi runs a script (PATH only)
  local i=$1 && shift
  nsenter -t "${lab_holder[i]}" -n -m -- env -i "PATH=/usr/sbin:/usr/bin:/sbin:/bin:$lab/root/$LAB_STACK" "$@"
}
lab_script() { local i=$1 s=$2 && shift 2 && lab_on "$i" "$lab/root/$LAB_STACK/$s" "$@"; }
lab_cli() { # I ARGS...: the admin CLI in host I's namespaces (no -C: the host's own /etc/xensource/xhad.conf)
  local i=$1 && shift
  lab_on "$i" ${CLUSTER_STACK_JAR:+"CLUSTER_STACK_JAR=$CLUSTER_STACK_JAR"} "$lab_repo/bin/cluster-stack" "$@"
}

lab_run_dir() { echo "$lab/h$1/run/$LAB_STACK/${lab_ids[$1]//-/}"; }
lab_log_dir() { echo "$lab/h$1/log/$LAB_STACK/${lab_ids[$1]}"; } # host I's /var/log/cluster-stack/<stack>/<host>
lab_log_file() { echo "$(lab_log_dir "$1")/daemon.log"; }
lab_pid() { # I: the pid of host I's daemon if it runs (and is one of this lab's), else fails
  local pid=
  [ -f "$(lab_run_dir "$1")/pid" ] && read -r pid 2>/dev/null <"$(lab_run_dir "$1")/pid"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(ip netns identify "$pid" 2>/dev/null)" = "cslab-$lab_id-h$1" ] &&
    echo "$pid"
}
lab_running() { lab_pid "$1" >/dev/null; }
lab_fenced() { # I: host I's daemon.log records a self-fence or its user watchdog firing
  grep -qE 'SELF-FENCE|user-watchdog: .*fencing' "$(lab_log_file "$1")" 2>/dev/null
}

# Host I's view as xapi's parser sees it, from one ha_query_liveset: "live" (indexes with liveness TRUE),
# "master" (index with master TRUE, or -1), "sflost" (statefile_lost). Fails when the query does.
lab_view() {
  local out
  out=$(lab_script "$1" ha_query_liveset 2>/dev/null) || return 1
  awk '/<host>/ { inh = 1 } /<\/host>/ { inh = 0 }
       inh && /<HostIndex>/ { gsub(/.*<HostIndex>|<\/HostIndex>.*/, ""); idx = $0 }
       inh && /<liveness>TRUE/ { live = live (live == "" ? "" : " ") idx }
       inh && /<master>TRUE/ { master = idx }
       /<statefile_lost>TRUE/ { lost = "TRUE" }
       /<status>/ { gsub(/.*<status>|<\/status>.*/, ""); status = $0 }
       END { printf "%s|%s|%s|%s\n", status, live, master == "" ? -1 : master, lost == "" ? "FALSE" : lost }' <<<"$out"
}
lab_liveset() { local v && v=$(lab_view "$1") && v=${v#*|} && echo "${v%%|*}"; }

lab_enable() { # xapi's enable: init on host 0, ha_start_daemon everywhere at once, host 0 proposes itself
  local i bad=0 t0 status codes='' pids=()
  t0=$(lab_now)
  lab_script 0 ha_set_pool_state init || { lab_log "ha_set_pool_state init exited $?" && return 1; }
  for ((i = 0; i < lab_hosts; i++)); do
    lab_start "$i" >/dev/null 2>"$lab/h$i/start.err" &
    pids[i]=$!
  done
  for ((i = 0; i < lab_hosts; i++)); do
    wait "${pids[i]}" || { status=$? && bad=$((bad + 1)) && codes+="${codes:+ }$i:$status"; }
  done
  lab_join_s=$(lab_since "$t0") # read by the callers
  export lab_join_s
  [ "$bad" -eq 0 ] || { lab_log "$bad ha_start_daemon failed (host:exit $codes); host 0's stderr:" \
    "$(head -c 300 "$lab/h0/start.err")" && return 1; }
  [ "$(lab_script 0 ha_propose_master 2>/dev/null)" = TRUE ] || { lab_log "host 0 is not master" && return 1; }
}

lab_wait() { # SECONDS COMMAND...: until COMMAND succeeds (every 200 ms); fails after SECONDS
  local limit=$1 t0 && shift
  t0=$(lab_now)
  until "$@"; do
    awk -v w="$(lab_since "$t0")" -v l="$limit" 'BEGIN { exit !(w >= l) }' && return 1
    sleep 0.2
  done
}

# Faults, each only inside this lab's namespaces
lab_nft() { nsenter --net="/run/netns/cslab-$lab_id-h$1" -- nft -f -; }
lab_drop() { # I FROM...: host I drops every packet from and to the hosts FROM (both directions)
  local i=$1 a='' h && shift
  for h in "$@"; do a+="${a:+, }10.77.0.$((h + 1))"; done
  lab_nft "$i" <<EOF
table inet cslab {
  chain in { type filter hook input priority 0; ip saddr { $a } drop; }
  chain out { type filter hook output priority 0; ip daddr { $a } drop; }
}
EOF
}
lab_drop_in() { # I FROM: host I drops what FROM sends it (a one-way link: FROM -> I cut, I -> FROM intact)
  lab_nft "$1" <<EOF
table inet cslab {
  chain in { type filter hook input priority 0; ip saddr 10.77.0.$(($2 + 1)) drop; }
}
EOF
}
lab_partition() { # GROUP... (each "0 1"): every host drops traffic with the hosts outside its group
  local g h others all=() && local -a groups=("$@")
  for g in "${groups[@]}"; do for h in $g; do all+=("$h"); done; done
  for g in "${groups[@]}"; do
    for h in $g; do
      others=()
      for o in "${all[@]}"; do [[ " $g " == *" $o "* ]] || others+=("$o"); done
      lab_drop "$h" "${others[@]}"
    done
  done
}
lab_link_down() { ip -n "cslab-$lab_id-h$1" link set eth0 down; }
lab_link_up() { ip -n "cslab-$lab_id-h$1" link set eth0 up; }

# The stack's settings (<dir of xhad.conf>/cluster-stack/<stack>.conf): process hygiene and the like
lab_setting() { # KEY VALUE: KEY = VALUE in every host's settings file (a line for KEY already there is replaced)
  local i f
  for ((i = 0; i < lab_hosts; i++)); do
    f=$lab/h$i/etc/cluster-stack/$LAB_STACK.conf
    mkdir -p "${f%/*}"
    [ ! -f "$f" ] || sed -i "/^[[:space:]]*$1[[:space:]]*=/d" "$f"
    printf '%s = %s\n' "$1" "$2" >>"$f"
  done
}

lab_spawn() { # I COMMAND...: COMMAND in the background in host I's namespaces (stdio /dev/null), its pid in
  # lab_spawned (nsenter and env exec it: the pid is COMMAND's, not a subshell's)
  local i=$1 && shift
  nsenter -t "${lab_holder[i]}" -n -m -- env -i "PATH=/usr/sbin:/usr/bin:/sbin:/bin:$lab/root/$LAB_STACK" "$@" \
    </dev/null >/dev/null 2>&1 &
  lab_spawned=$!
  disown "$lab_spawned"
}
lab_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; } # PID: its utime + stime (clock ticks)

# A fake xapi.service per host (scenario toolstack-restart): a cgroup cslab-<id>-h<i>-xapi.service in the
# hierarchies systemd's KillMode=control-group walks (name=systemd, and the cgroup2 one of a hybrid layout) and
# in memory and pids, holding a long-running "xapi" started in the host's namespaces. With lab_xapi_service set,
# lab_start runs ha_start_daemon from inside it, so that the daemon starts in xapi's cgroups as under xapi.
lab_xapi_service=''
lab_xapi_cgroups() { # I: host I's xapi.service cgroups, one a line (the hierarchies this machine mounts)
  local h
  for h in systemd unified memory pids; do
    [ ! -d "/sys/fs/cgroup/$h" ] || echo "/sys/fs/cgroup/$h/cslab-$lab_id-h$1-xapi.service"
  done
}
lab_xapi_pids() { # I: every process in host I's xapi.service (any of its hierarchies), one line
  local d
  for d in $(lab_xapi_cgroups "$1"); do cat "$d/cgroup.procs" 2>/dev/null || true; done | sort -un | paste -sd ' ' -
}
lab_xapi_start() { # I: a new "xapi" in host I's xapi.service (made if need be); waits until it is in there
  local i=$1 d tries=0 cgs
  cgs=$(lab_xapi_cgroups "$i")
  for d in $cgs; do mkdir -p "$d"; done
  # shellcheck disable=SC2016,SC2086 # expanded by that bash; one argument per cgroup
  lab_spawn "$i" /bin/bash -c 'for d; do echo $$ >"$d/cgroup.procs" || exit 1; done; exec -a xapi sleep infinity' \
    bash $cgs
  echo "$lab_spawned" >"$lab/h$i/xapi.pid"
  until [[ " $(lab_xapi_pids "$i") " == *" $(cat "$lab/h$i/xapi.pid") "* ]]; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { lab_log "host $i's xapi did not enter its xapi.service" && return 1; }
    sleep 0.05
  done
}
lab_xapi_restart() { # I: systemctl restart xapi.service with KillMode=control-group: SIGTERM to every process in
  # the unit's cgroups, SIGKILL to those left after LAB_XAPI_STOP_S (default 2 s), then a new xapi in it. Writes
  # the pids it signalled to <lab>/h<i>/xapi.killed.
  local i=$1 pids left tries=0
  pids=$(lab_xapi_pids "$i")
  echo "$pids" >"$lab/h$i/xapi.killed"
  # shellcheck disable=SC2086 # one argument per pid
  [ -z "$pids" ] || kill -TERM $pids 2>/dev/null || true
  while left=$(lab_xapi_pids "$i") && [ -n "$left" ] && [ "$tries" -lt $((${LAB_XAPI_STOP_S:-2} * 20)) ]; do
    tries=$((tries + 1)) && sleep 0.05
  done
  # shellcheck disable=SC2086
  [ -z "$left" ] || kill -KILL $left 2>/dev/null || true
  tries=0
  while [ -n "$(lab_xapi_pids "$i")" ] && [ "$tries" -lt 100 ]; do tries=$((tries + 1)) && sleep 0.05; done
  lab_xapi_start "$i"
}
lab_start() { # I: ha_start_daemon on host I, as xapi runs it (from inside its xapi.service when there is one)
  local i=$1
  if [ -z "$lab_xapi_service" ]; then
    lab_script "$i" ha_start_daemon
  else # shellcheck disable=SC2016,SC2046 # expanded by that sh; one argument per cgroup
    lab_on "$i" /bin/sh -c 'for d; do echo $$ >"$d/cgroup.procs" || exit 1; done; exec ha_start_daemon' \
      sh $(lab_xapi_cgroups "$i")
  fi
}
lab_cgroups_down() { # the cgroups of this lab, once its processes are gone: the fake xapi.services, and the empty
  # ones the daemons made for themselves (<hierarchy>/cluster-stack/<stack>-<first 8 hex digits of the host>[-<pid>]:
  # the same names in every lab run, so those another run's daemon is in stay; the parent is shared too)
  local d id tries
  for d in /sys/fs/cgroup/*/cslab-"$lab_id"-h*-xapi.service; do
    tries=0
    until [ ! -d "$d" ] || rmdir "$d" 2>/dev/null || [ "$tries" -ge 20 ]; do tries=$((tries + 1)) && sleep 0.1; done
  done
  for id in "${lab_ids[@]}"; do
    for d in /sys/fs/cgroup/*/cluster-stack/"$LAB_STACK-${id:0:8}" /sys/fs/cgroup/*/cluster-stack/"$LAB_STACK-${id:0:8}"-*; do
      [ ! -d "$d" ] || rmdir "$d" 2>/dev/null || true
    done
  done
}

# Load (scenario load): competing processes inside every host's namespaces (lab_down ends whatever is left)
lab_load_start() { # BUSY MIB: on every host BUSY busy loops at normal priority, a memory hog keeping MIB MiB
  # dirty (the OOM killer's first choice) and a storm of ha_query_liveset as fast as it goes (each 50th call
  # counted in <lab>/h<i>/storm.count); their pids go to <lab>/load.pids
  local busy=$1 mib=$2 i b
  : >"$lab/load.pids"
  for ((i = 0; i < lab_hosts; i++)); do
    for ((b = 0; b < busy; b++)); do
      lab_spawn "$i" sha256sum /dev/zero && echo "$lab_spawned" >>"$lab/load.pids"
    done
    if [ "$mib" -gt 0 ]; then # every page rewritten each second; no swap here, so it pushes out the page cache
      # shellcheck disable=SC2016 # perl's
      lab_spawn "$i" perl -e 'open(my $f, ">", "/proc/self/oom_score_adj") && print $f "1000\n" && close $f;
        my $s = "\1" x ($ARGV[0] << 20); my $n = 0;
        while (1) { $n++; for (my $o = 0; $o < length($s); $o += 4096) { substr($s, $o, 1, chr($n & 255)) } sleep 1 }' \
        "$mib" && echo "$lab_spawned" >>"$lab/load.pids"
    fi
    # shellcheck disable=SC2016 # expanded by that bash
    lab_spawn "$i" /bin/bash -c 'n=0; while :; do ha_query_liveset >/dev/null 2>&1; n=$((n + 1));
      [ $((n % 50)) != 0 ] || echo "$n" >"$1"; done' bash "$lab/h$i/storm.count" && echo "$lab_spawned" >>"$lab/load.pids"
  done
}
lab_kill_listed() { # FILE: kill the processes whose pids FILE lists, one a line, and empty it
  local pid
  [ -f "$1" ] || return 0
  while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$1"
  : >"$1"
}
lab_load_stop() { lab_kill_listed "$lab/load.pids"; }

# A sampler per host (in its namespaces): every second one ha_query_liveset, killed after TIMEOUT seconds (a "no
# answer", never a drop), summarised as one line of <lab>/h<i>/samples:
#   <epoch> <exit> <status> <live indexes, comma-separated, or -> <heartbeat_latency> <heartbeat_latency_max>
#   <statefile_latency> <statefile_latency_max> <own time_since_last_heartbeat> <peers' largest> <warnings: H, S or ->
lab_sampler_start() { # TIMEOUT
  local i
  cat >"$lab/sampler" <<'SAMPLER'
to=$1 out=$2
while :; do
  t=$EPOCHREALTIME
  xml=$(timeout -k 1 "$to" ha_query_liveset 2>/dev/null) && rc=0 || rc=$?
  echo "$t $rc $(awk 'function val(s) { sub(/^[^>]*>/, "", s); sub(/<.*/, "", s); return s }
    /<localhost>/ { inl = 1 } /<\/localhost>/ { inl = 0 } inl && /<HostIndex>/ { me = val($0) }
    /<host>/ { inh = 1 } /<\/host>/ { inh = 0 } inh && /<HostIndex>/ { idx = val($0) }
    inh && /<liveness>TRUE/ { live = live (live == "" ? "" : ",") idx }
    /<status>/ { st = val($0) }
    /<heartbeat_latency>/ { hb = val($0) } /<heartbeat_latency_max>/ { hbm = val($0) }
    /<statefile_latency>/ { sf = val($0) } /<statefile_latency_max>/ { sfm = val($0) }
    /<host_raw_data>/ { inr = 1 } /<\/host_raw_data>/ { inr = 0 } inr && /<HostIndex>/ { ri = val($0) }
    inr && /<time_since_last_heartbeat>/ { v = val($0) + 0; if (ri == me) own = v; else if (v > peers) peers = v }
    /<heartbeat_approaching_timeout>TRUE/ { w = w "H" } /<statefile_approaching_timeout>TRUE/ { w = w "S" }
    END { printf "%s %s %d %d %d %d %d %d %s", st == "" ? "-" : st, live == "" ? "-" : live, hb == "" ? -1 : hb,
      hbm == "" ? -1 : hbm, sf == "" ? -1 : sf, sfm == "" ? -1 : sfm, own == "" ? -1 : own, peers, w == "" ? "-" : w }' <<<"$xml")" >>"$out"
  sleep "$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN { d = 1 - (b - a); printf "%.3f", (d > 0 ? d : 0) }')"
done
SAMPLER
  : >"$lab/sampler.pids"
  for ((i = 0; i < lab_hosts; i++)); do
    lab_spawn "$i" /bin/bash "$lab/sampler" "$1" "$lab/h$i/samples" && echo "$lab_spawned" >>"$lab/sampler.pids"
  done
}
lab_sampler_stop() { lab_kill_listed "$lab/sampler.pids"; }
# ACTION FAULT HOST...: switch fault point FAULT on (enable) or off (disable) in the given hosts' daemons at once,
# each through its control socket (ControlProtocol: one request line, one reply), with socat rather than a CLI per
# host: a JVM each took seconds on a busy machine, longer than T2 between the first host and the last, and the fault
# then landed seconds after the time taken for it; fails unless every reply is 0
lab_fist() {
  local action=$1 fault=$2 h pids=() rc=0 && shift 2
  for h in "$@"; do
    printf 'fist %s %s\n' "$action" "$fault" | socat -t 10 - "UNIX-CONNECT:$(lab_run_dir "$h")/control.sock" \
      >"$lab/h$h/fist.reply" 2>&1 &
    pids+=($!)
  done
  for h in "${pids[@]}"; do wait "$h" || rc=1; done
  for h in "$@"; do
    [ "$(head -c 2 "$lab/h$h/fist.reply")" = "0 " ] || { lab_log "host $h: fist $action $fault: $(head -c 200 "$lab/h$h/fist.reply")" && rc=1; }
  done
  return $rc
}

lab_journal() { echo "$(lab_log_dir "$1")/events.jsonl"; } # I: host I's event journal

# On stderr, for a run that failed: each host's records of who fenced and why (self-fence, the watchdog unpetted or
# fired, statefile access, drops, lock), then the last warnings and errors of its daemon's log, a few lines each,
# so that a failure seen only in a CI log still says what the hosts went through.
lab_evidence() {
  local h j l
  [ -n "$lab" ] && [ -d "$lab" ] || return 0
  for ((h = 0; h < lab_hosts; h++)); do
    j=$(lab_journal "$h") l=$(lab_log_file "$h")
    echo "lab: evidence of host $h ($(lab_running "$h" && echo running || echo 'not running')):" >&2
    [ ! -f "$j" ] || jq -r 'select(.kind | test("fence|watchdog|statefile|dropped|lock|excluded|ended"))
      | "lab:   \(.time) \(.kind): \(.summary)"' "$j" 2>/dev/null | tail -n 8 >&2 || true
    [ ! -f "$l" ] || grep -E ' (WARN|ERROR) ' "$l" | tail -n 5 | sed 's/^/lab:   log: /' | cut -c1-400 >&2 || true
  done
}
lab_evidence_on_failure() { # STATUS: the exit status the run is ending with
  [ "$1" = 0 ] || lab_evidence
}
lab_journal_count() { # KIND HOST...: how many records of KIND the hosts' journals hold together
  local k=$1 h n=0 && shift
  for h in "$@"; do
    [ ! -f "$(lab_journal "$h")" ] || n=$((n + $(jq -c --arg k "$k" 'select(.kind == $k)' "$(lab_journal "$h")" | wc -l)))
  done
  echo "$n"
}
lab_watchdog_pid() { # I: the pid of host I's user watchdog (bash <run dir>/user-watchdog <Wh> <daemon pid> ...)
  local pid w
  pid=$(lab_pid "$1") && w=$(pgrep -f "user-watchdog [0-9]+ $pid( |\$)" | head -n 1) && [ -n "$w" ] && echo "$w"
}

# A fake xapi per host for its health check (scenarios xapi-*): host I's /etc/xensource (<lab>/h<i>/etc) holds
# xapi-health-check, which passes, fails (prints an error, exit 1) or hangs as the file xapi-state says (empty,
# failed, hung), and xapi-restart, which counts its runs in xapi-restarts and clears xapi-state when the file
# xapi-cure exists (a restart that cures) or leaves it (one that does not). The stack settings point every host
# at them; the daemon runs them in the host's namespaces, so each host runs its own.
lab_xapi_install() {
  local i d
  for ((i = 0; i < lab_hosts; i++)); do
    d=$lab/h$i/etc
    cat >"$d/xapi-health-check" <<'CHECK'
#!/bin/sh
case $(cat /etc/xensource/xapi-state 2>/dev/null) in
  hung) exec sleep 3600 ;;
  failed) echo "xapi: the lab's xapi does not answer" && exit 1 ;;
esac
exit 0
CHECK
    cat >"$d/xapi-restart" <<'RESTART'
#!/bin/sh
echo restart >>/etc/xensource/xapi-restarts
[ ! -e /etc/xensource/xapi-cure ] || : >/etc/xensource/xapi-state
exit 0
RESTART
    chmod 755 "$d/xapi-health-check" "$d/xapi-restart"
    : >"$d/xapi-state"
  done
  lab_setting xapi-health-check-command /etc/xensource/xapi-health-check
  lab_setting xapi-restart-command /etc/xensource/xapi-restart
}
lab_xapi_state() { echo "$2" >"$lab/h$1/etc/xapi-state"; } # I STATE: host I's xapi becomes STATE (failed, hung, "")
lab_xapi_cure() { : >"$lab/h$1/etc/xapi-cure"; }              # I: a restart of host I's xapi cures it
lab_xapi_restarts() { wc -l <"$lab/h$1/etc/xapi-restarts" 2>/dev/null || echo 0; } # I: how often it was restarted
