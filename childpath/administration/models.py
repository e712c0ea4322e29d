"""An HSDS import started from the administration pages, run in the background."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """One uploaded HSDS file on its way into the directory, with its progress and report.

    The file is kept in the row (it is small: the request body limit caps it) so that a worker
    on another machine can read it; it is emptied once the import has ended.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to start")
        READING = "reading", _("Reading the file")
        CHECKING = "checking", _("Checking and storing the records")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused: nothing was imported")
        FAILED = "failed", _("Failed: nothing was imported")

    ENDED = (State.DONE, State.REFUSED, State.FAILED)
    # The share of the bar each state has reached. The records are checked and stored in one
    # transaction (all or nothing), so the bar cannot move inside it: it moves between steps.
    PERCENT = {
        State.WAITING: 5,
        State.READING: 25,
        State.CHECKING: 60,
        State.DONE: 100,
        State.REFUSED: 100,
        State.FAILED: 100,
    }

    # A UUID: the progress page's address cannot be guessed from another's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField(default=b"")
    state = models.CharField(max_length=16, choices=State.choices, default=State.WAITING)
    # {"created": {table: n}, "updated": {...}, "added": [ids], "changed": [ids],
    #  "retired": [ids], "rejected": [problem], "warnings": [problem]}, a problem being the
    # fields of hsds.parse.Problem: described in the reader's language when shown.
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("directory import")
        verbose_name_plural = _("directory imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.state})"

    @property
    def ended(self) -> bool:
        return self.state in self.ENDED

    @property
    def percent(self) -> int:
        return self.PERCENT[self.State(self.state)]
