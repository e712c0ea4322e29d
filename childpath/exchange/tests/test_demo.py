"""The demo's cross-border part and the paired Serbian instance: loaded twice, nothing doubles."""

from io import StringIO

from django.core.management import call_command

from childpath.accounts.models import Role, User
from childpath.exchange.models import CrossBorderReferral


def test_it_leaves_stefans_request_for_the_focal_point_once(db):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    referral = CrossBorderReferral.objects.get()
    assert referral.case is not None
    assert (referral.status, referral.country, referral.case.identity.given_names) == (
        "requested",
        "RS",
        "Stefan",
    )


def test_it_loads_the_serbian_instance_with_a_focal_point(db, settings):
    settings.CHILDPATH_COUNTRY = "RS"
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    focal = User.objects.get(username="focal.milica")
    assert focal.organisation is not None
    assert focal.role == Role.FOCAL_POINT and focal.organisation.is_focal_point
    assert focal.organisation.country == "RS"
    assert User.objects.count() == 5
    assert CrossBorderReferral.objects.count() == 0


def test_it_names_the_instance_above_its_logins(db, settings):
    settings.CHILDPATH_COUNTRY = "RS"
    settings.CHILDPATH_INSTANCE_NAME = "Childpath Serbia (fictional demo)"
    settings.CHILDPATH_DEMO = True
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_users", stdout=out)
    assert out.getvalue().startswith("Childpath Serbia (fictional demo): demo users")
    assert "focal.milica" in out.getvalue()


def test_it_lets_the_focal_point_ask_about_stefan(db):
    from childpath.cases.models import Case

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    jonas = User.objects.get(username="focal.jonas")
    stefan = CrossBorderReferral.objects.get().case
    assert stefan is not None
    assert Case.objects.visible_to(jonas).filter(pk=stefan.pk).exists()


def test_it_gives_the_serbian_instance_stefan_from_a_year_ago(db, settings):
    from childpath.cases.models import Case

    settings.CHILDPATH_COUNTRY = "RS"
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    [case] = Case.objects.all()
    assert case.identity.given_names == "Стефан"


def test_the_demo_pairing_shares_one_linkage_key_once(db, sim, tmp_path, administrator):
    import json

    from childpath.matching.models import PeerKey, PeerPolicy

    card = tmp_path / "card.json"
    card.write_text(json.dumps(sim.card))
    shared = tmp_path / "linkage.json"
    for _ in range(2):
        call_command("federation_pair_demo", str(card), linkage_key=shared, stdout=StringIO())
    [key] = PeerKey.objects.filter(peer=sim.card["instance"])
    assert json.loads(shared.read_text())["key_id"] == key.key_id
    assert PeerPolicy.objects.get(peer=sim.card["instance"]).may_ask
    # The other demo instance takes the same file: the same key, not a new one.
    PeerKey.objects.all().delete()
    call_command("federation_pair_demo", str(card), linkage_key=shared, stdout=StringIO())
    assert PeerKey.objects.get().key_id == key.key_id
