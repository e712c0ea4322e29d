"""``make bench`` part for issue 12: the linkage benchmarks, side by side in one run.

Creates its own virtual environment ``var/bench-linkage-venv`` (splink, recordlinkage,
anonlink and numpy: never in the project's requirements), then runs, each in that
environment, the accuracy comparison (FEBRL4: ours private, splink, recordlinkage; the
cross-script set), the frequency attack, and the speed and memory figures. Every figure
carries the 1-minute load average; results go to ``var/bench/linkage-<time>.json``.

    .venv/bin/python bench/linkage/bench_linkage.py [--skip accuracy,attack,dice,million,link]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "var" / "bench-linkage-venv"
PY = VENV / "bin" / "python"
PACKAGES = ["numpy", "pandas", "splink", "recordlinkage", "anonlink"]


def ensure_venv() -> None:
    if (
        PY.exists()
        and subprocess.run(
            [str(PY), "-c", "import splink, recordlinkage, anonlink"], capture_output=True
        ).returncode
        == 0
    ):
        return
    print("creating var/bench-linkage-venv (splink, recordlinkage, anonlink)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
    subprocess.run(
        [str(PY), "-m", "pip", "install", "--quiet", *PACKAGES], check=True, timeout=1800
    )


def run(script: str, *args: str, timeout: int) -> dict[str, object]:
    started = time.monotonic()
    result = subprocess.run(
        [str(PY), script, *args],
        cwd=ROOT / "bench" / "linkage",
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = result.stdout.splitlines()
    payload = next((line[5:] for line in reversed(lines) if line.startswith("JSON ")), None)
    if result.returncode != 0 or payload is None:
        return {"error": (result.stderr or result.stdout)[-3000:]}
    data: dict[str, object] = json.loads(payload)
    data["wall_seconds"] = round(time.monotonic() - started, 1)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out")
    parser.add_argument("--people", default="20000", help="size of the cross-script set")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    ensure_venv()
    results: dict[str, object] = {"date": datetime.now(UTC).isoformat(timespec="seconds")}
    if "accuracy" not in skip:
        results["accuracy"] = run("accuracy.py", args.people, timeout=3600)
    if "attack" not in skip:
        results["attack"] = run("attack.py", timeout=3600)
    speed = [part for part in ("dice", "million", "link") if part not in skip]
    if speed:
        results["speed"] = run("speed.py", *speed, timeout=3600)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"linkage-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    print(f"Results: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
