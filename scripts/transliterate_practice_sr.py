"""Build the Serbian Latin practice situations from the Serbian Cyrillic ones.

    python scripts/transliterate_practice_sr.py          # write sr-latn.yaml from sr.yaml
    python scripts/transliterate_practice_sr.py --check  # exit 1 if sr-latn.yaml is not up to date

Same letter table as scripts/transliterate_sr.py. Run it after every change to
childpath/practice/situations/i18n/sr.yaml.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from transliterate_sr import transliterate

I18N = Path(__file__).resolve().parent.parent / "childpath" / "practice" / "situations" / "i18n"
HEADER = (
    "# Generated from sr.yaml by scripts/transliterate_practice_sr.py: do not edit by hand.\n"
    "# Serbian (Latin) texts of the practice situations. Fictional people only.\n"
)


def build() -> str:
    source = yaml.safe_load((I18N / "sr.yaml").read_text(encoding="utf-8"))
    lines = [HEADER, "language: sr-latn", "situations:"]
    for ident, entry in source["situations"].items():
        lines.append(f"  {ident}:")
        for field in ("title", "story", "why"):
            text = " ".join(entry[field].split())
            lines.append(f"    {field}: {json.dumps(transliterate(text), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    target = I18N / "sr-latn.yaml"
    text = build()
    if parser.parse_args().check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print("sr-latn.yaml is not the transliteration of sr.yaml")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
