"""Addresses reversed once per process (childpath.lib.urls)."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix

from childpath.lib.urls import path_of


def test_it_gives_what_reverse_gives() -> None:
    for name in ("home", "case-list", "case-new", "logout", "set_language"):
        assert path_of(name) == reverse(name)


def test_it_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/childpath/")
        assert path_of("case-list") == "/childpath/cases/"
    finally:
        set_script_prefix("/")
    assert path_of("case-list") == "/cases/"


def test_it_forgets_when_the_url_configuration_changes() -> None:
    assert path_of("home") == "/"
    with override_settings(ROOT_URLCONF="childpath.api_urls"), pytest.raises(NoReverseMatch):
        path_of("home")
    assert path_of("home") == "/"
