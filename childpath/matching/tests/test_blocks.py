"""The database-blocked answer is the in-memory answer (every stored encoding screened by
the core), on a small fixed synthetic set: fictional people recorded twice."""

import pytest

from childpath import linkage
from childpath.cases.models import Case
from childpath.linkage import LinkageKey, Scheme, synthetic
from childpath.linkage.encoding import EncodingSet
from childpath.matching import services
from childpath.matching.models import BlockKey, CaseEncoding

pytestmark = pytest.mark.django_db

# A fixed key, so the set and its blocks are the same on every run (a test key, no secret).
FIXED_KEY = LinkageKey(
    secret=bytes(range(32)), scheme=Scheme(), created="2026-12-02T00:00:00+00:00"
)


@pytest.fixture
def stored(frontline):
    key = services.rotate_key(actor=None, peer="rs-test", key_file=FIXED_KEY.to_json())
    first, second, _truth = synthetic.generate(150, seed=5)
    encoder = linkage.Encoder(FIXED_KEY)
    cases = Case.objects.bulk_create(
        Case(
            reference=record.id,
            created_by=frontline,
            created_by_organisation=frontline.organisation,
            sex="",
            migration_status="",
            unaccompanied="",
        )
        for record in first
    )
    for case, record in zip(cases, first, strict=True):
        services.store_encoding(case=case, key=key, blob=encoder.encode(record))
    return key, [encoder.encode(record) for record in second]


def in_memory(key, blob, *, prior):
    """As every query was answered before: all stored encodings loaded and screened."""
    rows = list(
        CaseEncoding.objects.filter(peer=key.peer, key_version=key.version)
        .order_by("case_id")
        .values_list("case_id", "encoding")
    )
    everything = EncodingSet.from_bytes(
        [str(r[0]) for r in rows], [bytes(r[1]) for r in rows], key.key_id
    )
    one = EncodingSet.from_bytes(["q"], [blob], key.key_id)
    return [
        (everything.id(m.index), m.probability) for m in linkage.query(one, everything, prior=prior)
    ]


def blocked(key, blob, *, prior):
    fetched, _ids = services.fetch_candidates(key.peer, key, blob)
    one = EncodingSet.from_bytes(["q"], [blob], key.key_id)
    return [(fetched.id(m.index), m.probability) for m in linkage.query(one, fetched, prior=prior)]


@pytest.mark.parametrize("prior", [1 / 150, 0.01])
def test_it_answers_from_the_database_as_from_memory(stored, prior):
    key, queries = stored
    answers = [in_memory(key, blob, prior=prior) for blob in queries]
    assert sum(1 for answer in answers if answer) > 50  # the set has matches to find
    assert [blocked(key, blob, prior=prior) for blob in queries] == answers


def test_it_fetches_fewer_than_all_the_stored_encodings(stored):
    key, queries = stored
    fetched, _ids = services.fetch_candidates(key.peer, key, queries[0])
    assert 0 < len(fetched) < 150


@pytest.mark.django_db(transaction=True)  # the re-encoding runs after the commit
def test_it_rewrites_the_keys_when_the_key_is_rotated(stored, make_case):
    old, _queries = stored
    case = make_case(given_names="Olena", family_name="Shevchenko")
    services.encode_case(case, old)
    new = services.rotate_key(actor=None, peer="rs-test")
    encoding = CaseEncoding.objects.get(case=case, peer="rs-test")
    assert set(encoding.blocks.values_list("key_version", flat=True)) == {new.version}
    assert not BlockKey.objects.filter(peer="rs-test", key_version=old.version).exists()


def test_it_deletes_the_keys_with_the_encoding(stored):
    CaseEncoding.objects.filter(peer="rs-test").delete()
    assert not BlockKey.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_keys_of_encodings_already_stored(stored):
    from django.core.management import call_command

    expected = sorted(BlockKey.objects.values_list("encoding_id", "key"))
    call_command("migrate", "matching", "0001", verbosity=0)  # an instance before the keys
    call_command("migrate", "matching", verbosity=0)
    assert len(expected) > 1000
    assert sorted(BlockKey.objects.values_list("encoding_id", "key")) == expected
