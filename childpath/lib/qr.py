"""A QR code as inline SVG, with the one QR library the project uses (qrcode, pure Python,
nothing fetched): the two-factor enrolment's secret and the children's feedback code."""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def svg(text: str, *, title: str, css_class: str = "qr") -> SafeString:
    """An inline <svg> of the QR code for ``text``; ``title`` is its accessible name.

    No XML declaration (the SVG goes inline into the page), no data: image and no style
    attribute (the Content-Security-Policy allows neither)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=4)
    out = BytesIO()
    image.save(out)
    markup = out.getvalue().decode()
    markup = markup[markup.index("<svg") :]
    opening_end = markup.index(">") + 1
    opening = markup[:opening_end].replace(
        "<svg ", f'<svg role="img" class="{escape(css_class)}" ', 1
    )
    # qrcode writes only fixed attributes and a path of its own; the title is escaped here.
    return mark_safe(f"{opening}<title>{escape(title)}</title>{markup[opening_end:]}")  # noqa: S308
