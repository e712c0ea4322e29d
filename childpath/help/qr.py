"""The feedback code's QR code: the project's one QR helper (childpath/lib/qr.py)."""

from childpath.lib.qr import svg

__all__ = ["svg"]
