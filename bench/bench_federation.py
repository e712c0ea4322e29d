"""Federation benchmark (BENCHMARKS.md): two real instances on loopback, each with gunicorn
(2 gthread workers of 2 threads, keep-alive), its own SQLite database and keys, and one
delivery worker (4 threads, batches of up to 100 envelopes).

1. Correctness under faults: 10,000 messages of mixed types through fault-injecting proxies
   (drops, delays, duplicates, reordering, an outage): lost, applied twice, same state, audit.
2. Throughput and drain: with the Serbian instance stopped, Sweden queues a backlog of
   10,000 status updates; Serbia comes back and the time to drain it is measured. Messages
   per second end to end (sign, encrypt, deliver, verify, decrypt, apply, receipt), and the
   CPU per message on each side (server and worker processes, from /proc).

    .venv/bin/python bench/bench_federation.py [--messages 10000] [--backlog 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from childpath.exchange.e2e import harness  # noqa: E402
from childpath.exchange.e2e.proxy import Faults  # noqa: E402


def drain(backlog: int, base_port: int) -> dict[str, object]:
    with harness.two_instances(base_port) as pair:
        se, rs = pair.instances
        workers = [se.worker(), rs.worker()]
        se.drive("requests", "20")
        pair.wait_drained(600)
        rs.drive("respond")
        pair.wait_drained(600)
        # Serbia goes down; Sweden's focal point keeps working: a backlog builds up.
        harness.stop(rs.processes[0])
        queued_at = time.monotonic()
        se.drive("chatter", str(backlog), timeout=3600)
        queue_seconds = time.monotonic() - queued_at
        waiting = se.undelivered()
        cpu_before = {
            "se_worker": harness.cpu_seconds(workers[0].pid),
        }
        started = time.monotonic()
        server = rs.serve()
        cpu_before["rs_server"] = harness.cpu_seconds(server.pid)
        # Backoff may hold messages for up to FEDERATION_RETRY_CAP (1 s here) after the outage.
        seconds = pair.wait_drained(3600)
        elapsed = time.monotonic() - started
        cpu = {
            "se_worker": harness.cpu_seconds(workers[0].pid) - cpu_before["se_worker"],
            "rs_server": harness.cpu_seconds(server.pid) - cpu_before["rs_server"],
        }
        load = os.getloadavg()
        return {
            "backlog": waiting,
            "queue_seconds": round(queue_seconds, 1),
            "drain_seconds": round(elapsed, 1),
            "messages_per_second": round(waiting / elapsed, 1),
            "cpu_ms_per_message": {k: round(1000 * v / waiting, 2) for k, v in cpu.items()},
            "load_average": [round(x, 2) for x in load],
            "polling_seconds": round(seconds, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description="Federation benchmark")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--backlog", type=int, default=10_000)
    parser.add_argument("--base-port", type=int, default=8124)
    arguments = parser.parse_args()
    report: dict[str, object] = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    if arguments.messages:
        started = time.monotonic()
        result = harness.run(
            messages=arguments.messages,
            base_port=arguments.base_port,
            # Per delivery, and a delivery now carries a batch: a little more often than the
            # 2% per single envelope before, so that faults still hit hundreds of messages.
            faults=Faults(
                drop_request=0.05, drop_response=0.05, duplicate=0.05, delay_max=0.01, hold=0.02
            ),
            downtime=10.0,
            timeout=7200,
        )
        report["faults"] = {
            **{k: v for k, v in result.__dict__.items() if k != "differences"},
            "differences": result.differences,
            "ok": result.ok,
            "wall_seconds": round(time.monotonic() - started, 1),
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        }
    if arguments.backlog:
        report["drain"] = drain(arguments.backlog, arguments.base_port)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "federation.json").write_text(json.dumps(report, indent=2))
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    faults = report.get("faults")
    sys.exit(0 if not isinstance(faults, dict) or faults["ok"] else 1)


if __name__ == "__main__":
    main()
