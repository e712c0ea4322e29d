"""An uploaded HSDS file, read as ``manage.py import_hsds`` reads its paths.

The upload is one JSON file (an object, a list, an API page) or a zip of what the command takes
as a directory: a CSV data package, or JSON files. A zip is unpacked into a temporary directory
with limits, so that a hostile archive (a path that climbs out, a "zip bomb") is refused
instead of filling the disk.
"""

import json
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext_lazy as _

from childpath.directory.hsds.files import read_paths
from childpath.directory.hsds.parse import Batch

# An unpacked zip holds at most this much, in at most this many files.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_FILES = 200


class BadUpload(ValueError):
    """The file cannot be read at all; the message says why, for the person who sent it."""


def kind_of(name: str, content: bytes) -> str:
    """ "zip" or "json", or BadUpload: the check the upload form runs before a job starts."""
    if zipfile.is_zipfile(BytesIO(content)):
        _members(content)
        return "zip"
    if name.lower().endswith(".zip"):
        raise BadUpload(_("This zip file is damaged and cannot be opened."))
    try:
        json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise BadUpload(_("The file is not UTF-8 text.")) from error
    except json.JSONDecodeError as error:
        raise BadUpload(
            _("The file is neither a zip file nor valid JSON (line %(line)d).")
            % {"line": error.lineno}
        ) from error
    return "json"


def _members(content: bytes) -> list[zipfile.ZipInfo]:
    try:
        archive = zipfile.ZipFile(BytesIO(content))
    except zipfile.BadZipFile as error:
        raise BadUpload(_("This zip file is damaged and cannot be opened.")) from error
    files = [info for info in archive.infolist() if not info.is_dir()]
    if len(files) > MAX_FILES:
        raise BadUpload(_("The zip file holds more than %(count)d files.") % {"count": MAX_FILES})
    if sum(info.file_size for info in files) > MAX_UNPACKED_BYTES:
        raise BadUpload(_("The zip file unpacks to more than 50 MB."))
    for info in files:
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts:
            raise BadUpload(_("The zip file holds a path outside its own folder."))
    wanted = [info for info in files if path_suffix(info.filename) in (".csv", ".json")]
    if not wanted:
        raise BadUpload(_("The zip file holds no CSV or JSON file."))
    names = [PurePosixPath(info.filename).name for info in wanted]
    if len(set(names)) != len(names):
        raise BadUpload(_("The zip file holds two files of the same name in different folders."))
    return wanted


def path_suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def read_upload(name: str, content: bytes) -> Batch:
    """The batch the import service stores; problems in the records are in its ``rejected``."""
    with tempfile.TemporaryDirectory(prefix="childpath-hsds-") as folder:
        root = Path(folder)
        if kind_of(name, content) == "zip":
            with zipfile.ZipFile(BytesIO(content)) as archive:
                for info in _members(content):
                    # Flattened: a package zipped with its folder reads the same as without.
                    target = root / PurePosixPath(info.filename).name
                    target.write_bytes(archive.read(info))
            return read_paths([root])
        target = root / (PurePosixPath(name).name or "upload.json")
        if path_suffix(target.name) != ".json":
            target = target.with_suffix(".json")
        target.write_bytes(content)
        return read_paths([target])
