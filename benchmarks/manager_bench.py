#!/usr/bin/env python3
"""Python's multiprocessing.Manager beside the JMH benchmarks, and the seed job in Python and in Java.

Runs the operations of the JMH set through Manager proxies, with the same keys and values (integer keys,
"value-000042" strings): the manager runs in its own process, as Manager() always does, and the benchmark
loops run in other processes, each a client with its own connection, 1 or 4 of them. Each operation is
warmed up, then counted in windows; the result per window is the sum over the processes, and the reported
figure is the median window, in operations per second.

Then the wake-up latencies across two processes that SyncLatencyBenchmark measures for the library: a
manager Event set in one process and awaited in another, a manager Condition notified in one and awaited in
the other, and the rounds of a manager Barrier of 2 parties, one in each; median and 99th percentile.

Then it times the seed job end to end (process start to the second printed line, and to exit) for
seed.py and for the Java seed example (the command SampleLauncher wrote), the median of several runs.

Standard library only. Writes JSON; summarize.py turns it and JMH's JSON into the comparison table.
"""
import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import re
import statistics
import subprocess
import sys
import time

KEYS = 1_000
BATCH = 100
BIG = 10_000
KEY = list(range(BIG))
VALUE = ["value-%06d" % i for i in range(BIG)]
BATCHES = [{KEY[i]: VALUE[i] for i in range(start, start + BATCH)} for start in range(0, KEYS, BATCH)]

# Operation name (as in the JMH set) -> function(objects, worker index) returning the loop body.
# getAll100 has no counterpart: a DictProxy has no bulk read of chosen keys.
def _put(o, w):
    d, i = o["dict"], [w * 257]
    def op():
        k = i[0] % KEYS; i[0] += 1
        d[KEY[k]] = VALUE[k]
    return op

def _get(o, w):
    d, i = o["dict"], [w * 257]
    def op():
        k = i[0] % KEYS; i[0] += 1
        return d[KEY[k]]
    return op

def _put_all(o, w):
    d, i = o["dict"], [w]
    def op():
        d.update(BATCHES[i[0] % len(BATCHES)]); i[0] += 1
    return op

def _dict_iterate(o, w):
    big = o["big_dict"]
    def op():
        for _k, _v in big.items():  # items() returns all pairs in one round trip
            pass
    return op

def _append(o, w):
    l = o["appended"]
    def op():
        l.append(VALUE[0])
    return op

def _list_get(o, w):
    l, i = o["list"], [w * 257]
    def op():
        k = i[0] % KEYS; i[0] += 1
        return l[k]
    return op

def _list_iterate(o, w):
    big = o["big_list"]
    def op():
        for _x in big[:]:  # a slice copies the list in one round trip; `for x in big` would make one per element
            pass
    return op

def _lock_unlock(o, w):
    lock = o["locks"][w]
    def op():
        lock.acquire()
        lock.release()
    return op

def _try_lock(o, w):
    lock = o["shared_lock"]
    def op():
        if lock.acquire(False):
            lock.release()
    return op

def _queue_put_get(o, w):
    q = o["queue"]
    def op():
        q.put(VALUE[0])
        return q.get()
    return op

def _value_get(o, w):
    v = o["value"]
    def op():
        return v.value
    return op

def _value_set(o, w):
    v, i = o["value"], [w * 257]
    def op():
        k = i[0] % KEYS; i[0] += 1
        v.value = VALUE[k]
    return op

def _locked_increment(o, w):
    # A manager Value's `+=` is a get and a set, two round trips another process can come between; a manager
    # Lock around it is Python's only atomic increment across processes.
    counter, lock = o["counter"], o["counter_lock"]
    def op():
        with lock:
            counter.value += 1
    return op

def _semaphore(o, w):
    # One BoundedSemaphore(2) all processes share, as SemaphoreBenchmark's semaphore of 2 permits.
    semaphore = o["semaphore"]
    def op():
        semaphore.acquire()
        semaphore.release()
    return op

OPERATIONS = {
    "DictBenchmark.put": _put,
    "DictBenchmark.get": _get,
    "DictBenchmark.putAll100": _put_all,
    "DictBenchmark.iterate10k": _dict_iterate,
    "ListBenchmark.append": _append,
    "ListBenchmark.getByIndex": _list_get,
    "ListBenchmark.iterate10k": _list_iterate,
    "LockBenchmark.lockUnlock": _lock_unlock,
    "LockBenchmark.tryLockContended": _try_lock,
    "TypesPairedBenchmark.queuePutTake": _queue_put_get,
    "TypesPairedBenchmark.valueGet": _value_get,
    "TypesPairedBenchmark.valueSet": _value_set,
    "CounterBenchmark.incrementAndGet": _locked_increment,
    "SemaphoreBenchmark.acquireRelease": _semaphore,
}


def _worker(name, objects, index, warmup, window, iterations, barrier, results):
    op = OPERATIONS[name](objects, index)
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        op()
    barrier.wait()
    counts = []
    for _ in range(iterations):
        n = 0
        end = time.perf_counter() + window
        while time.perf_counter() < end:
            op()
            n += 1
        counts.append(n)
    results.put(counts)


def measure(name, objects, processes, warmup, window, iterations):
    barrier = mp.Barrier(processes)
    results = mp.Queue()
    workers = [mp.Process(target=_worker, args=(name, objects, i, warmup, window, iterations, barrier, results))
               for i in range(processes)]
    for w in workers:
        w.start()
    counts = [results.get() for _ in workers]
    for w in workers:
        w.join()
    per_window = [sum(c[i] for c in counts) / window for i in range(iterations)]
    return {"median": statistics.median(per_window), "windows": per_window}


def python_set(args):
    out = {}
    with mp.Manager() as manager:
        objects = {
            "dict": manager.dict({KEY[i]: VALUE[i] for i in range(KEYS)}),
            "big_dict": manager.dict({KEY[i]: VALUE[i] for i in range(BIG)}),
            "list": manager.list(VALUE[:KEYS]),
            "big_list": manager.list(VALUE[:BIG]),
            "appended": manager.list(),
            "locks": [manager.Lock() for _ in range(max(args.processes))],
            "shared_lock": manager.Lock(),
            "queue": manager.Queue(),
            "value": manager.Value("u", VALUE[0]),
            "counter": manager.Value("q", 0),
            "counter_lock": manager.Lock(),
            "semaphore": manager.BoundedSemaphore(2),
        }
        for processes in args.processes:
            for name in OPERATIONS:
                if args.only and not re.search(args.only, name):
                    continue
                objects["appended"][:] = []
                result = measure(name, objects, processes, args.warmup, args.time, args.iterations)
                out.setdefault(str(processes), {})[name] = result
                print(f"python  {name:32s} {processes} proc  {result['median']:12,.0f} ops/s", flush=True)
    return out


# Wake-up latencies across two processes, as SyncLatencyBenchmark measures them for the library. The
# processes coordinate over a pipe, outside the measured intervals; time.monotonic_ns() is CLOCK_MONOTONIC,
# one clock for every process of the machine.
LATENCY = "SyncLatencyBenchmark"  # the name --only matches to select these
WAIT_S = 30  # no wait may take longer: a stalled object fails the run rather than hanging it


def _latency_child(conn, event, condition, round_value, barrier):
    while True:
        command = conn.recv()
        if command[0] == "event":
            entered = time.monotonic_ns()
            if not event.wait(WAIT_S):
                raise SystemExit(f"event not set within {WAIT_S} s in round {command[1]}")
            conn.send((entered, time.monotonic_ns()))
        elif command[0] == "condition":
            with condition:
                conn.send("holding")
                for r in range(1, command[1] + 1):
                    entered = woke = 0
                    deadline = time.monotonic() + WAIT_S
                    # The round is read after the stamp: a figure holds only the wake-up, not this read.
                    while round_value.value < r:
                        if time.monotonic() > deadline:
                            raise SystemExit(f"no notify within {WAIT_S} s in round {r}")
                        entered = time.monotonic_ns()
                        condition.wait(WAIT_S)
                        woke = time.monotonic_ns()
                    conn.send((entered, woke))
            conn.send("done")
        elif command[0] == "barrier":
            for _ in range(command[1]):
                barrier.wait(WAIT_S)
            conn.send("done")
        else:
            return


def _receive(conn):
    if not conn.poll(WAIT_S + 10):
        raise SystemExit(f"the latency child did not answer within {WAIT_S + 10} s")
    return conn.recv()


def _latency_stats(nanos, excluded):
    """Median and 99th percentile (nearest rank) in milliseconds, as SyncLatencyBenchmark computes them."""
    if not nanos:
        raise SystemExit(f"no latency round counted ({excluded} left out)")
    micros = sorted(round(n / 1000) for n in nanos)
    return {"median_ms": statistics.median(micros) / 1000,
            "p99_ms": micros[math.ceil(0.99 * len(micros)) - 1] / 1000,
            "mean_ms": statistics.mean(micros) / 1000, "n": len(micros), "excluded": excluded,
            "samples_us": [round(n / 1000) for n in nanos]}


def _non_negative(nanos):
    if nanos < 0:
        raise SystemExit("a wake-up before its cause: time.monotonic_ns() is not one clock across processes here")
    return nanos


def python_latency(args):
    total = args.latency_warmup + args.latency_rounds
    out = {"settings": {"warmup_rounds": args.latency_warmup, "rounds": args.latency_rounds,
                        "pause_ms": args.pause_ms}}
    with mp.Manager() as manager:
        event, condition = manager.Event(), manager.Condition()
        round_value, barrier = manager.Value("i", 0), manager.Barrier(2)
        conn, child_conn = mp.Pipe()
        child = mp.Process(target=_latency_child, args=(child_conn, event, condition, round_value, barrier))
        child.start()
        try:
            # Event: the child waits; after a pause (so that it is waiting) this process sets the event.
            samples, not_waiting = [], 0
            for i in range(1, total + 1):
                event.clear()
                conn.send(("event", i))
                time.sleep(args.pause_ms / 1000)
                set_at = time.monotonic_ns()
                event.set()
                entered, woke = _receive(conn)
                if i <= args.latency_warmup:
                    continue
                if entered > set_at:
                    not_waiting += 1
                else:
                    samples.append(_non_negative(woke - set_at))
            out["event"] = _latency_stats(samples, not_waiting)
            # Condition: the child holds the lock but inside wait(), so acquiring it means the child waits.
            samples = []
            conn.send(("condition", total))
            if _receive(conn) != "holding":
                raise SystemExit("the latency child did not take the condition's lock")
            for r in range(1, total + 1):
                with condition:
                    round_value.value = r
                    notified_at = time.monotonic_ns()
                    condition.notify()
                entered, woke = _receive(conn)
                if r > args.latency_warmup:
                    samples.append(_non_negative(woke - notified_at))
            _receive(conn)
            out["condition"] = _latency_stats(samples, 0)
            # Barrier of 2 parties, one in each process: the time between two returns here, one generation.
            samples, previous = [], 0
            conn.send(("barrier", total))
            for g in range(1, total + 1):
                barrier.wait(WAIT_S)
                now = time.monotonic_ns()
                if g > args.latency_warmup and g > 1:
                    samples.append(now - previous)
                previous = now
            _receive(conn)
            out["barrier"] = _latency_stats(samples, 0)
        finally:
            conn.send(("quit",))
            child.join(WAIT_S)
            if child.is_alive():
                child.kill()
    for name, label in (("event", "event set-to-wake"), ("condition", "condition signal-to-wake"),
                        ("barrier", "barrier round, 2 parties")):
        s = out[name]
        print(f"python  {label:32s} median {s['median_ms']:8.3f} ms  p99 {s['p99_ms']:8.3f} ms"
              + (f"  ({s['excluded']} left out: not waiting yet)" if s["excluded"] else ""), flush=True)
    return out


def time_command(command, runs, cwd=None):
    """Median seconds from start to the second line on stdout (the printed result), and to exit."""
    printed, exited, output = [], [], None
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
        lines = [p.stdout.readline(), p.stdout.readline()]
        printed.append(time.perf_counter() - start)
        rest, err = p.communicate()
        exited.append(time.perf_counter() - start)
        if p.returncode != 0:
            raise SystemExit(f"{command[0]} failed ({p.returncode}): {err}")
        output = "".join(lines).strip()
    return {"printed_median_s": statistics.median(printed), "exit_median_s": statistics.median(exited),
            "printed_s": printed, "exit_s": exited, "output": output}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="benchmarks/results/python.json")
    parser.add_argument("--processes", default="1,4", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up per operation")
    parser.add_argument("--time", type=float, default=1.0, help="seconds per measured window")
    parser.add_argument("--iterations", type=int, default=3, help="measured windows per operation")
    parser.add_argument("--seed-runs", type=int, default=7)
    parser.add_argument("--java-seed-command", help="file with the Java seed example's command, one argument per line")
    parser.add_argument("--skip-set", action="store_true", help="only time the seed jobs")
    parser.add_argument("--only", help="a regular expression: only the operations whose name it matches")
    parser.add_argument("--skip-seed", action="store_true", help="do not time the seed jobs")
    parser.add_argument("--latency-warmup", type=int, default=100, help="warm-up rounds per latency figure")
    parser.add_argument("--latency-rounds", type=int, default=400, help="measured rounds per latency figure")
    parser.add_argument("--pause-ms", type=float, default=5, help="pause before each event round, ms")
    args = parser.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    result = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
              "settings": {"warmup_s": args.warmup, "window_s": args.time, "windows": args.iterations}}
    if not args.skip_set:
        result["operations"] = python_set(args)
        if not args.only or re.search(args.only, LATENCY):
            result["latency"] = python_latency(args)
    if not args.skip_seed:
        result["seed_python"] = time_command([sys.executable, os.path.join(here, "seed.py")], args.seed_runs)
        print(f"seed    python  printed {result['seed_python']['printed_median_s']:.3f} s", flush=True)
    if args.java_seed_command and not args.skip_seed:
        with open(args.java_seed_command) as f:
            command = [line for line in f.read().splitlines() if line]
        result["seed_java"] = time_command(command, args.seed_runs)
        print(f"seed    java    printed {result['seed_java']['printed_median_s']:.3f} s", flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
