"""Privacy-preserving record linkage: the pure core (no Django). See README.md here."""

from .encoding import Encoder, EncodingSet, Record, RecordError, encode_records
from .keys import KeyFileError, LinkageKey, Scheme, generate_key, key_from_dict, load_key
from .link import LinkageError, QueryMatch, agreeing_fields, band, link, query
from .model import CANDIDATE, LIKELY, Model, default_model, fit
from .normalise import NORMALISATION_VERSION, normalise_name

__all__ = [
    "CANDIDATE",
    "LIKELY",
    "NORMALISATION_VERSION",
    "Encoder",
    "EncodingSet",
    "KeyFileError",
    "LinkageError",
    "LinkageKey",
    "Model",
    "QueryMatch",
    "Record",
    "RecordError",
    "Scheme",
    "agreeing_fields",
    "band",
    "default_model",
    "encode_records",
    "fit",
    "generate_key",
    "key_from_dict",
    "link",
    "load_key",
    "normalise_name",
    "query",
]
