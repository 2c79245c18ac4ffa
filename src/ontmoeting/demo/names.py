"""Seeded Flemish, Dutch and Italian names, with e-mail addresses on reserved example domains."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from faker import Faker

#: Where people come from, as Faker locales: Flanders, the Netherlands, Italy.
LOCALES = ("nl_BE", "nl_NL", "it_IT")

#: RFC 2606 reserved domains only: demo mail can never reach a real mailbox.
STUDENT_DOMAIN = "student.example.org"
EXPERT_DOMAINS = ("example.org", "example.net", "example.com")


@dataclass(frozen=True)
class Name:
    first: str
    last: str
    origin: str


def ascii_slug(text: str) -> str:
    """'Van den Broeck-D'Amico' → 'vandenbroeck-damico' (for e-mail local parts)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", plain.lower())


class NameMaker:
    """Names and contact details drawn from one seed; the same seed gives the same people."""

    def __init__(self, seed: int, rng: random.Random) -> None:
        self.rng = rng
        self.fakers: dict[str, Faker] = {}
        for offset, locale in enumerate(LOCALES):
            faker = Faker(locale)
            faker.seed_instance(seed * 101 + offset)
            self.fakers[locale] = faker
        self._emails: set[str] = set()

    def name(self, *, origin: str, gender: str, long_chance: float = 0.03) -> Name:
        """A name fitting ``origin`` and ``gender``; a few are long (double names) for badges."""
        faker = self.fakers[origin]
        if gender == "f":
            first = faker.first_name_female()
        elif gender == "m":
            first = faker.first_name_male()
        else:
            first = faker.first_name()
        last = faker.last_name()
        if self.rng.random() < long_chance:
            if origin == "it_IT":
                # Italian: two given names, a double surname ("Maria Grazia Lo Presti Bonfiglio").
                second = faker.first_name_female() if gender == "f" else faker.first_name_male()
                first = f"{first} {second}" if second != first else first
                last = f"{last} {faker.last_name()}"
            else:
                # Flemish / Dutch: a double surname joined by a hyphen.
                last = f"{last}-{faker.last_name()}"
        return Name(first=first, last=last, origin=origin)

    def email(self, name: Name, domain: str) -> str:
        """first.last@domain, made unique with a number when two people share a name."""
        local = f"{ascii_slug(name.first.split()[0])}.{ascii_slug(name.last.replace(' ', ''))}"
        candidate, number = f"{local}@{domain}", 1
        while candidate in self._emails:
            number += 1
            candidate = f"{local}{number}@{domain}"
        self._emails.add(candidate)
        return candidate

    def phone(self, origin: str) -> str:
        return str(self.fakers[origin].phone_number())

    def contact_person(self, origin: str) -> str:
        faker = self.fakers[origin]
        return f"{faker.first_name()} {faker.last_name()}"
