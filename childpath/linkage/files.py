"""Reading record and encoding files, writing results; every error names its row or field.

Nothing is written unless everything was read and computed: outputs go to a temporary file
beside the target and are renamed into place at the end.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .encoding import Encoder, EncodingSet, Record, RecordError, from_text, to_text
from .keys import LinkageKey

COLUMNS = ("id", "given_names", "family_name", "date_of_birth", "sex", "language")
ENCODING_HEADER = "#childpath-linkage-encodings"


class InputError(ValueError):
    """A file that cannot be used; the message names the file, the row and the field."""


def _read_text(path: str | os.PathLike[str]) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{os.fspath(path)}: no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{os.fspath(path)}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise InputError(f"{os.fspath(path)}: cannot be read ({error.strerror})") from None


def is_encoding_file(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.readline().startswith(ENCODING_HEADER)
    except (OSError, UnicodeDecodeError):
        return False


def read_records(path: str | os.PathLike[str]) -> list[Record]:
    name = os.fspath(path)
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: the file is empty") from None
    except csv.Error as error:
        raise InputError(f"{name}, row 1: {error}") from None
    header = [column.strip().lower() for column in header]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise InputError(
            f"{name}, row 1: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}"
        )
    duplicated = {c for c in header if header.count(c) > 1}
    if duplicated:
        raise InputError(f"{name}, row 1: column(s) {', '.join(sorted(duplicated))} twice")
    position = {column: header.index(column) for column in COLUMNS}
    records: list[Record] = []
    seen: set[str] = set()
    try:
        for row_number, row in enumerate(reader, start=2):
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    f"{name}, row {row_number}: {len(row)} values for {len(header)} columns"
                )
            values = {column: row[index].strip() for column, index in position.items()}
            if not values["id"]:
                raise InputError(f"{name}, row {row_number}, field id: is empty")
            if values["id"] in seen:
                raise InputError(f"{name}, row {row_number}, field id: {values['id']!r} twice")
            seen.add(values["id"])
            records.append(Record(**values))
    except csv.Error as error:
        raise InputError(f"{name}, row {reader.line_num}: {error}") from None
    return records


def encode_blobs(records: Sequence[Record], key: LinkageKey, name: str) -> list[bytes]:
    encoder = Encoder(key)
    blobs = []
    for row_number, record in enumerate(records, start=2):
        try:
            blobs.append(encoder.encode(record))
        except RecordError as error:
            raise InputError(
                f"{name}, row {row_number} (id {record.id!r}), field {error}"
            ) from None
    return blobs


def encode_file(records: Sequence[Record], key: LinkageKey, name: str) -> EncodingSet:
    blobs = encode_blobs(records, key, name)
    return EncodingSet.from_bytes([r.id for r in records], blobs, key.key_id)


def read_encodings(path: str | os.PathLike[str], key: LinkageKey) -> EncodingSet:
    name = os.fspath(path)
    lines = _read_text(path).splitlines()
    if not lines or not lines[0].startswith(ENCODING_HEADER):
        raise InputError(f"{name}, row 1: not a Childpath encodings file")
    fields = dict(part.split("=", 1) for part in lines[0].split()[1:] if "=" in part)
    if fields.get("key_id") != key.key_id:
        raise InputError(
            f"{name}: encodings made with key {fields.get('key_id')!r}; the key file given "
            f"is {key.key_id!r}. Both parties must use the same key file."
        )
    scheme = key.scheme.as_dict()
    for item in ("normalisation", "blip_log2"):
        if fields.get(item) != str(scheme[item]):
            raise InputError(
                f"{name}: encodings made with {item}={fields.get(item)}, key has {scheme[item]}"
            )
    reader = csv.reader(lines[1:])
    header = next(reader, None)
    if header != ["id", "encoding"]:
        raise InputError(f"{name}, row 2: expected the columns id,encoding")
    ids: list[str] = []
    blobs: list[bytes] = []
    seen: set[str] = set()
    for row_number, row in enumerate(reader, start=3):
        if not row:
            continue
        if len(row) != 2:
            raise InputError(f"{name}, row {row_number}: expected id,encoding")
        identifier, text = row[0].strip(), row[1].strip()
        if not identifier or identifier in seen:
            raise InputError(f"{name}, row {row_number}, field id: empty or repeated")
        try:
            blobs.append(from_text(text))
        except ValueError as error:
            raise InputError(f"{name}, row {row_number}, field encoding: {error}") from None
        seen.add(identifier)
        ids.append(identifier)
    return EncodingSet.from_bytes(ids, blobs, key.key_id)


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A text file that appears at ``path`` only if the block finishes without error."""
    target = Path(path)
    if target.parent and not target.parent.exists():
        raise InputError(f"{os.fspath(path)}: the folder does not exist")
    descriptor, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=".linkage-")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_encodings(
    handle: TextIO, ids: Sequence[str], blobs: Sequence[bytes], key: LinkageKey
) -> None:
    scheme = key.scheme.as_dict()
    handle.write(
        f"{ENCODING_HEADER} format=1 key_id={key.key_id} normalisation={scheme['normalisation']}"
        f" blip_log2={scheme['blip_log2']}\n"
    )
    writer = csv.writer(handle)
    writer.writerow(["id", "encoding"])
    for identifier, blob in zip(ids, blobs, strict=True):
        writer.writerow([identifier, to_text(blob)])
