"""Every route by every persona answers as its app declares (tests/access_matrix.py), and every
read of case data writes an audit event (the audit walk). Both run through the test client."""

import re
import uuid

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.audit.models import AuditEvent
from childpath.cases import team
from childpath.cases.models import Access, CaseMember
from childpath.referrals import services as referrals
from childpath.referrals.tests.conftest import make_place, referral_data
from childpath.screening import services as screening
from conftest import PASSWORD, verified_client
from tests.access_matrix import (
    ALLOWED,
    ANY,
    DENIED,
    HIDDEN,
    LOGIN,
    PERSONAS,
    declared,
    declared_params,
)

SKIPPED_NAMESPACES = {"admin"}
# Reads of case data the matrix's world cannot walk (it holds no cross-border referral); the
# owning app's tests check their audit event (childpath/exchange/tests/test_api.py).
AUDITED_ELSEWHERE = {
    "api-federation-referral",
    "api-federation-information-requests",
    # Match queries are read by a focal point on the case; the matrix has none on its case
    # (childpath/matching/tests/test_api.py checks the audit event).
    "api-matching-case-queries",
}  # Django's admin: AdministratorOnly, tested in its own app


def _routes():
    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    pattern.namespace or namespace,
                )
            elif isinstance(pattern, URLPattern) and namespace not in SKIPPED_NAMESPACES:
                if pattern.name is None and (prefix + str(pattern.pattern)).startswith("admin/"):
                    continue  # the admin's own sign-in, sent to the two-factor sign-in
                yield pattern.name, prefix + str(pattern.pattern), pattern

    return list(walk(get_resolver().url_patterns))


ROUTES = _routes()


def test_it_has_an_expected_answer_for_every_route():
    table = declared()
    missing = sorted({name or path for name, path, _p in ROUTES if name not in table})
    assert missing == [], (
        "Routes without expected answers; declare them in the app's tests/routes.py "
        "(see tests/access_matrix.py and the README's security section): " + ", ".join(missing)
    )


def _user(username, organisation, role):
    return User.objects.create_user(
        username=username, password=PASSWORD, organisation=organisation, role=role
    )


@pytest.fixture
def world(case, frontline, caseworker, outsider, provider, panel, analyst, administrator, orgs):
    ngo = Organisation.objects.create(name="Matrix NGO", sector=Sector.NGO, country="SE")
    viewer = _user("vera", ngo, Role.CASEWORKER)
    team.add_team_member(
        actor=caseworker, case=case, organisation=ngo, user=viewer, access=Access.VIEW
    )
    shelters = [
        Organisation.objects.create(name=f"Matrix Shelter {n}", sector=Sector.SHELTER, country="SE")
        for n in (2, 3)
    ]
    after = _user("paul", shelters[0], Role.SERVICE_PROVIDER)
    done = _user("quinn", shelters[1], Role.SERVICE_PROVIDER)
    focal_org = Organisation.objects.create(
        name="Matrix Focal Point", sector=Sector.GOVERNMENT, country="SE", is_focal_point=True
    )
    focal = _user("fiona", focal_org, Role.FOCAL_POINT)
    auditor = _user("ivy", orgs["system"], Role.AUDITOR)
    place = make_place("Matrix Beds", orgs["shelter"], need="safe_accommodation")
    sent = referrals.send_referral(
        actor=caseworker, case=case, service_at_location=place, data=referral_data()
    )
    for person, status in ((after, ["accepted"]), (done, ["accepted", "completed"])):
        other = make_place(f"Beds of {person.username}", person.organisation)
        referral = referrals.send_referral(
            actor=caseworker, case=case, service_at_location=other, data=referral_data()
        )
        for step in status:
            referral = referrals.change_status(actor=person, referral=referral, status=step)
            referral.refresh_from_db()
    started = screening.start_screening(actor=caseworker, case=case)
    people = {
        "frontline": frontline,
        "caseworker": caseworker,
        "outsider": outsider,
        "viewer": viewer,
        "provider_before": provider,
        "provider_after": after,
        "provider_done": done,
        "panel": panel,
        "focal": focal,
        "analyst": analyst,
        "administrator": administrator,
        "auditor": auditor,
    }
    member = CaseMember.objects.get(case=case, user=frontline)
    values = {
        "reference": case.reference,
        "pk": str(started.pk),
        "theme": "how_it_started",
        "code": "information",
        "member_id": str(member.pk),
        "referral_id": str(sent.pk),
        "uidb64": "MQ",
        "token": "not-a-token",
        "device_id": "999999",
        "token_id": "999999",
        "lang": "en",
    }
    uuid_values = {
        "directory-service": str(place.service.pk),
        "api-hsds-service": str(place.service.pk),
    }
    return {
        "people": people,
        "values": values,
        "uuids": uuid_values,
        "params": declared_params(),
    }


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path(name, pattern, world):
    """The route's pattern with every parameter filled: the value the owning app declares for
    this route (``PARAMS``), else the world's value by name, else an id nobody has."""
    own = world["params"].get(name, {})

    def value(match: re.Match[str]) -> str:
        converter, key = match.group(1) or "str", match.group(2)
        if key in own:
            return str(own[key])
        if converter == "uuid":
            if key == "referral_id":
                return world["values"]["referral_id"]
            return world["uuids"].get(name, str(uuid.uuid4()))
        return world["values"].get(key, str(uuid.uuid4()))

    # The API's regular-expression routes first: their named group is not a parameter.
    path = ("/" + pattern).replace("^", "").replace("$", "")
    path = path.replace("(?P<reference>CP-[A-Z0-9]{4}-[A-Z0-9]{4})", world["values"]["reference"])
    return PARAMETER.sub(value, path)


def _answer(response, path, persona):
    if response.status_code in (301, 302) and "/accounts/login" in response.get("Location", ""):
        return LOGIN
    if path.startswith("/api/") and persona == "anonymous" and response.status_code in (401, 403):
        return LOGIN
    if response.status_code == 403:
        return DENIED
    if response.status_code == 404:
        return HIDDEN
    assert response.status_code < 500, f"{path}: {response.status_code}"
    assert response.status_code != 405, f"{path}: declare the method the route answers"
    return ALLOWED


def _ask(client, kind, path):
    """One request, rolled back: a POST the matrix sends changes nothing for the next one."""
    with transaction.atomic():
        if kind.method == "DELETE":
            response = client.delete(path)
        elif kind.method == "POST":
            response = client.post(path, {})
        else:
            response = client.get(path)
        transaction.set_rollback(True)
    return response


def test_it_answers_every_route_as_declared_for_every_persona(world, client):
    from django.test import Client

    table = declared()
    wrong = []
    for name, pattern, _p in ROUTES:
        kind = table.get(name)
        if kind is None:
            continue
        path = _path(name, pattern, world)
        # Fresh sessions for each route: a route may end the session (signing out).
        clients = {name: verified_client(user) for name, user in world["people"].items()}
        clients["anonymous"] = Client()
        for persona in PERSONAS:
            answer = _answer(_ask(clients[persona], kind, path), path, persona)
            expected = kind.answers[persona]
            if expected != ANY and answer != expected:
                wrong.append(f"{name} {path} as {persona}: {answer}, expected {expected}")
    assert wrong == [], "\n".join(wrong)


def test_it_audits_every_read_of_case_data(world):
    """The audit walk: each route declared as a read of case data writes an audit event."""
    table = declared()
    readers = {name: verified_client(user) for name, user in world["people"].items()}
    silent = []
    for name, pattern, _p in ROUTES:
        kind = table.get(name)
        if kind is None or not kind.audits:
            continue
        path = _path(name, pattern, world)
        persona = kind.reader
        before = AuditEvent.objects.count()
        response = readers[persona].get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        if AuditEvent.objects.count() == before:
            silent.append(f"{name} {path}")
    assert silent == [], "Reads of case data that write no audit event: " + ", ".join(silent)


def test_it_declares_every_openapi_operation_on_case_data_as_an_audited_read(client, caseworker):
    """Every GET operation of the schema under a case or a referral is an audited route."""
    from django.urls import resolve

    schema = (
        verified_client(caseworker).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    )
    table = declared()
    unaudited = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        if not ("{reference}" in path or "{referral_id}" in path or path.endswith("/incoming")):
            continue
        concrete = (
            path.replace("{reference}", "CP-AAAA-BBBB")
            .replace("{referral_id}", str(uuid.uuid4()))
            .replace("{pk}", "1")
            .replace("{id}", "1")
            .replace("{code}", "information")
            .replace("{member_id}", "1")
        )
        try:
            name = resolve(concrete).url_name
        except Exception:
            unaudited.append(f"GET {path} (no route matches {concrete})")
            continue
        kind = table.get(name or "")
        if name in AUDITED_ELSEWHERE:
            continue
        if kind is None or not kind.audits:
            unaudited.append(f"GET {path} ({name})")
    assert unaudited == [], "Operations on case data not declared as audited reads: " + ", ".join(
        unaudited
    )
