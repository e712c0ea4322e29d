"""The fictional demo: loading it again duplicates nothing; every role has a demo user."""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from childpath.accounts.models import Role, User
from childpath.cases.models import Case
from childpath.demo import data


def _counts() -> dict[str, int]:
    """Rows of every Childpath model, so a duplicate anywhere shows."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("childpath.")
    }


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _demo_users() -> list[dict[str, str]]:
    out = StringIO()
    with override_settings(CHILDPATH_DEMO=True):  # demo_users runs only on the demo
        call_command("demo_users", "--json", stdout=out)
    rows: list[dict[str, str]] = json.loads(out.getvalue())
    return rows


@pytest.fixture
def demo(db) -> dict[str, int]:
    _load()
    return _counts()


def test_it_loads_the_fictional_cases(demo):
    assert demo["cases.Case"] == len(data.CHILDREN)


def test_it_duplicates_nothing_when_loaded_twice(demo):
    _load()
    assert _counts() == demo


def test_it_reports_no_new_cases_the_second_time(demo):
    assert "0 new fictional cases" in _load()


def test_it_keeps_the_audit_chain_intact_after_loading(demo):
    call_command("verify_audit", stdout=StringIO())


def test_it_lists_a_demo_user_for_every_role(demo):
    roles = {row["role"] for row in _demo_users()}
    assert roles == set(Role.values)


def test_it_lists_the_password_with_every_demo_user(demo):
    assert {row["password"] for row in _demo_users()} == {data.PASSWORD}


def test_it_lists_users_whose_password_works(demo):
    for row in _demo_users():
        assert User.objects.get(username=row["username"]).check_password(row["password"])


def test_it_lists_each_user_with_an_organisation(demo):
    assert all(row["organisation"] for row in _demo_users())


def test_it_lists_nobody_before_the_demo_is_loaded(db):
    assert _demo_users() == []


def test_it_gives_analysts_and_administrators_no_case(demo):
    for role in (Role.ANALYST, Role.ADMINISTRATOR):
        user = User.objects.get(role=role, username__in=[u[0] for u in data.USERS])
        assert not Case.objects.visible_to(user).exists()
