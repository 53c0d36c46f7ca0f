"""The matching evaluation set: invented open needs and texts, with the needs each text serves.

Needs are one-liners as a user would jot them down mid-conversation; texts are what a user pastes:
job postings, articles, event announcements and notes about someone they met. `expected` is the
set of need ids a careful person would act on after reading the text. Everyone here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from mutuals.core.matching import NeedDoc


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    text: str
    expected: frozenset[int]


def _need(id: int, person_id: int | None, name: str, kind: str, text: str) -> NeedDoc:
    return NeedDoc(id=id, person_id=person_id, person_name=name, text=text, kind=kind)


NEEDS: tuple[NeedDoc, ...] = (
    _need(1, 101, "Rosa Núñez", "job lead", "Looking for senior UX designer roles in healthcare"),
    _need(2, 102, "Jin Park", "introduction", "Intro to an engineering manager at a fintech"),
    _need(3, 103, "Gareth Lloyd", "hire", "Hiring a data scientist for his logistics analytics"),
    _need(4, 104, "Priya Shah", "advice", "Advice on moving from teaching to instructional design"),
    _need(5, 105, "Sam Okafor", "job lead", "Open to product manager roles in climate tech"),
    _need(6, 106, "Lee Chan", "information", "Researching machine learning courses to retrain"),
    _need(7, 107, "Amara Diallo", "referral", "Referral for a nonprofit program director position"),
    _need(
        8, 108, "Tomás Ruiz", "job lead", "Remote backend engineer jobs using Python and Postgres"
    ),
    _need(9, 109, "Hannah Berg", "introduction", "Wants to meet a VC who invests in edtech"),
    _need(10, 110, "Omar Haddad", "advice", "Wants advice on negotiating a salary offer"),
    _need(11, 111, "Mei Lin", "information", "Learning Kubernetes and site reliability practices"),
    _need(12, None, "", "job lead", "Front-end developer roles with React and TypeScript"),
    _need(13, 113, "Carlos Mendes", "hire", "Hiring a part-time bookkeeper for his bakery"),
    _need(14, 114, "Fatima Zahra", "other", "Wants a local public speaking club to practise talks"),
    _need(15, 115, "Nadia Petrov", "introduction", "Intro to someone in HR at a hospital"),
    _need(16, 116, "Ben Adler", "job lead", "Warehouse operations supervisor roles near Columbus"),
    _need(17, 117, "Chloe Martin", "information", "Any news about grants for community gardens"),
    _need(
        18, 118, "Ravi Kumar", "referral", "Referral to a cybersecurity analyst opening at a bank"
    ),
    _need(19, 119, "Sofia Rossi", "advice", "Advice on going freelance as a wedding photographer"),
    _need(20, 120, "Yusuf Ali", "job lead", "Night shift nursing jobs in Chicago"),
    _need(
        21,
        121,
        "Grace Kim",
        "hire",
        "Hiring a marketing intern who knows search engine optimization",
    ),
    _need(22, 122, "Luca Bianchi", "introduction", "Wants to meet the CTO of a healthtech company"),
    _need(
        23,
        123,
        "Inês Costa",
        "information",
        "Collecting research on burnout and recovery for her book",
    ),
    _need(24, 124, "Kwame Mensah", "job lead", "Open to sales roles selling software to schools"),
    _need(
        25, 125, "Elena Novak", "other", "Moving to Denver, wants to join a mountain biking group"
    ),
    _need(26, 126, "Tariq Aziz", "job lead", "Electrician apprenticeship openings"),
    _need(27, 127, "Julia Weber", "advice", "Advice on applying for a PhD in economics"),
    _need(28, 128, "Marcus Reed", "referral", "Referral for a QA automation tester role"),
    _need(
        29,
        129,
        "Aisha Bello",
        "information",
        "Open source projects friendly to first-time contributors",
    ),
    _need(30, 130, "Pedro Alves", "hire", "Hiring a JS developer for his small agency"),
    _need(
        31, 131, "Zoe Turner", "introduction", "Intro to a literary agent for her children's novel"
    ),
    _need(
        32, 132, "Hugo Laurent", "job lead", "Project manager position in commercial construction"
    ),
    _need(33, 133, "Maya Singh", "advice", "Advice on returning to work after parental leave"),
    _need(34, 134, "Owen Price", "information", "Volunteer opportunities at animal shelters"),
    _need(35, 135, "Lina Farah", "job lead", "Accounting roles for a CPA in New York"),
    _need(
        36,
        136,
        "Victor Lam",
        "introduction",
        "Meet a user researcher to learn how to run interviews",
    ),
    _need(37, 137, "Ruth Cohen", "hire", "Hiring a head chef for her restaurant opening in spring"),
    _need(38, 138, "Diego Flores", "information", "How to start a career installing solar panels"),
    _need(
        39, 139, "Kate Moore", "advice", "Advice on rewriting her CV after 20 years at one employer"
    ),
    _need(40, 140, "Sanjay Patel", "job lead", "ML engineer roles working on language models"),
    _need(
        41, 141, "Ella Fischer", "referral", "Referral for a pharmacy technician job at a hospital"
    ),
    _need(42, 142, "Noah Green", "other", "A running partner for marathon training on weekends"),
    _need(43, None, "", "advice", "Advice on switching careers into data analysis"),
    _need(44, 144, "Ivy Chen", "information", "News about AI regulation in Europe"),
)


CASES: tuple[Case, ...] = (
    Case(
        "ux posting says user experience",
        """Senior Product Designer, Patient Experience — Brightwell Clinics (hybrid, Boston)

Brightwell runs 40 primary care clinics across New England. We are hiring a senior designer to
own the user experience of our patient app, from booking a visit to reading lab results. You
will spend your days designing flows with nurses and physicians, running usability sessions with
patients, and turning what you learn into clear, accessible interfaces.

What you bring: six or more years of product design, a portfolio showing end-to-end work on
complex services, comfort with Figma and prototyping, and a habit of testing with real users.
Experience in healthcare or another regulated industry is a strong plus.

We offer a salary range of $145,000-$170,000, full benefits, four weeks of paid leave and a
learning budget. Brightwell is an equal opportunity employer.""",
        frozenset({1}),
    ),
    Case(
        "fintech engineering manager posting",
        """Engineering Manager, Payments Platform — Ledgerly

Ledgerly is a financial technology startup helping small businesses get paid faster. Our
payments team of eight engineers builds the ledger, the card processing integration and the
payout scheduler. We are looking for an engineering manager to lead the team through its next
stage of growth.

You will hire and coach engineers, run planning with product and compliance, keep the on-call
rotation humane and make sure we ship reliable software every week. You have managed a team of
five or more, you still enjoy reading code, and you have shipped payment or banking systems.

Our stack is Kotlin, Kafka and PostgreSQL on AWS. The role is based in our Austin office three
days a week. Compensation includes equity and a generous parental leave policy.""",
        frozenset({2}),
    ),
    Case(
        "note about a data scientist met at a meetup",
        """Met Alicia Gómez at the analytics meetup last night. She spent five years as a data
scientist on the logistics and routing team at a large retailer and left in March. She is
looking for a smaller company where she can build forecasting models from scratch, and she
mentioned she also mentors people moving into analytics. Send her a note this week.""",
        frozenset({3, 43}),
    ),
    Case(
        "article on teachers becoming instructional designers",
        """From classroom to course design: how teachers become instructional designers

Every summer, thousands of teachers ask whether their skills transfer outside the classroom.
For many, the answer is instructional design: planning learning experiences for companies,
universities and online course platforms. Former teachers already know how to write learning
objectives, assess understanding and adapt material to different learners. What they usually
lack is a portfolio and familiarity with authoring tools such as Articulate Storyline. We spoke
to five former teachers who made the move about how they built a portfolio in three months,
how they explained their teaching experience in interviews, and what surprised them in the
first year.""",
        frozenset({4}),
    ),
    Case(
        "climate tech product manager posting",
        """Product Manager, Carbon Accounting — Verdant (remote, US time zones)

Verdant helps mid-size manufacturers measure and reduce their emissions. Our climate tech
platform turns utility bills, supplier data and shipping records into a carbon footprint that
auditors trust. We are hiring our second product manager to own the supplier data experience.

You will talk to customers every week, write clear problem statements, prioritise with
engineering and design, and measure whether what we ship actually reduces the work of
sustainability teams. You have three or more years of product management in B2B software and a
genuine interest in climate. Experience with data pipelines or ESG reporting is a plus.

Salary $140k-$165k plus equity. We work remotely and meet in person twice a year.""",
        frozenset({5}),
    ),
    Case(
        "article about free machine learning courses",
        """Seven free courses to learn machine learning in 2026

If you are retraining for a career in data, you do not need an expensive bootcamp to start.
This list collects the best free ML courses we found, from a gentle introduction to statistics
and Python to full university lectures on deep learning. For each course we give the time it
takes, the maths you need first and whether you get a certificate. We also asked three people
who changed careers which course helped them most and how they practised on real projects.""",
        frozenset({6}),
    ),
    Case(
        "non-profit program director posting",
        """Program Director — Northside Youth Alliance (non-profit, Minneapolis)

Northside Youth Alliance runs after-school and summer programs for 1,200 young people each
year. We are seeking a Program Director to lead our program staff of fourteen, design the
curriculum with schools and families, and report outcomes to funders and our board.

The ideal candidate has seven years of experience in youth development or education, at least
three of them managing people, and a track record of growing programs in a community-based
organisation. Grant reporting and budget management experience required. Spanish or Somali is
a plus. Salary range $82,000-$92,000 with health insurance and a retirement match.

To apply, send a resume and a cover letter describing a program you built.""",
        frozenset({7}),
    ),
    Case(
        "remote backend python posting",
        """Backend Engineer (Python, fully remote) — Harbor Freight Data

We build the data platform that freight brokers use to price loads. Our backend is Python and
Django on PostgreSQL, with Celery for background work and a handful of services in Go. We are
hiring a backend engineer to work on our pricing API and the pipelines that feed it.

You have three or more years of experience writing Python in production, you are comfortable
designing database schemas and tuning slow queries in Postgres, and you write tests as a habit.
The team is fully remote across North America, with overlap from 11am to 3pm Eastern. We offer
a salary of $130k-$155k, a home office stipend, and four weeks of vacation.""",
        frozenset({8}),
    ),
    Case(
        "edtech investor night event",
        """EdTech Investor Night — Thursday, April 9, 6 pm, Civic Hall

Join founders, teachers and investors for an evening on the future of education technology.
Partners from three venture capital funds that invest in early-stage learning startups will
share what they look for in a pitch, followed by an open Q&A and drinks. Whether you are
building a product for classrooms or simply curious about how education companies are funded,
come meet the people who write the first cheques. Free, registration required.""",
        frozenset({9, 24}),
    ),
    Case(
        "article on negotiating a job offer",
        """How to negotiate a job offer without risking it

Most employers expect candidates to negotiate, yet fewer than half do. Recruiters we spoke to
say a polite counter-offer backed by market data almost never leads to a withdrawn offer. Start
by thanking them, ask for the full package in writing, and compare the base salary, bonus and
equity with published salary surveys. Then name a specific number and explain why. If the
salary cannot move, negotiating a signing bonus, extra leave or an earlier review often can.""",
        frozenset({10}),
    ),
    Case(
        "sre meetup event",
        """Site Reliability Meetup: Kubernetes in production, lessons learned — 6:30 pm, Tuesday

Our monthly SRE meetup is back. Two talks this month: how a small team runs 300 services on
k8s without a dedicated platform team, and what a year of error budgets taught an e-commerce
company about on-call. Pizza from 6 pm, talks from 6:30. Beginners are welcome; if you are
learning the ropes, the second talk is a gentle introduction to reliability practices.""",
        frozenset({11}),
    ),
    Case(
        "frontend react posting",
        """Frontend Developer (React, TypeScript) — Lumen Studio, Lisbon or remote in Europe

Lumen builds booking software for independent hotels. We are looking for a front end developer
to join a team of four and own the guest-facing booking flow. You will write React components
in TypeScript, care about performance on slow phones, and work closely with our designer to make
accessible interfaces. You have two or more years of professional experience with React, you
write tests with Testing Library, and you like explaining your work. Salary €55k-€70k.

We work
four days a week, meet in Lisbon once a quarter and pay for a good chair and laptop. Our hiring
process is one call with the team lead, a short paid take-home task and a conversation with the
founders. We reply to every application within ten days.""",
        frozenset({12}),
    ),
    Case(
        "note about a freelance bookkeeper",
        """Ran into Jamal Wright at the farmers market. He left his accounting firm and now keeps
the books part-time for a few small businesses, mostly cafés and a bakery on Elm Street. He
has room for one or two more clients and prefers food businesses. He gave me his card.""",
        frozenset({13}),
    ),
    Case(
        "public speaking club open house",
        """Riverside Speakers Club — open house for new members, Wednesday at 7 pm

Afraid of presenting at work? Our public speaking club meets every week at the library to
practise short talks in a friendly room. Each meeting has prepared speeches, improvised
one-minute talks and kind, specific feedback. Guests are welcome at no cost; come watch or try
a short talk yourself.""",
        frozenset({14}),
    ),
    Case(
        "note about hospital human resources director",
        """Coffee with Helen Osei today. She is now director of human resources at St. Luke's
Hospital and is hiring across the pharmacy, nursing and admin teams this spring. She said she is
always happy to have a short call with people I recommend, especially for clinical roles.""",
        frozenset({15, 41, 20}),
    ),
    Case(
        "cybersecurity analyst posting at a bank",
        """Cybersecurity Analyst II — First Prairie Bank (Des Moines, on site)

First Prairie Bank is growing its security operations centre. As a cybersecurity analyst you
will monitor alerts, investigate suspicious activity, run phishing simulations and help the
bank meet its regulatory requirements. You have two or more years in a security operations role,
familiarity with SIEM tools such as Splunk, and ideally a Security+ or CySA+ certification. We
offer a pension, tuition reimbursement and a clear path to senior analyst. Internal referrals
are reviewed first.

First Prairie has served farmers and families in Iowa for ninety years. The security team
works a rotating schedule with one weekend on call a month, paid at time and a half. Relocation
help is available for candidates moving from outside the state.""",
        frozenset({18}),
    ),
    Case(
        "night shift nurse posting in chicago",
        """Registered Nurse, Night Shift — Lakeshore Medical Center, Chicago

Lakeshore Medical Center is hiring registered nurses for night shifts on our medical-surgical
floor. Three 12-hour shifts a week, 7 pm to 7 am, with a night differential of $6 an hour. New
graduates are welcome: our nurse residency program pairs you with a preceptor for your first
twelve weeks. Requirements: an active Illinois RN license, BLS certification and a commitment to
patient-centred nursing care. Sign-on bonus of $10,000 for full-time nurses.

Lakeshore is a
420-bed teaching hospital on the north side, recognised for its stroke and cardiac care. Benefits
start on day one and include tuition support for a BSN or MSN, free parking and a fitness centre.
Interviews are held every Wednesday; apply online and a recruiter will call you within a week.""",
        frozenset({20}),
    ),
    Case(
        "note about a digital health cto",
        """Sat next to Dr. Ana Souza at the alumni dinner. She is the chief technology officer of
Pulsewise, a digital health company building remote monitoring for heart patients. She mentors
two engineers a year and likes meeting people early in their careers. Follow up by email.""",
        frozenset({22}),
    ),
    Case(
        "marketing internship posting with seo",
        """Marketing Intern (paid, summer) — Fernhill Outdoor

Fernhill makes camping gear sold online. Our summer marketing intern will write product
descriptions, help plan our newsletter, and learn SEO from our content lead: keyword research,
on-page optimisation and measuring search traffic. You are studying marketing, communications
or a related field, you write clearly, and you are curious about how people find products
online. $20 an hour, 12 weeks, hybrid in Portland.

Interns join our weekly team lunch, get
a mentor from another department and present a project to the whole company at the end of the
summer. Last year two of our three interns received return offers. To apply, send a short note
about a brand whose website you admire and why, plus a writing sample.""",
        frozenset({21}),
    ),
    Case(
        "quality assurance automation posting",
        """Quality Assurance Automation Engineer — Tidewater Software

Tidewater makes scheduling software for clinics. Our quality assurance team is hiring an
automation engineer to grow our end-to-end test suite. You will write automated tests with
Playwright, run them in CI, and work with developers to reproduce and fix flaky failures. You
have two years of experience in test automation or manual testing with some scripting, and you
enjoy finding the bug nobody else noticed. Remote within Canada. Referrals welcome.

Tidewater
has 60 employees and is profitable. We release twice a week, keep meetings to the mornings, and
offer a $1,500 yearly learning budget, extended health and dental coverage and a four-week
winter break. The interview is a pairing session on a real failing test, not a quiz.""",
        frozenset({28}),
    ),
    Case(
        "open source event for first contributors",
        """First Contributions Day — Saturday, 10 am, Makerspace downtown

Never opened a pull request? Maintainers from six open-source projects will be on hand to pair
with first-time contributors. Each project has prepared beginner-friendly issues, from fixing
documentation to small bug fixes. Bring a laptop with Git installed; we provide coffee and
mentors.""",
        frozenset({29}),
    ),
    Case(
        "machine learning engineer posting on language models",
        """Machine Learning Engineer, Language Models — Parlance AI (San Francisco or remote)

Parlance builds assistants for customer support teams. We are hiring a machine learning
engineer to fine-tune and evaluate language models on support conversations. You will build
training and evaluation pipelines, run experiments, and work with product to ship model
improvements safely. You have three or more years training models in PyTorch, experience with
transformer models, and care about careful evaluation. Salary $180k-$220k plus equity.

We are
a team of 35, funded through Series B, with customers in retail, travel and banking. We publish
our evaluation methods and contribute fixes upstream. Expect a technical conversation about a
past project, a paper discussion and a chat with the founders.""",
        frozenset({40}),
    ),
    Case(
        "article on the european ai act",
        """What the EU's AI Act means for start-ups, one year in

Europe's artificial intelligence regulation now applies to general-purpose models, and the
first fines are expected next year. We explain which systems count as high risk, what
documentation providers must keep, and how national regulators are coordinating. Lawyers we
interviewed expect the most change in hiring tools and credit scoring, where regulation now
requires human oversight.""",
        frozenset({44}),
    ),
)
