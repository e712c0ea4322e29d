"""An HSDS file uploaded, imported in the background with its progress, and its report: what
was added, updated, retired or refused. A bad file imports nothing."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from childpath.administration import tasks
from childpath.administration.models import ImportJob
from childpath.administration.uploads import BadUpload, read_upload
from childpath.audit.models import AuditEvent
from childpath.directory import services as directory
from childpath.directory.models import Service
from childpath.directory.tests.builders import import_docs, organization_doc, service_doc

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def taxonomies():
    directory.ensure_taxonomies()


def _upload(admin_client, name, content, capture):
    with capture(execute=True):
        return admin_client.post(
            reverse("administration-import-upload"),
            {"file": SimpleUploadedFile(name, content)},
        )


def _json(*docs):
    return json.dumps(organization_doc(*docs)).encode()


def test_it_imports_a_json_file_and_reports_what_changed(
    admin_client, django_capture_on_commit_callbacks
):
    kept = service_doc("Quiet day shelter")
    closing = service_doc("Old night shelter")
    import_docs(organization_doc(kept, closing))
    closing["status"] = "defunct"
    kept["description"] = "Now open on Saturdays."
    new = service_doc("Harbour night shelter")
    capture = django_capture_on_commit_callbacks
    response = _upload(admin_client, "directory.json", _json(kept, closing, new), capture)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("administration-import", args=[job.pk])
    assert job.state == ImportJob.State.DONE and job.content == b""
    page = admin_client.get(response["Location"]).content.decode()
    added = page.split("Services added")[1].split("Services updated")[0]
    updated = page.split("Services updated")[1].split("Services retired")[0]
    retired = page.split("Services retired")[1]
    assert "Harbour night shelter" in added
    assert "Quiet day shelter" in updated
    assert "Old night shelter" in retired and "Old night shelter" not in updated
    assert AuditEvent.objects.filter(action="directory.import").exists()


def test_it_imports_a_zipped_csv_package(admin_client, django_capture_on_commit_callbacks):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr(
            "package/organizations.csv",
            "id,name,description\n0b1c3f5e-0000-4000-8000-00000000000a,Zip Org,From a zip\n",
        )
        package.writestr(
            "package/services.csv",
            "id,organization_id,name,status\n"
            "7a2b0000-0000-4000-8000-00000000000b,0b1c3f5e-0000-4000-8000-00000000000a,"
            "Zip service,active\n",
        )
    _upload(admin_client, "package.zip", archive.getvalue(), django_capture_on_commit_callbacks)
    assert ImportJob.objects.get().state == ImportJob.State.DONE
    assert Service.objects.filter(name="Zip service").exists()


def test_it_refuses_a_file_with_a_bad_record_and_imports_nothing(
    admin_client, django_capture_on_commit_callbacks
):
    good = service_doc("Good shelter")
    bad = service_doc("Bad shelter", ages=(17, 12))
    _upload(admin_client, "bad.json", _json(good, bad), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.REFUSED
    assert not Service.objects.filter(name="Good shelter").exists()
    page = admin_client.get(reverse("administration-import", args=[job.pk])).content.decode()
    assert "2 records refused" in page  # the service, and its place that points at it
    assert "minimum_age is greater than maximum_age" in page


def test_it_refuses_a_file_that_is_neither_json_nor_zip_on_the_form(admin_client):
    response = admin_client.post(
        reverse("administration-import-upload"),
        {"file": SimpleUploadedFile("notes.json", b"{not json")},
    )
    assert response.status_code == 200
    assert "neither a zip file nor valid JSON" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_it_refuses_a_zip_that_climbs_out_of_its_folder():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("../services.csv", "id\n")
    with pytest.raises(BadUpload):
        read_upload("evil.zip", archive.getvalue())


def test_it_shows_the_progress_as_json_and_refreshes_without_javascript(
    admin_client, administrator
):
    job = ImportJob.objects.create(started_by=administrator, file_name="x.json", content=b"[]")
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.CHECKING)
    status = admin_client.get(reverse("administration-import-status", args=[job.pk])).json()
    assert status["percent"] == 60 and not status["ended"]
    page = admin_client.get(reverse("administration-import", args=[job.pk])).content.decode()
    assert '<noscript><meta http-equiv="refresh"' in page
    assert "<script>" not in page  # the Content-Security-Policy allows no inline script


def test_it_runs_a_job_once(administrator):
    job = ImportJob.objects.create(
        started_by=administrator, file_name="x.json", content=_json(service_doc("Once"))
    )
    assert tasks.run_import.call(str(job.pk)) == ImportJob.State.DONE
    assert tasks.run_import.call(str(job.pk)) == ImportJob.State.DONE
    assert AuditEvent.objects.filter(action="directory.import").count() == 1
