from django.test import Client


def test_it_opens_a_case_through_the_service(case, caseworker):
    client = Client()
    client.force_login(caseworker)
    response = client.get(f"/cases/{case.reference}/")
    assert response.status_code == 200
    assert b"Testa Exempel" in response.content
