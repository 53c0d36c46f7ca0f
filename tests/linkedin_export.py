"""A LinkedIn Connections.csv as LinkedIn writes it, for tests that need a realistic one: the
"Notes:" preamble and a byte-order mark, varied names (accents, particles, hyphens), companies
with commas, positions, e-mail addresses for about one in five, some rows without a company,
and "Connected On" dates like "14 Feb 2023". The same seed gives the same file."""

from __future__ import annotations

import csv
import io
import itertools
import random
import unicodedata

FIRST_NAMES = (
    "Ada", "Bram", "Chidi", "Dana", "Elif", "Farah", "Gustavo", "Hana", "Ingrid", "Jonas",
    "Kavya", "Liam", "Mina", "Nikolai", "Olga", "Priya", "Quentin", "Rosa", "Sven", "Tara",
    "Ugo", "Valentina", "Wei", "Ximena", "Yusuf", "Zofia", "Amara", "Björn", "Chloé", "Diego",
    "Émile", "Fatima", "Grace", "Hiroshi", "Isabela", "Jamal", "Kenji", "Leila", "Mateo",
    "Noor", "Oskar", "Paula", "Rafael", "Saoirse", "Tomás", "Ulla", "Vikram", "Yara",
)  # fmt: skip
LAST_NAMES = (
    "Quill", "Vos", "Okafor", "Reyes", "Yılmaz", "Haddad", "Pereira", "Novak", "Lindqvist",  # noqa: RUF001
    "Becker", "Iyer", "O'Brien", "Wójcik", "Petrov", "Sokolova", "Raman", "Dubois", "Núñez",
    "Andersen", "Kapoor", "Bianchi", "Rossi", "Zhang", "Hernández", "Demir", "Kowalska",
    "Adeyemi", "Øvergaard", "Moreau", "García-López", "van der Berg", "El Amrani", "Murphy",
    "Tanaka", "Costa", "Johnson", "Nakamura", "Karimi", "Fernández", "Ahmed", "Nilsson",
    "Schmidt", "Oliveira", "Mendes", "Chen", "Kim", "de Souza", "MacLeod",
)  # fmt: skip
COMPANIES = (
    "Northwind Analytics", "Fabrikam", "Contoso Health", "Tailspin Toys", "Litware",
    "Adatum Systems", "Woodgrove Bank", "Orion Labs", "Copperleaf Systems", "Blue Yonder Air",
    "Vos, Jansen & Co", "Proseware, Inc.", "Lamna Healthcare", "Wingtip Logistics",
    "Alpine Ski House", "Relecloud", "Bergen Kommune", "Fourth Coffee", "Trey Research",
    "Humongous Insurance", "Margie's Travel", "Graphic Design Institute",
)  # fmt: skip
POSITIONS = (
    "Software Engineer", "Senior Product Manager", "Head of Data, EMEA", "UX Designer",
    "Engineering Manager", "Recruiter", "Talent Acquisition Partner", "Data Scientist",
    "Operations Manager", "Founder & CEO", "Backend Developer (Platform)", "Marketing Lead",
    "Account Executive", "Staff Engineer", "Research Scientist", "Customer Success Manager",
    "Chief of Staff", "Frontend Engineer", "Analyst", "Director of Engineering",
)  # fmt: skip
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    ' connections to see or download their email address."\r\n\r\n'
)


def connection_rows(count: int, seed: int = 13) -> list[tuple[str, ...]]:
    """`count` rows (as the header orders them), everyone a different first and last name."""
    rng = random.Random(seed)
    names = list(itertools.product(FIRST_NAMES, LAST_NAMES))
    if count > len(names):
        raise ValueError(f"At most {len(names)} different names.")
    rows = []
    for number, (first, last) in enumerate(rng.sample(names, count)):
        slug = "-".join(_ascii(f"{first} {last}").lower().replace("'", "").split())
        email = f"{first}.{number}@example.org".lower() if rng.random() < 0.2 else ""
        company = rng.choice(COMPANIES) if rng.random() < 0.9 else ""
        position = rng.choice(POSITIONS) if company or rng.random() < 0.5 else ""
        day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2012, 2025)}"
        url = f"https://www.linkedin.com/in/{slug}-{number:05d}"
        rows.append((first, last, url, email, company, position, day))
    return rows


def _ascii(text: str) -> str:
    """The letters without their accents, as LinkedIn's public profile addresses have them."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def connections_csv(count: int = 500, seed: int = 13) -> bytes:
    """Connections.csv with `count` people, as LinkedIn's export has it (UTF-8 with a BOM)."""
    out = io.StringIO()
    out.write(PREAMBLE)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(connection_rows(count, seed))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
