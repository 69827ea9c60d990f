#!/usr/bin/env bash
# Runs the whole benchmark set and writes benchmarks/results/: JMH's JSON per thread count (jmh-t1.json,
# jmh-t4.json) and log, the wake-up latencies across two JVMs (sync-latency.json, sync-latency.log), Python's
# figures (python.json), the comparison table (summary.md, summary.csv) and chart.png. About 14.5 minutes on
# 2 cores. Run from anywhere; needs JDK 17+ and python3, nothing else.
#
# Environment:
#   BENCH_PROF=gc      also run JMH's gc profiler (allocated bytes per operation): slower, noisier figures
#   BENCH_QUICK=1      a smoke run: 1 short iteration each (about 6 minutes)
#   BENCH_INCLUDE=re   only the benchmarks matching this regular expression: JMH's, the Python operations of
#                      the same names, and the latencies if it matches SyncLatencyBenchmark; no seed jobs
#   MVN_OFFLINE=1      build with ./mvnw -o
set -euo pipefail
cd "$(dirname "$0")/.."
results=benchmarks/results
mkdir -p "$results"
# Nothing of an earlier run may reach this run's summary.
rm -f "$results"/jmh-t*.json "$results"/sync-latency.json "$results"/python.json
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

if [[ "${BENCH_QUICK:-}" == 1 ]]; then
  jmh=(--warmup-iterations 1 --warmup-time 1 --iterations 1 --time 1)
  python=(--warmup 0.5 --time 1 --iterations 1 --seed-runs 3 --latency-warmup 20 --latency-rounds 100)
  latency=(--warmup 20 --rounds 100)
else
  # 2 x 0.7 s warm-up and 3 x 0.9 s measurement per benchmark, plus about 1.7 to 2.5 s to start and stop
  # each fork: the 126 forks take about 12.5 minutes, the whole run about 14.5 (14 min 39 s on a quiet machine).
  jmh=(--warmup-iterations 2 --warmup-time 0.7 --iterations 3 --time 0.9)
  python=(--warmup 0.5 --time 1 --iterations 3 --seed-runs 7 --latency-warmup 100 --latency-rounds 400)
  # 100 warm-up and 400 measured rounds per latency figure, two JVMs per variant: about 40 s.
  latency=(--warmup 100 --rounds 400)
fi
if [[ -n "${BENCH_PROF:-}" ]]; then
  jmh+=(--prof "$BENCH_PROF")
fi
run_latency=1
if [[ -n "${BENCH_INCLUDE:-}" ]]; then
  jmh+=(--include "$BENCH_INCLUDE")
  python+=(--only "$BENCH_INCLUDE" --skip-seed)
  grep -Eq -- "$BENCH_INCLUDE" <<< SyncLatencyBenchmark || run_latency=
fi

echo "== build (the seed example runs once here: it trains its class-data sharing archives)"
./mvnw -q ${MVN_OFFLINE:+-o} -pl benchmarks,samples -am process-classes -Dsample=SeedExample
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

echo "== JMH: every backend beside raw Hazelcast, 1 and 4 threads (log: $results/jmh.log)"
java -Xmx512m -cp "$classpath" io.sharedobjects.benchmarks.RunAll --out "$results" "${jmh[@]}" > "$results/jmh.log" 2>&1 \
  || { tail -50 "$results/jmh.log"; exit 1; }
grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' "$results/jmh.log" || true

if [[ -n "$run_latency" ]]; then
  echo "== wake-ups across two JVMs: event, condition, barrier (log: $results/sync-latency.log)"
  java -cp "$classpath" io.sharedobjects.benchmarks.SyncLatencyBenchmark --out "$results" "${latency[@]}" \
    > "$results/sync-latency.log" 2>&1 || { tail -50 "$results/sync-latency.log"; exit 1; }
  grep -E '^(member|client) ' "$results/sync-latency.log" || true
fi

echo "== Python's multiprocessing.Manager, and the seed job in Python and Java"
python3 benchmarks/manager_bench.py --out "$results/python.json" \
  --java-seed-command samples/target/cds/SeedExample.command "${python[@]}"

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "== summary"
python3 benchmarks/summarize.py --results "$results" --load-before "$load_before" --load-after "$load_after" \
  --command "benchmarks/run.sh${BENCH_QUICK:+ (BENCH_QUICK=1)}"
java -cp "$classpath" io.sharedobjects.benchmarks.Chart "$results/summary.csv" "$results/chart.png"
echo "== wrote $results/summary.md, $results/summary.csv, $results/chart.png"
if [[ -z "${BENCH_QUICK:-}" && -z "${BENCH_INCLUDE:-}" && -z "${BENCH_PROF:-}" ]]; then
  # A full run: its table goes into docs/performance.md, its chart to docs/performance.png.
  python3 benchmarks/publish.py --results "$results"
fi
