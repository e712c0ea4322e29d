"""Reading HSDS files into a batch: JSON documents, a CSV data package, or single CSV tables.

A directory that holds CSV files is a tabular data package (its ``datapackage.json`` is optional:
the tables are known by their HSDS file names); any other directory is read file by file.
"""

import csv
import io
import json
from pathlib import Path

from childpath.directory.hsds.parse import Batch, Problem, Reader, table_from_filename
from childpath.directory.hsds.spec import BY_CSV


def read_paths(paths: list[Path], hint: str | None = None) -> Batch:
    reader = Reader()
    for path in paths:
        _read(reader, path, hint)
    return reader.batch


def _read(reader: Reader, path: Path, hint: str | None) -> None:
    if path.is_dir():
        csv_files = sorted(path.glob("*.csv"))
        if csv_files:
            for csv_file in csv_files:
                _read_csv(reader, csv_file)
        else:
            for json_file in sorted(path.glob("*.json")):
                _read_json(reader, json_file, hint)
    elif path.suffix.lower() == ".csv":
        _read_csv(reader, path)
    else:
        _read_json(reader, path, hint)


def _problem(reader: Reader, path: Path, code: str) -> None:
    reader.batch.rejected.append(Problem("", "", path.name, code))


def _text(reader: Reader, path: Path) -> str | None:
    try:
        # utf-8-sig: spreadsheets often save CSV with a byte order mark.
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        _problem(reader, path, "no_file")
    except UnicodeDecodeError:
        _problem(reader, path, "not_utf8")
    return None


def _read_json(reader: Reader, path: Path, hint: str | None) -> None:
    text = _text(reader, path)
    if text is None:
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        _problem(reader, path, "not_json")
        return
    reader.document(document, path.name, hint or table_from_filename(path.name))


def _read_csv(reader: Reader, path: Path) -> None:
    table = BY_CSV.get(path.name.lower())
    if table is None:
        reader.batch.warnings.append(Problem("", "", path.name, "unknown_file"))
        return
    text = _text(reader, path)
    if text is None:
        return
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    # Line numbers as a spreadsheet shows them: the header is line 1.
    reader.rows(table, rows, path.name, first_line=2)
