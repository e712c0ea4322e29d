"""Build the Serbian Latin indicator catalogue texts from the Serbian Cyrillic ones.

Serbian is written in both scripts and the two map one to one, so sr-latn is never translated by
hand: this script transliterates every text of childpath/indicators/catalogue/i18n/sr.yaml into
childpath/indicators/catalogue/i18n/sr-latn.yaml. Keys and ids (themes, sets, dimensions,
indicators and the field names) are copied as they are; ``language`` becomes ``sr-latn``. The
letter table is the one of scripts/transliterate_sr.py (the .po catalogues), imported, not copied.

    python scripts/transliterate_catalogue_sr.py          # write sr-latn.yaml from sr.yaml
    python scripts/transliterate_catalogue_sr.py --check  # exit 1 if sr-latn.yaml is not up to date

Run it after every change to sr.yaml.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from transliterate_sr import transliterate  # the letter table of the .po script

I18N = Path(__file__).resolve().parent.parent / "childpath" / "indicators" / "catalogue" / "i18n"
SOURCE = I18N / "sr.yaml"
TARGET = I18N / "sr-latn.yaml"
LANGUAGE = "sr-latn"
GENERATED = (
    "# Generated from sr.yaml by scripts/transliterate_catalogue_sr.py: do not edit by hand.\n"
    "# Serbian (Latin) texts of the harmonised indicator catalogue; same ids as core.yaml and\n"
    "# the country extensions.\n"
)
SECTIONS = ("themes", "sets", "dimensions")
FIELDS = ("text", "explore", "not_meaning")


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar; keep the letters readable.
    return json.dumps(text, ensure_ascii=False)


def _translit(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"sr.yaml: {where} must be a non-empty string")
    return transliterate(value)


def convert(source: str) -> str:
    """The text of sr-latn.yaml for the text of sr.yaml."""
    data = yaml.safe_load(source)
    if not isinstance(data, dict) or data.get("language") != "sr":
        raise ValueError("sr.yaml: the top level must be a mapping with 'language: sr'")
    unknown = sorted(set(data) - {"language", *SECTIONS, "indicators"})
    if unknown:
        raise ValueError(f"sr.yaml: unknown top-level keys {unknown}")
    out = [GENERATED, f"language: {LANGUAGE}\n"]
    for section in SECTIONS:
        out.append(f"\n{section}:\n")
        for key, title in (data.get(section) or {}).items():
            out.append(f"  {key}: {_quoted(_translit(title, f'{section}.{key}'))}\n")
    out.append("\nindicators:\n")
    for ident, fields in (data.get("indicators") or {}).items():
        if not isinstance(fields, dict):
            raise ValueError(f"sr.yaml: indicator {ident!r} must be a mapping")
        extra = sorted(set(fields) - set(FIELDS))
        if extra:
            raise ValueError(f"sr.yaml: indicator {ident!r} has unknown fields {extra}")
        out.append(f"\n  {ident}:\n")
        for field in FIELDS:
            if field in fields:
                text = _translit(fields[field], f"{ident}.{field}")
                out.append(f"    {field}: {_quoted(text)}\n")
    return "".join(out)


def _cyrillic_left(text: str) -> list[str]:
    return sorted({char for char in text if "\u0400" <= char <= "\u04ff"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if sr-latn.yaml is out of date")
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    result = convert(args.source.read_text(encoding="utf-8"))
    # Any Cyrillic left is a letter missing from the table (for example a Russian or Ukrainian
    # letter typed by mistake into sr.yaml).
    left = _cyrillic_left(result)
    if left:
        print(f"Cyrillic letters left in the Latin catalogue: {' '.join(left)}", file=sys.stderr)
        return 1
    if yaml.safe_load(result) is None:  # pragma: no cover (convert always writes a mapping)
        return 1
    if args.check:
        current = args.target.read_text(encoding="utf-8") if args.target.exists() else ""
        if yaml.safe_load(current or "{}") != yaml.safe_load(result):
            print(
                f"{args.target} is out of date: run scripts/transliterate_catalogue_sr.py",
                file=sys.stderr,
            )
            return 1
        return 0
    args.target.parent.mkdir(parents=True, exist_ok=True)
    args.target.write_text(result, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
