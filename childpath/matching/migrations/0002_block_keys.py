"""Blocking keys beside each encoding, and the keys of the encodings already stored (a demo
or an instance upgraded in place), so a query fetches its candidates by the index."""

import json
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

CHUNK = 2000


def fill(apps: Any, schema_editor: Any) -> None:
    from childpath import linkage
    from childpath.linkage.encoding import EncodingSet
    from childpath.matching.blocks import block_keys

    PeerKey = apps.get_model("matching", "PeerKey")
    CaseEncoding = apps.get_model("matching", "CaseEncoding")
    BlockKey = apps.get_model("matching", "BlockKey")
    for peer_key in PeerKey.objects.all():
        try:
            key = linkage.key_from_dict(json.loads(peer_key.key_file))
        except linkage.KeyFileError:
            continue  # made under an older normalisation: its encodings are re-made anyway
        stored = CaseEncoding.objects.filter(peer=peer_key.peer, key_version=peer_key.version)
        last = 0
        while True:
            rows = list(
                stored.filter(pk__gt=last).order_by("pk").values_list("pk", "encoding")[:CHUNK]
            )
            if not rows:
                break
            encodings = EncodingSet.from_bytes(
                [str(pk) for pk, _ in rows], [bytes(blob) for _, blob in rows], key.key_id
            )
            BlockKey.objects.bulk_create(
                BlockKey(
                    encoding_id=pk, peer=peer_key.peer, key_version=peer_key.version, key=value
                )
                for (pk, _), keys in zip(rows, block_keys(encodings, key), strict=True)
                for value in keys
            )
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="BlockKey",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "encoding",
                        "key",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("peer", models.CharField(max_length=64)),
                ("key_version", models.PositiveIntegerField()),
                ("key", models.BigIntegerField()),
                (
                    "encoding",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="blocks",
                        to="matching.caseencoding",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["peer", "key_version", "key", "encoding"], name="matching_block"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
