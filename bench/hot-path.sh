#!/usr/bin/env bash
# The two hot-path targets of design.md §8, measured side by side in one JMH run:
#
#   hash_ratio   = HashBenchmark.renderAndHash / HashBenchmark.rawDigest      (1 KiB note, ASCII text)
#                  canonical microdata + SHA-256 against SHA-256 alone of the same bytes; target >= 0.8
#   append_ratio = LogAppendBenchmark.eventLogAppend / LogAppendBenchmark.chronicleAppend   (1 KiB)
#                  EventLog append incl. hashing against a plain Chronicle append + SHA-256; target >= 0.8
#
# Usage: bench/hot-path.sh [JMH options]   e.g. bench/hot-path.sh -wi 5   (passed to JMH after the defaults)
# Works from any directory; builds bench/target/benchmarks.jar if it is missing or older than the sources.
# JMH output goes to stderr; stdout gets a compact table and, as the last line,
#   RESULT hash_ratio=H append_ratio=A
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$root/bench/target/benchmarks.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

jar_is_stale() {
    [[ ! -f $jar ]] && return 0
    [[ -n $(find "$root/pom.xml" "$root"/{storage,engine,bench}/pom.xml "$root"/{storage,engine,bench}/src/main \
        -newer "$jar" -print -quit 2>/dev/null) ]]
}

if jar_is_stale; then
    echo "hot-path: building $jar" >&2
    (cd "$root" && mvn -B -q -DskipTests -pl bench -am package) >&2
fi

# Everything temporary, including the forks' queue directories (forks inherit -Djava.io.tmpdir), lives here.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chum-hot-path.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# JMH forks inherit these arguments from this JVM, so the benchmarks get the project argfile.
jvm_args=("@$root/config/jvm.args" "-Djava.io.tmpdir=$tmp")
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if (( ${major%%.*} >= 24 )); then
    jvm_args+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if ! "$java" "${jvm_args[@]}" -jar "$jar" \
        '^io\.chum\.bench\.HashBenchmark\.(rawDigest|render|renderAndHash|canonicalEncode)$' \
        '^io\.chum\.bench\.LogAppendBenchmark\.' \
        -p size=1024 -p text=ASCII -foe true -rf json -rff "$tmp/result.json" "$@" \
        2>&1 | tee "$tmp/jmh.log" >&2; then
    echo "hot-path: JMH failed (output above)" >&2
    exit 1
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

vm_options=$(grep -m1 '^# VM options:' "$tmp/jmh.log" || true)
while read -r flag; do
    [[ -z $flag || $flag == \#* ]] && continue
    if [[ " $vm_options " != *" $flag "* ]]; then
        echo "hot-path: the forked JVM did not get $flag from config/jvm.args (${vm_options:-no VM options line})" >&2
        exit 1
    fi
done < "$root/config/jvm.args"

echo "load average before: $load_before   after: $load_after"
if command -v python3 >/dev/null; then
    python3 - "$tmp/result.json" <<'PY'
import json, math, sys

scores = {}
for r in json.load(open(sys.argv[1])):
    m = r["primaryMetric"]
    error = float(m["scoreError"]) if m["scoreError"] != "NaN" else math.nan
    scores[".".join(r["benchmark"].split(".")[-2:])] = (m["score"], error, m["scoreUnit"])

print(f"{'benchmark':<36} {'score':>14} {'± error':>14}  unit")
for name, (score, error, unit) in scores.items():
    print(f"{name:<36} {score:>14,.0f} {'± ' + format(error, ',.0f'):>14}  {unit}")

def ratio(ours, raw):
    (a, ea, _), (b, eb, _) = scores[ours], scores[raw]
    r = a / b
    return r, r * math.hypot(ea / a, eb / b)  # 99.9 % half-widths combined as if independent

rows = [("hash", "HashBenchmark.renderAndHash", "HashBenchmark.rawDigest", "target >= 0.80"),
        ("encode", "HashBenchmark.canonicalEncode", "HashBenchmark.rawDigest", "informational"),
        ("append", "LogAppendBenchmark.eventLogAppend", "LogAppendBenchmark.chronicleAppend", "target >= 0.80")]
found = {}
for label, ours, raw, note in rows:
    r, e = ratio(ours, raw)
    found[label] = r
    pair = ours.split(".")[1] + " / " + raw.split(".")[1]
    print(f"ratio {label:<7} {pair:<34} = {r:.2f} ± {e:.2f}  ({note})")
print(f"RESULT hash_ratio={found['hash']:.2f} append_ratio={found['append']:.2f}")
PY
else
    score() {
        jq -r --arg b "io.chum.bench.$1" '.[] | select(.benchmark == $b) | .primaryMetric.score' "$tmp/result.json"
    }
    row='"\(.benchmark | split(".")[-2:] | join("."))  \(.primaryMetric.score)'
    row+=' ± \(.primaryMetric.scoreError)  \(.primaryMetric.scoreUnit)"'
    jq -r ".[] | $row" "$tmp/result.json"
    hash=$(awk -v a="$(score HashBenchmark.renderAndHash)" -v b="$(score HashBenchmark.rawDigest)" \
        'BEGIN { printf "%.2f", a / b }')
    append=$(awk -v a="$(score LogAppendBenchmark.eventLogAppend)" -v b="$(score LogAppendBenchmark.chronicleAppend)" \
        'BEGIN { printf "%.2f", a / b }')
    echo "RESULT hash_ratio=$hash append_ratio=$append"
fi
