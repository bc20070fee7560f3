#!/usr/bin/env bash
# Side-by-side benchmark of chum-sync against git on the same data set (peer-benchmark.md §5, design.md §8).
#
# Usage: bench/compare-git.sh [N] [S]          N leaves of S random bytes (defaults 100000 and 1024)
#
# Data set: bench/gen.py writes N deterministic leaves (leaf i in directory d{i mod 256}) as a git fast-import
# stream. git gets it through `git fast-import` (SHA-256 repository, repacked with bitmaps as a server keeps
# it); chum-sync gets the same stream through io.chum.bench.BenchData (leaves as BLOBs, 256 directory objects,
# a versioned root, one IdAccess for the receiver's person). The incremental step adds K = N/100 later leaves
# (gen.py K S SEED N) to both: a child commit for git, a new root version for chum-sync.
#
# Scenarios, each a whole client process, alternating git and chum, RUNS times each after one discarded
# warm-up: R1 full sync into an empty receiver, R2 no-op (the same again), R3 incremental +1 % from the state
# after R1. git: `git fetch` from `git daemon`; chum: `bin/chum sync` to a running `bin/chum serve`. Server
# pinned to CPU 0, client to CPU 1 (taskset); the page cache is written back (sync) before every timed run. fsync
# counts come from a separate strace run of each scenario, so that strace does not distort the timings.
#
# Output: the settings, a table (median/min/max seconds, objects/s, loopback bytes, receiver fsyncs) and, as
# the last line, `RESULT full_ratio=F noop_ratio=N incremental_ratio=I` (chum median / git median).
#
# Environment: RUNS (3), SEED (1), PIN (1; 0 = no taskset), STRACE (1; 0 = skip the fsync runs),
# GIT_COMPRESSION (unset = git defaults; 0..9 sets core.compression and pack.compression on the source),
# RUN_TIMEOUT (600 s per client run), KEEP_TMP (0; 1 keeps the temporary directory),
# ONLY=git (measure git alone, e.g. before the chum commands exist; the ratios are then n/a).
# Works from any directory; builds bench/target/benchmarks.jar (and the engine) when they are stale. On exit,
# also after Ctrl-C or SIGTERM (which waits for the step in progress, at most RUN_TIMEOUT), it stops the two
# servers and removes its temporary directory.
set -euo pipefail

N=${1:-100000}
S=${2:-1024}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
PIN=${PIN:-1}
STRACE=${STRACE:-1}
ONLY=${ONLY:-}
RUN_TIMEOUT=${RUN_TIMEOUT:-600}
KEEP_TMP=${KEEP_TMP:-0}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
chum=$root/bin/chum
jar=$root/bench/target/benchmarks.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
sender_email=sender@bench.invalid
receiver_email=receiver@bench.invalid

pids=()        # every long-running process this script started (servers); stopped on exit
tmp=""

die() {
    echo "compare-git: $*" >&2
    exit 1
}

log() {
    echo "compare-git: $*" >&2
}

# ---------------------------------------------------------------------------------------------------------------
# Process control and clean-up

stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do
        stop_pid "$pid"
    done
    if [[ -n $tmp && -d $tmp ]]; then
        if [[ $KEEP_TMP == 1 ]]; then
            log "kept $tmp"
        else
            rm -rf "$tmp"
        fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites

check_prerequisites() {
    [[ $N =~ ^[1-9][0-9]*$ && $S =~ ^[1-9][0-9]*$ ]] || die "usage: compare-git.sh [N] [S] (positive integers)"
    [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
    [[ -z $ONLY || $ONLY == git ]] || die "ONLY may only be 'git'"
    local cmd
    for cmd in git python3 "$java" date awk seq timeout cp; do
        command -v "$cmd" >/dev/null || die "'$cmd' is required but not installed"
    done
    python3 -c 'import random, sys; random.Random(1).randbytes(1); sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
        2>/dev/null || die "python3 >= 3.9 is required (random.randbytes)"
    [[ -x $(git --exec-path)/git-daemon ]] || die "git daemon is not installed ($(git --exec-path)/git-daemon)"
    local probe
    probe=$(mktemp -d)
    if ! git init -q --object-format=sha256 "$probe/r" 2>/dev/null; then
        rm -rf "$probe"
        die "this git ($(git --version)) cannot create SHA-256 repositories"
    fi
    rm -rf "$probe"
    [[ -r /sys/class/net/lo/statistics/tx_bytes ]] || log "no /sys/class/net/lo/statistics: loopback bytes are n/a"
    if [[ $PIN == 1 ]]; then
        if ! command -v taskset >/dev/null; then
            log "taskset is not installed: client and server are not pinned"
            PIN=0
        elif (($(nproc) < 2)); then
            log "fewer than 2 CPUs: client and server are not pinned"
            PIN=0
        fi
    fi
    if [[ $STRACE == 1 ]] && ! command -v strace >/dev/null; then
        log "strace is not installed: fsync counts are n/a"
        STRACE=0
    fi
}

# Builds the bench jar (and with it the engine jar that bin/chum runs) if a source is newer.
build_if_stale() {
    if [[ ! -f $jar ]] || [[ -n $(find "$root/pom.xml" "$root"/{storage,engine,bench}/pom.xml \
            "$root"/{storage,engine,bench}/src/main -newer "$jar" -print -quit 2>/dev/null) ]]; then
        command -v mvn >/dev/null || die "maven is needed to build $jar"
        log "building $jar"
        (cd "$root" && mvn -B -q -DskipTests -pl bench -am package) >&2 || die "the build failed"
    fi
    "$chum" --help >/dev/null 2>&1 || die "bin/chum does not run ('$chum --help' failed)"
}

# The chum half needs the sync commands of design.md §7.
check_chum_commands() {
    [[ $ONLY == git ]] && return 0
    local cmd
    for cmd in trust serve sync; do
        "$chum" help "$cmd" >/dev/null 2>&1 \
            || die "bin/chum has no '$cmd' command yet (ONLY=git measures the git side alone)"
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Small helpers

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# True once something listens on port $1 (reads /proc/net/tcp and tcp6, so no connection disturbs the server;
# a JVM's dual-stack socket bound to 127.0.0.1 shows up in tcp6).
listening() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p=":$hex" '$2 ~ p"$" && $4 == "0A" { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6 \
        2>/dev/null
}

wait_listening() {
    local port=$1 pid=$2 name=$3 log_file=$4
    for _ in $(seq 600); do
        listening "$port" && return 0
        kill -0 "$pid" 2>/dev/null || die "$name exited before listening on port $port: $(tail -5 "$log_file")"
        sleep 0.1
    done
    die "$name does not listen on port $port after 60 s: $(tail -5 "$log_file")"
}

lo_bytes() {
    cat /sys/class/net/lo/statistics/tx_bytes 2>/dev/null || echo 0
}

server_cpu() {
    [[ $PIN == 1 ]] && echo taskset -c 0
    return 0
}

client_cpu() {
    [[ $PIN == 1 ]] && echo taskset -c 1
    return 0
}

# json FILE EXPR: EXPR is Python over `j`, the last JSON line of FILE.
json() {
    python3 - "$1" "$2" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip().startswith("{")]
j = json.loads(lines[-1]) if lines else {}
print(eval(sys.argv[2]))
PY
}

bench_data() {
    "$java" @"$root/config/jvm.args" -cp "$jar" io.chum.bench.BenchData "$@"
}

# ---------------------------------------------------------------------------------------------------------------
# The data sets

# Sizes of the two steps; called once N is known to be a number.
compute_sizes() {
    K=$((N / 100 > 0 ? N / 100 : 1))    # leaves of the incremental step
    local dirs_full=$((N < 256 ? N : 256)) dirs_inc=$((K < 256 ? K : 256))
    objects_full=$((N + dirs_full + 1)) # leaves + directories + root (git adds one commit)
    objects_inc=$((K + dirs_inc + 1))
}

generate_streams() {
    log "generating $N + $K leaves of $S bytes (seed $SEED)"
    python3 "$root/bench/gen.py" "$N" "$S" "$SEED" >"$tmp/base.fi"
    python3 "$root/bench/gen.py" "$K" "$S" "$SEED" "$N" >"$tmp/inc.fi"
}

setup_git() {
    log "git: fast-import and repack"
    git init -q --object-format=sha256 "$tmp/git/src"
    if [[ -n ${GIT_COMPRESSION:-} ]]; then
        git -C "$tmp/git/src" config core.compression "$GIT_COMPRESSION"
        git -C "$tmp/git/src" config pack.compression "$GIT_COMPRESSION"
    fi
    git -C "$tmp/git/src" fast-import --quiet <"$tmp/base.fi"
    git -C "$tmp/git/src" repack -adq --write-bitmap-index
}

increment_git() {
    git -C "$tmp/git/src" fast-import --quiet <"$tmp/inc.fi"
    # A server repacks what it receives; bitmaps make the incremental pack cheap to compute (peer-benchmark §2.2).
    git -C "$tmp/git/src" repack -adq --write-bitmap-index
}

start_git_daemon() {
    git_port=$(free_port)
    # In the foreground of a background job (not --detach), so that $! is the daemon and the trap can stop it.
    $(server_cpu) git daemon --reuseaddr --base-path="$tmp/git" --export-all --informative-errors \
        --listen=127.0.0.1 --port="$git_port" >"$tmp/git-daemon.log" 2>&1 &
    pids+=($!)
    wait_listening "$git_port" "$!" "git daemon" "$tmp/git-daemon.log"
    git_url=git://127.0.0.1:$git_port/src
}

setup_chum() {
    log "chum: init, trust, load"
    "$chum" init --store "$tmp/chum/src" --email "$sender_email" --instance bench-sender --json >"$tmp/sender-id.json"
    "$chum" init --store "$tmp/chum/receiver-template" --email "$receiver_email" --instance bench-receiver --json \
        >"$tmp/receiver-id.json"
    # Every receiver run starts from a copy of this template, so one key pair and one trust decision serve all.
    "$chum" trust --store "$tmp/chum/src" --email "$receiver_email" \
        --key "$(json "$tmp/receiver-id.json" 'j["publicKey"]')" >/dev/null
    "$chum" trust --store "$tmp/chum/receiver-template" --email "$sender_email" \
        --key "$(json "$tmp/sender-id.json" 'j["publicKey"]')" >/dev/null
    # The receiver must know the application types to import (and verify) the directory and root objects.
    bench_data recipes --store "$tmp/chum/receiver-template" >/dev/null
    local t0
    t0=$(date +%s%N)
    bench_data load --store "$tmp/chum/src" --grant-to "$receiver_email" <"$tmp/base.fi" >"$tmp/load.json"
    load_seconds=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    log "chum: loaded in $load_seconds s (whole process): $(cat "$tmp/load.json")"
}

increment_chum() {
    bench_data append --store "$tmp/chum/src" <"$tmp/inc.fi" >"$tmp/append.json"
    log "chum: appended: $(cat "$tmp/append.json")"
}

start_chum_server() {
    chum_port=$(free_port)
    $(server_cpu) "$chum" serve --store "$tmp/chum/src" --listen "127.0.0.1:$chum_port" --json \
        >"$tmp/chum-serve.out" 2>"$tmp/chum-serve.err" &
    pids+=($!)
    wait_listening "$chum_port" "$!" "chum serve" "$tmp/chum-serve.err"
}

# Same bytes on both sides: leaf 0 as git stores it and as chum-sync stores it hash alike.
check_same_leaf() {
    local expected git_leaf
    expected=$(python3 -c "import hashlib, random, sys; s, n = int(sys.argv[1]), int(sys.argv[2])
print(hashlib.sha256(random.Random(s * 1_000_003).randbytes(n)).hexdigest())" "$SEED" "$S")
    git_leaf=$(git -C "$tmp/git/src" cat-file blob main:d00/f0000000 | sha256sum | cut -d' ' -f1)
    [[ $git_leaf == "$expected" ]] || die "git's leaf 0 differs from the generator's ($git_leaf != $expected)"
    [[ $ONLY == git ]] && return 0
    [[ $(json <("$chum" has --store "$tmp/chum/src" "$expected" --json) 'j["present"]') == True ]] \
        || die "the chum store has no BLOB $expected (leaf 0)"
}

# ---------------------------------------------------------------------------------------------------------------
# One client run of each system. Every function takes the receiver directory and a wrapper (taskset or strace)
# and leaves the client's stdout in $tmp/last.out.

git_fresh_receiver() {
    rm -rf "$1"
    git init -q --object-format=sha256 "$1"
}

git_fetch() {
    local dst=$1
    shift
    "$@" timeout --foreground "$RUN_TIMEOUT" git -C "$dst" -c protocol.version=2 fetch -q "$git_url" main:refs/heads/main \
        >"$tmp/last.out" 2>"$tmp/last.err" || die "git fetch failed: $(tail -5 "$tmp/last.err")"
}

chum_fresh_receiver() {
    rm -rf "$1"
    cp -a "$tmp/chum/receiver-template" "$1"
}

# The sync alone, as git_fetch is the fetch alone: check_chum_sync reads its report afterwards, outside the timing
# (a python3 start here takes about 0.2 s, which the chum's times used to include).
chum_sync() {
    local dst=$1
    shift
    "$@" timeout --foreground "$RUN_TIMEOUT" "$chum" sync --store "$dst" --connect "127.0.0.1:$chum_port" --name bench --json \
        >"$tmp/last.out" 2>"$tmp/last.err" || die "chum sync failed: $(tail -5 "$tmp/last.err")"
}

# Fails unless the last chum_sync reported a full sync.
check_chum_sync() {
    [[ $(json "$tmp/last.out" 'j.get("fullSync")') == True ]] \
        || die "chum sync did not report a full sync: $(tail -3 "$tmp/last.out") $(tail -3 "$tmp/last.err")"
}

# timed SYSTEM SCENARIO COMMAND...: runs it, appends "system scenario seconds lo-bytes" to the results.
timed() {
    local system=$1 scenario=$2
    shift 2
    local b0 t0 t1 b1
    # Writes back, outside the timing, what the steps before the run left dirty (the copy it starts from above all):
    # otherwise a receiver's first fdatasync of its log also wrote the copy's dirty pages (a million-object chum
    # receiver is a 1.3 GB log, and an incremental took about 1 s longer: docs/benchmarks.md §7.3), where git's
    # fetch, which syncs only the files it writes, did not.
    sync
    b0=$(lo_bytes)
    t0=$(date +%s%N)
    "$@"
    t1=$(date +%s%N)
    b1=$(lo_bytes)
    echo "$system $scenario $(((t1 - t0) / 1000)) $((b1 - b0))" >>"$tmp/results.txt"
    log "$system $scenario: $(awk -v us=$(((t1 - t0) / 1000)) 'BEGIN { printf "%.3f", us / 1e6 }') s"
}

verify_git() {
    local want got
    want=$(git -C "$tmp/git/src" rev-parse main)
    got=$(git -C "$1" rev-parse main)
    [[ $want == "$got" ]] || die "git receiver $1 is at $got, not $want"
}

# verify_chum DIR BLOBS ROOTS: the receiver holds every leaf and the expected number of root versions.
verify_chum() {
    bench_data count --store "$1" >"$tmp/count.json"
    [[ $(json "$tmp/count.json" 'j["blobs"]') == "$2" && $(json "$tmp/count.json" 'j["roots"]') == "$3" ]] \
        || die "chum receiver $1: expected $2 BLOBs and $3 root versions, got $(cat "$tmp/count.json")"
}

# ---------------------------------------------------------------------------------------------------------------
# The measurements

# R1 then R2 into the receivers $1 (git) and $2 (chum), alternating; "warmup" results are dropped later.
full_and_noop() {
    local label=$1 gdst=$2 cdst=$3
    git_fresh_receiver "$gdst"
    timed git "R1$label" git_fetch "$gdst" $(client_cpu)
    verify_git "$gdst"
    if [[ $ONLY != git ]]; then
        chum_fresh_receiver "$cdst"
        timed chum "R1$label" chum_sync "$cdst" $(client_cpu)
        check_chum_sync
        verify_chum "$cdst" "$N" 1
    fi
    timed git "R2$label" git_fetch "$gdst" $(client_cpu)
    if [[ $ONLY != git ]]; then
        timed chum "R2$label" chum_sync "$cdst" $(client_cpu)
        check_chum_sync
    fi
}

incremental() {
    local gdst=$tmp/run/git-r3 cdst=$tmp/run/chum-r3
    rm -rf "$gdst" "$cdst"
    cp -a "$tmp/run/git-base" "$gdst"
    timed git R3 git_fetch "$gdst" $(client_cpu)
    verify_git "$gdst"
    if [[ $ONLY != git ]]; then
        cp -a "$tmp/run/chum-base" "$cdst"
        timed chum R3 chum_sync "$cdst" $(client_cpu)
        check_chum_sync
        verify_chum "$cdst" $((N + K)) 2
    fi
}

# strace SYSTEM SCENARIO: counts the receiver's durability calls in a run of its own.
strace_counts() {
    local system=$1 scenario=$2 dst=$tmp/run/strace-$1 out=$tmp/strace-$1-$2.txt
    local run=git_fetch
    [[ $system == chum ]] && run=chum_sync
    case $scenario in
        R1) "${system}_fresh_receiver" "$dst" ;;
        R2) ;;
        R3) rm -rf "$dst" && cp -a "$tmp/run/$system-base" "$dst" ;;
    esac
    "$run" "$dst" strace -f -c -e trace=fsync,fdatasync,msync -o "$out"
    [[ $system == git ]] || check_chum_sync
    local fsyncs msyncs
    fsyncs=$(awk '$NF == "fsync" || $NF == "fdatasync" { n += $4 } END { print n + 0 }' "$out")
    msyncs=$(awk '$NF == "msync" { n += $4 } END { print n + 0 }' "$out")
    echo "$system $scenario $fsyncs $msyncs" >>"$tmp/fsyncs.txt"
}

report() {
    python3 - "$tmp/results.txt" "$tmp/fsyncs.txt" "$objects_full" "$objects_inc" <<'PY'
import statistics, sys
results, fsync_file = sys.argv[1], sys.argv[2]
objects = {"R1": int(sys.argv[3]), "R2": 0, "R3": int(sys.argv[4])}
runs = {}
for line in open(results):
    system, scenario, micros, lo = line.split()
    if scenario.endswith("warmup"):
        continue
    runs.setdefault((system, scenario), []).append((int(micros) / 1e6, int(lo)))
fsyncs = {}
try:
    for line in open(fsync_file):
        system, scenario, f, m = line.split()
        fsyncs[(system, scenario)] = f + (f" +{m} msync" if m != "0" else "")
except FileNotFoundError:
    pass
names = {"R1": "R1 full", "R2": "R2 no-op", "R3": "R3 +1 %"}
print(f"{'scenario':<10} {'system':<6} {'runs':>4} {'median s':>9} {'min s':>8} {'max s':>8} {'objects/s':>10}"
      f" {'lo bytes':>12} {'fsyncs':>14}")
medians = {}
for scenario in ("R1", "R2", "R3"):
    for system in ("git", "chum"):
        r = runs.get((system, scenario))
        if not r:
            print(f"{names[scenario]:<10} {system:<6} {0:>4} {'n/a':>9}")
            continue
        secs = [s for s, _ in r]
        med = statistics.median(secs)
        medians[(system, scenario)] = med
        rate = f"{objects[scenario] / med:,.0f}" if objects[scenario] else "-"
        lo = f"{statistics.median(b for _, b in r):,.0f}"
        print(f"{names[scenario]:<10} {system:<6} {len(r):>4} {med:>9.3f} {min(secs):>8.3f} {max(secs):>8.3f}"
              f" {rate:>10} {lo:>12} {fsyncs.get((system, scenario), 'n/a'):>14}")
def ratio(scenario):
    g, c = medians.get(("git", scenario)), medians.get(("chum", scenario))
    return f"{c / g:.2f}" if g and c else "n/a"
print(f"RESULT full_ratio={ratio('R1')} noop_ratio={ratio('R2')} incremental_ratio={ratio('R3')}")
PY
}

main() {
    check_prerequisites
    compute_sizes
    build_if_stale
    check_chum_commands
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/chum-compare-git.XXXXXX")
    mkdir -p "$tmp/git" "$tmp/chum" "$tmp/run"
    : >"$tmp/results.txt"

    generate_streams
    setup_git
    [[ $ONLY == git ]] || setup_chum
    check_same_leaf
    start_git_daemon
    [[ $ONLY == git ]] || start_chum_server

    local load_before
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    # One discarded round warms the page cache and the server JVM.
    full_and_noop warmup "$tmp/run/git-warmup" "$tmp/run/chum-warmup"
    rm -rf "$tmp/run/git-warmup" "$tmp/run/chum-warmup"
    local r
    for r in $(seq "$RUNS"); do
        full_and_noop "" "$tmp/run/git-$r" "$tmp/run/chum-$r"
        if ((r == 1)); then
            # The in-sync state after R1 (and R2) is where every incremental run starts from.
            mv "$tmp/run/git-1" "$tmp/run/git-base"
            [[ $ONLY == git ]] || mv "$tmp/run/chum-1" "$tmp/run/chum-base"
        fi
        rm -rf "$tmp/run/git-$r" "$tmp/run/chum-$r"
    done

    log "adding $K leaves to both senders"
    increment_git
    [[ $ONLY == git ]] || increment_chum
    for r in $(seq "$RUNS"); do
        incremental
    done
    local load_after
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)

    if [[ $STRACE == 1 ]]; then
        log "counting fsyncs (separate runs under strace)"
        local system scenario
        for system in git chum; do
            [[ $system == chum && $ONLY == git ]] && continue
            for scenario in R1 R2 R3; do
                strace_counts "$system" "$scenario"
            done
        done
    fi

    echo "data set: N=$N leaves x S=$S bytes, seed $SEED; +1 % = $K leaves; objects R1 $objects_full, R3 $objects_inc"
    echo "git: $(git --version), SHA-256, repack -ad --write-bitmap-index, compression ${GIT_COMPRESSION:-default}"
    echo "java: $("$java" -version 2>&1 | head -1)"
    [[ $ONLY == git ]] || echo "chum load: $load_seconds s whole process ($(json "$tmp/load.json" 'j["leavesPerSecond"]') leaves/s inside)"
    echo "cpu: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); pinned: $([[ $PIN == 1 ]] && echo 'server CPU 0, client CPU 1' || echo no)"
    echo "runs: $RUNS each after 1 warm-up; load average before $load_before, after $load_after"
    report
}

main
