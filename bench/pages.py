"""The pages measured, by label: shared by ``queries.py`` (in-process) and ``run.py`` (HTTP)."""

from typing import Any
from urllib.parse import urlencode

PAGE_SIZE = 25  # childpath.cases.views.PAGE_SIZE


def endpoints(dataset: dict[str, Any]) -> dict[str, str]:
    reference = dataset["references"][0]
    pages = max(1, -(-dataset["visible_to_bench_user"] // PAGE_SIZE))
    return {
        # The fixed cost of a signed-in request (session, user, second factor): the yardstick
        # the case pages are compared with under load.
        "trivial signed-in view": "/accounts/session",
        # The caseworker's home page: the cases' cards count over everything the user sees.
        "home page": "/",
        "case list": "/cases/",
        # By position (keyset) when the dataset names the middle page's; OFFSET otherwise.
        "case list, middle page": (
            "/cases/?" + urlencode(dataset["middle_page"])
            if dataset.get("middle_page", {}).get("after")
            else f"/cases/?page={(pages + 1) // 2}"
        ),
        "case search (blind index)": "/cases/?" + urlencode({"name": dataset["names"][0]}),
        "case page": f"/cases/{reference}/",
        "API list": "/api/v1/cases",
        "API detail": f"/api/v1/cases/{reference}",
    } | (
        # A completed screening of a visible case (datasets made before issue 17 have none).
        {"screening page": "/cases/{}/screenings/{}/".format(*dataset["screenings"][0])}
        if dataset.get("screenings")
        else {}
    )
