"""The addresses of named pages that take no arguments, reversed once per process.

Django's ``reverse`` costs about 50 µs (BENCHMARKS.md, issue 17), and every page's menu and
frame reverse about seventeen such names: almost a millisecond of every page. The address of
a name without arguments changes only with the script prefix and the URL configuration, which
are part of the key, and the cache is emptied when a test changes ``ROOT_URLCONF``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=512)
def _path(name: str, prefix: str, urlconf: Any) -> str:
    return reverse(name, urlconf=urlconf)


def path_of(name: str) -> str:
    """``reverse(name)`` for a page without arguments, cached."""
    return _path(name, get_script_prefix(), get_urlconf())


def _forget(*, setting: str, **_kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        _path.cache_clear()


setting_changed.connect(_forget)
