# ruff: noqa: E501  (name lists: one language a line)
"""Fictional people recorded twice, as two countries would: the cross-script test set.

Every name is drawn from lists of common given and family names of seven languages
(Ukrainian, Serbian, Bulgarian, Russian, Romanian, Albanian, Arabic), with a Zipf-like
frequency so some names are common and most are rare; combinations are random, so no real
person is described. The **first recording** is as the home country writes it: Cyrillic for
Ukrainian, Russian and Bulgarian, Cyrillic or Latin for Serbian, Latin with diacritics for
Romanian and Albanian, the passport romanisation for Arabic. The **second recording** is as
a host country writes what it hears or reads: another romanisation (English, German, Polish,
French, Swedish, Czech habits, or the Russian table for a Ukrainian name), stripped diacritics,
an Arabic name's other spelling, sometimes the names in the other order, a short form, a
dropped second given name or one typing error; the date of birth estimated (day and month
swapped, 1 January, a year out, a year only, an age range, or unknown).

``generate(n, seed)`` is deterministic. ``python -m childpath.linkage.synthetic --people N
--out-a A.csv --out-b B.csv`` writes the two files (the benchmark's set is N = 20,000 people in A,
three quarters of them recorded again in B, beside about 5,500 people only in B).
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass

from .encoding import Record

# fmt: off
NAMES: dict[str, dict[str, list[str]]] = {
    "uk": {
        "m": ["Олександр", "Андрій", "Дмитро", "Іван", "Максим", "Богдан", "Сергій", "Василь",
              "Ярослав", "Михайло", "Юрій", "Євген", "Олег", "Петро", "Назар", "Владислав",
              "Тарас", "Віталій", "Роман", "Артем", "Денис", "Остап", "Григорій", "Кирило"],
        "f": ["Юлія", "Олена", "Тетяна", "Наталія", "Оксана", "Катерина", "Анастасія",
              "Вікторія", "Ірина", "Марія", "Софія", "Дарина", "Христина", "Людмила", "Ганна",
              "Олеся", "Яна", "Зоряна", "Галина", "Світлана", "Надія", "Соломія"],
        "family": ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник",
                   "Шевчук", "Поліщук", "Бойко", "Мельник", "Григоренко", "Лисенко", "Савченко",
                   "Руденко", "Мороз", "Коваль", "Кравчук", "Марченко", "Климченко",
                   "Гончаренко", "Павленко", "Ткачук", "Харченко", "Левченко", "Зінченко",
                   "Юрченко", "Яковенко", "Щербак", "Гаврилюк", "Дяченко", "Кузьменко",
                   "Захарченко", "Онищенко", "Сидоренко", "Федорчук", "Мацюк", "Приходько",
                   "Білоус", "Гнатюк", "Яремчук", "Жуковський", "Чорновол"],
    },
    "ru": {
        "m": ["Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Евгений", "Михаил",
              "Владимир", "Максим", "Иван", "Артём", "Никита", "Кирилл", "Егор", "Илья",
              "Павел", "Роман", "Григорий", "Фёдор", "Юрий", "Степан", "Вячеслав"],
        "f": ["Юлия", "Наталья", "Екатерина", "Ольга", "Татьяна", "Ксения", "Анастасия",
              "Мария", "Дарья", "Елена", "Софья", "Полина", "Алёна", "Виктория", "Людмила",
              "Евгения", "Яна", "Надежда", "Светлана", "Ирина"],
        "family": ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
                   "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев",
                   "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
                   "Щукин", "Жуков", "Хрущёв", "Зайцев", "Чернов", "Шубин", "Ершов", "Яковлев",
                   "Белоусов", "Гусев", "Титов", "Комаров", "Орлов", "Киселёв", "Макаров"],
    },
    "bg": {
        "m": ["Георги", "Иван", "Димитър", "Николай", "Христо", "Петър", "Стоян", "Тодор",
              "Калоян", "Йордан", "Васил", "Атанас", "Красимир", "Любомир", "Пламен", "Божидар",
              "Цветан", "Ангел", "Мартин", "Радослав"],
        "f": ["Мария", "Иванка", "Елена", "Йорданка", "Пенка", "Десислава", "Цветелина",
              "Радостина", "Гергана", "Виктория", "Николета", "Теодора", "Снежана",
              "Милена", "Веселина", "Стефка", "Ралица", "Божана"],
        "family": ["Иванов", "Георгиев", "Димитров", "Петров", "Николов", "Христов", "Стоянов",
                   "Тодоров", "Илиев", "Ангелов", "Атанасов", "Йорданов", "Колев", "Цветков",
                   "Шишков", "Жеков", "Маринов", "Попов", "Костадинов", "Вълчев", "Щерев",
                   "Бъчваров", "Чернев", "Златев", "Русев", "Янков"],
    },
    "sr": {
        "m": ["Ђорђе", "Јован", "Никола", "Милош", "Стефан", "Лазар", "Марко", "Душан",
              "Вук", "Петар", "Александар", "Немања", "Урош", "Бранислав", "Драган", "Жељко",
              "Милан", "Ненад", "Војислав", "Дејан"],
        "f": ["Милица", "Јелена", "Ана", "Драгана", "Катарина", "Теодора", "Ивана", "Сања",
              "Невена", "Бојана", "Јована", "Марија", "Тијана", "Љиљана", "Снежана", "Весна",
              "Наташа", "Ђурђија"],
        "family": ["Петровић", "Јовановић", "Николић", "Марковић", "Ђорђевић", "Стојановић",
                   "Илић", "Станковић", "Павловић", "Милошевић", "Живковић", "Томић", "Ђукић",
                   "Јанковић", "Ћирић", "Радовановић", "Лукић", "Поповић", "Васић", "Костић",
                   "Митровић", "Савић", "Обрадовић", "Чолић", "Жугић", "Шарић", "Љубичић",
                   "Његош", "Џаковић"],
    },
    "ro": {
        "m": ["Andrei", "Ionuț", "Mihai", "Ștefan", "Gheorghe", "Vasile", "Constantin",
              "Alexandru", "Florin", "Cristian", "Răzvan", "Bogdan", "Adrian", "Marius", "Sorin",
              "Cătălin", "Nicolae", "Ion", "Tudor", "Dănuț"],
        "f": ["Ioana", "Elena", "Maria", "Andreea", "Alexandra", "Cristina", "Mădălina",
              "Ștefania", "Georgiana", "Roxana", "Bianca", "Larisa", "Denisa", "Alina", "Irina",
              "Ana", "Florentina", "Răzvana"],
        "family": ["Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica",
                   "Gheorghe", "Matei", "Ciobanu", "Constantin", "Mihai", "Rusu", "Munteanu",
                   "Lungu", "Marin", "Tudor", "Dobre", "Bălan", "Țurcanu", "Sârbu", "Ștefănescu",
                   "Nistor", "Florea", "Căpraru", "Neagu", "Oprea"],
    },
    "sq": {
        "m": ["Arben", "Besnik", "Dritan", "Ermal", "Gentian", "Ilir", "Kujtim", "Leutrim",
              "Agon", "Gëzim", "Xhevdet", "Fatmir", "Artan", "Blerim", "Driton", "Endrit",
              "Flamur", "Shkëlzen", "Valon", "Kreshnik"],
        "f": ["Blerina", "Drita", "Elira", "Fatjona", "Jonida", "Lindita", "Mimoza",
              "Rrezarta", "Valbona", "Arta", "Besa", "Dafina", "Ersa", "Fjolla", "Shqipe",
              "Xhesika", "Qëndresa", "Vjosa"],
        "family": ["Hoxha", "Shehu", "Krasniqi", "Gashi", "Berisha", "Kelmendi", "Morina",
                   "Bytyqi", "Hasani", "Dervishi", "Çela", "Leka", "Muça", "Dema", "Marku",
                   "Gjoka", "Zeneli", "Xhaferi", "Rexhepi", "Thaçi", "Shala", "Qerimi",
                   "Sylejmani", "Kryeziu", "Mehmeti"],
    },
    "ar": {
        "m": ["Mohammed", "Ahmed", "Mahmoud", "Youssef", "Omar", "Ali", "Hassan", "Hussein",
              "Khaled", "Abdelrahman", "Ibrahim", "Mustafa", "Tariq", "Karim", "Samir", "Bilal",
              "Hamza", "Zakaria", "Jamal", "Walid"],
        "f": ["Fatima", "Aisha", "Mariam", "Nour", "Layla", "Zainab", "Huda", "Rania",
              "Yasmin", "Amira", "Salma", "Hanan", "Samira", "Khadija", "Rasha", "Dalia",
              "Ghada", "Lina"],
        "family": ["Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Abdullah",
                   "Ibrahim", "Hamdan", "Othman", "Qasim", "Suleiman", "Jaber", "Darwish",
                   "Najjar", "Aziz", "Farah", "Yousef", "El-Sayed", "Al-Masri", "Khoury",
                   "Shaheen", "Bakr", "Hijazi", "Zidan", "Habib"],
    },
}

ARABIC_VARIANTS = {
    "Mohammed": ["Muhammad", "Mohamed", "Mohamad", "Mohammad", "Muhammed", "Mohammed"],
    "Ahmed": ["Ahmad", "Achmed", "Ahmet"], "Mahmoud": ["Mahmud", "Mahmood"],
    "Youssef": ["Yusuf", "Yousef", "Jusuf", "Youssouf"], "Omar": ["Umar", "Omer"],
    "Hassan": ["Hasan"], "Hussein": ["Husain", "Hussain", "Husein"],
    "Khaled": ["Khalid", "Chalid", "Khaled"], "Ibrahim": ["Ebrahim", "Ibraheem"],
    "Abdelrahman": ["Abdul Rahman", "Abd al-Rahman", "Abdulrahman", "Abderrahmane"],
    "Mustafa": ["Mostafa", "Moustafa", "Mustapha"], "Tariq": ["Tarek", "Tarik"],
    "Karim": ["Kareem"], "Zakaria": ["Zakariya", "Zakariyya"], "Jamal": ["Djamel", "Gamal"],
    "Walid": ["Waleed", "Oualid"], "Fatima": ["Fatma", "Fatimah"],
    "Aisha": ["Aicha", "Ayesha", "Aischa"], "Mariam": ["Maryam", "Meriem"],
    "Nour": ["Nur", "Noor"], "Layla": ["Leila", "Laila", "Leyla"],
    "Zainab": ["Zeinab", "Zaynab"], "Huda": ["Houda"], "Yasmin": ["Jasmin", "Yasmine"],
    "Amira": ["Ameera"], "Khadija": ["Khadidja", "Chadidscha"], "Hanan": ["Hanane"],
    "Samira": ["Sameera"], "Ghada": ["Rhada"], "Al-Hassan": ["Alhassan", "El Hassan", "Hassan"],
    "Mansour": ["Mansur"], "Nasser": ["Nasir", "Naser"], "Saleh": ["Salih", "Salah"],
    "Abdullah": ["Abdallah", "Abdulla"], "Othman": ["Osman", "Uthman"],
    "Qasim": ["Kassem", "Kasim", "Qassem"], "Suleiman": ["Sulaiman", "Soliman", "Sleiman"],
    "Jaber": ["Jabir", "Gaber"], "Darwish": ["Derwisch", "Darwich"], "Najjar": ["Nadjar"],
    "Yousef": ["Youssef", "Yusuf"], "El-Sayed": ["Al-Sayed", "Elsayed", "Sayed"],
    "Al-Masri": ["El Masri", "Masri"], "Khoury": ["Khouri", "Khuri"],
    "Shaheen": ["Chahine", "Shahin"], "Hijazi": ["Hejazi", "Higazi"], "Zidan": ["Zeidan"],
}

# How host countries write Cyrillic letters by ear: one table per habit.
_BASE = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "и": "i",
         "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
         "т": "t", "у": "u", "ф": "f", "ь": "", "ъ": "", "ы": "y", "э": "e", "ё": "e",
         "і": "i", "ґ": "g", "'": "", "’": ""}
HOST_HABITS: dict[str, dict[str, str]] = {
    "en": {**_BASE, "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
           "ю": "yu", "я": "ya", "й": "y", "є": "ye", "ї": "yi", "ђ": "dj", "ј": "j",
           "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "г": "h"},
    "de": {**_BASE, "в": "w", "ж": "sch", "з": "s", "х": "ch", "ц": "z", "ч": "tsch",
           "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "й": "j", "є": "je", "ї": "ji",
           "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "tsch", "џ": "dsch", "е": "e"},
    "pl": {**_BASE, "в": "w", "ж": "ż", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz",
           "щ": "szcz", "ю": "ju", "я": "ja", "й": "j", "є": "je", "ї": "ji", "ђ": "dź",
           "ј": "j", "љ": "l", "њ": "ń", "ћ": "ć", "џ": "dż", "г": "h", "и": "y"},
    "fr": {**_BASE, "ж": "j", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch",
           "у": "ou", "ю": "iou", "я": "ia", "й": "ï", "є": "ie", "ї": "ï", "ђ": "dj",
           "ј": "y", "љ": "li", "њ": "gn", "ћ": "tch", "џ": "dj"},
    "sv": {**_BASE, "ж": "zj", "х": "ch", "ц": "ts", "ч": "tj", "ш": "sj", "щ": "sjtj",
           "ю": "ju", "я": "ja", "й": "j", "є": "je", "ї": "ji", "ђ": "dj", "ј": "j",
           "љ": "lj", "њ": "nj", "ћ": "tj", "џ": "dj"},
    "cs": {**_BASE, "ж": "ž", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč",
           "ю": "ju", "я": "ja", "й": "j", "є": "je", "ї": "ji", "ђ": "đ", "ј": "j",
           "љ": "lj", "њ": "nj", "ћ": "ć", "џ": "dž", "г": "h"},
}
SHORT = {"Олександр": "Саша", "Александр": "Саша", "Михаил": "Миша", "Дмитрий": "Дима",
         "Наталья": "Наташа", "Екатерина": "Катя", "Анастасия": "Настя", "Мария": "Маша",
         "Татьяна": "Таня", "Олена": "Лена", "Иван": "Ваня", "Дарья": "Даша"}
# Family names are also composed of a root and a suffix, so that, as in real populations,
# most family names are rare (the short lists above are the common ones).
ROOTS: dict[str, tuple[list[str], list[str]]] = {
    "uk": (["Ковал", "Бондар", "Ткач", "Шевч", "Мельнич", "Григор", "Лис", "Сав", "Руд", "Марч", "Клим", "Гончар", "Павл", "Харч", "Лев", "Зінч", "Юрч", "Яков", "Дяч", "Кузьм", "Захарч", "Онищ", "Сидор", "Федор", "Приход", "Гнат", "Ярем", "Петр", "Іван", "Степан", "Микол", "Олес", "Кост", "Дан", "Тимош", "Біл", "Чорн", "Гордій", "Васил", "Мирон", "Остап", "Панас", "Тарас", "Назар", "Сем", "Гаврил", "Дорош", "Карп", "Лук", "Макс", "Нест", "Охрім", "Прок", "Роман", "Тит", "Устим", "Филип", "Хом", "Яцен"],
           ["енко", "ук", "юк", "чук", "ишин", "ів", "ець"]),
    "ru": (["Иван", "Смирн", "Кузнец", "Поп", "Васил", "Петр", "Сокол", "Михайл", "Новик", "Фёдор", "Мороз", "Волк", "Алексе", "Лебед", "Семён", "Егор", "Павл", "Козл", "Степан", "Никола", "Щук", "Жук", "Зайц", "Черн", "Шуб", "Ерш", "Яковл", "Белоус", "Гус", "Тит", "Комар", "Орл", "Кисел", "Макар", "Сорок", "Гриш", "Бел", "Тарас", "Кудр", "Баран", "Медвед", "Фрол", "Абрам", "Ган", "Дьяч", "Ерем", "Карп", "Носк", "Пахом", "Рыб", "Сыч", "Тихон", "Ушак", "Хар", "Цвет", "Чиж", "Шар"],
           ["ов", "ин", "ский", "цев", "ых"]),
    "bg": (["Иван", "Георги", "Димитр", "Петр", "Никол", "Христ", "Стоян", "Тодор", "Или", "Ангел", "Атанас", "Йордан", "Кол", "Цвет", "Шишк", "Жек", "Марин", "Поп", "Костадин", "Вълч", "Щер", "Бъчвар", "Черн", "Злат", "Рус", "Янк", "Стефан", "Михайл", "Кирил", "Методи", "Борис", "Васил", "Добр", "Рад", "Симеон", "Петк", "Тан", "Енч", "Гоч", "Дечк"],
           ["ов", "ев", "ски"]),
    "sr": (["Петр", "Јован", "Никол", "Марк", "Ђорђ", "Стојан", "Ил", "Станк", "Павл", "Милош", "Живк", "Том", "Ђук", "Јанк", "Ћир", "Радован", "Лук", "Поп", "Вас", "Кост", "Митр", "Сав", "Обрад", "Чол", "Жуг", "Шар", "Љубич", "Џак", "Бог", "Вук", "Драг", "Зор", "Лаз", "Мил", "Нен", "Ран", "Сим", "Тодор", "Урош", "Филип"],
           ["ић", "овић", "евић"]),
    "ro": (["Pop", "Ion", "Radu", "Dumitr", "Stan", "Stoic", "Gheorgh", "Mate", "Cioban", "Constantin", "Mih", "Rus", "Muntean", "Lung", "Marin", "Tudor", "Dobr", "Băl", "Țurc", "Sârb", "Ștef", "Nistor", "Flor", "Căpr", "Neag", "Opr", "Vasil", "Nicol", "Georg", "Petr", "Dinc", "Zamfir", "Voicul", "Bărbul", "Drăgh", "Manol", "Lazăr", "Grigor"],
           ["escu", "eanu", "aru", "a", "u"]),
    "sq": (["Hoxh", "Sheh", "Krasniq", "Gash", "Berish", "Kelmend", "Morin", "Bytyq", "Hasan", "Dervish", "Çel", "Lek", "Muç", "Dem", "Mark", "Gjok", "Zenel", "Xhafer", "Rexhep", "Thaç", "Shal", "Qerim", "Sylejman", "Kryez", "Mehmet", "Ahmet", "Bajram", "Demir", "Elez", "Fejz", "Gjon", "Haxh", "Isuf", "Kadr", "Lul", "Must", "Nik", "Osman", "Prel", "Ram"],
           ["aj", "i", "ri", "aku"]),
}
LATIN_BY_EAR = [("ș", "sch"), ("ș", "sh"), ("ț", "ts"), ("ç", "ch"), ("xh", "dsch"),
                ("xh", "dj"), ("sh", "sch"), ("q", "ch"), ("ë", "e"), ("gj", "dj"),
                ("ă", "a"), ("â", "i"), ("î", "i"), ("rr", "r"), ("y", "ü")]
LANGUAGES = ("uk", "ru", "bg", "sr", "ro", "sq", "ar")


@dataclass(frozen=True)
class Person:
    pid: int
    language: str
    sex: str
    given: list[str]
    family: str
    year: int
    month: int
    day: int


def _zipf(rng: random.Random, items: list[str], exponent: float = 1.0) -> str:
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def _feminine(family: str, language: str) -> str:
    if language in ("ru", "bg") and family[-2:] in ("ов", "ев", "ёв", "ин"):
        return family + "а"
    if language == "uk" and family.endswith("ський"):
        return family[:-5] + "ська"
    return family


def _family(rng: random.Random, language: str) -> str:
    if language in ROOTS and rng.random() < 0.6:
        roots, suffixes = ROOTS[language]
        return rng.choice(roots) + rng.choice(suffixes)
    if language == "ar" and rng.random() < 0.5:
        given = NAMES["ar"]["m"]
        return rng.choice(["Al-", "Abu ", ""]) + rng.choice(given)
    return _zipf(rng, NAMES[language]["family"], 0.6)


def person(rng: random.Random, pid: int) -> Person:
    language = rng.choices(LANGUAGES, weights=[3, 2, 1, 2, 2, 1, 3])[0]
    sex = rng.choice("mf")
    pool = NAMES[language]
    given = [_zipf(rng, pool[sex], 0.7)]
    if rng.random() < 0.25:
        second = _zipf(rng, pool[sex], 0.7)
        if second != given[0]:
            given.append(second)
    family = _family(rng, language)
    if sex == "f":
        family = _feminine(family, language)
    year = rng.randint(2006, 2020)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return Person(pid, language, sex, given, family, year, month, day)


def _serbian_latin(text: str) -> str:
    from .normalise import _SR

    return "".join(
        (_SR.get(c.lower(), c.lower()).capitalize() if c.isupper() else _SR.get(c, c)) for c in text
    )


def _by_ear(text: str, habit: dict[str, str]) -> str:
    out = "".join(
        habit.get(c.lower(), c.lower()).capitalize() if c.isupper() else habit.get(c, c)
        for c in text
    )
    return out


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.33:
        return text[:i] + text[i + 1 :]
    if kind < 0.66:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice("aeioulnrst") + text[i + 1 :]


def _date(person: Person) -> str:
    return f"{person.year:04d}-{person.month:02d}-{person.day:02d}"


def first_record(rng: random.Random, p: Person) -> Record:
    given, family = " ".join(p.given), p.family
    if p.language == "sr" and rng.random() < 0.5:
        given, family = _serbian_latin(given), _serbian_latin(family)
    roll = rng.random()
    date = _date(p)
    if roll < 0.03:
        date = str(p.year)
    elif roll < 0.05:
        date = f"{p.year - 1}-{p.year + 1}"
    elif roll < 0.07:
        date = ""
    return Record(f"A{p.pid}", given, family, date, p.sex, p.language)


def second_record(rng: random.Random, p: Person) -> Record:
    given = list(p.given)
    if len(given) > 1 and rng.random() < 0.5:
        given = given[:1]
    if rng.random() < 0.06 and given[0] in SHORT:
        given[0] = SHORT[given[0]]
    family = p.family
    language = p.language
    if language in ("uk", "ru", "bg", "sr"):
        habit_name = rng.choice(list(HOST_HABITS))
        habit = dict(HOST_HABITS[habit_name])
        if language != "uk":
            habit["г"] = "g"
        if language == "uk" and rng.random() < 0.3:
            habit["г"], habit["и"] = "g", "i"  # read with Russian habits
        given = [_by_ear(g, habit) for g in given]
        family = _by_ear(family, habit)
    elif language in ("ro", "sq"):

        def rewrite(text: str) -> str:
            if rng.random() < 0.6:
                from .normalise import _fold_letters

                return _fold_letters(text)
            old, new = rng.choice(LATIN_BY_EAR)
            return text.replace(old, new).replace(old.capitalize(), new.capitalize())

        given = [rewrite(g) for g in given]
        family = rewrite(family)
    else:
        given = [
            rng.choice(ARABIC_VARIANTS.get(g, [g])) if rng.random() < 0.8 else g for g in given
        ]
        if rng.random() < 0.7:
            prefix, _, core = family.rpartition("-") if "-" in family else ("", "", family)
            if family.startswith("Abu "):
                prefix, core = "Abu ", family[4:]
            elif prefix:
                prefix = rng.choice(["Al-", "El-", "al ", "El ", ""])
            core = rng.choice(ARABIC_VARIANTS.get(core, [core]))
            family = prefix + core
    if rng.random() < 0.12:
        if rng.random() < 0.5:
            family = _typo(rng, family)
        else:
            given[0] = _typo(rng, given[0])
    given_text, family_text = " ".join(given), family
    if rng.random() < 0.2:
        given_text, family_text = family_text, given_text
    roll = rng.random()
    date = _date(p)
    if roll < 0.05 and p.day <= 12:
        date = f"{p.year:04d}-{p.day:02d}-{p.month:02d}"
    elif roll < 0.10:
        date = f"{p.year:04d}-01-01"
    elif roll < 0.15:
        date = f"{p.year + rng.choice((-1, 1)):04d}-{p.month:02d}-{p.day:02d}"
    elif roll < 0.19:
        date = str(p.year)
    elif roll < 0.22:
        date = f"{p.year - rng.randint(0, 2)}-{p.year + rng.randint(0, 2)}"
    elif roll < 0.25:
        date = ""
    sex = p.sex if rng.random() > 0.03 else ""
    # The host records the language the child speaks, or nothing.
    spoken = language if rng.random() < 0.7 else ""
    return Record(f"B{p.pid}", given_text, family_text, date, sex, spoken)


def generate(
    people: int, *, seed: int = 12, overlap: float = 0.75
) -> tuple[list[Record], list[Record], set[tuple[str, str]]]:
    """Records of A, records of B, and the true pairs (id in A, id in B)."""
    rng = random.Random(seed)  # noqa: S311 (fictional test data, reproducible by seed)
    everyone = [person(rng, pid) for pid in range(people + people // 4)]
    # Twins: a few children share a family name and a date of birth with a sibling.
    for index in range(0, people, 40):
        sibling = everyone[index]
        other = person(rng, 2 * people + index)
        everyone.append(
            Person(
                other.pid,
                sibling.language,
                other.sex,
                other.given,
                sibling.family
                if other.sex == sibling.sex
                else _feminine(sibling.family, sibling.language),
                sibling.year,
                sibling.month,
                sibling.day,
            )
        )
    rng.shuffle(everyone)
    a_side = everyone[:people]
    shared = set(rng.sample(range(len(a_side)), int(len(a_side) * overlap)))
    b_people = [a_side[i] for i in sorted(shared)] + everyone[len(a_side) :]
    records_a = [first_record(rng, p) for p in a_side]
    records_b = [second_record(rng, p) for p in b_people]
    rng.shuffle(records_b)
    truth = {(f"A{a_side[i].pid}", f"B{a_side[i].pid}") for i in shared}
    return records_a, records_b, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out-a", required=True)
    parser.add_argument("--out-b", required=True)
    parser.add_argument("--truth", help="CSV of the true pairs")
    args = parser.parse_args()
    a, b, truth = generate(args.people, seed=args.seed)
    columns = ["id", "given_names", "family_name", "date_of_birth", "sex", "language"]
    for path, records in ((args.out_a, a), (args.out_b, b)):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for r in records:
                writer.writerow(
                    [r.id, r.given_names, r.family_name, r.date_of_birth, r.sex, r.language]
                )
    if args.truth:
        with open(args.truth, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id_a", "id_b"])
            writer.writerows(sorted(truth))


if __name__ == "__main__":
    main()
