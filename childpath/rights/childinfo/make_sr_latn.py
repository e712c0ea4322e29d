"""Write sr-latn.yaml, the Serbian Latin texts, from sr.yaml (Cyrillic).

Serbian is written in both scripts and they map one to one, so the Latin texts are never
written by hand: run this after every change to sr.yaml. A test checks that sr-latn.yaml is
up to date (``python -m childpath.rights.childinfo.make_sr_latn --check`` does the same).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parents[2] / "scripts" / "transliterate_sr.py"
HEADER = (
    "# Generated from sr.yaml by childpath/rights/childinfo/make_sr_latn.py: do not edit by hand.\n"
)


def _transliterate() -> Callable[[str], str]:
    """The project's one Cyrillic-to-Latin function (scripts/transliterate_sr.py)."""
    spec = importlib.util.spec_from_file_location("transliterate_sr", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    function: Callable[[str], str] = module.transliterate
    return function


def latin(value: Any, transliterate: Callable[[str], str]) -> Any:
    """Every string of a loaded YAML document, transliterated; keys stay as they are."""
    if isinstance(value, dict):
        return {key: latin(item, transliterate) for key, item in value.items()}
    if isinstance(value, list):
        return [latin(item, transliterate) for item in value]
    if isinstance(value, str):
        return transliterate(value)
    return value


def expected() -> dict[str, Any]:
    with (HERE / "sr.yaml").open(encoding="utf-8") as handle:
        document: dict[str, Any] = latin(yaml.safe_load(handle), _transliterate())
    document["language"] = "sr-latn"
    return document


def render() -> str:
    return HEADER + yaml.safe_dump(
        expected(), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if sr-latn.yaml is stale")
    args = parser.parse_args(argv)
    target = HERE / "sr-latn.yaml"
    if args.check:
        with target.open(encoding="utf-8") as handle:
            current = yaml.safe_load(handle)
        if current != expected():
            print(f"{target} is out of date: run make_sr_latn.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
