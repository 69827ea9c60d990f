#!/usr/bin/env python3
"""One table from a run: JMH's JSON (library and raw Hazelcast) beside manager_bench.py's JSON (Python).

Also the wake-up latencies across two processes: SyncLatencyBenchmark's JSON (sync-latency.json) beside
Python's, in milliseconds, median and 99th percentile.

Prints the table with the ratios library/raw Hazelcast and library/Python, checks the performance targets,
and writes summary.md and summary.csv next to the inputs. Each figure is the median of the measured
iterations (windows, for Python), in operations per second. Standard library only.
"""
import argparse
import csv
import json
import os
import platform
import statistics

# (JMH benchmark, label, Python operation or None)
OPERATIONS = [
    ("DictBenchmark.put", "dict put", "DictBenchmark.put"),
    ("DictBenchmark.get", "dict get", "DictBenchmark.get"),
    ("NearCacheBenchmark.get", "dict get, near cache", "DictBenchmark.get"),
    ("DictBenchmark.putAll100", "dict putAll 100", "DictBenchmark.putAll100"),
    ("DictBenchmark.getAll100", "dict getAll 100", None),
    ("AsyncBenchmark.getAsync100", "dict 100 x getAsync", None),
    ("DictBenchmark.iterate10k", "dict iterate 10k", "DictBenchmark.iterate10k"),
    ("ListBenchmark.append", "list append", "ListBenchmark.append"),
    ("ListBenchmark.getByIndex", "list get(i)", "ListBenchmark.getByIndex"),
    ("ListBenchmark.iterate10k", "list iterate 10k", "ListBenchmark.iterate10k"),
    ("LockBenchmark.lockUnlock", "lock + unlock", "LockBenchmark.lockUnlock"),
    ("LockBenchmark.tryLockContended", "tryLock shared lock", "LockBenchmark.tryLockContended"),
    ("CounterBenchmark.incrementAndGet", "counter incrementAndGet", "CounterBenchmark.incrementAndGet"),
    ("SemaphoreBenchmark.acquireRelease", "semaphore acquire + release", "SemaphoreBenchmark.acquireRelease"),
]

# Operations whose targets are their own (issue 13), not the "3x Python" and "client >= Python" of the rest.
OWN_TARGETS = {"SemaphoreBenchmark.acquireRelease"}

# Wake-up latencies across two processes: (key in sync-latency.json and python.json, label).
LATENCIES = [
    ("event", "event set-to-wake"),
    ("condition", "condition signal-to-wake"),
    ("barrier", "barrier round, 2 parties"),
]
WAKE_UP_MEDIAN_MS = 5.0

# PairedBenchmark methods (library and raw in one fork, call by call) and their labels.
PAIRED = [
    ("put", "dict put"),
    ("set", "dict set"),
    ("get", "dict get"),
    ("append", "list append"),
    ("lockUnlock", "lock + unlock"),
    ("iterate10k", "dict iterate 10k"),
]

# TypesPairedBenchmark methods: (method, label, Python operation or None, target library/raw or None).
TYPES_PAIRED = [
    ("queuePutTake", "queue put + take", "TypesPairedBenchmark.queuePutTake", 0.95),
    ("setAdd", "set add", None, 0.95),
    ("setContains", "set contains", None, 0.95),
    ("valueGet", "value get", "TypesPairedBenchmark.valueGet", None),
    ("valueSet", "value set", "TypesPairedBenchmark.valueSet", None),
    ("counterIncrement", "counter incrementAndGet", "CounterBenchmark.incrementAndGet", None),
]

# Table columns: (heading, backend parameter); near-cache rows use the -near-cache backends.
BACKENDS = ["in-memory", "embedded", "embedded-raw", "client", "client-raw"]
RATIO_MIN_VS_RAW = 0.97
EMBEDDED_VS_PYTHON = 3.0
NEAR_CACHE_VS_PYTHON = 20.0
SEED_SECONDS = 1.0


def load_jmh(paths):
    scores = {}
    info = {}
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for entry in json.load(f):
                name = entry["benchmark"].rsplit(".", 2)
                name = name[-2] + "." + name[-1]
                backend = entry["params"]["backend"].replace("-near-cache", "")
                raw = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
                scores[(name, entry["threads"], backend)] = statistics.median(raw)
                info = {"jdk": entry["jdkVersion"], "vm": entry["vmName"] + " " + entry["vmVersion"],
                        "warmup": f"{entry['warmupIterations']} x {entry['warmupTime']}",
                        "measurement": f"{entry['measurementIterations']} x {entry['measurementTime']}",
                        "forks": entry["forks"]}
    return scores, info


def load_paired(paths, rates=None):
    """(method, backend) -> raw time / library time, from the paired benchmarks' nanosecond counters.

    With a dict for rates, also fills (method, backend) -> (library calls/s, raw calls/s): the pairs made
    over the nanoseconds spent in each side."""
    ratios = {}
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for entry in json.load(f):
                if "PairedBenchmark." not in entry["benchmark"]:
                    continue
                method = entry["benchmark"].rsplit(".", 1)[-1]
                metrics = entry.get("secondaryMetrics", {})
                sides = {}
                for side in ("library", "raw"):
                    data = metrics.get(side, {}).get("rawData", [])
                    sides[side] = sum(x for fork in data for x in fork)
                if sides["library"] > 0 and sides["raw"] > 0:
                    ratios[(method, entry["params"]["backend"])] = sides["raw"] / sides["library"]
                    if rates is not None:
                        pairs = sum(x for fork in entry["primaryMetric"]["rawData"] for x in fork) \
                            * seconds(entry["measurementTime"])
                        rates[(method, entry["params"]["backend"])] = (pairs * 1e9 / sides["library"],
                                                                       pairs * 1e9 / sides["raw"])
    return ratios


def seconds(jmh_time):
    """JMH's iteration time ("900 ms", "1 s") in seconds."""
    value, unit = jmh_time.split()
    return float(value) * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0}[unit]


def fmt(value):
    if value is None:
        return "—"
    if value >= 1e6:
        return f"{value / 1e6:.1f}M"
    if value >= 10e3:
        return f"{value / 1e3:.1f}k"
    if value >= 1e3:
        return f"{value / 1e3:.2f}k"
    return f"{value:.0f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}"


def fmt_latency(figure):
    """A latency figure of sync-latency.json or python.json as "median / p99" in milliseconds."""
    if not figure:
        return "—"
    return f"{figure['median_ms']:.2f} / {figure['p99_ms']:.2f}"


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({model}){memory}, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default="benchmarks/results")
    parser.add_argument("--load-before", default="")
    parser.add_argument("--load-after", default="")
    parser.add_argument("--command", default="benchmarks/run.sh")
    args = parser.parse_args()

    scores, jmh = load_jmh([os.path.join(args.results, f"jmh-t{t}.json") for t in (1, 4)])
    rates = {}
    paired = load_paired([os.path.join(args.results, "jmh-t1.json")], rates)
    with open(os.path.join(args.results, "python.json")) as f:
        python = json.load(f)
    py_ops = python.get("operations", {})

    rows = []
    for threads in (1, 4):
        for name, label, py_name in OPERATIONS:
            values = {b: scores.get((name, threads, b)) for b in BACKENDS}
            if all(v is None for v in values.values()):
                continue
            py = py_ops.get(str(threads), {}).get(py_name, {}).get("median") if py_name else None
            rows.append({"operation": label, "benchmark": name, "threads": threads, **values, "python": py})

    header = ["operation", "threads", "in-memory", "embedded", "embedded raw", "embedded / raw", "client",
              "client raw", "client / raw", "Python Manager", "embedded / Python", "client / Python"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join([
            r["operation"], str(r["threads"]), fmt(r["in-memory"]), fmt(r["embedded"]), fmt(r["embedded-raw"]),
            fmt_ratio(ratio(r["embedded"], r["embedded-raw"])), fmt(r["client"]), fmt(r["client-raw"]),
            fmt_ratio(ratio(r["client"], r["client-raw"])), fmt(r["python"]),
            fmt_ratio(ratio(r["embedded"], r["python"])), fmt_ratio(ratio(r["client"], r["python"]))]) + " |")
    table = "\n".join(lines)

    paired_lines = ["| operation (1 thread) | embedded / raw, paired | client / raw, paired |", "|---|---|---|"]
    for method, label in PAIRED:
        if any((method, b) in paired for b in ("embedded", "client")):
            paired_lines.append(f"| {label} | {fmt_ratio(paired.get((method, 'embedded')))} |"
                                f" {fmt_ratio(paired.get((method, 'client')))} |")
    paired_table = "\n".join(paired_lines) if len(paired_lines) > 2 else ""

    types_lines = ["| operation (1 thread) | embedded | embedded raw | embedded / raw | client | client raw |"
                   " client / raw | Python Manager |", "|" + "---|" * 8]
    for method, label, py_name, _target in TYPES_PAIRED:
        if not any((method, b) in paired for b in ("embedded", "client")):
            continue
        emb, cl = rates.get((method, "embedded"), (None, None)), rates.get((method, "client"), (None, None))
        py = py_ops.get("1", {}).get(py_name, {}).get("median") if py_name else None
        types_lines.append("| " + " | ".join([
            label, fmt(emb[0]), fmt(emb[1]), fmt_ratio(paired.get((method, "embedded"))), fmt(cl[0]), fmt(cl[1]),
            fmt_ratio(paired.get((method, "client"))), fmt(py)]) + " |")
    types_table = "\n".join(types_lines) if len(types_lines) > 2 else ""

    # Targets.
    checks = []
    labels = dict(PAIRED)
    vs_raw_paired = [(x, labels[m], b) for (m, b), x in paired.items() if m in labels]
    failing = sorted(c for c in vs_raw_paired if c[0] < RATIO_MIN_VS_RAW)
    if vs_raw_paired:  # absent when a run left PairedBenchmark out
        checks.append((f"library / raw Hazelcast >= {RATIO_MIN_VS_RAW} on every operation (paired: both in one fork,"
                       " call by call, 1 thread)", not failing and bool(vs_raw_paired),
                       ("below: " + ", ".join(f"{b} {op} {x:.2f}" for x, op, b in failing) if failing else
                        "all at or above") + "; at or above: " + (", ".join(
                           f"{b} {op} {x:.2f}" for x, op, b in sorted(vs_raw_paired) if x >= RATIO_MIN_VS_RAW) or "none")))
    vs_raw = [(ratio(r[b], r[b + "-raw"]), r["operation"], r["threads"], b)
              for r in rows for b in ("embedded", "client") if ratio(r[b], r[b + "-raw"]) is not None]
    below = [c for c in vs_raw if c[0] < RATIO_MIN_VS_RAW]
    typed = [(x, label, b, target) for method, label, _py, target in TYPES_PAIRED
             for b in ("embedded", "client") if (x := paired.get((method, b))) is not None]
    if typed:
        with_target = [t for t in typed if t[3] is not None]
        short = [t for t in with_target if t[0] < t[3]]
        checks.append(("queue and set: library / raw Hazelcast >= 0.95 (paired, 1 thread)",
                       not short and bool(with_target),
                       ", ".join(f"{b} {op} {x:.2f}" for x, op, b, _t in with_target)))
        checks.append(("value and counter: library / raw (paired, 1 thread; no target)", None,
                       ", ".join(f"{b} {op} {x:.2f}" for x, op, b, t in typed if t is None)))
    counter4 = scores.get(("CounterBenchmark.incrementAndGet", 4, "embedded"))
    py_counter4 = py_ops.get("4", {}).get("CounterBenchmark.incrementAndGet", {}).get("median")
    if counter4 is not None or py_counter4 is not None:
        checks.append(("counter incrementAndGet at 4 threads, embedded >= Python's locked increment at 4 processes",
                       counter4 is not None and py_counter4 is not None and counter4 >= py_counter4,
                       f"embedded {fmt(counter4)}/s, Python {fmt(py_counter4)}/s"))
    semaphore4 = scores.get(("SemaphoreBenchmark.acquireRelease", 4, "embedded"))
    py_semaphore4 = py_ops.get("4", {}).get("SemaphoreBenchmark.acquireRelease", {}).get("median")
    if semaphore4 is not None or py_semaphore4 is not None:
        checks.append(("semaphore acquire + release at 4 threads, embedded >= Python's BoundedSemaphore(2) at 4"
                       " processes", semaphore4 is not None and py_semaphore4 is not None
                       and semaphore4 >= py_semaphore4,
                       f"embedded {fmt(semaphore4)}/s, Python {fmt(py_semaphore4)}/s"))
    checks.append((f"library / raw from separate forks (the table; fork-to-fork noise included)", None,
                   f"{len(vs_raw) - len(below)} of {len(vs_raw)} at or above {RATIO_MIN_VS_RAW}; below: "
                   + (", ".join(f"{b} {op} {t} thr {x:.2f}" for x, op, t, b in sorted(below)) or "none")))
    plain = [r for r in rows if r["benchmark"] not in ("NearCacheBenchmark.get",) and r["benchmark"] not in OWN_TARGETS
             and r["python"]]
    emb = [(ratio(r["embedded"], r["python"]), r["operation"], r["threads"]) for r in plain if r["embedded"]]
    bad = [e for e in emb if e[0] < EMBEDDED_VS_PYTHON]
    checks.append((f"embedded >= {EMBEDDED_VS_PYTHON:g}x Python on every dict/list/lock/counter operation", not bad and bool(emb),
                   "; ".join(f"{op} {t} thr {x:.2f}x" for x, op, t in sorted(bad)) or
                   (f"lowest {min(emb)[0]:.2f}x ({min(emb)[1]}, {min(emb)[2]} thr)" if emb else "n/a")))
    cl4 = [(ratio(r["client"], r["python"]), r["operation"]) for r in plain if r["threads"] == 4 and r["client"]]
    bad = [c for c in cl4 if c[0] < 1.0]
    checks.append(("client >= Python at 4 threads", not bad and bool(cl4),
                   "; ".join(f"{op} {x:.2f}x" for x, op in sorted(bad)) or
                   (f"lowest {min(cl4)[0]:.2f}x ({min(cl4)[1]})" if cl4 else "n/a")))
    cl1 = [(ratio(r["client"], r["python"]), r["operation"]) for r in plain if r["threads"] == 1 and r["client"]]
    checks.append(("client vs Python at 1 thread (no target: find where the time goes)", None,
                   ", ".join(f"{op} {x:.2f}x" for x, op in cl1)))
    near = [(ratio(r[b], r["python"]), b, r["threads"]) for r in rows if r["benchmark"] == "NearCacheBenchmark.get"
            for b in ("embedded", "client") if r[b] and r["python"]]
    bad = [n for n in near if n[0] < NEAR_CACHE_VS_PYTHON]
    checks.append((f"near-cached dict reads >= {NEAR_CACHE_VS_PYTHON:g}x Python", not bad and bool(near),
                   ", ".join(f"{b} {t} thr {x:.0f}x" for x, b, t in near) or "n/a"))
    # Wake-ups across processes.
    sync = {}
    sync_path = os.path.join(args.results, "sync-latency.json")
    if os.path.exists(sync_path):
        with open(sync_path) as f:
            sync = json.load(f)
    variants = sync.get("variants", {})
    py_latency = python.get("latency", {})
    latency_table = ""
    if variants or py_latency:
        latency_lines = ["| across two processes (ms, median / p99) | library, embedded member waits |"
                         " library, client waits | Python Manager |", "|---|---|---|---|"]
        for key, label in LATENCIES:
            latency_lines.append("| " + " | ".join([label, fmt_latency(variants.get("member", {}).get(key)),
                                                    fmt_latency(variants.get("client", {}).get(key)),
                                                    fmt_latency(py_latency.get(key))]) + " |")
        latency_table = "\n".join(latency_lines)
        member = variants.get("member", {})
        wake = [(label, member.get(key, {}).get("median_ms")) for key, label in LATENCIES[:2]]
        checks.append((f"event and condition wake-ups across processes, median <= {WAKE_UP_MEDIAN_MS:g} ms on an"
                       " embedded member", all(m is not None and m <= WAKE_UP_MEDIAN_MS for _l, m in wake),
                       ", ".join(f"{label} {m:.2f} ms" if m is not None else f"{label} n/a" for label, m in wake)))
        others = [f"{label}: client {fmt_latency(variants.get('client', {}).get(key))} ms,"
                  f" Python {fmt_latency(py_latency.get(key))} ms" for key, label in LATENCIES[:2]]
        others.append(f"barrier round: embedded {fmt_latency(member.get('barrier'))} ms, client"
                      f" {fmt_latency(variants.get('client', {}).get('barrier'))} ms, Python"
                      f" {fmt_latency(py_latency.get('barrier'))} ms")
        checks.append(("wake-ups with a client waiting, barrier rounds, Python's (median / p99; no target)", None,
                       "; ".join(others)))
    sync_settings = sync.get("settings") or py_latency.get("settings") or {}
    waiters = {"member": "embedded member", "client": "client"}
    left_out = [f"{waiters.get(v, v)} {f['excluded']} of {f['n'] + f['excluded']}" for v, figures in variants.items()
                for k, f in figures.items() if f.get("excluded")] + \
               [f"Python {f['excluded']} of {f['n'] + f['excluded']}" for k, f in py_latency.items()
                if isinstance(f, dict) and f.get("excluded")]

    seed_java = python.get("seed_java", {}).get("printed_median_s")
    seed_py = python.get("seed_python", {}).get("printed_median_s")
    checks.append((f"seed job end to end < {SEED_SECONDS} s", seed_java is not None and seed_java < SEED_SECONDS,
                   f"Java {seed_java:.2f} s, Python {seed_py:.2f} s" if seed_java and seed_py else "n/a"))

    check_lines = [f"- {'MET' if ok else ('not met' if ok is False else 'info')}: {what} — {detail}"
                   for what, ok, detail in checks]

    seeds = []
    for key, label in (("seed_python", "Python (`python3 benchmarks/seed.py`)"),
                       ("seed_java", "Java (`SeedExample`, embedded member + client child JVM, as `SampleLauncher` runs it)")):
        if key in python:
            s = python[key]
            seeds.append(f"| {label} | {s['printed_median_s']:.3f} s | {s['exit_median_s']:.3f} s | {len(s['printed_s'])} |")

    settings = python.get("settings", {})
    md = "\n".join([
        "# Benchmark summary",
        "",
        f"Machine: {machine()}; JDK {jmh.get('vm', '?')}; Python {python.get('python', '?')}.",
        f"Load average (1, 5, 15 min) before: {args.load_before or '?'}; after: {args.load_after or '?'}.",
        f"JMH: {jmh.get('forks', '?')} fork, warm-up {jmh.get('warmup', '?')}, measurement {jmh.get('measurement', '?')};"
        f" Python: warm-up {settings.get('warmup_s', '?')} s, {settings.get('windows', '?')} windows of"
        f" {settings.get('window_s', '?')} s. Figures: operations per second, median of the measured iterations.",
        f"Command: `{args.command}`.",
        "",
        table,
        "",
        "Ratios above 1 favour the library. *raw*: the same operation on Hazelcast's `IMap`/`IList`/`IMap.lock`,"
        " through the very instance the library uses. *embedded*: this JVM is the only member. *client*: a client"
        " of a stock member in another JVM. *Python Manager*: the same operation through a `multiprocessing.Manager`"
        " proxy, from 1 or 4 client processes. *dict get, near cache*: the embedded and client columns hold"
        " near-cached reads (raw: `IMap` with the same near cache); the Python column is Python's plain get."
        " *semaphore*: one of 2 permits all threads share (Python: a manager `BoundedSemaphore(2)`); no raw"
        " columns, as Hazelcast open source has no semaphore.",
        "",
        *(["Library over raw Hazelcast measured in one fork (`PairedBenchmark`): a call of each in turn on the"
            " same instance, timed call by call; the ratio is raw's time over the library's, so the machine's swings"
            " hit both sides alike.", "", paired_table, ""] if paired_table else []),
        *(["Queue, set, value and counter beside raw Hazelcast in one fork (`TypesPairedBenchmark`), calls per"
            " second in each side (pairs over the time spent in that side). Raw: `IQueue` offer + poll, `ISet`,"
            " an `IMap` get/set of one key (value), an `IMap` compare-and-set loop (counter).", "", types_table, ""]
           if types_table else []),
        *([f"Wake-ups across two processes (`SyncLatencyBenchmark`: the waking JVM an embedded member, the"
           f" waiting JVM another embedded member of its cluster or a client of it; Python: the same with manager proxies, two"
           f" processes), after {sync_settings.get('warmup_rounds', '?')} warm-up rounds, of"
           f" {sync_settings.get('rounds', '?')} rounds each. *event*: from `set()` to the waiter's `await` returning;"
           f" *condition*: from `signal()` (then `unlock()`) to the waiter's `await` returning with the lock;"
           f" *barrier*: one generation of 2 parties, one in each process."
           + (f" Event rounds left out because the waiter had not yet entered `await` when the event was set:"
              f" {', '.join(left_out)}." if left_out
              else ""), "", latency_table, ""] if latency_table else []),
        "| seed job | to printed result (median) | to exit (median) | runs |",
        "|---|---|---|---|",
        *seeds,
        "",
        "## Targets",
        "",
        *check_lines,
        "",
    ])
    with open(os.path.join(args.results, "summary.md"), "w") as f:
        f.write(md)
    with open(os.path.join(args.results, "summary.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["operation", "threads", "backend", "ops_per_s"])
        for r in rows:
            for b in BACKENDS + ["python"]:
                if r[b] is not None:
                    backend = b + (" near cache" if r["benchmark"] == "NearCacheBenchmark.get" and b != "python" else "")
                    writer.writerow([r["operation"], r["threads"], backend, f"{r[b]:.1f}"])
    print(md)


if __name__ == "__main__":
    main()
