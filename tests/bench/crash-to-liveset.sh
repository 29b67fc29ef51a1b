#!/usr/bin/env bash
# Whole-process benchmark of failure handling (spec §7.2-§7.4, §7.9): how long after a member's daemon is
# SIGKILLed do the survivors' livesets show it not live? Each run enables a fresh 3-host pool as xapi does
# (host i heartbeats on 127.0.3.(i+1), one shared statefile, WatchdogMode USER, xapi's timeouts for T = 10:
# t1 = t2 = 2, T1 = T2 = Wh = 10, Ws = 25), host 0 proposes itself master, and after a few seconds of steady
# state (BENCH_SETTLE_SECONDS plus 0-2 s at random) host 2's daemon gets SIGKILL. Both survivors'
# `ha_query_liveset` are polled every 100 ms; the run's figure is the time from the kill to the moment both
# show host 2 not live (and agree on the new liveset).
# Prints each run, then the median, min and max. Exits 1 if a run fails (a join, a query, no new liveset
# within 90 s, a survivor's view) or if any run is under the safety floor max(Wh, Ws) = 25 s: a host may
# leave the liveset only once its watchdogs have surely fired (spec §7.3, "Why the FH4 wait").
# The target (reported, not failed on) is <= 27 s; real xhad takes 31.8-33.3 s (spec §7.9).
#
# Usage: tests/bench/crash-to-liveset.sh
# Environment: RUNS (default 5), BENCH_UDP_PORT (default 2694, so that the process tests on 127.0.1.x and
# 127.0.2.x port 694 and pool-join.sh on 1694 can run beside it), BENCH_SETTLE_SECONDS (steady state before
# the kill, default 5, plus 0-2 s at random), CLUSTER_STACK_PREBUILT=1 (skip the build), CLUSTER_STACK_JAR (the jar
# bin/cluster-stack installs from).
set -euo pipefail
export LC_ALL=C
repo=$(cd -- "$(dirname -- "$(readlink -f -- "$0")")/../.." && pwd)
runs=${RUNS:-5}
port=${BENCH_UDP_PORT:-2694}
settle=${BENCH_SETTLE_SECONDS:-5}
for n in "$runs" "$port" "$settle"; do
  case $n in '' | *[!0-9]*) echo "crash-to-liveset.sh: '$n' is not a whole number" >&2 && exit 2 ;; esac
done
[ "$runs" -ge 1 ] || { echo "crash-to-liveset.sh: RUNS must be at least 1" >&2 && exit 2; }
[ "${CLUSTER_STACK_PREBUILT:-}" = 1 ] || "$repo/bin/setup" --build

hosts=3 victim=2 survivors=(0 1)
t1=2 bigt=10 wh=10 ws=25
floor=$((wh > ws ? wh : ws))
target=27

work=$(mktemp -d "${TMPDIR:-/var/tmp}/cluster-stack-crash-bench.XXXXXX")
stack=$work/root/xhad
run=$work/run
env_x=(env -i "PATH=/usr/bin:/bin:$stack")
running=() # the configs of the pool that may have daemons

# shellcheck source=tests/bench/loopback-pool.sh
. "$repo/tests/bench/loopback-pool.sh"
cleanup() {
  [ ${#running[@]} -eq 0 ] || stop_pool "${running[@]}"
  kill_leftovers
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$repo/bin/cluster-stack" install --root "$work/root" --run-dir "$run" --log-dir "$work/log" >/dev/null


liveness() { # CONFIG: that host's liveness column, e.g. "TRUE TRUE FALSE"; fails when the query does
  local out
  out=$("${env_x[@]}" "$stack/ha_query_liveset" -C "$1" 2>/dev/null) || return 1
  grep -o '<liveness>[A-Z]*</liveness>' <<<"$out" | sed 's/<[^>]*>//g' | paste -sd ' ' -
}
seconds_since() { # START: seconds from START ($EPOCHREALTIME) to now, 2 decimals
  awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'
}
fail() { # RUN MESSAGE: one line on stderr; the benchmark will exit 1
  echo "crash-to-liveset.sh: run $1: $2" >&2
  failed=1
}

for ((i = 0; i < hosts; i++)); do # a stray daemon of another run on our address would make a host fail to bind
  if ss -Huln | grep -qE "^\S+\s+\S+\s+\S+\s+127\.0\.3\.$((i + 1)):$port\s"; then
    echo "crash-to-liveset.sh: 127.0.3.$((i + 1)):$port is in use; choose another BENCH_UDP_PORT" >&2
    exit 1
  fi
done

failed=0
: >"$work/figures"
printf '# crash-to-liveset: %s; %d hosts, T = 10 (t1 = t2 = %s, T1 = T2 = %s, Wh = %s, Ws = %s); SIGKILL of' \
  "$(date -u +%FT%TZ)" "$hosts" "$t1" "$bigt" "$wh" "$ws"
printf ' host %d; survivors polled every 100 ms; floor %d s, target <= %d s; UDP port %s; %s cores\n' \
  "$victim" "$floor" "$target" "$port" "$(nproc)"
for ((r = 1; r <= runs; r++)); do
  dir=$work/r$r
  mkdir -p "$dir"
  mapfile -t ids < <(write_pool "$hosts" "$dir" 127.0.3 $((0x30000000)) "$r" c4a54000)
  configs=()
  for ((i = 0; i < hosts; i++)); do configs+=("$dir/xhad-$i.conf"); done

  # xapi's enable: init on host 0, every start at once, host 0 proposes itself
  "${env_x[@]}" "$stack/ha_set_pool_state" init -C "${configs[0]}"
  running=("${configs[@]}")
  for ((i = 0; i < hosts; i++)); do
    "${env_x[@]}" "$stack/ha_start_daemon" -C "${configs[i]}" >/dev/null 2>"$dir/start-$i.err" &
  done
  bad=0
  for ((i = 0; i < hosts; i++)); do wait -n || bad=$((bad + 1)); done
  master=$("${env_x[@]}" "$stack/ha_propose_master" -C "${configs[0]}" 2>/dev/null || true)
  if [ "$bad" -gt 0 ] || [ "$master" != TRUE ]; then
    fail "$r" "$bad starts failed, ha_propose_master on host 0 said '$master'"
  else
    # plus 0-2 s at random, so that the kill lands anywhere in the heartbeat interval (t1 = 2 s)
    sleep "$(awk -v s="$settle" -v r="$RANDOM" 'BEGIN { printf "%.3f", s + 2 * r / 32768 }')"
    pid=
    read -r pid <"$run/xhad/${ids[victim]//-/}/pid"
    all_live=1
    for s in "${survivors[@]}"; do [ "$(liveness "${configs[s]}")" = "TRUE TRUE TRUE" ] || all_live=0; done
    if [ "$all_live" = 0 ] || ! ours "$pid"; then
      fail "$r" "the pool was not complete before the kill"
    else
      t0=$EPOCHREALTIME
      kill -KILL "$pid"
      declare -A dropped=()
      while [ ${#dropped[@]} -lt ${#survivors[@]} ]; do
        for s in "${survivors[@]}"; do
          [ -z "${dropped[$s]:-}" ] || continue
          if ! view=$(liveness "${configs[s]}"); then
            fail "$r" "host $s's ha_query_liveset failed after $(seconds_since "$t0") s" && break 2
          fi
          case $view in
            "TRUE TRUE FALSE") dropped[$s]=$(seconds_since "$t0") ;;
            "TRUE TRUE TRUE") ;;
            *) fail "$r" "host $s's liveset is '$view' after $(seconds_since "$t0") s" && break 2 ;;
          esac
        done
        if awk -v w="$(seconds_since "$t0")" 'BEGIN { exit !(w >= 90) }'; then
          fail "$r" "no new liveset within 90 s" && break
        fi
        sleep 0.1
      done
      if [ ${#dropped[@]} -eq ${#survivors[@]} ]; then
        both=$(printf '%s\n' "${dropped[@]}" | sort -g | tail -n 1)
        for s in "${survivors[@]}"; do
          view=$(liveness "${configs[s]}" || true)
          [ "$view" = "TRUE TRUE FALSE" ] || fail "$r" "host $s's liveset changed to '$view' after the drop"
        done
        verdict=
        if awk -v b="$both" -v f="$floor" 'BEGIN { exit !(b < f) }'; then
          verdict="  UNDER THE FLOOR of $floor s"
          fail "$r" "the survivors dropped host $victim after $both s, before its watchdogs surely fired"
        fi
        printf 'run %d: crash -> new liveset on both survivors %6.2f s (host 0 %.2f s, host 1 %.2f s)%s\n' \
          "$r" "$both" "${dropped[0]}" "${dropped[1]}" "$verdict"
        echo "$both" >>"$work/figures"
      fi
      unset dropped
    fi
  fi
  stop_pool "${configs[@]}"
  running=()
  kill_leftovers
done

if [ -s "$work/figures" ]; then
  sort -g "$work/figures" | awk -v n="$runs" -v f="$floor" -v t="$target" '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "crash -> new liveset over %d of %d runs: median %.2f s, min %.2f s, max %.2f s", NR, n, m, v[1], v[NR]
          printf " (floor %d s, target <= %d s: %s)\n", f, t, v[NR] <= t ? "met" : "missed" }'
fi
[ "$failed" = 0 ]
