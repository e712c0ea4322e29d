"""The jurisdiction profile in force, as an administrator checks it: which one, which version
of its file, and where its rules are explained (the Rules page, not repeated here)."""

import hashlib
from typing import Any

from django.conf import settings

from childpath.jurisdiction.active import current_profile
from childpath.jurisdiction.presenters import profile_data
from childpath.jurisdiction.profile import PROFILES_DIR


def profile_facts() -> dict[str, Any]:
    profile = current_profile()
    path = PROFILES_DIR / f"{profile.code}.yaml"
    # The file has no version number: its fingerprint tells two instances (or two days)
    # whether they run the same rules.
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    data = profile_data(profile)
    return {
        "setting": settings.CHILDPATH_PROFILE,
        "code": profile.code,
        "country": profile.country,
        "name": data["name"],
        "summary": data["summary"],
        "illustrative": profile.illustrative,
        "fingerprint": digest[:12],
        "file": f"childpath/jurisdiction/profiles/{path.name}",
        "rights": len(profile.rights),
        "time_limits": len(profile.time_limits),
        "identification": data["identification"],
    }
