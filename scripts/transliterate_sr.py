"""Build the Serbian Latin catalogue from the Serbian Cyrillic one.

Serbian is written in both scripts and the two map one to one, so sr_Latn is never translated
by hand: this script transliterates every msgstr of each sr catalogue (childpath/locale and every
app's childpath/<app>/locale) into the sr_Latn catalogue beside it. Message ids, comments and
flags are copied as they are; placeholders (%(name)s, %d, {name}), template tags ({{ }},
{% %}), HTML tags and entities and URLs are left untouched. The header keeps ``Language: sr_Latn``.

    python scripts/transliterate_sr.py          # write sr_Latn from sr
    python scripts/transliterate_sr.py --check  # exit 1 if sr_Latn is not up to date

Run it after every change to the Serbian Cyrillic catalogue, then compile the catalogues.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogues import locale_dirs

GENERATED = (
    "# Generated from sr/LC_MESSAGES/django.po by scripts/transliterate_sr.py: do not edit by hand."
)

# ruff: noqa: RUF001  (the table maps Cyrillic letters that look like Latin ones on purpose)

# The standard Serbian Cyrillic -> Latin (gajica) correspondence, lower case.
_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
_UPPER = {cyr.upper(): lat.upper() for cyr, lat in _LOWER.items() if len(lat) == 1}
_DIGRAPHS = {"Љ": ("Lj", "LJ"), "Њ": ("Nj", "NJ"), "Џ": ("Dž", "DŽ")}

# Spans that are copied verbatim: printf-style and str.format placeholders, Django template
# variables and tags, HTML tags and entities, URLs and e-mail addresses.
_PROTECTED = re.compile(
    r"""
    %(?:\([^)]*\))?[-\#0\ +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsab%]
    | \{\{.*?\}\} | \{%.*?%\} | \{[^{}\s]*\}
    | <[^<>]*>
    | &(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);
    | (?:https?|ftp)://[^\s"<>\\]+ | mailto:[^\s"<>\\]+ | www\.[^\s"<>\\]+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    """,
    re.VERBOSE,
)


def _plain(text: str) -> str:
    """Transliterate text that holds no protected span."""
    out = []
    for i, char in enumerate(text):
        if char in _LOWER:
            out.append(_LOWER[char])
        elif char in _DIGRAPHS:
            title, caps = _DIGRAPHS[char]
            following = text[i + 1] if i + 1 < len(text) else ""
            preceding = text[i - 1] if i > 0 else ""
            if following.isalpha():
                all_caps = following.isupper()  # "ЉУБАВ" -> "LJUBAV", "Љубав" -> "Ljubav"
            else:
                all_caps = preceding.isalpha() and preceding.isupper()  # "ШЉ" -> "ŠLJ"
            out.append(caps if all_caps else title)
        else:
            out.append(_UPPER.get(char, char))
    return "".join(out)


def transliterate(text: str) -> str:
    """Serbian Cyrillic to Latin, leaving placeholders, markup and URLs untouched."""
    out, start = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_plain(text[start : match.start()]))
        out.append(match.group(0))
        start = match.end()
    out.append(_plain(text[start:]))
    return "".join(out)


_KEYWORD = re.compile(r'^(#~ )?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')
_CONTINUATION = re.compile(r'^(#~ )?(".*")$')


def _header_line(quoted: str) -> str:
    if quoted.startswith('"Language:'):
        return '"Language: sr_Latn\\n"'
    return quoted.replace("Serbian (Cyrillic)", "Serbian (Latin)")


def convert(source: str) -> str:
    """The text of the sr_Latn catalogue for the text of the sr catalogue."""
    out = [GENERATED]
    keyword, msgid, in_header, has_context, before_first_entry = "", "", False, False, True
    for line in source.splitlines():
        if line.strip() == GENERATED:
            continue
        match = _KEYWORD.match(line) or _CONTINUATION.match(line)
        if not match:
            if before_first_entry and line.startswith("#"):
                line = line.replace("Serbian (Cyrillic)", "Serbian (Latin)")
            keyword, has_context = "", False
            out.append(line)
            continue
        before_first_entry = False
        if len(match.groups()) == 3:
            prefix, keyword, quoted = match.groups()
            if keyword == "msgctxt":
                has_context = True
            elif keyword == "msgid":
                # A new entry: a plural one (msgstr[n]) never reaches the header test below.
                msgid, in_header = "", False
            elif keyword == "msgstr":
                # The header is the entry with an empty msgid and no context.
                in_header = msgid == "" and not has_context and not prefix
            head = f"{prefix or ''}{keyword} "
        else:
            prefix, quoted = match.groups()
            head = prefix or ""
        if keyword == "msgid":
            msgid += quoted[1:-1]
        elif keyword.startswith("msgstr"):
            quoted = _header_line(quoted) if in_header else transliterate(quoted)
        out.append(head + quoted)
    text = "\n".join(out) + "\n"
    if '"Language: sr_Latn\\n"' not in text:
        raise ValueError("the Serbian catalogue has no Language header")
    return text


def _messages(text: str) -> dict[object, object]:
    """Each message's translation and fuzziness, plus the Language header, of a catalogue."""
    from babel.messages.pofile import read_po

    catalog = read_po(io.StringIO(text))
    found: dict[object, object] = {
        (message.context, message.id): (message.string, message.fuzzy)
        for message in catalog
        if message.id
    }
    found["Language"] = dict(catalog.mime_headers).get("Language")
    return found


def _one(source: Path, target: Path, check: bool) -> int:
    result = convert(source.read_text(encoding="utf-8"))
    # Message ids and comments are English, so any Cyrillic left is a letter missing from the
    # table (for example a Russian or Ukrainian letter typed by mistake into the sr catalogue).
    left = sorted({char for char in _PROTECTED.sub("", result) if "\u0400" <= char <= "\u04ff"})
    if left:
        print(
            f"{source}: Cyrillic letters left in the Latin catalogue: {' '.join(left)}",
            file=sys.stderr,
        )
        return 1
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        # Compare messages, not text: makemessages (msgmerge) rewraps the lines of every file.
        if _messages(current) != _messages(result):
            print(f"{target} is out of date: run scripts/transliterate_sr.py", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if sr_Latn is out of date")
    parser.add_argument("--source", type=Path, help="one sr catalogue (default: every one)")
    parser.add_argument("--target", type=Path, help="its sr_Latn catalogue")
    args = parser.parse_args(argv)
    if args.source:
        target = args.target or args.source.parent.parent.parent / "sr_Latn" / "LC_MESSAGES" / (
            args.source.name
        )
        return _one(args.source, target, args.check)
    status = 0
    for locale in locale_dirs():
        source = locale / "sr" / "LC_MESSAGES" / "django.po"
        if source.exists():
            target = locale / "sr_Latn" / "LC_MESSAGES" / "django.po"
            status |= _one(source, target, args.check)
    return status


if __name__ == "__main__":
    sys.exit(main())
