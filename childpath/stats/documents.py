"""A release as a document: JSON in the HTCDS vocabulary (codes, not translated labels, so
countries' files line up) with the definitions and the catalogue version, and CSV; and the
combination of several instances' releases into one table, protected again."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from childpath.stats import disclosure, signing
from childpath.stats.barriers import Figure
from childpath.stats.definitions import BREAKDOWNS, TABLES
from childpath.stats.feedback import QUESTIONS, Feedback
from childpath.stats.selectors import Result

FORMAT = "childpath-statistics-release/1"


def table_document(result: Result) -> dict[str, Any]:
    breakdown = result.breakdown
    with translation.override("en"):
        return {
            "name": result.table.name,
            "title": str(result.table.title),
            "definition": result.definition,
            "unit": result.table.unit,
            "breakdown": {"name": breakdown.name, "htcds": breakdown.htcds},
            "categories": [
                {"code": code, "label": str(label), "count": row[0]}
                for (code, label), row in zip(result.rows, result.cells, strict=True)
            ],
            "total": result.total,
        }


def figure_document(figure: Figure) -> dict[str, Any]:
    return {
        "name": figure.name,
        "title": figure.title,
        "definition": figure.definition,
        "n": figure.n,
        "median_days": figure.median,
        "p90_days": figure.p90,
        "share_percent": figure.share,
    }


def feedback_document(children: Feedback) -> dict[str, Any]:
    """Children's feedback by kind of meeting (codes), None where suppressed."""
    return {
        "definition": children.definition,
        "questions": list(QUESTIONS),
        "kinds": [
            {
                "code": row.kind,
                "answers": row.answers,
                "share_yes_percent": dict(zip(QUESTIONS, row.shares, strict=True)),
            }
            for row in children.rows
        ],
        "total": children.total,
    }


def csv_text(document: dict[str, Any]) -> str:
    """One row per published cell: table, HTCDS field, category, count ("suppressed" when
    suppressed, never 0), with the release's identity in the first columns."""
    out = io.StringIO()
    writer = csv.writer(out)
    release = document["release"]
    writer.writerow(
        [
            "release",
            "version",
            "period_start",
            "period_end",
            "table",
            "htcds_field",
            "category",
            "count",
        ]
    )
    for t in document["tables"]:
        for cat in [*t["categories"], {"code": "TOTAL", "count": t["total"]}]:
            count = "suppressed" if cat["count"] is None else cat["count"]
            writer.writerow(
                [
                    release["id"],
                    release["version"],
                    document["period"]["start"],
                    document["period"]["end"],
                    t["name"],
                    t["breakdown"]["htcds"],
                    cat["code"],
                    count,
                ]
            )
    return out.getvalue()


class DocumentError(ValueError):
    """An uploaded release that cannot be used; ``code`` picks the translated message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Combined:
    table: str
    countries: list[str]
    fingerprints: list[str]
    categories: list[tuple[str, str, int | None]]
    total: int | None
    threshold: int


@dataclass
class Received:
    """A release file read and its signature checked, with whose key signed it."""

    document: dict[str, Any]
    trust: signing.Trust

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(self.document["instance"]["public_key"])

    @property
    def country(self) -> str:
        return str(self.document["instance"].get("country") or "")


def receive(raw: bytes) -> Received:
    """``read``, then whose key it is: this instance's, or a peer's as the federation registry
    holds it. A key the registry does not list for a known peer is refused; an instance the
    registry does not know, or has not confirmed, is accepted but marked as not verified."""
    document = read(raw)
    trust = signing.trust(document)
    if not trust.accepted:
        raise DocumentError("peer_key")
    return Received(document, trust)


def read(raw: bytes) -> dict[str, Any]:
    """Parse and verify one signed release file (as downloaded: {"document", "signature"})."""
    try:
        wrapper = json.loads(raw)
        document, signature = wrapper["document"], wrapper["signature"]
        public_key = document["instance"]["public_key"]
    except (ValueError, KeyError, TypeError):
        raise DocumentError("malformed") from None
    if document.get("format") != FORMAT:
        raise DocumentError("format")
    if not signing.verify(document, signature, public_key):
        raise DocumentError("signature")
    return dict(document)


def combine(documents: list[dict[str, Any]], table: str, threshold: int) -> Combined:
    """Add up one table across releases of several instances for the same period, then
    suppress again: a cell suppressed in any input is unknown in the sum, so it stays
    suppressed, and the one-way rule (threshold, partner) is applied to the sums."""
    if table not in TABLES:
        raise DocumentError("unknown_table")
    if len(documents) < 2:
        raise DocumentError("too_few")
    keys = [d["instance"]["public_key"] for d in documents]
    if len(set(keys)) != len(keys):
        # Two releases of one instance would count its children twice.
        raise DocumentError("same_instance")
    periods = {(d["period"]["start"], d["period"]["end"]) for d in documents}
    if len(periods) != 1:
        raise DocumentError("periods_differ")
    parts = []
    for d in documents:
        found = next((t for t in d["tables"] if t["name"] == table), None)
        if found is None:
            raise DocumentError("table_missing")
        parts.append(found)
    breakdown = BREAKDOWNS[TABLES[table].breakdown]
    codes = [cat["code"] for cat in parts[0]["categories"]]
    if any([cat["code"] for cat in part["categories"]] != codes for part in parts):
        raise DocumentError("layouts_differ")
    sums: list[int | None] = []
    for i in range(len(codes)):
        values = [part["categories"][i]["count"] for part in parts]
        sums.append(None if None in values else sum(values))
    totals = [part["total"] for part in parts]
    total = None if None in totals else sum(totals)
    fixed = codes.index(breakdown.fixed) if breakdown.fixed in codes else None
    cells = disclosure.one_way_known(sums, total, threshold, fixed=fixed)
    labels = [str(cat.get("label", cat["code"])) for cat in parts[0]["categories"]]
    return Combined(
        table=table,
        countries=[str(d["instance"].get("country") or "") for d in documents],
        fingerprints=[signing.fingerprint(d["instance"]["public_key"]) for d in documents],
        categories=list(zip(codes, labels, cells.cells, strict=True)),
        total=cells.total,
        threshold=threshold,
    )
