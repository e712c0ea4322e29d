"""Fill each person's count of unread notifications (``User.unread_notifications``), which
the menu reads instead of counting the rows on every page."""

from django.db import migrations
from django.db.models import Count


def count_unread(apps, schema_editor):
    notifications = apps.get_model("referrals", "Notification")
    users = apps.get_model("accounts", "User")
    unread = notifications.objects.filter(read_at__isnull=True).values("user_id")
    for row in unread.annotate(n=Count("id")).order_by():
        users.objects.filter(pk=row["user_id"]).update(unread_notifications=row["n"])


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0002_referral_settled"),
        ("accounts", "0005_unread_notifications"),
    ]

    operations = [migrations.RunPython(count_unread, migrations.RunPython.noop)]
