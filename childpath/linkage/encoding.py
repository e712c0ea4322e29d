"""Records to keyed encodings, and sets of encodings held as packed bits.

One encoding is 160 bytes:

* ``given`` and ``family``: a 512-bit Bloom filter per name field. Bits 0-255 hold the
  bigrams of the spelling form (8 bits each), bits 256-511 the bigrams of the sound form
  (10 bits each); positions come from HMAC-SHA256 under a key derived from the shared
  secret, the same for both name fields so that names given in the other order still
  compare. Hardened with BLIP (see :class:`~childpath.linkage.keys.Scheme`).
* the date of birth as keyed 32-bit tokens of its parts: year, month and day, the day and
  month in either order, the year halved two ways (so a year out by one still shares one),
  and a 64-bit Bloom filter of the years it may be (an age range sets several);
* flags (what is known), and a keyed token of the sex.

Nothing in an encoding can be turned back into a name without the key, and the key is held
only by the two focal points.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .dates import BirthDate, parse_date
from .keys import LinkageKey
from .normalise import NormalisedName, check_language, normalise_name

ENCODING_FORMAT = 1
WORDS = 8  # 512 bits per name filter
HALF = 256

DTYPE = np.dtype(
    [
        ("format", "u1"),
        ("given", "<u8", (WORDS,)),
        ("family", "<u8", (WORDS,)),
        ("year", "<u4"),
        ("monthday", "<u4"),
        ("swapped", "<u4"),
        ("year_even", "<u4"),
        ("year_odd", "<u4"),
        ("years", "<u8"),
        ("flags", "u1"),
        ("sex", "<u2"),
    ]
)
ENCODING_BYTES = DTYPE.itemsize  # 160

# flags
KNOWN, FULL, JAN1, YEAR, RANGE, NO_GIVEN, NO_FAMILY = 1, 2, 4, 8, 16, 32, 64

SEXES = {
    "": "",
    "u": "",
    "unknown": "",
    "m": "m",
    "male": "m",
    "boy": "m",
    "f": "f",
    "female": "f",
    "girl": "f",
    "x": "x",
    "other": "x",
}


class RecordError(ValueError):
    """A record that cannot be encoded; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Record:
    id: str
    given_names: str = ""
    family_name: str = ""
    date_of_birth: str = ""
    sex: str = ""
    language: str = ""


@dataclass(frozen=True)
class PreparedRecord:
    """A record after normalisation: what is encoded."""

    id: str
    given: NormalisedName
    family: NormalisedName
    birth: BirthDate
    sex: str

    def canonical(self) -> str:
        return "|".join(
            [
                " ".join(self.given.spelling),
                " ".join(self.family.spelling),
                self.birth.canonical(),
                self.sex,
            ]
        )


def prepare(record: Record) -> PreparedRecord:
    try:
        language = check_language(record.language)
    except ValueError as error:
        raise RecordError("language", str(error)) from None
    try:
        birth = parse_date(record.date_of_birth)
    except ValueError as error:
        raise RecordError("date_of_birth", str(error)) from None
    sex = (record.sex or "").strip().lower()
    if sex not in SEXES:
        raise RecordError("sex", f"{record.sex!r} is not one of m, f, x or empty")
    if not record.id or not record.id.strip():
        raise RecordError("id", "is empty")
    given = normalise_name(record.given_names, language)
    family = normalise_name(record.family_name, language)
    return PreparedRecord(record.id.strip(), given, family, birth, SEXES[sex])


def bigrams(word: str) -> list[str]:
    padded = f"_{word}_"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


class Encoder:
    """Encodes records under one key. Token positions are cached: names repeat a lot."""

    def __init__(self, key: LinkageKey) -> None:
        self.key = key
        self.scheme = key.scheme
        self._name_key = key.derive("childpath-linkage names v1")
        self._date_key = key.derive("childpath-linkage dates v1")
        self._noise_key = key.derive("childpath-linkage blip v1")
        self._positions = lru_cache(maxsize=200_000)(self._token_bits)

    def _token_bits(self, token: str, half: int) -> int:
        digest = hmac.digest(self._name_key, f"{half}:{token}".encode(), hashlib.sha256)
        h1 = int.from_bytes(digest[:8], "little")
        h2 = int.from_bytes(digest[8:16], "little") | 1
        k = self.scheme.k_spelling if half == 0 else self.scheme.k_sound
        bits = 0
        for i in range(k):
            bits |= 1 << ((h1 + i * h2) % HALF + half * HALF)
        return bits

    def name_filter(self, name: NormalisedName) -> int:
        bits = 0
        for word in name.spelling:
            for gram in bigrams(word):
                bits |= self._positions(gram, 0)
        for word in name.sound:
            for gram in bigrams(word):
                bits |= self._positions(gram, 1)
        return bits

    def _noise(self, canonical: str, count: int) -> list[int]:
        """Deterministic BLIP masks: each bit set with probability 2**-blip_log2."""
        rounds = self.scheme.blip_log2
        if rounds == 0:
            return [0] * count
        seed = hmac.digest(self._noise_key, canonical.encode(), hashlib.sha256)
        stream = hashlib.shake_256(seed).digest(64 * rounds * count)
        masks = []
        for index in range(count):
            mask = (1 << 512) - 1
            for r in range(rounds):
                start = 64 * (index * rounds + r)
                mask &= int.from_bytes(stream[start : start + 64], "little")
            masks.append(mask)
        return masks

    def _token(self, label: str, value: object) -> int:
        digest = hmac.digest(self._date_key, f"{label}:{value}".encode(), hashlib.sha256)
        return int.from_bytes(digest[:4], "little") | 1

    def _years_filter(self, low: int, high: int) -> int:
        bits = 0
        for year in range(low, min(high, low + 40) + 1):
            digest = hmac.digest(self._date_key, f"years:{year}".encode(), hashlib.sha256)
            bits |= 1 << (digest[0] % 64)
            bits |= 1 << (digest[1] % 64)
        return bits

    def encode_prepared(self, prepared: PreparedRecord) -> bytes:
        row = np.zeros((), dtype=DTYPE)
        row["format"] = ENCODING_FORMAT
        flags = 0
        given = self.name_filter(prepared.given)
        family = self.name_filter(prepared.family)
        noise_given, noise_family = self._noise(prepared.canonical(), 2)
        if given:
            given ^= noise_given
        else:
            flags |= NO_GIVEN
        if family:
            family ^= noise_family
        else:
            flags |= NO_FAMILY
        row["given"] = np.frombuffer(given.to_bytes(64, "little"), dtype="<u8")
        row["family"] = np.frombuffer(family.to_bytes(64, "little"), dtype="<u8")
        birth = prepared.birth
        if birth.known:
            assert birth.year_low is not None and birth.year_high is not None
            flags |= KNOWN
            row["years"] = self._years_filter(birth.year_low, birth.year_high)
            if birth.year is not None:
                flags |= YEAR
                row["year"] = self._token("y", birth.year)
                row["year_even"] = self._token("y2", birth.year // 2)
                row["year_odd"] = self._token("y2o", (birth.year + 1) // 2)
            else:
                flags |= RANGE
            if birth.full:
                flags |= FULL
                if birth.first_of_january:
                    flags |= JAN1
                row["monthday"] = self._token("md", (birth.month, birth.day))
                assert birth.month is not None and birth.day is not None
                low, high = sorted((birth.month, birth.day))
                if high <= 12:
                    row["swapped"] = self._token("sw", (low, high))
        row["flags"] = flags
        if prepared.sex:
            row["sex"] = self._token("sex", prepared.sex) & 0xFFFF or 1
        return row.tobytes()

    def encode(self, record: Record) -> bytes:
        return self.encode_prepared(prepare(record))


class EncodingSet:
    """Encodings held column by column, so similarities run over contiguous packed bits."""

    def __init__(self, ids: Sequence[str], rows: npt.NDArray[np.void], key_id: str) -> None:
        if len(ids) != len(rows):
            raise ValueError("ids and encodings differ in length")
        self.key_id = key_id
        self.ids = np.array([i.encode() for i in ids], dtype=bytes) if len(ids) else np.array([])
        self.given: npt.NDArray[np.uint64] = np.ascontiguousarray(rows["given"])
        self.family: npt.NDArray[np.uint64] = np.ascontiguousarray(rows["family"])
        self.pop_given = popcount_rows(self.given)
        self.pop_family = popcount_rows(self.family)
        self.year: npt.NDArray[np.uint32] = np.ascontiguousarray(rows["year"])
        self.monthday: npt.NDArray[np.uint32] = np.ascontiguousarray(rows["monthday"])
        self.swapped: npt.NDArray[np.uint32] = np.ascontiguousarray(rows["swapped"])
        self.year_even: npt.NDArray[np.uint32] = np.ascontiguousarray(rows["year_even"])
        self.year_odd: npt.NDArray[np.uint32] = np.ascontiguousarray(rows["year_odd"])
        self.years: npt.NDArray[np.uint64] = np.ascontiguousarray(rows["years"])
        self.flags: npt.NDArray[np.uint8] = np.ascontiguousarray(rows["flags"])
        self.sex: npt.NDArray[np.uint16] = np.ascontiguousarray(rows["sex"])
        self._sound_union: tuple[npt.NDArray[np.uint64], npt.NDArray[np.float32]] | None = None

    def __len__(self) -> int:
        return len(self.flags)

    def sound_union(self) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.float32]]:
        """The sound halves of both name filters ORed (order-free), and their popcounts;
        computed once and kept, for the query screen (36 bytes a record)."""
        if self._sound_union is None:
            union = np.ascontiguousarray(self.given[:, WORDS // 2 :] | self.family[:, WORDS // 2 :])
            pop = np.bitwise_count(union).sum(axis=1, dtype=np.uint16).astype(np.float32)
            self._sound_union = (union, pop)
        return self._sound_union

    def id(self, index: int) -> str:
        return bytes(self.ids[index]).decode()

    @property
    def nbytes(self) -> int:
        arrays = [
            self.ids,
            self.given,
            self.family,
            self.pop_given,
            self.pop_family,
            self.year,
            self.monthday,
            self.swapped,
            self.year_even,
            self.year_odd,
            self.years,
            self.flags,
            self.sex,
        ]
        if self._sound_union is not None:
            arrays.extend(self._sound_union)
        return int(sum(array.nbytes for array in arrays))

    @classmethod
    def from_bytes(cls, ids: Sequence[str], encodings: Iterable[bytes], key_id: str) -> EncodingSet:
        blob = b"".join(encodings)
        rows = np.frombuffer(blob, dtype=DTYPE) if blob else np.zeros(0, dtype=DTYPE)
        return cls(ids, rows, key_id)


def popcount_rows(words: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint16]:
    if words.size == 0:
        return np.zeros(len(words), dtype=np.uint16)
    counts: npt.NDArray[np.uint16] = np.bitwise_count(words).sum(axis=1, dtype=np.uint16)
    return counts


def encode_records(key: LinkageKey, records: Sequence[Record]) -> EncodingSet:
    encoder = Encoder(key)
    return EncodingSet.from_bytes(
        [r.id for r in records], (encoder.encode(r) for r in records), key.key_id
    )


def check_encoding(blob: bytes) -> None:
    """Raise ValueError unless ``blob`` is one encoding of this format."""
    if len(blob) != ENCODING_BYTES:
        raise ValueError(f"an encoding is {ENCODING_BYTES} bytes, this one is {len(blob)}")
    if blob[0] != ENCODING_FORMAT:
        raise ValueError(f"encoding format {blob[0]}, expected {ENCODING_FORMAT}")


def to_text(blob: bytes) -> str:
    return base64.b64encode(blob).decode()


def from_text(text: str) -> bytes:
    try:
        blob = base64.b64decode(text, validate=True)
    except ValueError:
        raise ValueError("not base64") from None
    check_encoding(blob)
    return blob
