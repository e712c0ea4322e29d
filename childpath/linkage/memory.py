"""Numpy's transparent huge pages switched off for the linkage command."""

from __future__ import annotations

import importlib


def without_huge_pages() -> None:
    """Numpy asks the kernel for transparent huge pages for every array of 4 MB or more.
    Where the kernel then compacts memory on the first touch (THP defrag ``madvise``, as on
    the project's machines), that costs more than it saves for link's short-lived arrays:
    ``link`` 100,000 × 100,000 took 33 s wall with it and 18 s without, back to back
    (BENCHMARKS.md, "Record linkage"). Numpy reads ``NUMPY_MADVISE_HUGEPAGE`` only when it
    is imported; this is its switch for a running process, private, so looked up and
    skipped where it is missing."""
    multiarray = importlib.import_module("numpy._core.multiarray")
    switch = getattr(multiarray, "_set_madvise_hugepage", None)
    if switch is not None:
        switch(False)
