"""Reads for the matching pages. A duplicate is shown to a user only through the cases that
user may see; of the other case only that it exists (and who coordinates it) is said."""

from dataclasses import dataclass

from django.db.models import Q

from childpath.accounts.models import User
from childpath.cases.models import Access, Case, CaseMember
from childpath.matching.models import LOCAL, DuplicateFlag, DuplicateStatus, MatchQuery, PeerKey


def peers() -> list[str]:
    return sorted(
        set(
            PeerKey.objects.filter(retired_at__isnull=True)
            .exclude(peer=LOCAL)
            .values_list("peer", flat=True)
        )
    )


def queries_of_case(case: Case) -> list[MatchQuery]:
    return list(MatchQuery.objects.filter(case=case).prefetch_related("candidates")[:20])


@dataclass(frozen=True)
class DuplicateView:
    flag: DuplicateFlag
    mine: Case
    other_reference: str  # empty when the user may not see the other case
    other_organisation: str


def _views(user: User, flags: list[DuplicateFlag], visible: set[int]) -> list[DuplicateView]:
    cases = {
        c.pk: c
        for c in Case.objects.filter(
            pk__in={f.first_id for f in flags} | {f.second_id for f in flags}
        ).select_related("coordinator__organisation", "created_by_organisation")
    }
    # The organisation leading each case (a whole organisation on the team, with edit access).
    leads = {
        m.case_id: m.organisation
        for m in CaseMember.objects.filter(
            case_id__in=cases, user__isnull=True, access=Access.EDIT
        ).select_related("organisation")
    }
    out = []
    for flag in flags:
        mine_id, other_id = (
            (flag.first_id, flag.second_id)
            if flag.first_id in visible
            else (flag.second_id, flag.first_id)
        )
        other = cases[other_id]
        organisation = (
            other.coordinator.organisation
            if other.coordinator and other.coordinator.organisation
            else leads.get(other_id) or other.created_by_organisation
        )
        out.append(
            DuplicateView(
                flag=flag,
                mine=cases[mine_id],
                other_reference=other.reference if other_id in visible else "",
                other_organisation=str(organisation) if organisation else "",
            )
        )
    return out


def duplicates_for(user: User) -> list[DuplicateView]:
    visible = set(Case.objects.visible_to(user).values_list("pk", flat=True))
    flags = list(
        DuplicateFlag.objects.filter(status=DuplicateStatus.OPEN)
        .filter(Q(first_id__in=visible) | Q(second_id__in=visible))
        .order_by("-probability")[:200]
    )
    return _views(user, flags, visible)


def duplicates_of_case(user: User, case: Case) -> list[DuplicateView]:
    flags = list(
        DuplicateFlag.objects.filter(status=DuplicateStatus.OPEN).filter(
            Q(first=case) | Q(second=case)
        )
    )
    if not flags:
        return []
    ids = {f.first_id for f in flags} | {f.second_id for f in flags}
    visible = set(Case.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return _views(user, flags, visible)


def duplicate_views(user: User, flags: list[DuplicateFlag]) -> list[DuplicateView]:
    """``flags`` as ``user`` may see them (each involves at least one case ``user`` sees)."""
    ids = {f.first_id for f in flags} | {f.second_id for f in flags}
    visible = set(Case.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return _views(user, [f for f in flags if {f.first_id, f.second_id} & visible], visible)


def open_duplicates_count(user: User) -> int:
    """How many possible duplicates involving ``user``'s cases are still to check (one query)."""
    visible = Case.objects.visible_to(user).values("pk")
    return (
        DuplicateFlag.objects.filter(status=DuplicateStatus.OPEN)
        .filter(Q(first_id__in=visible) | Q(second_id__in=visible))
        .count()
    )


def flag_for(user: User, pk: int) -> DuplicateFlag | None:
    """The possible duplicate ``pk`` if the user sees one of its two cases (the page and the
    API decide through this one lookup)."""
    visible = Case.objects.visible_to(user).values_list("pk", flat=True)
    return (
        (
            DuplicateFlag.objects.filter(first_id__in=visible)
            | DuplicateFlag.objects.filter(second_id__in=visible)
        )
        .filter(pk=pk)
        .first()
    )
