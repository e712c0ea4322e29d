"""Case pages: parse, call a service or selector, render (STYLE.md practice 3)."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from childpath.accounts.models import Organisation, User
from childpath.cases import services, team
from childpath.cases.access import case_for, case_user, get_case_for_user, may_edit
from childpath.cases.forms import (
    ChildForm,
    CoordinatorForm,
    EditChildForm,
    EncounterForm,
    LeadForm,
    LeadTransferForm,
    SearchForm,
    TeamMemberForm,
)
from childpath.cases.listing import NO_COORDINATOR, PAGE_PARAMETERS, CaseFilterForm, outer_filters
from childpath.cases.models import ORGANISATION_WIDE_ROLES, Case, CaseMember, Stage
from childpath.cases.timeline import entries, field_labels
from childpath.lib import slots
from childpath.lib.pagination import (
    NEWEST_FIRST,
    KeysetWindow,
    Window,
    keyset_window,
    page_number,
    window,
)

PAGE_SIZE = 25
# An exact name match finds a handful of cases: one page, so the search is never repeated.
SEARCH_LIMIT = 100


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the user may see, filtered and sorted by the query string. A search by name
    (and date of birth) is a POST: the name never travels in the address, where access logs
    and browser history keep it."""
    user = case_user(request)
    # Per-row checks: cases are probed one by one in the order's index until a page is full,
    # instead of first collecting every case of the organisation (BENCHMARKS.md).
    cases = Case.objects.visible_to(user, per_row=True)
    filters = CaseFilterForm(request.GET, user=user, outer=outer_filters())
    filtered = filters.is_valid()
    cases = filters.apply(cases) if filtered else cases.none()
    form = SearchForm(request.POST if request.method == "POST" else None)
    searching = form.is_bound and form.is_valid()
    results: list[Case] = []
    page: Window | KeysetWindow
    if searching:
        found = services.search(
            actor=user,
            cases=cases.for_listing(names=True),
            name=form.cleaned_data["name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
        page = window(found, 1, SEARCH_LIMIT)
        # The names shown tell two Miras apart; showing them is a read of each case.
        results = page.object_list
        services.record_results(actor=user, cases=results)
    else:
        # By position, not OFFSET: every page costs what the first costs (BENCHMARKS.md).
        page = keyset_window(
            cases.for_listing(),
            after=request.GET.get("after"),
            before=request.GET.get("before"),
            number=page_number(request.GET.get("page")),
            size=PAGE_SIZE,
            ordering=filters.ordering() if filtered else NEWEST_FIRST,
        )
    query = request.GET.copy()
    for key in PAGE_PARAMETERS:
        query.pop(key, None)
    context = {
        "page": page,
        "form": form,
        "filters": filters,
        "filtered": filtered and filters.is_filtered(),
        "searching": searching,
        "show_names": searching,
        "query": query.urlencode(),
    }
    bad = (form.is_bound and not searching) or not filtered
    return render(request, "cases/list.html", context, status=400 if bad else 200)


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    user = case_user(request)
    if not user.may_register:
        raise PermissionDenied
    child_form = ChildForm(request.POST or None, prefix="child")
    encounter_form = EncounterForm(request.POST or None, prefix="encounter")
    lead_form = LeadForm(request.POST or None, prefix="lead")
    forms_valid = [f.is_valid() for f in (child_form, encounter_form, lead_form)]
    if request.method == "POST" and all(forms_valid):
        case = services.register_child(
            actor=user,
            child=child_form.child_data(),
            encounter=encounter_form.encounter_data(),
            lead_organisation=lead_form.cleaned_data["lead_organisation"],
        )
        messages.success(
            request, _("The concern is recorded. Case %(ref)s is open.") % {"ref": case.reference}
        )
        return redirect("case-detail", reference=case.reference)
    context = {"child_form": child_form, "encounter_form": encounter_form, "lead_form": lead_form}
    return render(
        request, "cases/new.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    access = case_for(user, reference, with_identity=True)
    case = access.case
    identity = case.identity
    services.record_read(actor=user, case=case)
    events = list(case.events.all()[:200])
    members = case.members.select_related("organisation", "user").order_by("organisation__name")
    encounters = case.encounters.select_related("organisation", "recorded_by")
    editable = access.may_edit
    context = {
        "case": case,
        "identity": identity,
        "age": case.age(date_of_birth=identity.birth_date),
        "timeline": entries(events),
        "members": members,
        "encounters": encounters,
        "may_edit": editable,
        # Related name from the screening app; the cases app does not import it. Only what
        # the list shows: the answers and the (encrypted) notes are not read for it.
        "screenings": case.screenings.only(  # type: ignore[attr-defined]
            "pk", "case_id", "started_at", "completed_at", "result"
        )[:20],
        # Identification, rights, age, referrals: sections the outer apps register.
        "sections": slots.fill("case", request, case, editable),
    }
    return render(request, "cases/detail.html", context)


@login_required
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    access = case_for(case_user(request), reference)
    access.require_edit()
    case, user = access.case, access.user
    current = services.child_data(case, case.identity)
    initial = EditChildForm.initial_from(current) | {"version": case.version}
    form = EditChildForm(request.POST or None, initial=initial, prefix="child")
    meanwhile: list[tuple[str, object]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.update_child(
                actor=user,
                case=case,
                child=form.child_data(),
                expected_version=form.cleaned_data["version"],
            )
        except services.StaleVersion as stale:
            # Keep what this user typed; show what the other person changed; saving again
            # (with the new version) replaces it knowingly.
            meanwhile = _meanwhile(current, stale.changed)
            data = request.POST.copy()
            data[form.add_prefix("version")] = str(stale.current)
            form = EditChildForm(data, initial=initial, prefix="child")
            form.is_valid()
            services.record_read(actor=user, case=case, fields=stale.changed)
        else:
            messages.success(request, _("The details are saved."))
            return redirect("case-detail", reference=case.reference)
    if request.method != "POST":
        services.record_read(actor=user, case=case)
    status = (409 if meanwhile else 400) if request.method == "POST" else 200
    context = {"case": case, "form": form, "meanwhile": meanwhile}
    return render(request, "cases/edit.html", context, status=status)


def _meanwhile(current: Any, changed: list[str]) -> list[tuple[str, object]]:
    """The fields someone else changed, with their values now (the editor may see them)."""
    labels = field_labels()
    rows = []
    for name in changed:
        value = getattr(current, name, "")
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        rows.append((labels.get(name, name), value if value not in (None, "") else "—"))
    return rows


@login_required
def case_encounter(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if not may_edit(user, case):
        raise PermissionDenied
    form = EncounterForm(request.POST or None, prefix="encounter")
    if request.method == "POST" and form.is_valid():
        services.record_encounter(actor=user, case=case, encounter=form.encounter_data())
        messages.success(request, _("The contact is recorded."))
        return redirect("case-detail", reference=case.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/encounter.html", {"case": case, "form": form}, status=status)


def _form_errors(form: Any, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@login_required
def case_team(request: HttpRequest, reference: str) -> HttpResponse:
    """The team: everyone on it may see who is; the coordinator and the lead agency's
    caseworkers change it (``childpath.cases.team``)."""
    access = case_for(case_user(request), reference)
    case, user = access.case, access.user
    posted = request.method == "POST"
    # A page for those who manage the team (or, without a lead agency, choose one).
    if not team.may_transfer_lead(user, case):
        access.require_team()
    members = list(
        case.members.select_related("organisation", "user").order_by("organisation__name", "id")
    )
    chosen = _chosen_organisation(request)
    coordinator_form = CoordinatorForm(
        request.POST if posted and "coordinator" in request.POST else None,
        organisations=list({m.organisation for m in members}),
        initial={"coordinator": case.coordinator},
    )
    # "choose" (without JavaScript): only show the people of the organisation chosen.
    adding = posted and "organisation" in request.POST and "transfer_lead" not in request.POST
    adding = adding and "choose" not in request.POST
    member_form = TeamMemberForm(
        request.POST if adding else None,
        organisation=chosen,
        people_url=reverse("case-team", args=[case.reference]),
        initial={"organisation": chosen},
    )
    lead_form = LeadTransferForm(
        request.POST if posted and "transfer_lead" in request.POST else None,
        current=case.lead_organisation_id,
    )
    try:
        if coordinator_form.is_bound and coordinator_form.is_valid():
            team.set_coordinator(
                actor=user, case=case, coordinator=coordinator_form.cleaned_data["coordinator"]
            )
            messages.success(request, _("The coordinator is assigned."))
            return redirect("case-team", reference=case.reference)
        if member_form.is_bound and member_form.is_valid():
            team.add_team_member(actor=user, case=case, **member_form.cleaned_data)
            messages.success(request, _("The case team is updated."))
            return redirect("case-team", reference=case.reference)
        if lead_form.is_bound and lead_form.is_valid():
            team.transfer_lead(actor=user, case=case, **lead_form.cleaned_data)
            messages.success(request, _("The lead has passed to the new agency."))
            return redirect("case-team", reference=case.reference)
    except ValidationError as error:
        bound = [f for f in (coordinator_form, member_form, lead_form) if f.is_bound]
        _form_errors(bound[0] if bound else member_form, error)
    if not posted:
        services.record_read(actor=user, case=case, fields=["team"])
    context = {
        "case": case,
        "members": members,
        "coordinator_form": coordinator_form,
        "member_form": member_form,
        "lead_form": lead_form,
        "may_manage_team": access.may_manage_team,
        "may_transfer_lead": team.may_transfer_lead(user, case),
    }
    failed = posted and "choose" not in request.POST
    return render(request, "cases/team.html", context, status=400 if failed else 200)


def _chosen_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation chosen in the form: the people offered are its people."""
    raw = request.POST.get("organisation") or request.GET.get("organisation")
    if not raw:
        return None
    try:
        return Organisation.objects.filter(team.eligible_organisations(), pk=raw).first()
    except (ValueError, ValidationError):
        return None


@login_required
@require_POST
def case_team_remove(request: HttpRequest, reference: str, member_id: int) -> HttpResponse:
    access = case_for(case_user(request), reference)
    access.require_team()
    member = get_object_or_404(CaseMember, case=access.case, pk=member_id)
    try:
        team.remove_team_member(actor=access.user, case=access.case, member=member)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The case team is updated."))
    return redirect("case-team", reference=access.case.reference)


def home_cases(user: User) -> dict[str, object]:
    """The cases' cards of the home page; each links to the list it counts. "Without a
    coordinator" only for those who assign coordinators (the lead agency's caseworkers and
    coordinators): it asks nothing of a teacher or a shelter."""
    cases = Case.objects.visible_to(user)
    context: dict[str, object] = {
        "recent": cases.for_listing()[:10],
        "total": Case.objects.count_visible(user),
    }
    if user.role in ORGANISATION_WIDE_ROLES:
        context["without_coordinator"] = cases.filter(
            Q(coordinator__isnull=True), ~Q(stage=Stage.CLOSED)
        ).count()
        context["without_coordinator_url"] = (
            reverse("case-list") + "?" + urlencode({"coordinator": NO_COORDINATOR})
        )
    return context
