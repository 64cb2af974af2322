"""Benchmarks of cruddur against the tools it replaces, on the local stack. Run through scripts/bench.

list-tables: `cruddur ddb list-tables` versus `aws dynamodb list-tables`, alternating, medians.
seed:        `cruddur ddb seed` of a 2,000-line conversation versus a sequential boto3 PutItem loop
             (the old seed script), plus DynamoDB Local's own ceiling for batched writes.
scan:        `cruddur ddb scan --output json` of 20,000 and 200,000 items: items/s and peak RSS.
throttled:   `cruddur ddb seed` of 2,000 lines through the fault proxy (examples/fault_proxy.rs) enforcing
             100 write units/s with a burst of 100, beside boto3's batch_writer through the same proxy,
             against the capacity's own limit; then the same with random throttling, 5xx and resets.
"""

import concurrent.futures
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRUDDUR = os.path.join(ROOT, "target", "release", "cruddur")
FAULT_PROXY = os.path.join(ROOT, "target", "release", "examples", "fault_proxy")
ENDPOINT = "http://localhost:8000"
DB_URL = "postgresql://postgres:password@localhost:5432/"
ENV = dict(
    os.environ,
    AWS_ACCESS_KEY_ID="cruddurbench",
    AWS_SECRET_ACCESS_KEY="cruddurbench",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_REGION="us-east-1",
    AWS_ENDPOINT_URL_DYNAMODB=ENDPOINT,
)


def run(args, env=ENV, **kwargs):
    return subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, **kwargs)


def timed(args, env=ENV):
    start = time.perf_counter()
    run(args, env)
    return time.perf_counter() - start


def dynamodb():
    return boto3.client("dynamodb", endpoint_url=ENDPOINT, region_name="us-east-1",
                        aws_access_key_id="cruddurbench", aws_secret_access_key="cruddurbench")


class Scratch:
    """A database with the seed users and a messages table of the benchmark's own."""

    def __init__(self):
        self.name = "bench_" + uuid.uuid4().hex[:8]
        self.table = "cruddur-bench-" + self.name
        self.env = dict(ENV, CONNECTION_URL=DB_URL + self.name)

    def __enter__(self):
        run(["psql", DB_URL + "postgres", "-qc", f'CREATE DATABASE "{self.name}"'])
        for f in ("sql/schema.sql", "sql/seed.sql"):
            run(["psql", DB_URL + self.name, "-q", "-f", os.path.join(ROOT, f)], stderr=subprocess.DEVNULL)
        self.cruddur("ddb", "schema-load", "--billing", "on-demand")
        return self

    def cruddur(self, *args):
        run([CRUDDUR, "--table", self.table, *args], self.env)

    def clear(self):
        run([CRUDDUR, "--table", self.table, "--yes", "ddb", "drop"], self.env)
        self.cruddur("ddb", "schema-load", "--billing", "on-demand")

    def __exit__(self, *exc):
        run([CRUDDUR, "--table", self.table, "ddb", "drop"], self.env)
        run(["psql", DB_URL + "postgres", "-qc", f'DROP DATABASE "{self.name}" WITH (FORCE)'])


def conversation_file(lines):
    f = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    for i in range(lines):
        f.write(f"Person {i % 2 + 1}: generated message number {i} for the benchmark\n")
    f.close()
    return f.name


def bench_list_tables(runs=21):
    aws = os.path.join(os.path.dirname(sys.executable), "aws")
    ours, theirs = [], []
    for _ in range(runs):  # alternating, so both see the same machine load
        ours.append(timed([CRUDDUR, "ddb", "list-tables"]))
        theirs.append(timed([aws, "dynamodb", "list-tables", "--endpoint-url", ENDPOINT]))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"list-tables: cruddur {a * 1000:.1f} ms, aws cli {b * 1000:.1f} ms (medians of {runs}): {b / a:.1f}x faster")


def python_put_loop(table, rows):
    client = dynamodb()
    start = time.perf_counter()
    for item in rows:
        client.put_item(TableName=table, Item=item)
    return time.perf_counter() - start


def rows_of(lines, group):
    """The rows a seed writes, in boto3's wire shape, for the old script's PutItem loop."""
    user = str(uuid.uuid4())
    rows = []
    for i in range(lines):
        rows.append({
            "pk": {"S": f"MSG#{group}"}, "sk": {"S": f"2026-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}.{i:06d}+00:00"},
            "message_uuid": {"S": str(uuid.uuid4())}, "message": {"S": f"generated message number {i}"},
            "user_uuid": {"S": user}, "user_display_name": {"S": "Bench"}, "user_handle": {"S": "bench"},
        })
    return rows


def ceiling(table, total=20000, threads=16):
    """DynamoDB Local's own limit: batches of 25 from many threads, no start-up, no look-ups."""
    client = dynamodb()
    rows = rows_of(total, uuid.uuid4())

    def write(chunk):
        pending = [{"PutRequest": {"Item": r}} for r in chunk]
        while pending:
            out = client.batch_write_item(RequestItems={table: pending})
            pending = out.get("UnprocessedItems", {}).get(table, [])

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(write, [rows[i:i + 25] for i in range(0, total, 25)]))
    return total / (time.perf_counter() - start)


def bench_seed(lines=2000, runs=5):
    path = conversation_file(lines)
    try:
        with Scratch() as scratch:
            ours, theirs = [], []
            for _ in range(runs):
                scratch.clear()
                start = time.perf_counter()
                scratch.cruddur("ddb", "seed", "--conversation", path)
                ours.append(time.perf_counter() - start)
                scratch.clear()
                theirs.append(python_put_loop(scratch.table, rows_of(lines + 2, uuid.uuid4())))
            scratch.clear()
            limit = ceiling(scratch.table)
            scratch.clear()
            big = conversation_file(20000)
            start = time.perf_counter()
            scratch.cruddur("ddb", "seed", "--conversation", big)
            steady = 20002 / (time.perf_counter() - start)
            os.unlink(big)
    finally:
        os.unlink(path)
    a, b = statistics.median(ours), statistics.median(theirs)
    rate = (lines + 2) / a
    print(f"seed {lines} lines: cruddur {a:.3f} s ({rate:.0f} rows/s, start-up and Postgres look-up included), "
          f"boto3 PutItem loop {b:.3f} s (medians of {runs}): {b / a:.1f}x faster")
    best = max(limit, steady)  # the most DynamoDB Local was seen to accept: its ceiling, as far as we know
    print(f"DynamoDB Local's ceiling: boto3 with 16 threads of BatchWriteItem {limit:.0f} rows/s, "
          f"cruddur seed of 20,000 lines {steady:.0f} rows/s; the 2,000-line seed (start-up included) "
          f"reaches {100 * rate / best:.0f}% of the best")


def bench_scan():
    with Scratch() as scratch:
        results = []
        for lines in (20000, 200000):
            scratch.clear()
            path = conversation_file(lines - 2)
            scratch.cruddur("ddb", "seed", "--conversation", path)
            os.unlink(path)
            # Each measurement in a fresh process, so its peak RSS is its own.
            code = ("import sys, resource, subprocess, time; s=time.perf_counter(); "
                    "p=subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, check=True); "
                    "print(p.stdout.count(b'\\n'), time.perf_counter()-s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
            out = subprocess.run([sys.executable, "-c", code, CRUDDUR, "--table", scratch.table, "ddb", "scan",
                                  "--output", "json"], env=scratch.env, check=True, stdout=subprocess.PIPE, text=True)
            items, seconds, rss_kib = out.stdout.split()
            items, seconds, rss_mib = int(items), float(seconds), int(rss_kib) / 1024
            results.append((items, seconds, rss_mib))
            print(f"scan {items} items to JSON: {seconds:.2f} s, {items / seconds:.0f} items/s, peak RSS {rss_mib:.1f} MiB")
        growth = results[1][2] - results[0][2]
        print(f"peak RSS growth from 20,000 to 200,000 items: {growth:.1f} MiB (limit 10 MiB)")


class FaultProxy:
    """The project's fault-injecting proxy in front of DynamoDB Local, for one measurement (a full
    token bucket at the start)."""

    def __init__(self, *flags):
        self.flags = flags

    def __enter__(self):
        self.process = subprocess.Popen([FAULT_PROXY, "--upstream", ENDPOINT, *self.flags],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        self.url = line.strip().rsplit(" ", 1)[-1]
        if not self.url.startswith("http://"):
            raise SystemExit(f"fault proxy did not start: {line!r} {self.process.stderr.read()}")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        _, self.stats = self.process.communicate()


def count_items(table):
    client = dynamodb()
    total, start = 0, {}
    while True:
        out = client.scan(TableName=table, Select="COUNT", **start)
        total += out["Count"]
        if "LastEvaluatedKey" not in out:
            return total
        start = {"ExclusiveStartKey": out["LastEvaluatedKey"]}


def batch_writer_through(url, table, rows):
    resource = boto3.resource("dynamodb", endpoint_url=url, region_name="us-east-1",
                              aws_access_key_id="cruddurbench", aws_secret_access_key="cruddurbench")
    start = time.perf_counter()
    with resource.Table(table).batch_writer() as batch:
        for row in rows:
            batch.put_item(Item={k: v["S"] for k, v in row.items()})
    return time.perf_counter() - start


def bench_throttled(lines=2000, wcu=100, burst=100):
    path = conversation_file(lines)
    rows = lines + 2
    limit = (rows - burst) / wcu
    try:
        with Scratch() as scratch:
            results = {}
            for name in ("cruddur", "batch_writer"):
                scratch.clear()
                with FaultProxy("--wcu", str(wcu), "--burst", str(burst)) as proxy:
                    if name == "cruddur":
                        start = time.perf_counter()
                        run([CRUDDUR, "--table", scratch.table, "ddb", "seed", "--conversation", path],
                            dict(scratch.env, AWS_ENDPOINT_URL_DYNAMODB=proxy.url))
                        seconds = time.perf_counter() - start
                    else:
                        seconds = batch_writer_through(proxy.url, scratch.table, rows_of(rows, uuid.uuid4()))
                results[name] = (seconds, count_items(scratch.table))
            ours, theirs = results["cruddur"], results["batch_writer"]
            print(f"seed {lines} lines through {wcu} WCU/s (burst {burst}): cruddur {ours[0]:.1f} s ({ours[1]} rows), "
                  f"boto3 batch_writer {theirs[0]:.1f} s ({theirs[1]} rows), the capacity's own limit {limit:.1f} s: "
                  f"cruddur at {ours[0] / limit:.2f}x the limit")
            faults = ("--throttle", "0.2", "--server-error", "0.05", "--reset", "0.05")
            scratch.clear()
            with FaultProxy(*faults) as proxy:
                start = time.perf_counter()
                run([CRUDDUR, "--table", scratch.table, "ddb", "seed", "--conversation", path],
                    dict(scratch.env, AWS_ENDPOINT_URL_DYNAMODB=proxy.url))
                seconds = time.perf_counter() - start
            print(f"seed {lines} lines with 20% throttled, 5% 500s, 5% resets: cruddur {seconds:.2f} s, "
                  f"{count_items(scratch.table)} rows (expected {rows})")
    finally:
        os.unlink(path)


BENCHES = {"list-tables": bench_list_tables, "seed": bench_seed, "scan": bench_scan,
           "throttled": bench_throttled}

if __name__ == "__main__":
    names = sys.argv[1:] or ["all"]
    for name in (BENCHES if names == ["all"] else names):
        if name not in BENCHES:
            sys.exit(f"usage: scripts/bench {'|'.join(BENCHES)}|all")
        BENCHES[name]()
