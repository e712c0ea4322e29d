"""Memory and time of one duplicate check and one incoming match query, at N stored encodings.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<yours> \\
        python bench/bench_matching.py setup --cases 100000
    DATABASE_URL=... python bench/bench_matching.py measure duplicate   # or: query
    DATABASE_URL=... python bench/bench_matching.py agreement --queries 300

``setup`` fills a dedicated, empty PostgreSQL database: N fictional cases (no identity; their
names exist only as encodings), each encoded under the instance's own key and under the key
of a fictional peer ``rs-bench`` from ``linkage.synthetic`` (fictional people of seven
languages), the blocking keys beside them (written with COPY), then one probe case with an
identity: a second recording of a stored child, as another service would register it.
``measure`` runs one kind of call ``--repeat`` times in this fresh process and prints one line
of JSON: the median time and the peak resident memory the call added (VmHWM after, VmRSS
before, the peak reset before each call through /proc/self/clear_refs). ``CHILDPATH_CODE=dir``
measures the code of another checkout against the same database (the "before" figures in
BENCHMARKS.md are the commit before the blocking keys, whose ``stored_set`` loads every
encoding). ``agreement`` compares, for the second recordings of stored children, the answer
from the database's candidates with the answer over every stored encoding in memory.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(os.environ.get("CHILDPATH_CODE") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")
# The bench measures one call in the web worker; nothing runs in the background here.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

PEER = "rs-bench"
STATE = Path(__file__).resolve().parent.parent / "var" / "bench" / "matching.json"


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(field)


# --- setup -------------------------------------------------------------------------------


def setup(cases: int) -> None:
    from django.core.management import call_command

    from childpath import linkage
    from childpath.accounts.models import Organisation, Sector, User
    from childpath.cases.models import Case, Identity
    from childpath.linkage import synthetic
    from childpath.linkage.encoding import EncodingSet
    from childpath.matching import services
    from childpath.matching.blocks import block_keys
    from childpath.matching.models import LOCAL, CaseEncoding, PeerPolicy

    if connection.vendor != "postgresql":
        raise SystemExit("bench_matching writes with COPY: DATABASE_URL must be PostgreSQL.")
    call_command("migrate", verbosity=0)
    if Case.objects.exists():
        raise SystemExit("the database already has cases: give setup an empty database")
    organisation = Organisation.objects.create(
        name="Bench Social Services (fictional)", sector=Sector.SOCIAL_SERVICES, country="SE"
    )
    user = User.objects.create_user(username="bench-matching", organisation=organisation)
    keys = {peer: services.rotate_key(actor=None, peer=peer) for peer in (LOCAL, PEER)}
    PeerPolicy.objects.create(peer=PEER, may_ask=True, queries_per_hour=1_000_000)
    started = time.perf_counter()
    first, second, truth = synthetic.generate(cases, seed=12)
    first = first[:cases]
    note(f"{len(first):,} fictional people in {time.perf_counter() - started:.1f} s")
    made = Case.objects.bulk_create(
        (
            Case(
                reference=f"BENCH-{index:07d}",
                created_by=user,
                created_by_organisation=organisation,
                sex="",
                migration_status="",
                unaccompanied="",
            )
            for index in range(len(first))
        ),
        batch_size=5000,
    )
    ids = [case.pk for case in made]
    note(f"{len(ids):,} cases in {time.perf_counter() - started:.1f} s")
    for peer, key in keys.items():
        encoder = linkage.Encoder(services.linkage_key(key))
        blobs = [encoder.encode(record) for record in first]
        encodings = EncodingSet.from_bytes([r.id for r in first], blobs, key.key_id)
        CaseEncoding.objects.bulk_create(
            (
                CaseEncoding(case_id=case_id, peer=peer, key_version=key.version, encoding=blob)
                for case_id, blob in zip(ids, blobs, strict=True)
            ),
            batch_size=5000,
        )
        by_case = dict(
            CaseEncoding.objects.filter(peer=peer).values_list("case_id", "pk").iterator()
        )
        if _has_blocks():
            rows = 0
            with connection.cursor() as cursor:
                raw = cursor.cursor  # psycopg's own cursor, for COPY
                with raw.copy(
                    "COPY matching_blockkey (encoding_id, peer, key_version, key) FROM STDIN"
                ) as copy:
                    for case_id, values in zip(
                        ids, block_keys(encodings, services.linkage_key(key)), strict=True
                    ):
                        for value in values:
                            copy.write_row((by_case[case_id], peer, key.version, value))
                            rows += 1
            note(f"{peer}: {rows:,} blocking keys")
        note(f"{peer}: encodings in {time.perf_counter() - started:.1f} s")
    # The probe: a second recording of a stored child (the first true pair by id).
    index = {record.id: n for n, record in enumerate(first)}
    pairs = sorted((a, b) for a, b in truth if a in index)
    by_id = {record.id: record for record in second}
    probe_record = by_id[pairs[0][1]]
    with transaction.atomic():
        probe = Case.objects.create(
            reference="BENCH-PROBE",
            created_by=user,
            created_by_organisation=organisation,
            sex="",
            migration_status="",
            unaccompanied="",
        )
        Identity.objects.create(
            case=probe,
            given_names=probe_record.given_names,
            family_name=probe_record.family_name,
            date_of_birth=probe_record.date_of_birth,
        )
    encoder = linkage.Encoder(services.linkage_key(keys[PEER]))
    queries = [base64.b64encode(encoder.encode(by_id[b])).decode() for _a, b in pairs[:1000]]
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    STATE.parent.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps({"cases": len(ids), "probe": probe.pk, "queries": queries}))
    note(f"ready in {time.perf_counter() - started:.1f} s; state in {STATE}")


def _has_blocks() -> bool:
    return "matching_blockkey" in connection.introspection.table_names()


# --- measure -------------------------------------------------------------------------------


def _payload(key: Any, blob_b64: str, n: int) -> dict[str, Any]:
    from childpath import linkage

    return {
        "format": 1,
        "query_id": f"bench-{n}",
        "key_id": key.key_id,
        "key_version": key.version,
        "normalisation": linkage.NORMALISATION_VERSION,
        "encoding": blob_b64,
    }


def measure(kind: str, repeat: int) -> dict[str, Any]:
    from childpath.cases.models import Case
    from childpath.matching import services

    state = json.loads(STATE.read_text())
    probe = Case.objects.get(pk=state["probe"])
    key = services.current_key(PEER)
    assert key is not None
    times, peaks, results = [], [], []
    for n in range(repeat):
        Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
        before = _status("VmRSS")
        started = time.perf_counter()
        if kind == "duplicate":
            results.append(len(services.flag_duplicates(case=probe)))
        else:
            answer = services.answer_query(peer=PEER, payload=_payload(key, state["queries"][n], n))
            results.append(len(answer["candidates"]))
        times.append(time.perf_counter() - started)
        peaks.append(_status("VmHWM") - before)
    return {
        "kind": kind,
        "stored": state["cases"],
        "code": str(ROOT),
        "first_ms": round(1000 * times[0], 1),
        "median_ms": round(1000 * statistics.median(times), 1),
        "first_peak_mb": round(peaks[0] / 2**20, 1),
        "max_peak_mb": round(max(peaks) / 2**20, 1),
        "results": results,
    }


def agreement(queries: int) -> dict[str, Any]:
    """Answers from the database's candidates against answers over everything in memory."""
    from childpath import linkage
    from childpath.linkage.encoding import EncodingSet
    from childpath.matching import services
    from childpath.matching.models import CaseEncoding

    state = json.loads(STATE.read_text())
    key = services.current_key(PEER)
    assert key is not None
    rows = list(
        CaseEncoding.objects.filter(peer=PEER, key_version=key.version)
        .order_by("case_id")
        .values_list("case_id", "encoding")
    )
    everything = EncodingSet.from_bytes(
        [str(r[0]) for r in rows], [bytes(r[1]) for r in rows], key.key_id
    )
    fetched = []
    out: dict[str, Any] = {"queries_per_prior": min(queries, len(state["queries"]))}
    for name, prior in (("incoming query, prior 1/N", 1.0 / len(rows)), ("duplicates, 0.01", 0.01)):
        same = found = extra = 0
        missed: list[float] = []
        for blob_b64 in state["queries"][:queries]:
            blob = base64.b64decode(blob_b64)
            one = EncodingSet.from_bytes(["q"], [blob], key.key_id)
            memory = [
                (everything.id(m.index), round(m.probability, 6))
                for m in linkage.query(one, everything, prior=prior)
            ]
            subset, _ids = services.fetch_candidates(PEER, key, blob)
            fetched.append(len(subset))
            blocked = [
                (subset.id(m.index), round(m.probability, 6))
                for m in linkage.query(one, subset, prior=prior)
            ]
            same += memory == blocked
            in_blocked = {reference for reference, _p in blocked}
            in_memory = {reference for reference, _p in memory}
            found += len(in_memory & in_blocked)
            extra += len(in_blocked - in_memory)
            missed += [p for reference, p in memory if reference not in in_blocked]
        out[name] = {
            "same_answer": same,
            "candidates_found": found,
            "candidates_missed": len(missed),
            "missed_likely": sum(1 for p in missed if p >= linkage.LIKELY),
            "candidates_extra": extra,
        }
    out["fetched_median"] = statistics.median(fetched)
    out["fetched_p90"] = sorted(fetched)[int(0.9 * len(fetched))]
    out["fetched_max"] = max(fetched)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup").add_argument("--cases", type=int, default=100_000)
    measuring = commands.add_parser("measure")
    measuring.add_argument("kind", choices=["duplicate", "query"])
    measuring.add_argument("--repeat", type=int, default=7)
    commands.add_parser("agreement").add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    if args.command == "setup":
        setup(args.cases)
    elif args.command == "measure":
        print(json.dumps(measure(args.kind, args.repeat)))
    else:
        print(json.dumps(agreement(args.queries)))


if __name__ == "__main__":
    main()
