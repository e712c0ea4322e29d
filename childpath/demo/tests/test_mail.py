"""The demo's page of sent e-mails: only on the demo, only signed in, every message listed
with its subject, recipients, date and body."""

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMessage

from childpath.demo import mailbox

FILES = "django.core.mail.backends.filebased.EmailBackend"


@pytest.fixture
def demo_mail(settings, tmp_path):
    settings.CHILDPATH_DEMO = True
    settings.EMAIL_BACKEND = FILES
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


def send(subject: str, body: str, to: str) -> None:
    # The file backend, as the demo configures it (pytest-django's outbox replaces the
    # default connection, so the test asks for this one by name).
    connection = django_mail.get_connection(FILES)
    EmailMessage(subject, body, None, [to], connection=connection).send()


def test_it_lists_the_sent_messages_newest_first(demo_mail, caseworker, login):
    send("Första ämnet", "Första brödtexten åäö.", "first@example.invalid")
    send("Second subject", "Second body.", "second@example.invalid")
    html = login(caseworker).get("/demo/mail/").content.decode()
    assert html.index("Second subject") < html.index("Första ämnet")
    assert "first@example.invalid" in html
    assert "Första brödtexten åäö." in html
    assert "<time datetime=" in html


def test_it_reads_several_messages_from_one_file(demo_mail):
    connection = django_mail.get_connection(FILES)
    connection.send_messages(
        [EmailMessage(f"Subject {n}", f"Body {n}", None, ["a@example.invalid"]) for n in (1, 2)]
    )
    mails = mailbox.read(demo_mail)
    assert [m.subject for m in mails] == ["Subject 2", "Subject 1"]
    assert mails[0].body.strip() == "Body 2"


def test_it_shows_at_most_the_newest_messages(demo_mail):
    for n in range(5):
        send(f"Subject {n}", "Body", "a@example.invalid")
    assert len(mailbox.read(demo_mail, limit=3)) == 3


def test_it_says_when_nothing_was_sent(demo_mail, caseworker, login):
    html = login(caseworker).get("/demo/mail/").content.decode()
    assert "No e-mail has been sent yet" in html


def test_it_says_when_the_instance_does_not_write_mail_to_files(
    demo_mail, caseworker, login, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    html = login(caseworker).get("/demo/mail/").content.decode()
    assert "does not write its e-mails to files" in html


def test_it_asks_an_anonymous_visitor_to_sign_in(demo_mail, client):
    response = client.get("/demo/mail/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_shows_the_page_to_every_signed_in_role(demo_mail, analyst, login):
    assert login(analyst).get("/demo/mail/").status_code == 200


def test_it_does_not_exist_off_the_demo(caseworker, login, client, settings):
    settings.CHILDPATH_DEMO = False
    assert login(caseworker).get("/demo/mail/").status_code == 404
    assert client.get("/demo/mail/").status_code == 404


def test_it_links_the_page_from_the_home_page_on_the_demo(demo_mail, caseworker, login):
    assert 'href="/demo/mail/"' in login(caseworker).get("/").content.decode()


def test_it_links_the_page_from_the_sign_in_page_on_the_demo(demo_mail, client):
    assert "/demo/mail/" in client.get("/accounts/login/").content.decode()


def test_it_does_not_link_the_page_off_the_demo(caseworker, login, client):
    assert "/demo/mail/" not in login(caseworker).get("/").content.decode()
    assert "/demo/mail/" not in client.get("/accounts/login/").content.decode()
