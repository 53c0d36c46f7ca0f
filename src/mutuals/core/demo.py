"""A believable job seeker's network, invented from a seed, to explore mutuals with.

Idea: a real network is layered (Dunbar, "The anatomy of friendship", 2018): a handful of inner
ties, a dozen or so close ones, then ever larger rings of friends, meaningful contacts and
acquaintances, kept by contact at the pace each layer calls for (see `cadence`). It also reaches
beyond work (PRODUCT.md, P7): family, school, neighbours, associations, and the doctor, haircutter
and trainer one sees regularly.

Recipe in words: about 250 people in seven circles plus a few people known only by name, each
with a tier drawn per circle so the layers come out roughly 5 / 15 / 40 / 70 / 110. Each contact's
conversations are laid backwards from a chosen last conversation, one cadence (times 0.45 to 1.1)
apart, back to two years before `today` (or to when they met). About a quarter of the contacts are
left overdue; a few once-close ties went silent 1 to 4 years ago; a few people were met in the last
week and not yet followed up. Group conversations (meetups, team lunches, family gatherings) only
join people within the span of their own conversations, so they never change who is overdue.
Promises: some overdue, some due today, some upcoming, some done.

Everything comes from `random.Random(seed)` and `today`: the same two give the same network.
Names and companies are invented, and no two people share a name. Email addresses and phone
numbers reach nobody real and are never shared, except the one office line `demo_identity`
shares on purpose.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from mutuals.core.cadence import Tier, effective_cadence
from mutuals.core.demo_identity import (
    OFFICE,
    OFFICE_LINE,
    Labelled,
    Names,
    PhoneBook,
    personal_email,
    work_email,
)

HISTORY_DAYS = 730
NEW_ACQUAINTANCE_COUNT = 6
OVERDUE_SHARE = 0.27
KINDS = ("coffee", "call", "email", "message", "meeting", "event")


@dataclass(frozen=True, slots=True)
class DemoPerson:
    key: int
    first_name: str
    last_name: str
    organization: str
    title: str
    location: str
    emails: tuple[Labelled, ...]
    phones: tuple[Labelled, ...]
    linkedin_url: str
    circles: tuple[str, ...]
    interests: str
    how_met: str
    introduced_by: int | None  # key of another DemoPerson
    tier: Tier | None  # None: someone you only know of
    cadence_override_days: int | None
    known_since: dt.date
    notes: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class DemoInteraction:
    occurred_on: dt.date
    people: tuple[int, ...]  # keys of DemoPerson
    kind: str
    initiated_by: str  # "me", "them" or ""
    summary: str


@dataclass(frozen=True, slots=True)
class DemoPromise:
    person: int | None
    text: str
    due_on: dt.date
    done_on: dt.date | None


@dataclass(frozen=True, slots=True)
class DemoNetwork:
    seed: int
    today: dt.date
    circles: tuple[str, ...]
    organizations: tuple[str, ...]
    people: tuple[DemoPerson, ...]
    interactions: tuple[DemoInteraction, ...]
    promises: tuple[DemoPromise, ...]


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    """A word list kept compact in the source: split on whitespace, or on `sep`."""
    return tuple(word.strip() for word in text.split(sep))


_FIRST = _words("""
Ada Adaeze Aiko Alba Alejandro Amara Amir Anders Ángela Anika Arjun Astrid Bea Bilal
Bruno Camila Carmen Chidi Chloé Dario Dev Diego Dmitri Elif Elena Emeka Esther Farah Felix Freya
Gael Greta Hana Hamid Hugo Ines Isaac Ivana Jae Jamal Javier Jin Joaquín Jonas Julia Kaito Kavya
Kemal Kiri Lars Layla Leila Lena Leo Liam Lin Lucía Luca Mai Malik Mara Marek Marta Mateo Maya
Mei Mina Mira Nadia Naveen Nia Nico Nils Noor Olu Omar Oskar Paloma Pedro Priya Quinn Rafael
Ravi Rhea Rosa Ruth Sami Sana Sara Seo-yeon Sofia Soren Tariq Teo Thandiwe Tomás Uma Valeria
Vikram Wanjiru Wei Xavier Yara Yusuf Zainab Zoë Zora""")
_LAST = _words("""
Abara Achebe Adeyemi Almeida Andersen Arslan Bakker Banerjee Barros Becker Bergström
Bianchi Brennan Castillo Chaudhry Chen Costa Dahl Delgado Dimitrov Duarte Eklund Esposito Falk
Farouk Ferreira Fischer Fontaine Gallagher García Haddad Halvorsen Hartmann Holm Hosseini Ibáñez
Iyer Jansen Kamara Kaur Keller Kim Kowalski Kuznetsov Lambert Larsen Lindqvist Lombardi Lund
Maddox Marchetti Mbeki Medina Moreau Morales Murphy Nakamura Navarro Nguyen Novak Núñez Obi Okafor
Olsen Ortega Osei Park Patel Petrov Quist Rahman Reyes Romano Rossi Sato Schmidt Serrano Shah
Silva Sokolov Suzuki Tan Tanaka Torres Ueda Valdez Varga Vasquez Vogel Wagner Walsh Weber Wójcik
Yamamoto Yilmaz Zhang Zielinski""")
_COMPANY_HEADS = _words("""
Bluefin Copperleaf Harborview Lumenwise Quillfeather Silverpine Tidewater
Juniperline Kestrel Brightmoor Cobaltcrest Driftwood Emberlane Fernhollow Graniteworks Hollowbrook
Ironbark Marigold Nimbusway Orchardly Pinecrest Riverstone Saltmarsh Thistledown""")
_COMPANY_TAILS = "Analytics Logistics Health Labs Systems Studio Partners Foods Robotics Software"
_HOME = "Portland, OR"
_LOCATIONS = _words(
    (
        "Portland, OR|Portland, OR|Portland, OR|Portland, OR|Seattle, WA|Oakland, CA|Denver, CO|"
        "Austin, TX|Chicago, IL|Boston, MA|Remote|Vancouver, BC|Toronto, ON|Berlin, Germany"
    ),
    "|",
)
_INTERESTS = _words(
    (
        "cycling|jazz|urban gardening|board games|trail running|climate tech|sourdough|chess|"
        "photography|volunteering|sci-fi novels|rock climbing|podcasts|open source|mentoring|"
        "birdwatching|woodworking|tango|data visualisation|early-stage startups"
    ),
    "|",
)
_TOPICS = _words(
    (
        "the job market|her team's roadmap|his move to a new role|hiring plans|a book we both read|"
        "their kids' school|remote work|an article on product strategy|a conference talk|"
        "my job search|salary negotiation|their side project|the neighbourhood plan|a trip abroad|"
        "interview tips|the industry's layoffs|a possible introduction|their promotion"
    ),
    "|",
)
_TARGETS = _words(
    (
        "Hiring manager, data platform|VP Product|Head of Design|Recruiter|Engineering manager|"
        "Director of Operations|Founder|Chief of Staff"
    ),
    "|",
)


@dataclass(frozen=True, slots=True)
class _CircleSpec:
    """How one circle is drawn: its size by tier, where its people work, how you met them."""

    name: str
    tiers: tuple[tuple[Tier | None, int], ...]
    dormant_ties: int
    years_known: tuple[float, float]
    titles: str
    how_met: str
    organizations: str  # "|"-separated; "*" means an invented company
    kinds: str
    paired: bool = False  # the n-th person takes the n-th title, how-met and organisation


_CIRCLES = (
    _CircleSpec(
        "Family & friends",
        ((Tier.INNER, 4), (Tier.CLOSE, 6), (Tier.FRIEND, 8), (Tier.MEANINGFUL, 4)),
        0,
        (8, 30),
        "Teacher|Nurse|Architect|Chef|Retired|Student|Electrician|Accountant",
        "family|childhood friend|friend from the climbing gym|neighbour years ago",
        "*",
        "message message call call coffee event",
    ),
    _CircleSpec(
        "Work",
        (
            (Tier.INNER, 1),
            (Tier.CLOSE, 3),
            (Tier.FRIEND, 7),
            (Tier.MEANINGFUL, 10),
            (Tier.ACQUAINTANCE, 11),
        ),
        0,
        (1, 4),
        "Product Manager|Data Engineer|Designer|Engineering Manager|QA Lead|Product Analyst|"
        "Technical Writer|Recruiter",
        "worked together at Copperleaf Systems|same team at Copperleaf Systems|"
        "onboarding cohort at Copperleaf Systems",
        "Copperleaf Systems",
        "coffee message call email meeting",
    ),
    _CircleSpec(
        "Former colleagues",
        (
            (Tier.CLOSE, 1),
            (Tier.FRIEND, 6),
            (Tier.MEANINGFUL, 15),
            (Tier.ACQUAINTANCE, 26),
            (Tier.DORMANT, 2),
        ),
        4,
        (3, 12),
        "Senior Product Manager|Staff Engineer|Director of Product|UX Researcher|Data Scientist|"
        "Consultant|Head of Growth|Operations Lead",
        "worked together at a previous job|shared a project years ago|former manager|"
        "met on a client project",
        "*",
        "coffee call email message",
    ),
    _CircleSpec(
        "School",
        (
            (Tier.CLOSE, 1),
            (Tier.FRIEND, 4),
            (Tier.MEANINGFUL, 8),
            (Tier.ACQUAINTANCE, 14),
            (Tier.DORMANT, 2),
        ),
        3,
        (8, 16),
        "Economist|Software Engineer|Professor|Policy Analyst|Marketing Lead|Lawyer",
        "classmates at Lakeshore University|same dorm at Lakeshore University|"
        "study group at Lakeshore University",
        "*",
        "message call coffee email",
    ),
    _CircleSpec(
        "Community",
        ((Tier.CLOSE, 1), (Tier.FRIEND, 4), (Tier.MEANINGFUL, 9), (Tier.ACQUAINTANCE, 21)),
        1,
        (1, 6),
        "Neighbour|Volunteer coordinator|Pastor|Coach|Shop owner|Librarian",
        "neighbour|volunteering at the Harbor City Food Bank|Eastside Runners Club|"
        "parents at the school gate|community garden",
        "Harbor City Food Bank|Eastside Runners Club|Maple Street Community Garden|*",
        "coffee message event meeting",
    ),
    _CircleSpec(
        "Services",
        ((Tier.MEANINGFUL, 3), (Tier.ACQUAINTANCE, 7)),
        0,
        (1, 8),
        "Family doctor|Hairdresser|Personal trainer|Dentist|Tax accountant|Lawyer|Mechanic|"
        "Physiotherapist|Bookshop owner|Barista",
        "my doctor|my haircutter|my trainer at the gym|my dentist|my accountant|"
        "recommended by a friend|my mechanic|my physio after a knee injury|"
        "regular at the bookshop|regular at the café",
        "Maple Street Clinic|Cut & Comb Salon|Peak Form Gym|Riverside Dental|*|*|Eastside Auto|"
        "Maple Street Clinic|Chapter & Verse Books|Bean There Café",
        "meeting meeting message call",
        paired=True,
    ),
    _CircleSpec(
        "Associations",
        ((Tier.FRIEND, 2), (Tier.MEANINGFUL, 10), (Tier.ACQUAINTANCE, 28)),
        0,
        (0.3, 4),
        "Product Lead|Board member|Program Chair|Founder|Product Designer|Data Analyst|Mentor",
        "Riverside Product Guild meetup|Women in Data Portland|Northgate Toastmasters|"
        "board of the Harbor City Food Bank|product conference",
        "Riverside Product Guild|Women in Data Portland|Northgate Toastmasters|*",
        "event email coffee meeting",
    ),
)
_KNOWN_OF = 17
_OVERRIDES = {"my haircutter": 42, "my trainer at the gym": 14}


class _Builder:
    """Draws the network step by step from one random generator."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.seed, self.today = seed, today
        self.names = Names()
        self.phone_book = PhoneBook(seed)
        self.companies = self._companies()
        self.people: list[DemoPerson] = []
        self.dates: dict[int, list[dt.date]] = {}
        self.interactions: list[DemoInteraction] = []

    def _companies(self) -> list[str]:
        pairs = [(h, t) for h in _COMPANY_HEADS for t in _COMPANY_TAILS.split()]
        self.rng.shuffle(pairs)
        names = [f"{h} {t}" for h, t in pairs if h != "Copperleaf"]
        return names[:30]

    def _name(self) -> tuple[str, str, str]:
        """First and last name, and their slug: nobody else's, nor close to anyone's."""
        while True:
            first, last = self.rng.choice(_FIRST), self.rng.choice(_LAST)
            slug = self.names.take(first, last)
            if slug is not None:
                return first, last, slug

    def long_ago(self) -> dt.date:
        """When a dormant tie began: 6 to 14 years ago."""
        return self._ago(6 * 365, 14 * 365)

    def _ago(self, low_days: float, high_days: float) -> dt.date:
        return self.today - dt.timedelta(days=round(self.rng.uniform(low_days, high_days)))

    def person(
        self,
        circle: _CircleSpec | None,
        tier: Tier | None,
        *,
        known_since: dt.date | None = None,
        how_met: str | None = None,
    ) -> DemoPerson:
        first, last, slug = self._name()
        title, met, organization = self._role(circle)
        emails = [work_email(slug, organization)] if organization else []
        if self.rng.random() < 0.6:
            emails.append(personal_email(slug, self.rng.randint(1, 99)))
        met = how_met or met
        if circle is None:
            since = known_since or self._ago(10, 200)
        else:
            low, high = circle.years_known
            since = known_since or self._ago(low * 365, high * 365)
        key = len(self.people)
        has_phone = circle is not None and self.rng.random() < 0.35
        location = _HOME if self.rng.random() < 0.55 else self.rng.choice(_LOCATIONS)
        phones = [self.phone_book.number_for(location)] if has_phone else []
        if organization == OFFICE:  # colleagues sharing the front desk, each reachable alone
            phones.insert(0, OFFICE_LINE)
            if len(emails) < 2:
                emails.append(personal_email(slug))
        person = DemoPerson(
            key=key,
            first_name=first,
            last_name=last,
            organization=organization,
            title=title,
            location=location,
            emails=tuple(emails),
            phones=tuple(phones),
            linkedin_url=f"https://linkedin.example.com/in/{slug.replace('.', '-')}"
            if circle and circle.name in ("Work", "Former colleagues", "Associations")
            else "",
            circles=(circle.name,) if circle else (),
            interests=", ".join(self.rng.sample(_INTERESTS, self.rng.randint(0, 3))),
            how_met=met,
            introduced_by=self._introducer(met),
            tier=tier,
            cadence_override_days=_OVERRIDES.get(met),
            known_since=since,
            notes=self._notes(circle),
        )
        self.people.append(person)
        return person

    def _role(self, circle: _CircleSpec | None) -> tuple[str, str, str]:
        """Title, how you met and organisation; a paired circle takes its lists in step."""
        if circle is None:  # someone at a company you are targeting
            return self.rng.choice(_TARGETS), "", self.rng.choice(self.companies[:6])
        titles, met, orgs = (
            _words(text, "|") for text in (circle.titles, circle.how_met, circle.organizations)
        )
        if circle.paired:
            index = sum(circle.name in p.circles for p in self.people) % len(titles)
            return titles[index], met[index], orgs[index].replace("*", "")
        return self.rng.choice(titles), self.rng.choice(met), self._organization(circle, orgs)

    def _organization(self, circle: _CircleSpec, choices: tuple[str, ...]) -> str:
        choice = self.rng.choice(choices)
        if choice != "*":
            return choice
        if circle.name in ("Family & friends", "Community", "Services"):
            return "" if self.rng.random() < 0.5 else self.rng.choice(self.companies)
        return self.rng.choice(self.companies)

    def _introducer(self, how_met: str) -> int | None:
        contacts = [p.key for p in self.people if p.tier is not None]
        if how_met != "recommended by a friend" and (not contacts or self.rng.random() > 0.12):
            return None
        return self.rng.choice(contacts) if contacts else None

    def _notes(self, circle: _CircleSpec | None) -> str:
        if circle is None:
            return "Seen in a job posting; look for a warm introduction first."
        if self.rng.random() > 0.2:
            return ""
        topic = self.rng.choice(_TOPICS)
        return f"Last time we spoke about {topic}."

    def history(self, person: DemoPerson, *, overdue: bool) -> None:
        """One-to-one conversations, laid backwards from the last one."""
        cadence = effective_cadence(person.tier, person.cadence_override_days) or 365
        if overdue:
            last = self._ago(cadence * 1.05 + 1, cadence * 2.5 + 2)
        else:
            last = self._ago(0, cadence * 0.9)
        start = max(person.known_since, self.today - dt.timedelta(days=HISTORY_DAYS))
        last = max(last, start)
        dates, day = [last], last
        while True:
            day -= dt.timedelta(days=max(1, round(cadence * self.rng.uniform(0.45, 1.1))))
            if day < start:
                break
            dates.append(day)
        self._record(person, dates)

    def dormant_history(self, person: DemoPerson) -> None:
        """A once-close tie: frequent conversations for a year or so, then 1 to 4 silent years."""
        last = self._ago(400, 4 * 365 - 30)
        day, dates = last, [last]
        first = last - dt.timedelta(days=round(self.rng.uniform(240, 540)))
        if person.tier is Tier.DORMANT:  # marked dormant: a few conversations, long ago
            first = last - dt.timedelta(days=round(self.rng.uniform(60, 200)))
        while True:
            day -= dt.timedelta(days=round(self.rng.uniform(8, 24)))
            if day < max(first, person.known_since):
                break
            dates.append(day)
        self._record(person, dates, kinds="coffee call coffee meeting message")

    def _record(self, person: DemoPerson, dates: list[dt.date], kinds: str = "") -> None:
        dates.sort()
        self.dates[person.key] = dates
        circle = next((c for c in _CIRCLES if c.name in person.circles), None)
        choices = (kinds or (circle.kinds if circle else "email")).split()
        leaning = self.rng.uniform(0.25, 0.85)  # how often you are the one reaching out
        for day in dates:
            kind = self.rng.choice(choices)
            initiated = (
                "" if self.rng.random() < 0.1 else "me" if self.rng.random() < leaning else "them"
            )
            self.interactions.append(
                DemoInteraction(day, (person.key,), kind, initiated, self._summary(kind))
            )

    def _summary(self, kind: str) -> str:
        topic = self.rng.choice(_TOPICS)
        return {
            "coffee": f"Coffee — talked about {topic}",
            "call": f"Call about {topic}",
            "email": f"Emails about {topic}",
            "message": f"Messages about {topic}",
            "meeting": f"Met to talk about {topic}",
            "event": f"Saw each other at an event; talked about {topic}",
        }[kind]

    def new_acquaintances(self, spec: _CircleSpec) -> None:
        """People met in the last week with nothing logged since that first conversation."""
        for index in range(NEW_ACQUAINTANCE_COUNT):
            met_on = self.today - dt.timedelta(days=index % 7)
            event = ("Riverside Product Guild meetup", "product conference")[index % 2]
            person = self.person(spec, Tier.ACQUAINTANCE, known_since=met_on, how_met=event)
            self.dates[person.key] = [met_on]
            summary = f"Met at the {event}; talked about {self.rng.choice(_TOPICS)}"
            self.interactions.append(DemoInteraction(met_on, (person.key,), "event", "", summary))

    def group(
        self, circle: str, every_days: int, size: tuple[int, int], kind: str, what: str
    ) -> None:
        """Recurring group conversations among people of a circle who were in touch then."""
        members = [p.key for p in self.people if circle in p.circles and p.key in self.dates]
        day = self.today - dt.timedelta(days=HISTORY_DAYS - self.rng.randint(5, 40))
        while day < self.today - dt.timedelta(days=NEW_ACQUAINTANCE_COUNT + 2):
            present = [k for k in members if self.dates[k][0] <= day <= self.dates[k][-1]]
            count = min(len(present), self.rng.randint(*size))
            if count >= 2:
                keys = tuple(sorted(self.rng.sample(present, count)))
                initiated = self.rng.choice(("me", "them", ""))
                summary = f"{what} — talked about {self.rng.choice(_TOPICS)}"
                self.interactions.append(DemoInteraction(day, keys, kind, initiated, summary))
            day += dt.timedelta(days=round(every_days * self.rng.uniform(0.7, 1.3)))

    def promises(self) -> list[DemoPromise]:
        recent = [
            p
            for p in self.people
            if p.key in self.dates
            and (self.today - self.dates[p.key][-1]).days <= 60
            and p.tier is not None
        ]
        chosen = self.rng.sample(recent, 20)
        offsets = [-12, -8, -5, -3, -1, 0, 0, 2, 5, 9, 14]  # open: overdue, due today, upcoming
        promises = []
        for index, person in enumerate(chosen):
            other = self.rng.choice([p for p in self.people if p.key != person.key])
            text = self.rng.choice(
                (
                    f"Send {person.first_name} the article on {self.rng.choice(_TOPICS)}",
                    f"Introduce {person.first_name} to {other.first_name} {other.last_name}",
                    f"Thank {person.first_name} for the introduction",
                    f"Share my notes on {self.rng.choice(_TOPICS)} with {person.first_name}",
                    f"Ask {person.first_name} how the new role is going",
                    f"Forward {person.first_name} the job posting I saw",
                )
            )
            if index < len(offsets):
                due = self.today + dt.timedelta(days=offsets[index])
                promises.append(DemoPromise(person.key, text, due, None))
            else:
                due = self._ago(5, 300)
                done = min(self.today, due + dt.timedelta(days=self.rng.randint(-3, 2)))
                promises.append(DemoPromise(person.key, text, due, done))
        promises.append(
            DemoPromise(None, "Update my resume with the data platform project", self.today, None)
        )
        return promises


def generate(*, seed: int = 7, today: dt.date) -> DemoNetwork:
    """The demo network for `seed` as of `today`; the same two always give the same network."""
    builder = _Builder(seed, today)
    for spec in _CIRCLES:
        for tier, count in spec.tiers:
            for _ in range(count):
                if tier is Tier.DORMANT:
                    builder.dormant_history(
                        builder.person(spec, tier, known_since=builder.long_ago())
                    )
                else:
                    person = builder.person(spec, tier)
                    builder.history(person, overdue=builder.rng.random() < OVERDUE_SHARE)
        for _ in range(spec.dormant_ties):
            tier = builder.rng.choice((Tier.CLOSE, Tier.FRIEND, Tier.FRIEND))
            builder.dormant_history(builder.person(spec, tier, known_since=builder.long_ago()))
        if spec.name == "Associations":
            builder.new_acquaintances(spec)
    for _ in range(_KNOWN_OF):
        builder.person(None, None)
    builder.group("Associations", 30, (3, 6), "event", "Riverside Product Guild meetup")
    builder.group("Work", 60, (3, 5), "meeting", "Team lunch")
    builder.group("Family & friends", 120, (4, 7), "event", "Family gathering")
    builder.group("School", 365, (4, 8), "event", "Lakeshore University reunion")
    interactions = sorted(builder.interactions, key=lambda i: (i.occurred_on, i.people))
    return DemoNetwork(
        seed=seed,
        today=today,
        circles=tuple(spec.name for spec in _CIRCLES),
        organizations=tuple(sorted({p.organization for p in builder.people if p.organization})),
        people=tuple(builder.people),
        interactions=tuple(interactions),
        promises=tuple(builder.promises()),
    )
