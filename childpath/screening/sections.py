"""What the screening app shows on the case page (childpath.lib.slots): a newer catalogue.

One query: the newest completed screening of the case. When it was made with an older
published catalogue version, the section says so and offers a re-screening that carries the
answers over; the old result stays as it was (DESIGN.md rule 7).
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.indicators.catalogue import load_changelog
from childpath.screening.catalogue import current_catalogue, is_outdated
from childpath.screening.models import Screening


def case_section(request: HttpRequest, case: Case, may_edit: bool) -> dict[str, Any] | None:
    user = request.user
    if not isinstance(user, User) or not user.may_see_cases:
        return None
    latest = (
        Screening.objects.filter(case=case, completed_at__isnull=False)
        .only("pk", "catalogue_version", "completed_at", "result")
        .order_by("-completed_at", "-pk")
        .first()
    )
    if latest is None or not is_outdated(latest.catalogue_version):
        return None
    current = current_catalogue().version
    lang = (get_language() or "en").lower()
    summary = next((e.summary_for(lang) for e in load_changelog() if e.version == current), "")
    return {"case": case, "latest": latest, "current_version": current, "summary": summary}


def rules_section(request: HttpRequest) -> dict[str, Any]:
    """The catalogue's versions and change log, for the Rules page, in the user's language."""
    lang = (get_language() or "en").lower()
    current = current_catalogue().version
    return {
        "current_version": current,
        "versions": [
            {
                "version": entry.version,
                "published": entry.published,
                "current": entry.version == current,
                "summary": entry.summary_for(lang),
                "changes": entry.changes_for(lang),
            }
            for entry in load_changelog()
        ],
    }
