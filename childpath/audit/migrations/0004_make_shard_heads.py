"""Every shard's head row made at once, instead of by the first writer that needs it: a request
then never pays for making them (its query count does not depend on what ran before it), and
no writer inserts a head beside one another writer holds."""

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64  # childpath.audit.chain.GENESIS; a migration keeps its own copy


def make_heads(apps, schema_editor):
    AuditHead = apps.get_model("audit", "AuditHead")
    AuditHead.objects.bulk_create(
        [
            AuditHead(shard=shard, last_event_id=0, last_hash=GENESIS)
            for shard in range(settings.AUDIT_SHARDS)
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_sharded_chain")]

    operations = [migrations.RunPython(make_heads, migrations.RunPython.noop)]
