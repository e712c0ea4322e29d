"""No API token outlives the password it was issued under, or the account."""

from typing import Any

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from childpath.accounts.models import User
from childpath.signin import services


@receiver(pre_save, sender=User)
def _note_credential_change(sender: type[User], instance: User, **kwargs: Any) -> None:
    instance._signin_revoke = ""  # type: ignore[attr-defined]
    update_fields = kwargs.get("update_fields")
    if instance.pk is None or (
        update_fields and not {"password", "is_active"} & set(update_fields)
    ):
        return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password:
        instance._signin_revoke = "password changed"  # type: ignore[attr-defined]
    elif before["is_active"] and not instance.is_active:
        instance._signin_revoke = "account deactivated"  # type: ignore[attr-defined]


@receiver(post_save, sender=User)
def _revoke_tokens(sender: type[User], instance: User, created: bool, **kwargs: Any) -> None:
    why = getattr(instance, "_signin_revoke", "")
    if why:
        services.revoke_all_tokens(user=instance, why=why)
