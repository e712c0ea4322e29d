"""The profile this instance runs (settings.CHILDPATH_PROFILE), and its system check."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from childpath.jurisdiction.profile import Profile, ProfileError, load


def current_profile() -> Profile:
    """The active profile; loading is cached per code, so this is cheap on every request."""
    return load(settings.CHILDPATH_PROFILE)


@checks.register()
def check_profile(**kwargs: Any) -> list[checks.CheckMessage]:
    """A profile that does not validate stops the instance at start, with every reason."""
    try:
        current_profile()
    except ProfileError as error:
        return [
            checks.Error(problem, hint="Fix the profile or set CHILDPATH_PROFILE.", id="cp.E001")
            for problem in error.problems
        ]
    return []
