# ruff: noqa: E501, RUF001  (fictional demo texts in seven languages, one per line)
"""The demo's help pages and children's feedback: all fictional.

A local helpline besides 116 111 (with a number from the range Sweden's regulator keeps for
fiction), a local paragraph for the first page, and twelve answers from children about their
first meeting with Norrvik Social Services, so the organisation's results are shown (from ten).
"""

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Case
from childpath.help import services
from childpath.help.models import FeedbackAnswer, Helpline, HelplineText, LocalText, Place

HELPLINE_TEXTS = {
    "en": ("Norrvik youth line (fictional)", "Chat or call about anything, evenings and weekends."),
    "sv": ("Norrviks ungdomslinje (fiktiv)", "Chatta eller ring om vad som helst, kvällar och helger."),
    "bg": ("Младежка линия Норвик (измислена)", "Пиши или се обади за каквото и да е, вечер и през уикенда."),
    "sr": ("Линија за младе Норвик (измишљена)", "Пиши или позови о било чему, увече и викендом."),
    "sr-latn": ("Linija za mlade Norvik (izmišljena)", "Piši ili pozovi o bilo čemu, uveče i vikendom."),
    "es": ("Línea joven de Norrvik (ficticia)", "Chatea o llama para hablar de lo que sea, por las tardes y los fines de semana."),
    "uk": ("Молодіжна лінія Норрвіка (вигадана)", "Пиши або телефонуй про будь-що, увечері та у вихідні."),
}  # fmt: skip
LOCAL_TEXT = {
    "en": "In Norrvik, social services must help every child who needs protection, also at night: call the on-call service.",
    "sv": "I Norrvik måste socialtjänsten hjälpa varje barn som behöver skydd, även på natten: ring socialjouren.",
}  # fmt: skip
# (kind, safe, listened, explained, rights, understood, helped, what would have helped)
ANSWERS = (
    ("first_meeting", 3, 3, 3, 2, 3, 3, ""),
    ("first_meeting", 3, 3, 2, 1, 2, 3, "Fictional: someone who spoke my language from the start."),
    ("first_meeting", 2, 3, 3, 3, 3, 2, ""),
    ("first_meeting", 3, 2, 1, 1, 2, 2, "Fictional: to know what would happen the next day."),
    ("first_meeting", 3, 3, 3, 3, 3, 3, ""),
    ("first_meeting", 2, 2, 2, 2, 2, 2, ""),
    ("interview", 2, 3, 3, 2, 3, 3, "Fictional: a shorter wait in the room."),
    ("interview", 3, 3, 3, 3, 2, 3, ""),
    ("first_meeting", 3, 3, 2, 2, 3, 3, ""),
    ("first_meeting", 1, 2, 2, 1, 2, 2, "Fictional: not having to tell it twice."),
    ("first_meeting", 3, 3, 3, 3, 3, 3, "Fictional: it was good that I could bring my friend."),
    ("first_meeting", 3, 3, 3, 2, 3, None, ""),
)


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    line, _ = Helpline.objects.get_or_create(
        phone="+46 70 174 06 21", defaults={"website": "https://youth-line.example/", "order": 10}
    )
    for language, (name, purpose) in HELPLINE_TEXTS.items():
        HelplineText.objects.update_or_create(
            helpline=line, language=language, defaults={"name": name, "purpose": purpose}
        )
    for language, body in LOCAL_TEXT.items():
        LocalText.objects.update_or_create(
            place=Place.HOME, language=language, order=10, defaults={"body": body}
        )
    social = organisations["social"]
    added = 0
    if not FeedbackAnswer.objects.filter(organisation=social).exists():
        coordinator = users["coordinator.lena"]
        for kind, *faces, text in ANSWERS:
            issued = services.issue_feedback_code(actor=coordinator, kind=kind)
            questions = ("safe", "listened", "explained", "rights", "understood", "helped")
            answers = services.Answers(
                faces=dict(zip(questions, faces, strict=True)), would_help=text, language="sv"
            )
            services.submit_feedback(code=issued.code, answers=answers)
            added += 1
    return {"help_feedback_answers": added}
