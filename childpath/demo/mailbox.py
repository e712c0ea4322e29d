"""The demo's sent e-mails, read back from Django's file-based e-mail backend.

On the demo (``CHILDPATH_DEMO``) every e-mail goes to files in ``EMAIL_FILE_PATH`` instead of a
mail server, so a tester can read what Childpath sent without a mailbox. The backend writes
one file per connection, each message followed by a line of 79 dashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# The newest messages only: the page stays light however long the demo has run.
LIMIT = 100


@dataclass(frozen=True)
class Mail:
    subject: str
    sender: str
    recipients: str
    sent_at: datetime | None
    body: str


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    return content if isinstance(content, str) else ""


def _parse(raw: bytes) -> Mail | None:
    raw = raw.strip()
    if not raw:
        return None
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    try:
        sent_at = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError):
        sent_at = None
    return Mail(
        subject=str(message["Subject"] or ""),
        sender=str(message["From"] or ""),
        recipients=", ".join(str(message[h]) for h in ("To", "Cc") if message[h]),
        sent_at=sent_at,
        body=_body(message),
    )


def read(folder: Path, limit: int = LIMIT) -> list[Mail]:
    """The newest ``limit`` messages in ``folder``, newest first; none if it does not exist."""
    if not folder.is_dir():
        return []
    files = sorted(
        (path for path in folder.iterdir() if path.is_file() and path.suffix == ".log"),
        key=lambda path: (path.stat().st_mtime, path.name),
        reverse=True,
    )
    mails: list[Mail] = []
    for path in files:
        chunks = path.read_bytes().split(SEPARATOR)
        for chunk in reversed(chunks):
            if (mail := _parse(chunk)) is not None:
                mails.append(mail)
                if len(mails) >= limit:
                    return mails
    return mails
