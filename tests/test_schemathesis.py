"""Fuzz the REST API from its own OpenAPI schema (DESIGN.md section 6.9).

Schemathesis generates requests for every operation in ``/api/v1/schema/`` and sends them
to the WSGI application in this process, authenticated with a caseworker's token. Two
promises are checked: no request makes the server fail (5xx), and every answer matches the
schema (status code documented, content type and body as described).

Deterministic (``derandomize``) and small, so it runs in well under a minute.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import Case as ApiCase
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from childpath.accounts.models import User
from childpath.cases.models import Case
from conftest import issue_api_token

app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", app)
# Fuzzing: 25 positive and negative examples per operation. Coverage (edge values of each
# field, unexpected methods): positive only, since its negative variants run to hundreds per
# body and fuzzing already sends invalid input.
schema.config.generation.update(max_examples=25, deterministic=True, database="none")
schema.config.phases.coverage.generation.update(
    modes=[GenerationMode.POSITIVE], deterministic=True, database="none"
)

REFERENCE = re.compile(r"CP-[A-Z0-9]{4}-[A-Z0-9]{4}")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Keep the test's transaction open across requests, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(caseworker: User) -> str:
    return issue_api_token(caseworker)


@pytest.fixture
def known_case(make_case: Callable[..., Case]) -> Case:
    """A case the caseworker's office leads, so that reads and updates reach real data."""
    return make_case(given_names="Fuzz", family_name="Testsson")


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_api_conforms_to_its_schema(
    case: ApiCase[Any], token: str, known_case: Case, in_test_transaction: None
) -> None:
    reference = (case.path_parameters or {}).get("reference")
    if isinstance(reference, str) and REFERENCE.fullmatch(reference) and ord(reference[-1]) % 2:
        # About half of the valid-looking references point at the real case, half at none.
        case.path_parameters = {**case.path_parameters, "reference": known_case.reference}
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
