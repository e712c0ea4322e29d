"""``per_row=True`` (correlated EXISTS, for one case) answers exactly like the list form."""

import pytest

from childpath.cases.models import Access, Case, CaseMember

PERSONAS = [
    "frontline",
    "caseworker",
    "coordinator",
    "outsider",
    "provider",
    "panel",
    "analyst",
    "administrator",
]


def _answers(user, case) -> tuple[bool, bool]:
    visible = set(Case.objects.visible_to(user).values_list("pk", flat=True))
    editable = set(Case.objects.editable_by(user).values_list("pk", flat=True))
    row_visible = Case.objects.visible_to(user, per_row=True).filter(pk=case.pk).exists()
    row_editable = Case.objects.editable_by(user, per_row=True).filter(pk=case.pk).exists()
    assert row_visible == (case.pk in visible)
    assert row_editable == (case.pk in editable)
    return row_visible, row_editable


@pytest.mark.parametrize("persona", PERSONAS)
def test_per_row_matches_the_list_form(request, persona, make_case, orgs) -> None:
    user = request.getfixturevalue(persona)
    plain = make_case()
    as_coordinator = make_case()
    Case.objects.filter(pk=as_coordinator.pk).update(coordinator=user)
    shelter_view = make_case()
    CaseMember.objects.create(
        case=shelter_view, organisation=orgs["shelter"], user=None, access=Access.VIEW
    )
    in_person = make_case(lead=None)
    if user.organisation is not None:
        CaseMember.objects.get_or_create(
            case=in_person,
            organisation=user.organisation,
            user=user,
            defaults={"access": Access.VIEW},
        )
    for case in (plain, as_coordinator, shelter_view, in_person):
        _answers(user, case)
    if persona == "caseworker":
        assert _answers(user, plain) == (True, True)
        assert _answers(user, in_person) == (True, False)
    if persona == "outsider":
        assert _answers(user, plain) == (False, False)
        assert _answers(user, as_coordinator) == (True, True)
    if persona == "provider":
        assert _answers(user, shelter_view) == (False, False)  # not organisation-wide
    if persona in ("analyst", "administrator"):
        assert _answers(user, as_coordinator) == (False, False)
