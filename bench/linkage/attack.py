"""The frequency attack on 100,000 synthetic names, with and without the hardening."""

from __future__ import annotations

import json
from collections import Counter

from common import Timer, load

from childpath.linkage import Encoder, generate_key, synthetic
from childpath.linkage.attack import frequency_attack
from childpath.linkage.encoding import prepare


def main() -> None:
    people, _b, _truth = synthetic.generate(100_000, seed=7)
    family = [" ".join(prepare(r).family.spelling) for r in people]
    full = [
        " ".join(prepare(r).given.spelling) + "|" + f for r, f in zip(people, family, strict=True)
    ]
    # The attacker's public list: the frequencies of another draw from the same population.
    public_people, _b2, _t2 = synthetic.generate(100_000, seed=8)
    public_family = Counter(" ".join(prepare(r).family.spelling) for r in public_people)
    public_full = Counter(
        " ".join(prepare(r).given.spelling) + "|" + " ".join(prepare(r).family.spelling)
        for r in public_people
    )
    results: dict[str, object] = {"names": len(people), "load_average_start": load()}
    for label, blip in (("without hardening", 0), ("BLIP 1/128 (default)", 7), ("BLIP 1/32", 5)):
        encoder = Encoder(generate_key(blip_log2=blip))
        with Timer() as timer:
            blobs = [encoder.encode(r) for r in people]
        family_filters = [blob[65:129] for blob in blobs]
        name_filters = [blob[1:129] for blob in blobs]
        family_attack = frequency_attack(family_filters, family, public_family)
        full_attack = frequency_attack(name_filters, full, public_full)
        results[label] = {
            "family_name_reidentified": round(family_attack.share, 4),
            "family_name_groups": family_attack.groups,
            "full_name_reidentified": round(full_attack.share, 4),
            "full_name_groups": full_attack.groups,
            "encode": timer.info(),
        }
        print(label, results[label], flush=True)
    print("JSON " + json.dumps(results))


if __name__ == "__main__":
    main()
