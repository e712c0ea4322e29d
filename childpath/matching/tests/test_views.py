import pytest

from childpath.matching.models import DuplicateFlag, MatchQuery

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paired(db):
    """'rs-test' as a confirmed federation peer: the question travels through the exchange."""
    from datetime import UTC, datetime

    from childpath.exchange import keys
    from childpath.exchange.models import Peer, PeerStatus

    ring = keys.new_ring("rs-test", datetime.now(UTC))
    card = keys.card(
        instance="rs-test",
        country="RS",
        name="Childpath RS (test)",
        address="http://127.0.0.1:8129/federation/inbox",
        keys=ring.public_keys(datetime.now(UTC)),
    )
    return Peer.objects.create(
        instance_id="rs-test",
        name=card["name"],
        country="RS",
        address=card["address"],
        keys=card["keys"],
        fingerprint=keys.fingerprint(card),
        status=PeerStatus.ACTIVE,
    )


def test_it_lets_a_focal_point_ask_from_the_case_page(
    login, make_case, focal, on_team, peer_key, paired
):
    from childpath.exchange.models import OutboxMessage

    case = on_team(make_case())
    client = login(focal)
    page = client.get(f"/cases/{case.reference}/")
    assert "Known in another country?" in page.content.decode()
    response = client.post(f"/matching/cases/{case.reference}/ask/", {"peer": "rs-test"})
    assert response.status_code == 302
    assert MatchQuery.objects.filter(case=case).count() == 1
    # It leaves as a federation message to the peer (childpath.exchange).
    assert OutboxMessage.objects.get(peer=paired).type == "match.query"


def test_it_refuses_asking_to_a_caseworker(login, make_case, caseworker, peer_key):
    case = make_case()
    response = login(caseworker).post(f"/matching/cases/{case.reference}/ask/", {"peer": "rs-test"})
    assert response.status_code == 403
    assert not MatchQuery.objects.exists()


def test_it_answers_404_for_a_case_the_user_cannot_see(login, make_case, focal, peer_key):
    case = make_case()
    response = login(focal).post(f"/matching/cases/{case.reference}/ask/", {"peer": "rs-test"})
    assert response.status_code == 404


def test_it_shows_a_duplicate_without_the_other_teams_case(login, make_case, caseworker, outsider):
    mine = make_case(given_names="Ioana", family_name="Popescu", sex="female")
    theirs = make_case(
        given_names="Ioana", family_name="Popescu", sex="female", lead="other_social"
    )
    assert DuplicateFlag.objects.count() == 1
    page = login(caseworker).get("/matching/duplicates/").content.decode()
    assert mine.reference in page and theirs.reference not in page
    assert "Other Social Services" in page
    other = login(outsider).get("/matching/duplicates/").content.decode()
    assert theirs.reference in other and mine.reference not in other


def test_it_refuses_the_duplicates_page_to_an_analyst(login, analyst):
    assert login(analyst).get("/matching/duplicates/").status_code == 403


def test_it_lets_a_team_decide_a_duplicate(login, make_case, caseworker):
    make_case(given_names="Ioana", family_name="Popescu", sex="female")
    make_case(given_names="Ioana", family_name="Popescu", sex="female", lead="other_social")
    flag = DuplicateFlag.objects.get()
    response = login(caseworker).post(f"/matching/duplicates/{flag.pk}/decide/", {"same": "no"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "dismissed"


def test_it_shows_key_versions_and_progress_to_administrators(
    login, administrator, caseworker, peer_key
):
    page = login(administrator).get("/matching/keys/")
    assert page.status_code == 200 and "<progress" in page.content.decode()
    assert login(caseworker).get("/matching/keys/").status_code == 403


def test_it_shows_duplicates_in_a_fixed_number_of_queries(
    login, make_case, caseworker, django_assert_max_num_queries
):
    for family in ("Popescu", "Ionescu", "Munteanu"):
        make_case(given_names="Ioana", family_name=family, sex="female")
        make_case(given_names="Ioana", family_name=family, sex="female", lead="other_social")
    assert DuplicateFlag.objects.count() >= 3
    client = login(caseworker)
    # Once first: what a request does at most once a minute or once per process (the session's
    # refresh) depends on what ran before; the budget is the page's own work (13 queries on
    # SQLite, 12 on PostgreSQL; the audit anchor, once a second per process, is not due in
    # tests: see the root conftest).
    assert client.get("/matching/duplicates/").status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get("/matching/duplicates/").status_code == 200


def test_it_records_no_decision_that_was_not_given(login, make_case, caseworker):
    """Whether two cases are the same child is a fact: a post without "same", or with any
    other value, is refused with a message and leaves the flag open."""
    make_case(given_names="Ioana", family_name="Popescu", sex="female")
    make_case(given_names="Ioana", family_name="Popescu", sex="female", lead="other_social")
    flag = DuplicateFlag.objects.get()
    client = login(caseworker)
    for data in ({}, {"same": "maybe"}):
        page = client.post(f"/matching/duplicates/{flag.pk}/decide/", data, follow=True)
        assert "Choose whether the two cases are the same child." in page.content.decode()
    flag.refresh_from_db()
    assert flag.status == "open"
