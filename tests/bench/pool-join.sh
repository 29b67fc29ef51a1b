#!/usr/bin/env bash
# Whole-process benchmark of multi-host xhad pools on this machine (issue targets, reported, never failed on:
# steady state <= 1% of a core and <= 64 MiB RSS per daemon). For each pool size (default 3 16 32): write the
# N hosts' configs (host i heartbeats on 127.0.1.(i+1), one shared statefile, WatchdogMode USER, xapi's
# timeouts for T = 10 with 90 s joins), `ha_set_pool_state init` on host 0, then `ha_start_daemon` on every
# host at once as xapi's enable does, and time it until the last start returned 0. Then every host's
# `ha_query_liveset` must list every host live (within T = 10 s of the join); then, after a settling time, the
# pool runs for a steady-state window and each daemon's CPU (utime+stime from /proc/PID/stat over the window,
# in % of one core) and RSS (VmRSS at its end; the pool's total PSS too, which counts shared pages once) are
# measured. The daemons' user-watchdog children (bash, one per host) are measured and reported apart; "other
# load" is the rest of the machine's CPU use in the window (other work on this machine skews the figures).
# Prints one line per pool size; exits 1 if a host failed to join, a liveset was incomplete or a daemon died.
#
# Usage: tests/bench/pool-join.sh [HOSTS...]      (HOSTS: 1..64 each; default 3 16 32)
# Environment: BENCH_STEADY_SECONDS (window, default 30), BENCH_SETTLE_SECONDS (wait after the join checks
# before the window opens, default 10), BENCH_UDP_PORT (default 1694, not xhad's 694, so that a run of the
# process tests on this machine, which binds 127.0.1.x:694, neither breaks nor is broken by the benchmark),
# BENCH_JAVA_TOOL_OPTIONS (exported by this run's copy of ha_env.rc to the scripts' JVMs and the daemons, to
# try JVM options; the daemon's own command-line options win over it; by default nothing is added),
# CLUSTER_STACK_PREBUILT=1 (skip the build), CLUSTER_STACK_JAR (the jar bin/cluster-stack installs from).
set -euo pipefail
export LC_ALL=C
repo=$(cd -- "$(dirname -- "$(readlink -f -- "$0")")/../.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(3 16 32)
steady=${BENCH_STEADY_SECONDS:-30}
settle=${BENCH_SETTLE_SECONDS:-10}
port=${BENCH_UDP_PORT:-1694}
for n in "${sizes[@]}" "$steady" "$settle" "$port"; do
  case $n in '' | *[!0-9]*) echo "pool-join.sh: '$n' is not a whole number" >&2 && exit 2 ;; esac
done
for n in "${sizes[@]}"; do
  if [ "$n" -lt 1 ] || [ "$n" -gt 64 ]; then echo "pool-join.sh: a pool has 1..64 hosts, not $n" >&2 && exit 2; fi
done
[ "$steady" -ge 1 ] || { echo "pool-join.sh: BENCH_STEADY_SECONDS must be at least 1" >&2 && exit 2; }
[ "${CLUSTER_STACK_PREBUILT:-}" = 1 ] || "$repo/bin/setup" --build

work=$(mktemp -d "${TMPDIR:-/var/tmp}/cluster-stack-pool-bench.XXXXXX")
stack=$work/root/xhad
run=$work/run
env_x=(env -i "PATH=/usr/bin:/bin:$stack")
tick=$(getconf CLK_TCK)
running=() # the configs of the pool that may have daemons
t1=2 bigt=10 wh=10 ws=25 # xapi's timings for T = 10

# shellcheck source=tests/bench/loopback-pool.sh
. "$repo/tests/bench/loopback-pool.sh"
cleanup() {
  kill_from "$work"/p*/start-*.pid # start clients still waiting, so that they start nothing more
  [ ${#running[@]} -eq 0 ] || stop_pool "${running[@]}"
  kill_leftovers
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$repo/bin/cluster-stack" install --root "$work/root" --run-dir "$run" --log-dir "$work/log" >/dev/null
if [ -n "${BENCH_JAVA_TOOL_OPTIONS:-}" ]; then # in this run's own copy of the stack only
  printf "export JAVA_TOOL_OPTIONS='%s'\n" "$BENCH_JAVA_TOOL_OPTIONS" >>"$stack/ha_env.rc"
fi


stats() { # numbers on stdin -> "median max sum"
  sort -g | awk '{ v[NR] = $1; s += $1 }
    END { if (NR == 0) { print "0 0 0"; exit }
          m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[NR], s }'
}
sweep() { # PID...: "PID TICKS" for each, TICKS = utime + stime (fields 14 and 15 of /proc/PID/stat; the name
  # in parentheses may hold spaces), -1 for a process that is gone. Builtins only, so that a sweep of 64
  # processes takes milliseconds even on a busy machine and every process gets the same window.
  local pid stat
  local -a f
  for pid in "$@"; do
    if read -r stat 2>/dev/null <"/proc/$pid/stat"; then
      read -ra f <<<"${stat##*) }"
      echo "$pid $((f[11] + f[12]))"
    else
      echo "$pid -1"
    fi
  done
}
percent() { # PID: its CPU over the window in % of one core from the sorted sweeps; nothing when it is gone
  join "$dir/ticks0" "$dir/ticks1" | awk -v p="$1" -v w="$window" -v t="$tick" \
    '$1 == p && $2 >= 0 && $3 >= 0 { print 100 * ($3 - $2) / t / w }'
}
rss_kib() { # PID: VmRSS in KiB
  awk '/^VmRSS:/ { print $2; f = 1 } END { if (!f) print 0 }' "/proc/$1/status" 2>/dev/null || echo 0
}
pss_kib() { # PID: Pss in KiB: the pages the JVMs share (CDS archive, libjvm) divided among them
  awk '/^Pss:/ { print $2; f = 1 } END { if (!f) print 0 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0
}
busy_ticks() { # the whole machine's busy time in clock ticks, from /proc/stat's cpu line
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}
watchdog_of() { # DAEMON_PID: the pid of its user-watchdog child, if any
  local c
  cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | while read -r c; do
    if [ -n "$c" ] && tr '\0' ' ' 2>/dev/null <"/proc/$c/cmdline" | grep -q user-watchdog; then
      echo "$c"
      break
    fi
  done
}
liveset_counts() { # CONFIG...: per host "HOSTS LIVE" from its ha_query_liveset, "- -" when it fails
  local c out
  for c in "$@"; do
    if out=$("${env_x[@]}" "$stack/ha_query_liveset" -C "$c" 2>/dev/null); then
      printf '%s %s\n' "$(grep -c '<host>' <<<"$out" || true)" \
        "$(grep -c '<liveness>TRUE</liveness>' <<<"$out" || true)"
    else
      echo "- -"
    fi
  done
}
complete_count() { # N, per-host counts on stdin -> how many hosts list all N hosts live
  awk -v n="$1" '$1 == n && $2 == n { k++ } END { print k + 0 }'
}

failed=0
printf '# pool-join: %s; steady window %s s after %s s; UDP port %s; %s cores; JAVA_TOOL_OPTIONS=%s\n' \
  "$(date -u +%FT%TZ)" "$steady" "$settle" "$port" "$(nproc)" "${BENCH_JAVA_TOOL_OPTIONS:-(none)}"
for n in "${sizes[@]}"; do
  dir=$work/p$n
  mkdir -p "$dir"
  mapfile -t ids < <(write_pool "$n" "$dir" 127.0.1 $((0x10000000)) "$n" 7a1e6f00)
  configs=()
  for ((i = 0; i < n; i++)); do configs+=("$dir/xhad-$i.conf"); done
  for ((i = 0; i < n; i++)); do # a stray daemon of another run on our address would make a host fail to bind
    if ss -Huln | grep -qE "^\S+\s+\S+\s+\S+\s+127\.0\.1\.$((i + 1)):$port\s"; then
      echo "pool-join.sh: 127.0.1.$((i + 1)):$port is in use; choose another BENCH_UDP_PORT" >&2
      exit 1
    fi
  done

  # 1. xapi's enable: init on host 0, then every host's start at once
  "${env_x[@]}" "$stack/ha_set_pool_state" init -C "${configs[0]}"
  running=("${configs[@]}")
  t0=$EPOCHREALTIME
  for ((i = 0; i < n; i++)); do
    (
      "${env_x[@]}" "$stack/ha_start_daemon" -C "${configs[i]}" >"$dir/start-$i.out" 2>"$dir/start-$i.err" &
      echo $! >"$dir/start-$i.pid"
      rc=0
      wait $! || rc=$?
      echo "$rc $EPOCHREALTIME" >"$dir/start-$i.rc"
    ) &
  done
  wait
  # per host: index, exit code, seconds from t0 to its return
  for ((i = 0; i < n; i++)); do
    read -r rc end <"$dir/start-$i.rc"
    echo "$i $rc $(awk -v a="$t0" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  done >"$dir/starts"
  bad=$(awk '$2 != 0' "$dir/starts" | wc -l)
  join=$(awk '$2 == 0 && $3 > m { m = $3 } END { printf "%.1f", m }' "$dir/starts")
  first=$(awk 'NR == 1 || $3 < m { m = $3 } END { printf "%.1f", m }' "$dir/starts")
  codes=$(awk '$2 != 0 { k[$2]++ }
    END { for (c in k) printf "%sexit %s x%d", (s++ ? ", " : ""), c, k[c] }' "$dir/starts")
  last=$(sort -k3,3g "$dir/starts" | tail -n 1 | awk '{ print "host " $1 }')
  if [ "$bad" -gt 0 ]; then
    failed=1
    awk '$2 != 0 { print $1, $2, $3 }' "$dir/starts" | head -n 3 | while read -r i rc at; do
      log=$work/log/xhad/${ids[i]}/daemon.log
      echo "pool-join.sh: $n hosts: ha_start_daemon on host $i exited $rc after $at s;" \
        "stderr: $(tail -n 1 "$dir/start-$i.err"); its daemon.log ends:" >&2
      tail -n 3 "$log" 2>/dev/null | sed 's/^/    /' >&2 || true
    done
  fi

  if [ "$bad" -eq "$n" ]; then # no daemon runs: nothing to check or measure
    live="liveset not checked" measured=0 other=-
  else
    # 2. every host's liveset lists every host live; allowed to settle for up to T (10 s) after the join
    t1=$EPOCHREALTIME
    live=
    while :; do
      complete=$(liveset_counts "${configs[@]}" | complete_count "$n")
      waited=$(awk -v a="$t1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
      if [ "$complete" -eq "$n" ]; then
        live="liveset $n/$n complete${live:+ after ${waited} s}"
        break
      elif awk -v w="$waited" 'BEGIN { exit !(w >= 10) }'; then
        live="liveset $complete/$n complete after ${waited} s"
        failed=1
        break
      fi
      live=late
      sleep 0.5
    done

    # 3. steady state: CPU over the window, RSS at its end, for every daemon and every user watchdog
    sleep "$settle"
    daemons=() watchdogs=()
    for id in "${ids[@]}"; do
      pid=
      read -r pid 2>/dev/null <"$run/xhad/${id//-/}/pid" || true
      if [ -n "$pid" ] && [ -d "/proc/$pid" ]; then
        daemons+=("$pid")
        wd=$(watchdog_of "$pid")
        [ -z "$wd" ] || watchdogs+=("$wd")
      fi
    done
    # the window runs from the middle of the first sweep to the middle of the second
    w0=$EPOCHREALTIME busy0=$(busy_ticks)
    sweep "${daemons[@]}" "${watchdogs[@]}" >"$dir/ticks0"
    w1=$EPOCHREALTIME
    sleep "$steady"
    w2=$EPOCHREALTIME busy1=$(busy_ticks)
    sweep "${daemons[@]}" "${watchdogs[@]}" >"$dir/ticks1"
    w3=$EPOCHREALTIME
    window=$(awk -v a="$w0" -v b="$w1" -v c="$w2" -v d="$w3" 'BEGIN { printf "%.3f", (c + d - a - b) / 2 }')
    : >"$dir/cpu" && : >"$dir/rss" && : >"$dir/pss" && : >"$dir/wd-cpu" && : >"$dir/wd-rss"
    sort -o "$dir/ticks0" "$dir/ticks0" && sort -o "$dir/ticks1" "$dir/ticks1"
    dead=0
    for pid in "${daemons[@]}"; do
      cpu=$(percent "$pid")
      if [ -z "$cpu" ] || [ ! -d "/proc/$pid" ]; then dead=$((dead + 1)) && continue; fi
      echo "$cpu" >>"$dir/cpu"
      awk -v k="$(rss_kib "$pid")" 'BEGIN { print k / 1024 }' >>"$dir/rss"
      awk -v k="$(pss_kib "$pid")" 'BEGIN { print k / 1024 }' >>"$dir/pss"
    done
    for pid in "${watchdogs[@]}"; do
      cpu=$(percent "$pid")
      [ -n "$cpu" ] || continue
      echo "$cpu" >>"$dir/wd-cpu"
      awk -v k="$(rss_kib "$pid")" 'BEGIN { print k / 1024 }' >>"$dir/wd-rss"
    done
    measured=$(wc -l <"$dir/cpu")
    complete_end=$(liveset_counts "${configs[@]}" | complete_count "$n")
    if [ "$measured" -lt "$n" ] || [ "$complete_end" -lt "$n" ]; then
      failed=1
      echo "pool-join.sh: $n hosts: $measured daemons measured (missing at the start:" \
        "$((n - ${#daemons[@]})), died in the window: $dead); $complete_end/$n livesets complete at the end" >&2
    fi
    read -r cpu_med cpu_max cpu_sum < <(stats <"$dir/cpu")
    read -r rss_med rss_max rss_sum < <(stats <"$dir/rss")
    read -r _ _ pss_sum < <(stats <"$dir/pss")
    read -r _ wd_cpu_max wd_cpu_sum < <(stats <"$dir/wd-cpu")
    read -r _ wd_rss_max wd_rss_sum < <(stats <"$dir/wd-rss")
    # the rest of the machine over the window (other work, the kernel's share outside these processes), % of a core
    pool_ticks=$(awk -v c="$cpu_sum" -v w="$wd_cpu_sum" -v s="$window" -v t="$tick" \
      'BEGIN { print (c + w) * s * t / 100 }')
    other=$(awk -v b=$((busy1 - busy0)) -v p="$pool_ticks" -v s="$window" -v t="$tick" \
      'BEGIN { o = 100 * (b - p) / t / s; printf "%.0f", o < 0 ? 0 : o }')
  fi

  [ "$bad" -lt "$n" ] || join=-
  printf '%3d hosts  join %5s s (first %.1f s, last %s; %d failed%s)  %s  ' \
    "$n" "$join" "$first" "$last" "$bad" "${codes:+: $codes}" "$live"
  if [ "$measured" -eq 0 ]; then
    printf 'no daemon ran to measure  other load %s%%\n' "$other"
  else
    [ "$measured" -eq "$n" ] || printf '%d daemons measured  ' "$measured"
    printf 'CPU/daemon median %.2f%% max %.2f%% (pool %.1f%%)  ' "$cpu_med" "$cpu_max" "$cpu_sum"
    printf 'RSS/daemon median %.1f MiB max %.1f MiB (pool %.0f MiB, PSS %.0f MiB)  ' \
      "$rss_med" "$rss_max" "$rss_sum" "$pss_sum"
    printf 'user watchdogs: %d, CPU max %.2f%% (all %.2f%%), RSS max %.1f MiB (all %.0f MiB)  other load %s%%\n' \
      "$(wc -l <"$dir/wd-cpu")" "$wd_cpu_max" "$wd_cpu_sum" "$wd_rss_max" "$wd_rss_sum" "$other"
  fi

  stop_pool "${configs[@]}"
  running=()
  kill_leftovers
done
[ "$failed" = 0 ] # the exit status: 1 if any host failed to join or any liveset was incomplete
