"""``python -m childpath.linkage``: keygen, encode, link. See childpath/linkage/README.md."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence

from .encoding import EncodingSet
from .files import (
    InputError,
    atomic_output,
    encode_blobs,
    encode_file,
    is_encoding_file,
    read_encodings,
    read_records,
    write_encodings,
)
from .keys import KeyFileError, LinkageKey, generate_key, load_key, save_key
from .link import LinkageError, agreeing_fields, band, evidence, link
from .memory import without_huge_pages
from .model import CANDIDATE, LIKELY


def _load(path: str, key: LinkageKey) -> EncodingSet:
    if is_encoding_file(path):
        return read_encodings(path, key)
    return encode_file(read_records(path), key, path)


def cmd_keygen(args: argparse.Namespace) -> int:
    key = generate_key(blip_log2=0 if args.no_hardening else 7)
    save_key(key, args.out)
    print(f"wrote key {key.key_id} to {args.out} (mode 600); give it only to the other party")
    return 0


def cmd_encode(args: argparse.Namespace) -> int:
    key = load_key(args.key_file)
    records = read_records(args.records)
    blobs = encode_blobs(records, key, args.records)
    with atomic_output(args.out) as handle:
        write_encodings(handle, [r.id for r in records], blobs, key)
    print(f"wrote {len(blobs)} encodings to {args.out} (key {key.key_id})")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    key = load_key(args.key_file)
    left = _load(args.left, key)
    right = _load(args.right, key)
    result = link(left, right, key)
    threshold = args.threshold
    chosen = result.selected(threshold)
    comparison = result.comparison
    order = chosen[(-result.probability[chosen]).argsort(kind="stable")]
    with atomic_output(args.out) as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id_a",
                "id_b",
                "probability",
                "band",
                "given_names",
                "family_name",
                "date_of_birth",
                "sex",
                "names_in_other_order",
                "agreeing",
            ]
        )
        for index in order:
            levels = comparison.levels[index]
            shown = evidence(levels)
            writer.writerow(
                [
                    left.id(int(comparison.left[index])),
                    right.id(int(comparison.right[index])),
                    f"{result.probability[index]:.4f}",
                    band(float(result.probability[index])),
                    shown["given_names"],
                    shown["family_name"],
                    shown["date_of_birth"],
                    shown["sex"],
                    "yes" if comparison.swapped_names[index] else "no",
                    " ".join(agreeing_fields(levels)),
                ]
            )
    print(
        f"compared {result.candidates} candidate pairs of {len(left)} × {len(right)} records; "
        f"wrote {len(order)} pairs with probability ≥ {threshold} to {args.out}"
    )
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m childpath.linkage",
        description="Privacy-preserving record linkage: compare keyed encodings, never names.",
    )
    commands = main.add_subparsers(dest="command", required=True)
    keygen = commands.add_parser("keygen", help="make a new shared key file")
    keygen.add_argument("--out", required=True)
    keygen.add_argument("--no-hardening", action="store_true", help="no BLIP (for measurement)")
    keygen.set_defaults(run=cmd_keygen)
    encode = commands.add_parser("encode", help="write the encodings of a record file only")
    encode.add_argument("records")
    encode.add_argument("--key-file", required=True)
    encode.add_argument("--out", required=True)
    encode.set_defaults(run=cmd_encode)
    linker = commands.add_parser("link", help="link two record or encoding files")
    linker.add_argument("left")
    linker.add_argument("right")
    linker.add_argument("--key-file", required=True)
    linker.add_argument("--out", required=True)
    linker.add_argument(
        "--threshold",
        type=float,
        default=CANDIDATE,
        help=f"lowest probability written (candidate {CANDIDATE}, likely {LIKELY})",
    )
    linker.set_defaults(run=cmd_link)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    without_huge_pages()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] == "--encode":  # `--encode A.csv ...` is `encode A.csv ...`
        arguments[0] = "encode"
    args = parser().parse_args(arguments)
    try:
        return int(args.run(args))
    except (InputError, KeyFileError, LinkageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {os.strerror(error.errno or 0)}: {error.filename}", file=sys.stderr)
        return 2
