"""Signals other apps listen to; the screening app imports none of them (DESIGN.md 6).

``screening_completed`` is sent inside the transaction that completes a screening, with
``screening`` and ``actor``: a receiver that writes joins that transaction, so the screening
and whatever follows from it (a presumed-victim decision) are saved together or not at all.
"""

from django.dispatch import Signal

screening_completed = Signal()
