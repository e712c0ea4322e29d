"""Model fields whose values are stored encrypted (see ``childpath.lib.crypto``)."""

import json
from typing import TYPE_CHECKING, Any

from django.db import models

from childpath.lib import crypto


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored as a Fernet token; empty text is stored as empty, not encrypted.

    Not searchable or orderable in the database, by design: use a blind index.
    """

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return None if value is None else ""
        return crypto.encrypt(str(value))


if TYPE_CHECKING:
    # django-stubs makes Field generic in (set type, get type); at run time it is not.
    _AnyField = models.Field[Any, Any]
else:
    _AnyField = models.Field


class EncryptedJSONField(_AnyField):
    """A JSON value (list or dict) stored as one Fernet token in a text column."""

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None
        return json.loads(crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value:
            return json.loads(value)
        return value

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))
