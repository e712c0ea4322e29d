"""Two real instances on loopback, each with its own gunicorn, database, keys and worker, and a
fault-injecting proxy each way between them. Used by the end-to-end test (a few hundred
messages) and by ``bench/bench_federation.py`` (10,000).

    python -m childpath.exchange.e2e.harness --messages 300

The run: Sweden sends referral requests; Serbia acknowledges and accepts them (a case opens
there, the ticked identity travels); both sides exchange status updates and information
requests while the proxies drop, delay, duplicate and reorder deliveries and the Serbian
instance is taken down for a while; Sweden transfers half the cases and closes all. Then both
databases are compared: nothing lost, nothing applied twice, the same state on both sides,
and both audit chains intact.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from childpath.exchange import keys
from childpath.exchange.e2e.proxy import FaultProxy, Faults

ROOT = Path(__file__).resolve().parents[3]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DEFAULT_FAULTS = Faults(
    drop_request=0.03, drop_response=0.03, duplicate=0.03, delay_max=0.02, hold=0.01
)


@dataclass
class Instance:
    name: str
    country: str
    port: int
    proxy_port: int  # where the *other* instance reaches this one
    work: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def instance_id(self) -> str:
        return f"childpath-{self.country.lower()}-e2e"

    @property
    def database(self) -> Path:
        return self.work / f"{self.name}.sqlite3"

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DATABASE_URL", "CHILDPATH_", "FEDERATION_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="childpath.settings",
            PYTHONPATH=str(ROOT),
            DATABASE_URL=f"sqlite:///{self.database}",
            CHILDPATH_COUNTRY=self.country,
            CHILDPATH_PROFILE=self.country,
            CHILDPATH_INSTANCE_ID=self.instance_id,
            CHILDPATH_KEYS_FILE=str(self.work / f"{self.name}.keys.env"),
            FEDERATION_KEYS_FILE=str(self.work / f"{self.instance_id}.json"),
            CHILDPATH_BASE_URL=f"http://127.0.0.1:{self.proxy_port}",
            FEDERATION_RETRY_BASE="0.1",
            FEDERATION_RETRY_CAP="1.0",
            FEDERATION_TIMEOUT="10",
            LOG_LEVEL="ERROR",
            SECURE_COOKIES="false",
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            # Its own static files: collectstatic here must not rewrite the checkout's while
            # other test processes read them.
            STATIC_ROOT=str(self.work / "static"),
        )
        return env

    def run(self, *args: str, timeout: float = 900) -> str:
        result = subprocess.run(
            [PY, *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{self.name}: {' '.join(args)} failed:\n{result.stderr.decode()[-3000:]}"
            )
        return result.stdout.decode()

    def undelivered(self) -> int:
        """Messages still to deliver, read straight from the database (no Django start-up)."""
        with closing(sqlite3.connect(self.database, timeout=30)) as connection:
            row = connection.execute(
                "SELECT count(*) FROM exchange_outboxmessage WHERE state IN ('pending', 'sending')"
            ).fetchone()
        return int(row[0])

    def card(self) -> dict[str, Any]:
        ring = keys.load(self.work / f"{self.instance_id}.json")
        return keys.card(
            instance=self.instance_id,
            country=self.country,
            name=f"Childpath {self.country} (e2e)",
            address=f"http://127.0.0.1:{self.proxy_port}/federation/inbox",
            keys=ring.public_keys(datetime.now(UTC)),
        )

    def drive(self, *args: str, timeout: float = 900) -> Any:
        out = self.run("-m", "childpath.exchange.e2e.driver", *args, timeout=timeout)
        return json.loads(out) if out.strip() else None

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            list(args),
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=open(self.work / f"{self.name}.log", "ab"),  # noqa: SIM115
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def serve(self, workers: int = 2, threads: int = 2) -> subprocess.Popen[bytes]:
        # gthread, as in production (deploy/gunicorn.conf.py): it keeps connections alive.
        process = self.start(
            GUNICORN,
            "childpath.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        )
        wait_healthy(self.port)
        return process

    def worker(self, threads: int = 4) -> subprocess.Popen[bytes]:
        return self.start(
            PY,
            "manage.py",
            "federation_worker",
            "--loop",
            "--interval",
            "0.2",
            "--threads",
            str(threads),
        )


def together(*calls: tuple[Instance, tuple[str, ...]], timeout: float = 900) -> list[str]:
    """Driver commands on both instances at the same time (each start-up takes seconds)."""
    processes = [
        subprocess.Popen(
            [PY, "-m", "childpath.exchange.e2e.driver", *args],
            cwd=ROOT,
            env=instance.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for instance, args in calls
    ]
    outputs = []
    for process in processes:
        out, errors = process.communicate(timeout=timeout)
        if process.returncode:
            raise RuntimeError(errors.decode()[-3000:])
        outputs.append(out.decode())
    return outputs


def wait_healthy(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and every descendant still alive (gunicorn's workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(child) for child in children)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


@dataclass
class Pair:
    se: Instance
    rs: Instance
    to_rs: FaultProxy  # Sweden's worker → proxy → Serbia's inbox
    to_se: FaultProxy

    @property
    def instances(self) -> tuple[Instance, Instance]:
        return self.se, self.rs

    def drained(self) -> bool:
        return not any(instance.undelivered() for instance in self.instances)

    def wait_drained(self, timeout: float) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.drained():
                return time.monotonic() - started
            time.sleep(0.5)
        raise RuntimeError(f"not drained after {timeout} s")

    def outage(self, after: float, seconds: float) -> None:
        """The Serbian instance unreachable for a while, both ways."""
        time.sleep(after)
        self.to_rs.down = self.to_se.down = True
        time.sleep(seconds)
        self.to_rs.down = self.to_se.down = False

    def faults(self, faults: Faults) -> None:
        self.to_rs.faults = faults
        self.to_se.faults = faults


@contextmanager
def two_instances(base_port: int, *, seed: int = 11) -> Iterator[Pair]:
    """Both instances set up, paired through the proxies, serving; everything stopped after."""
    work = Path(tempfile.mkdtemp(prefix="childpath-e2e-"))
    se = Instance("se", "SE", base_port, base_port + 2, work)
    rs = Instance("rs", "RS", base_port + 1, base_port + 3, work)
    to_rs = FaultProxy(port=rs.proxy_port, upstream=rs.port, faults=Faults(), seed=seed)
    to_se = FaultProxy(port=se.proxy_port, upstream=se.port, faults=Faults(), seed=seed + 1)
    try:
        for instance in (se, rs):
            instance.run(
                "scripts/ensure_keys.py",
                "--instance",
                instance.instance_id,
                "--keys-file",
                str(work / f"{instance.name}.keys.env"),
            )
        se.run("manage.py", "migrate", "--noinput", "--verbosity", "0")
        # The servers run the production settings, whose static files need their manifest: a
        # fresh clone has none until collectstatic (pages would answer 500 without it).
        se.run("manage.py", "collectstatic", "--noinput", "--verbosity", "0")
        # One migration for both: the same empty schema, copied.
        shutil.copy(se.database, rs.database)
        for instance in (se, rs):
            (work / f"{instance.name}.card.json").write_text(json.dumps(instance.card()))
        # The record-linkage key both focal points share for match queries (made out of band).
        linkage = str(work / "linkage.key.json")
        se.run("-m", "childpath.linkage", "keygen", "--out", linkage)
        together(
            (se, ("setup", str(work / "rs.card.json"), rs.card()["address"], linkage)),
            (rs, ("setup", str(work / "se.card.json"), se.card()["address"], linkage)),
        )
        to_rs.start()
        to_se.start()
        se.serve()
        rs.serve()
        yield Pair(se, rs, to_rs, to_se)
    finally:
        for instance in (se, rs):
            for process in instance.processes:
                stop(process)
        for proxy in (to_rs, to_se):
            with suppress(OSError):
                proxy.stop()
        shutil.rmtree(work, ignore_errors=True)


@dataclass
class Result:
    messages: int
    seconds: float
    lost: int
    applied_twice: int
    same_state: bool
    differences: list[str]
    audit_intact: bool
    refused: int
    proxy: dict[str, dict[str, int]]
    types: dict[str, int]
    cpu: dict[str, float]

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.applied_twice == 0 and self.same_state and self.audit_intact


def compare(se: dict[str, Any], rs: dict[str, Any]) -> tuple[int, int, list[str]]:
    """Lost messages, messages applied twice, and the differences between the two sides."""
    differences = []
    lost = len(set(se["sent"]) - set(rs["applied"])) + len(set(rs["sent"]) - set(se["applied"]))
    asked = se["matches"]
    if not (asked["asked"] == asked["answered"] == rs["matches"]["incoming_answered"]):
        differences.append(f"match queries: {asked} / {rs['matches']}")
    if asked["found"] != asked["asked"]:
        differences.append(f"match queries: {asked['found']} of {asked['asked']} children found")
    twice = (len(rs["applied"]) - len(set(rs["applied"]))) + (
        len(se["applied"]) - len(set(se["applied"]))
    )
    if se["referrals"].keys() != rs["referrals"].keys():
        differences.append("different conversations")
    for conversation, mine in se["referrals"].items():
        theirs = rs["referrals"].get(conversation)
        if theirs is None:
            continue
        if mine["status"] != theirs["status"]:
            differences.append(f"{conversation}: {mine['status']} / {theirs['status']}")
        flipped = sorted((i, t, not outgoing) for i, t, outgoing in theirs["entries"])
        if sorted(tuple(e) for e in mine["entries"]) != flipped:
            differences.append(f"{conversation}: different messages")
        mine_q = sorted((i, answered) for i, _, answered in mine["questions"])
        theirs_q = sorted((i, answered) for i, _, answered in theirs["questions"])
        if mine_q != theirs_q:
            differences.append(f"{conversation}: different information requests")
        sent_updates = sum(1 for _, t, out in mine["entries"] if out and t == "status.update")
        if theirs["update_events"] != sent_updates:
            # One timeline entry per update received: none missing, none twice.
            differences.append(f"{conversation}: {theirs['update_events']} timeline entries")
    return lost, twice, differences


def run(
    *,
    messages: int = 300,
    base_port: int = 8132,
    faults: Faults = DEFAULT_FAULTS,
    downtime: float = 3.0,
    timeout: float = 900,
) -> Result:
    referrals = max(4, messages // 30)
    with two_instances(base_port) as pair:
        se, rs = pair.instances
        started = time.monotonic()
        workers = [se.worker(), rs.worker()]
        pair.faults(faults)
        se.drive("requests", str(referrals))
        pair.wait_drained(timeout)
        rs.drive("respond")
        pair.wait_drained(timeout)
        # Request, acknowledgement, acceptance, identity and closure for each; a transfer for
        # every other one.
        fixed = referrals * 5 + (referrals + 1) // 2
        chatter = max(0, messages - fixed)
        # ~10% of the chatter are questions, each answered by the other side.
        chatter = math.ceil(chatter / 1.1)
        half = chatter // 2
        outage = threading.Thread(target=pair.outage, args=(1.0, downtime))
        outage.start()
        together((se, ("chatter", str(half))), (rs, ("chatter", str(chatter - half))))
        outage.join()
        pair.wait_drained(timeout)
        together((se, ("answer",)), (rs, ("answer",)))
        pair.wait_drained(timeout)
        # "Is this child known there?" for every child referred: a match query each way
        # through the outbox, answered by the other side's linkage (the child is known there
        # by then: the identity travelled on acceptance).
        se.drive("match", str(referrals))
        pair.wait_drained(timeout)
        se.drive("finish")
        pair.wait_drained(timeout)
        seconds = time.monotonic() - started
        cpu = {
            "se_server": cpu_seconds(se.processes[0].pid),
            "rs_server": cpu_seconds(rs.processes[0].pid),
            "se_worker": cpu_seconds(workers[0].pid),
            "rs_worker": cpu_seconds(workers[1].pid),
        }
        for process in workers:
            stop(process)
        se_out, rs_out = together((se, ("state",)), (rs, ("state",)))
        se_state, rs_state = json.loads(se_out), json.loads(rs_out)
        lost, twice, differences = compare(se_state, rs_state)
        checks = [
            subprocess.Popen(
                [PY, "manage.py", "verify_audit"],
                cwd=ROOT,
                env=i.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for i in (se, rs)
        ]
        audit = all(check.wait(timeout=timeout) == 0 for check in checks)
        types: dict[str, int] = {}
        for side in (se_state, rs_state):
            for name, count in side["types"].items():
                types[name] = types.get(name, 0) + count
        return Result(
            messages=len(se_state["sent"]) + len(rs_state["sent"]),
            seconds=seconds,
            lost=lost,
            applied_twice=twice,
            same_state=not differences,
            differences=differences[:20],
            audit_intact=audit,
            refused=se_state["refused_inbox"] + rs_state["refused_inbox"],
            proxy={"to_rs": pair.to_rs.counters.as_dict(), "to_se": pair.to_se.counters.as_dict()},
            types=types,
            cpu=cpu,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--base-port", type=int, default=8132)
    arguments = parser.parse_args()
    result = run(messages=arguments.messages, base_port=arguments.base_port)
    json.dump(result.__dict__, sys.stdout, indent=2)
    sys.stdout.write("\n")
    sys.exit(0 if result.ok else 1)


if __name__ == "__main__":
    main()
