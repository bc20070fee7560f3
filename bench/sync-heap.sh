#!/usr/bin/env bash
# The design §8 memory target: a two-process sync of N leaves (default 1 000 000) where both the serving and the
# syncing JVM run with a small heap (default -Xmx256m). Not part of any build: it needs about 2.5 GB of disk and a
# few minutes.
#
# Usage: bench/sync-heap.sh [N] [S]          N leaves of S random bytes (defaults 1000000 and 1024)
#
# Data set: the one of compare-git.sh (bench/gen.py → io.chum.bench.BenchData load: N BLOBs, 256 directory objects,
# a versioned root, an IdAccess for the receiver). Then `bin/chum serve` on the sender store and `bin/chum sync` of an
# empty receiver store, both with CHUM_JAVA_OPTS="-Xmx$XMX -Xlog:gc:…". The sync must end with fullSync true and
# the receiver must hold every BLOB (BenchData count).
#
# Output: the settings, the client's wall time and maximum RSS, per JVM the GC count, the largest heap after a GC
# (an upper bound of the live heap: with ParallelGC a young collection leaves old garbage in place) and the largest
# committed heap, and last `RESULT ok=… wall_s=… serve_max_after_gc_mb=… sync_max_after_gc_mb=…`.
#
# Environment: XMX (256m), SEED (1), WORK (a new directory under ${TMPDIR:-/tmp}; kept only with KEEP_TMP=1).
# Works from any directory; builds bench/target/benchmarks.jar (and the engine) when they are stale.
set -euo pipefail

N=${1:-1000000}
S=${2:-1024}
XMX=${XMX:-256m}
SEED=${SEED:-1}
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chum="$root/bin/chum"
jar="$root/bench/target/benchmarks.jar"
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/chum-sync-heap.XXXXXX")}
serve_pid=

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

cleanup() {
    if [[ -n $serve_pid ]] && kill -0 "$serve_pid" 2>/dev/null; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    if [[ ${KEEP_TMP:-0} == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

json() { python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }
bench_data() { java @"$root/config/jvm.args" -cp "$jar" io.chum.bench.BenchData "$@"; }

if [[ ! -f $jar ]] || [[ -n $(find "$root/storage/src/main" "$root/engine/src/main" "$root/bench/src/main" \
        -newer "$jar" -type f -print -quit) ]]; then
    log "building bench/target/benchmarks.jar"
    (cd "$root" && mvn -B -q -DskipTests -pl bench -am package) >&2
fi

log "N=$N S=$S XMX=$XMX SEED=$SEED work=$work $(java -version 2>&1 | head -1)"
mkdir -p "$work"
python3 "$root/bench/gen.py" "$N" "$S" "$SEED" >"$work/base.fi"
"$chum" init --store "$work/src" --email s@x --instance bench-sender --json >"$work/sender-id.json"
"$chum" init --store "$work/recv" --email r@x --instance bench-receiver --json >"$work/receiver-id.json"
"$chum" trust --store "$work/src" --email r@x --key "$(json "$work/receiver-id.json" 'j["publicKey"]')" >/dev/null
"$chum" trust --store "$work/recv" --email s@x --key "$(json "$work/sender-id.json" 'j["publicKey"]')" >/dev/null
bench_data recipes --store "$work/recv" >/dev/null
log "loading $N leaves"
bench_data load --store "$work/src" --grant-to r@x <"$work/base.fi" >"$work/load.json"
rm -f "$work/base.fi"
log "loaded: $(cat "$work/load.json")"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CHUM_JAVA_OPTS="-Xmx$XMX -Xlog:gc:file=$work/gc-serve.log:uptime" \
    "$chum" serve --store "$work/src" --listen "127.0.0.1:$port" --json >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
for _ in $(seq 300); do
    grep -q "listening on" "$work/serve.err" 2>/dev/null && break
    kill -0 "$serve_pid" 2>/dev/null || die "chum serve ended: $(cat "$work/serve.err")"
    sleep 0.1
done

log "sync"
t0=$(date +%s%N)
CHUM_JAVA_OPTS="-Xmx$XMX -Xlog:gc:file=$work/gc-sync.log:uptime" /usr/bin/time -f "maxrss_kb=%M" -o "$work/time.txt" \
    "$chum" sync --store "$work/recv" --connect "127.0.0.1:$port" --name bench --json >"$work/sync.out" \
    2>"$work/sync.err" || die "chum sync failed: $(tail -5 "$work/sync.err")"
wall=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
kill -TERM "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
serve_pid=

[[ $(json "$work/sync.out" 'j["fullSync"]') == True ]] || die "no full sync: $(cat "$work/sync.out")"
blobs=$(bench_data count --store "$work/recv" | python3 -c 'import json, sys; print(json.load(sys.stdin)["blobs"])')
[[ $blobs == "$N" ]] || die "the receiver has $blobs BLOBs, not $N"

gc_summary() {
    python3 - "$1" <<'EOF'
import re, sys
after, committed, count, full = 0, 0, 0, 0
for line in open(sys.argv[1]):
    m = re.search(r'Pause (\w+).*?(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        count += 1
        full += m.group(1) == 'Full'
        after = max(after, int(m.group(3)))
        committed = max(committed, int(m.group(4)))
print(count, full, after, committed)
EOF
}
read -r s_count s_full s_after s_committed < <(gc_summary "$work/gc-serve.log")
read -r c_count c_full c_after c_committed < <(gc_summary "$work/gc-sync.log")
echo "sync: wall ${wall} s, $(cat "$work/time.txt"), $(cut -c1-400 "$work/sync.out")"
echo "serve JVM: $s_count GCs ($s_full full), max heap after GC ${s_after} MB, max committed ${s_committed} MB"
echo "sync JVM:  $c_count GCs ($c_full full), max heap after GC ${c_after} MB, max committed ${c_committed} MB"
echo "RESULT ok=true wall_s=$wall serve_max_after_gc_mb=$s_after sync_max_after_gc_mb=$c_after"
