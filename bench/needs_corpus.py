"""Synthetic open needs for the matching benchmark, written the way people jot them down.

`realistic` draws from a broad vocabulary (roles built from seniority x discipline x title,
industries, invented organisations, cities, skills, topics, first names) with Zipf-like
frequencies, as a career centre's pooled needs would read. `dense` is a stress case: six
shapes over a few dozen words, so that most needs share a word with any job posting.
"""

from __future__ import annotations

import itertools
import random

from mutuals.core.demo_ledger import FIELDS, ROLES, SERVICES, TOPICS

SENIORITY = ("", "", "", "junior", "senior", "senior", "staff", "lead", "principal", "head of")
DISCIPLINES = (
    "data", "platform", "security", "mobile", "iOS", "Android", "frontend", "backend", "DevOps",
    "cloud", "ML", "UX", "product", "brand", "content", "growth", "sales", "customer success",
    "finance", "legal", "HR", "operations", "supply chain", "clinical", "nursing", "teaching",
    "research", "policy", "grant writing", "fundraising", "architecture", "civil", "mechanical",
    "electrical", "biotech", "pharma", "retail", "hospitality", "events", "localisation",
)  # fmt: skip
TITLES = (
    "engineer", "manager", "designer", "analyst", "scientist", "lead", "director", "consultant",
    "specialist", "coordinator", "writer", "researcher", "officer", "partner",
)  # fmt: skip
INDUSTRIES = (
    "fintech", "healthcare", "climate tech", "logistics", "education", "retail", "gaming",
    "insurance", "banking", "public sector", "nonprofit", "media", "publishing", "agritech",
    "energy", "automotive", "aerospace", "travel", "real estate", "biotech", "cybersecurity",
    "e-commerce", "legal tech", "HR tech", "food delivery", "robotics", "telecoms", "fashion",
    "music", "sports", "construction", "mining", "shipping", "hospitality", "charities",
)  # fmt: skip
CITIES = (
    "London", "Leeds", "Manchester", "Bristol", "Glasgow", "Edinburgh", "Cardiff", "Belfast",
    "Dublin", "Lisbon", "Porto", "Madrid", "Barcelona", "Valencia", "Paris", "Lyon", "Berlin",
    "Munich", "Hamburg", "Amsterdam", "Rotterdam", "Brussels", "Copenhagen", "Stockholm", "Oslo",
    "Helsinki", "Warsaw", "Krakow", "Prague", "Vienna", "Zurich", "Geneva", "Milan", "Rome",
    "Athens", "Istanbul", "Toronto", "Montreal", "Vancouver", "Boston", "Chicago", "Austin",
    "Seattle", "Denver", "Atlanta", "Nairobi", "Lagos", "Accra", "Cape Town", "Singapore",
    "Sydney", "Melbourne", "Auckland", "Bangalore", "Pune", "Tokyo", "Seoul", "Mexico City",
)  # fmt: skip
SKILLS = (
    "Python", "SQL", "Spark", "Kafka", "Airflow", "dbt", "Snowflake", "Terraform", "Kubernetes",
    "Go", "Rust", "Java", "Kotlin", "Swift", "React", "TypeScript", "Django", "Rails", "Figma",
    "Excel", "Tableau", "Power BI", "Salesforce", "HubSpot", "SAP", "AutoCAD", "Revit", "MATLAB",
    "R", "Stata", "statistics", "accessibility", "user research", "copywriting", "SEO",
    "negotiation", "budgeting", "forecasting", "procurement", "compliance", "GDPR", "auditing",
    "bookkeeping", "payroll", "recruiting", "onboarding", "coaching", "facilitation",
    "public speaking", "grant applications", "lab automation", "clinical trials",
    "cold chain", "route planning", "warehouse robotics", "pricing", "A/B testing",
)  # fmt: skip
TOPIC_WORDS = (
    "negotiating an offer", "a career break", "going freelance", "moving abroad",
    "a first management role", "returning after parental leave", "burnout", "a portfolio review",
    "a mock interview", "rewriting a CV", "a LinkedIn profile", "an MBA", "a bootcamp",
    "a PhD to industry move", "visa sponsorship", "a four-day week", "equity and options",
    "a board seat", "volunteering", "a side project", "teaching a night class", "a book proposal",
)  # fmt: skip
FIRST_NAMES = (
    "Rosa", "Jin", "Gareth", "Priya", "Tomás", "Amara", "Lena", "Kofi", "Mei", "Sven", "Aisha",
    "Diego", "Hana", "Oren", "Nia", "Pavel", "Ines", "Ravi", "Zoë", "Marek", "Sade", "Yusuf",
    "Elif", "Bruno", "Chloé", "Arjun", "Freya", "Mateo", "Noor", "Kenji", "Ada", "Luca",
)  # fmt: skip
SHAPES = (
    "Looking for a {role} role in {industry}",
    "Open to {role} openings in {city}",
    "An intro to someone at {org}",
    "An intro to a {role} at {org}",
    "Wants to meet {first} from {org} about {industry}",
    "Advice on {topic}",
    "Advice on {topic} as a {role}",
    "Good reading on {skill} for a {role}",
    "Hiring a {role} who knows {skill} in {city}",
    "Hiring a {role} for {org}",
    "A referral for the {role} opening at {org}",
    "A mentor for {skill}",
    "Feedback on {topic}",
    "Somewhere to practise {skill} in {city}",
    "Numbers on {role} salaries in {city}",
    "A {skill} freelancer for a {industry} project",
    "Speakers on {skill} for a meetup in {city}",
    "Moving from {industry} into {industry2}",
    "Someone who has done {topic} in {industry}",
    "Volunteers for a {industry} charity in {city}",
)  # fmt: skip
_SYLLABLES = (
    "cop", "per", "leaf", "north", "wind", "blue", "stone", "river", "bright", "oak", "fern",
    "vale", "ash", "gold", "crest", "lumen", "tera", "nova", "quill", "harbor", "pine", "sol",
    "mint", "iron", "bay", "cedar", "orbit", "tide", "maple", "arc", "zen", "flint", "glen",
)  # fmt: skip
_SUFFIXES = ("", " Systems", " Labs", " Health", " Bank", " Energy", " Studio", " Group", " & Co")


def _zipf(items: tuple[str, ...] | list[str], rng: random.Random) -> str:
    cumulative = _CUMULATIVE.get(len(items))
    if cumulative is None:
        cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(items) + 1)))
        _CUMULATIVE[len(items)] = cumulative
    return rng.choices(items, cum_weights=cumulative)[0]


_CUMULATIVE: dict[int, list[float]] = {}


def _organisations(rng: random.Random, count: int = 3_000) -> list[str]:
    names = {
        "".join(pair).capitalize() + rng.choice(_SUFFIXES)
        for pair in itertools.product(_SYLLABLES, repeat=2)
        if pair[0] != pair[1]
    }
    ordered = sorted(names)
    rng.shuffle(ordered)
    return ordered[:count]


def realistic(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    organisations = _organisations(rng)
    roles = [
        " ".join(part for part in (s, d, t) if part)
        for s, d, t in itertools.product(SENIORITY, DISCIPLINES, TITLES)
    ]
    rng.shuffle(roles)
    texts = []
    for _ in range(count):
        industry = _zipf(INDUSTRIES, rng)
        other = INDUSTRIES[
            (INDUSTRIES.index(industry) + rng.randrange(1, len(INDUSTRIES))) % len(INDUSTRIES)
        ]
        texts.append(
            rng.choice(SHAPES).format(
                role=_zipf(roles, rng),
                industry=industry,
                industry2=other,
                city=_zipf(CITIES, rng),
                org=_zipf(organisations, rng),
                first=rng.choice(FIRST_NAMES),
                topic=_zipf(TOPIC_WORDS, rng),
                skill=_zipf(SKILLS, rng),
            )
        )
    return texts


def dense(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    shapes = (
        "Looking for a {role} role in {field}",
        "An intro to a {role} at a {field} company",
        "Advice on {topic}",
        "Good reading on {topic} for a {role}",
        "Hiring a {role} with {field} experience",
        "Looking for {service}",
    )
    return [
        rng.choice(shapes).format(
            role=rng.choice(ROLES),
            field=rng.choice(FIELDS),
            topic=rng.choice(TOPICS),
            service=rng.choice(SERVICES),
        )
        for _ in range(count)
    ]
