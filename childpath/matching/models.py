"""Keys shared with peers, the keyed encodings of every case, match queries and answers,
and possible duplicates within this instance. No name or date of birth is stored here: an
encoding cannot be turned back into a name, and the key that made it is encrypted."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.cases.models import Case
from childpath.lib.fields import EncryptedTextField

# The peer id of this instance's own key, used to find duplicates within the instance.
LOCAL = "local"


class PeerKey(models.Model):
    """One version of the linkage key shared with a peer (the key file, encrypted)."""

    peer = models.CharField(_("peer instance"), max_length=64)
    version = models.PositiveIntegerField(_("version"))
    key_file = EncryptedTextField(_("key file"))
    key_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["peer", "version"], name="matching_key_version")
        ]
        ordering = ["peer", "-version"]

    def __str__(self) -> str:
        return f"{self.peer} v{self.version}"


class PeerPolicy(models.Model):
    """Whether a peer may ask this instance, and how often."""

    peer = models.CharField(_("peer instance"), max_length=64, unique=True)
    may_ask = models.BooleanField(_("may ask match queries"), default=False)
    queries_per_hour = models.PositiveIntegerField(_("queries per hour"), default=30)

    def __str__(self) -> str:
        return self.peer


class CaseEncoding(models.Model):
    """The keyed encoding of one case under one peer's key (160 bytes)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="encodings")
    peer = models.CharField(max_length=64)
    key_version = models.PositiveIntegerField()
    encoding = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "peer"], name="matching_encoding_per_peer")
        ]
        indexes = [models.Index(fields=["peer", "key_version"])]

    def __str__(self) -> str:
        return f"{self.case_id} for {self.peer}"


class BlockKey(models.Model):
    """One blocking key of a stored encoding (``matching.blocks``): a query fetches from
    the database only the encodings that share a key with it, never all of them."""

    # About 45 rows an encoding: no surrogate id, and the primary key (encoding first) is
    # also the index that deletes an encoding's keys, so the table carries two indexes.
    pk = models.CompositePrimaryKey("encoding", "key")
    encoding = models.ForeignKey(
        CaseEncoding, on_delete=models.CASCADE, related_name="blocks", db_index=False
    )
    peer = models.CharField(max_length=64)
    key_version = models.PositiveIntegerField()
    key = models.BigIntegerField()

    class Meta:
        indexes = [
            # encoding_id last: the lookup is answered from the index alone.
            models.Index(fields=["peer", "key_version", "key", "encoding"], name="matching_block")
        ]

    def __str__(self) -> str:
        return f"{self.encoding_id} {self.key}"


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("asked by us")
    INCOMING = "incoming", _("asked of us")


class QueryStatus(models.TextChoices):
    WAITING = "waiting", _("waiting for the answer")
    ANSWERED = "answered", _("answered")
    REFUSED = "refused", _("refused")


class MatchQuery(models.Model):
    query_id = models.UUIDField(default=uuid.uuid4, unique=True)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    peer = models.CharField(max_length=64)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="match_queries"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    key_version = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=QueryStatus.choices)
    reason = models.CharField(max_length=200, blank=True)
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["direction", "peer", "asked_at"])]
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return str(self.query_id)


class MatchCandidate(models.Model):
    """A candidate in an answer: the peer's reference (never a name) and the evidence."""

    query = models.ForeignKey(MatchQuery, on_delete=models.CASCADE, related_name="candidates")
    reference = models.CharField(max_length=40)
    probability = models.FloatField()
    band = models.CharField(max_length=12)
    agreeing = models.JSONField(default=list)

    class Meta:
        ordering = ["-probability"]

    def __str__(self) -> str:
        return self.reference


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("to check")
    DISMISSED = "dismissed", _("not the same child")
    CONFIRMED = "confirmed", _("the same child")


class DuplicateFlag(models.Model):
    """Two cases of this instance that may be the same child."""

    first = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    agreeing = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="matching_duplicate_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id}"


class ReencodeJob(models.Model):
    """Regenerating every case's encoding after a key rotation, with its progress."""

    peer = models.CharField(max_length=64)
    key_version = models.PositiveIntegerField()
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.peer} v{self.key_version}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)
