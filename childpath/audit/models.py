from typing import Any, NoReturn, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CHAIN_VERSION = 3
# The head row of the root chain (the anchors) among the shard heads.
ROOT = -1


_M = TypeVar("_M", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit events and anchors are append-only.")

    def delete(self) -> NoReturn:
        raise PermissionError("Audit events and anchors are append-only.")


class AuditEvent(models.Model):
    """One audited action: who, from which organisation, did what, to which case, when.

    Field names touched are recorded, never their values. Rows are hash-chained and
    append-only through the application (``childpath.audit.services.record``).
    """

    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Snapshots, so the trail stays readable if a user or organisation is renamed.
    actor_username = models.CharField(max_length=150, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=64)
    case_reference = models.CharField(max_length=20, blank=True, db_index=True)
    fields = models.JSONField(default=list)
    purpose = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    # Version 2 of the chain also covers the actor's id and the case timeline entry the event
    # was written with (its id and a digest of its contents); version 1 rows predate that.
    chain_version = models.PositiveSmallIntegerField(default=CHAIN_VERSION)
    timeline_event_id = models.BigIntegerField(null=True, blank=True)
    timeline_digest = models.CharField(max_length=64, blank=True)
    # Version 3: the chain is sharded; ``previous_hash`` is the previous event of this shard.
    # Events written before it are shard 0, whose chain continues unchanged.
    shard = models.PositiveSmallIntegerField(default=0)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.case_reference}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit events are append-only.")

    def chained_fields(self) -> dict[str, Any]:
        """What the hash covers."""
        fields: dict[str, Any] = {
            "at": self.at.isoformat(),
            "actor": self.actor_username,
            "organisation": self.organisation,
            "action": self.action,
            "case": self.case_reference,
            "fields": list(self.fields),
            "purpose": self.purpose,
            "request_id": self.request_id,
        }
        if self.chain_version >= 2:
            fields |= {
                "version": self.chain_version,
                "actor_id": self.actor_id,
                "timeline_event": self.timeline_event_id,
                "timeline_digest": self.timeline_digest,
            }
        if self.chain_version >= 3:
            fields["shard"] = self.shard
        return fields


class AuditHead(models.Model):
    """One row per shard holding its chain's last event; locking it serialises that shard's
    writers. The row of shard ``ROOT`` holds the root chain's last anchor instead."""

    shard = models.SmallIntegerField(unique=True, default=0)
    last_event_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"audit head of shard {self.shard} at {self.last_event_id}"


class AuditAnchor(models.Model):
    """One link of the root chain: every shard's head (shard, last event id, last hash) at a
    moment, chained to the anchor before it. Cutting a shard's tail behind an anchor breaks it.
    """

    at = models.DateTimeField()
    heads = models.JSONField(default=list)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit anchor")
        verbose_name_plural = _("audit anchors")

    def __str__(self) -> str:
        return f"audit anchor {self.pk} at {self.at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit anchors are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit anchors are append-only.")
