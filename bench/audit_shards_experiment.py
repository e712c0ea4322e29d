"""Would shards of the audit chain's head lift the append rate? An experiment in plain SQL.

    python bench/audit_shards_experiment.py --shards 16 --writers 32 --seconds 8

Not the application's code: two scratch tables (``tmp_audit_head``, ``tmp_audit_event``, made
and dropped in ``--database``) and, per append, the statements ``audit.services.record``
runs: lock a head row, insert the event chained to it, move the head, commit. With one head
row every writer waits for the one before it (today's design); with ``--shards`` > 1 a
writer takes any head row no other transaction holds (``FOR UPDATE SKIP LOCKED``), so up
to that many appends commit at once. Evidence for the design proposed in BENCHMARKS.md
("Audit appends"), measured before changing the chain itself.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import threading
import time

import psycopg

PG = "postgresql://postgres@127.0.0.1:5432"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument("--writers", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--database", default="cp_perf_bench")
    args = parser.parse_args()
    dsn = f"{PG}/{args.database}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS tmp_audit_event, tmp_audit_head")
        conn.execute(
            "CREATE TABLE tmp_audit_head (id int PRIMARY KEY, last_event_id bigint, last_hash text)"
        )
        conn.execute(
            "CREATE TABLE tmp_audit_event (id bigserial PRIMARY KEY, shard int, at timestamptz,"
            " actor text, action text, case_reference text, fields jsonb, previous_hash text,"
            " hash text UNIQUE)"
        )
        conn.execute("CREATE INDEX ON tmp_audit_event (case_reference)")
        for k in range(args.shards):
            conn.execute("INSERT INTO tmp_audit_head VALUES (%s, 0, %s)", (k, "0" * 64))
    stop = time.monotonic() + args.seconds
    latencies: list[float] = []

    def writer(k: int) -> None:
        rng = random.Random(k)
        with psycopg.connect(dsn) as conn:
            while time.monotonic() < stop:
                started = time.perf_counter()
                with conn.transaction():
                    row = None
                    if args.shards > 1:
                        row = conn.execute(
                            "SELECT id, last_hash FROM tmp_audit_head ORDER BY random() LIMIT 1"
                            " FOR UPDATE SKIP LOCKED"
                        ).fetchone()
                    if row is None:  # one shard, or every shard busy: wait for one
                        row = conn.execute(
                            "SELECT id, last_hash FROM tmp_audit_head WHERE id = %s FOR UPDATE",
                            (rng.randrange(args.shards),),
                        ).fetchone()
                    assert row is not None
                    digest = hashlib.sha256(f"{row[1]}\n{k} {started}".encode()).hexdigest()
                    inserted = conn.execute(
                        "INSERT INTO tmp_audit_event (shard, at, actor, action, case_reference,"
                        " fields, previous_hash, hash) VALUES (%s, now(), 'bench', 'case.view',"
                        " 'CP-XXXX-XXXX', '[]', %s, %s) RETURNING id",
                        (row[0], row[1], digest),
                    ).fetchone()
                    assert inserted is not None
                    conn.execute(
                        "UPDATE tmp_audit_head SET last_event_id = %s, last_hash = %s"
                        " WHERE id = %s",
                        (inserted[0], digest, row[0]),
                    )
                latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(args.writers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    print(
        f"shards={args.shards} writers={args.writers}: {len(ordered) / elapsed:,.0f} appends/s,"
        f" median {statistics.median(ordered):.1f} ms, p95 {ordered[int(len(ordered) * 0.95)]:.1f}"
        f" ms (load average {os.getloadavg()[0]:.2f})"
    )
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS tmp_audit_event, tmp_audit_head")


if __name__ == "__main__":
    main()
