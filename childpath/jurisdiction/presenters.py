"""The active profile as plain, translated data: one shape for the page and the API."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from childpath.jurisdiction.durations import Duration
from childpath.jurisdiction.labels import (
    PATH_LABELS,
    RIGHT_TITLES,
    TIME_LIMIT_LABELS,
    TRIGGER_LABELS,
    URGENCY_LABELS,
    duration_label,
    sector_label,
)
from childpath.jurisdiction.profile import Profile


def _duration(duration: Duration | None) -> dict[str, Any] | None:
    if duration is None:
        return None
    return {"amount": duration.amount, "unit": duration.unit, "label": duration_label(duration)}


def profile_data(profile: Profile) -> dict[str, Any]:
    lang = (translation.get_language() or "en").lower()
    ident = profile.identification
    return {
        "code": profile.code,
        "country": profile.country,
        "illustrative": profile.illustrative,
        "name": profile.text("name", lang),
        "summary": profile.text("summary", lang),
        "identification": {
            "social_path": ident.social_path,
            "sectors": [
                {"code": code, "label": sector_label(code)} for code in sorted(ident.sectors)
            ],
            "accreditation_required": ident.accreditation_required,
            "panels": {
                "allowed": ident.panels.allowed,
                "min_members": ident.panels.min_members,
                "min_sectors": ident.panels.min_sectors,
                "sectors": [
                    {"code": code, "label": sector_label(code)}
                    for code in sorted(ident.panels.sectors)
                ],
                "required": [
                    [{"code": code, "label": sector_label(code)} for code in sorted(group)]
                    for group in ident.panels.required
                ],
            },
            "paths": [{"code": code, "label": str(PATH_LABELS[code])} for code in ident.paths],
        },
        "time_limits": [
            {"code": code, "title": str(TIME_LIMIT_LABELS[code]), "duration": _duration(limit)}
            for code, limit in profile.time_limits.items()
        ],
        "rights": [
            {
                "code": right.code,
                "title": str(RIGHT_TITLES[right.code]),
                "when": [{"code": t, "label": str(TRIGGER_LABELS[t])} for t in right.when],
                "needs_formal_status": right.needs_formal_status,
                "legal_basis": right.legal_basis,
                "deadline": _duration(right.deadline),
                "responsible": {
                    "code": right.responsible,
                    "label": sector_label(right.responsible),
                },
            }
            for right in profile.rights
        ],
        "referrals": [
            {
                "urgency": urgency,
                "label": str(URGENCY_LABELS[urgency]),
                "acknowledge": _duration(limits.acknowledge),
                "respond": _duration(limits.respond),
            }
            for urgency, limits in profile.referrals.items()
        ],
    }
