"""/admin/directory/service/: the administrator chooses the services children may contact
themselves (shown on the public help pages); the HSDS data stay as imported."""

from childpath.audit.models import AuditEvent
from childpath.directory.models import Service
from childpath.directory.tests.builders import add_services, service_doc

URL = "/admin/directory/service/"


def _service(db) -> Service:
    return add_services(service_doc("Fictional youth clinic"))[0].service


def test_it_lists_the_services_for_the_administrator(administrator, login, db):
    _service(db)
    response = login(administrator).get(URL)
    assert response.status_code == 200
    assert "Fictional youth clinic" in response.content.decode()


def test_it_refuses_the_service_list_to_a_caseworker(caseworker, login, db):
    assert login(caseworker).get(URL).status_code == 302  # to the admin login


def test_it_turns_on_accepts_children_directly_with_an_audit_event(administrator, login, db):
    service = _service(db)
    response = login(administrator).post(
        f"{URL}{service.pk}/change/", {"accepts_children_directly": "on"}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.accepts_children_directly
    event = AuditEvent.objects.get(action="directory.accepts_children_directly")
    assert event.actor == administrator


def test_it_keeps_the_hsds_fields_read_only(administrator, login, db):
    service = _service(db)
    login(administrator).post(
        f"{URL}{service.pk}/change/", {"name": "Renamed", "accepts_children_directly": "on"}
    )
    service.refresh_from_db()
    assert service.name == "Fictional youth clinic"


def test_it_shows_and_hides_services_in_bulk(administrator, login, db):
    service = _service(db)
    client = login(administrator)
    client.post(URL, {"action": "show_to_children", "_selected_action": [str(service.pk)]})
    service.refresh_from_db()
    assert service.accepts_children_directly
    client.post(URL, {"action": "hide_from_children", "_selected_action": [str(service.pk)]})
    service.refresh_from_db()
    assert not service.accepts_children_directly


def test_it_keeps_the_choice_when_the_same_service_is_imported_again(db):
    from childpath.directory import services
    from childpath.directory.tests.builders import import_docs, organization_doc

    doc = service_doc("Fictional drop-in")
    add_services(doc)
    service = Service.objects.get(pk=doc["id"])
    services.set_accepts_children_directly(actor=None, services=[service], accepts=True)
    import_docs(organization_doc({**doc, "description": "Changed by the publisher."}))
    service.refresh_from_db()
    assert service.accepts_children_directly
