"""Fictional directory services and feedback for the help app's tests."""

from childpath.directory import services as directory_services
from childpath.directory.models import Service, ServiceAtLocation
from childpath.directory.tests.builders import NORRVIK, add_services, service_doc
from childpath.help import services
from childpath.help.models import FeedbackAnswer

FAR_AWAY = (55.605, 13.004)  # Malmö, about 830 km from Norrvik


def child_services() -> dict[str, ServiceAtLocation]:
    """Shelters, a helpline and a clinic, most of them accepting children directly."""
    docs = {
        "shelter": service_doc(
            "Fictional night shelter", hours=("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"), cost=0
        ),
        "adults_only": service_doc("Fictional shelter by referral only"),
        "far": service_doc("Fictional southern shelter", point=FAR_AWAY),
        "line": service_doc("Fictional child line", needs=("helpline",), virtual=True),
        "clinic": service_doc(
            "Fictional youth clinic",
            needs=("health",),
            languages=("sv", "ar"),
            hours=("MO", "09:00", "10:00"),
        ),
    }
    rows = dict(zip(docs, add_services(*docs.values()), strict=True))
    chosen = [rows[key].service for key in ("shelter", "far", "line", "clinic")]
    directory_services.set_accepts_children_directly(actor=None, services=chosen, accepts=True)
    return rows


def answers(organisation, count: int, *, kind: str = "first_meeting", text: str = "") -> None:
    """``count`` answers for the organisation, through codes and the service."""
    from childpath.accounts.models import Role, User

    user = User.objects.filter(organisation=organisation).first() or User.objects.create_user(
        username=f"issuer-{organisation.pk}", organisation=organisation, role=Role.CASEWORKER
    )
    for number in range(count):
        issued = services.issue_feedback_code(actor=user, kind=kind)
        services.submit_feedback(
            code=issued.code,
            answers=services.Answers(
                faces={"safe": 3, "listened": 2 + number % 2, "helped": 1},
                would_help=f"{text} {number}".strip() if text else "",
            ),
        )


__all__ = ["NORRVIK", "FeedbackAnswer", "Service", "answers", "child_services"]
