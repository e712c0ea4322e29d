"""Text as people type it, made comparable (pure Python)."""

import unicodedata


def clean_name(value: str) -> str:
    """A name as it is stored and indexed: NFC, without invisible format characters.

    A zero-width space or joiner, a soft hyphen or a direction mark pasted inside a name
    (Unicode category Cf) would otherwise make the child unfindable by that name; NFC makes
    "é" typed as one or as two code points the same name. Spaces are collapsed and trimmed.
    """
    composed = unicodedata.normalize("NFC", value)
    visible = "".join(ch for ch in composed if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())
