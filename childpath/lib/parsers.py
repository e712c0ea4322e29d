"""A JSON parser that refuses hostile bodies with 400 instead of failing with 500."""

import json
import re
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Everything that opens or closes a level, and the strings in which brackets do not count.
_STRUCTURE = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def depth_of(document: bytes) -> int:
    """The deepest nesting of arrays and objects, without parsing (so without recursion)."""
    depth = deepest = 0
    for match in _STRUCTURE.finditer(document):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser behind two limits: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes and
    ``JSON_MAX_DEPTH`` levels. Python's decoder recurses once per level, so a
    100,000-deep array would raise RecursionError (a 500 with a traceback) without the
    check."""

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise TooLarge(_("The request body is larger than %(limit)d bytes.") % {"limit": limit})
        if depth_of(body) > settings.JSON_MAX_DEPTH:
            raise ParseError(
                _("The JSON document is nested deeper than %(limit)d levels.")
                % {"limit": settings.JSON_MAX_DEPTH}
            )
        try:
            return json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(_("The body is not valid JSON.")) from error


def _refuse_constant(name: str) -> None:
    # NaN and Infinity are not JSON (RFC 8259); DRF refuses them too.
    raise ValueError(name)


class TooLarge(ParseError):
    status_code = 413
