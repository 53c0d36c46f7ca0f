"""The outreach evaluation set: invented draft messages, each with what mutuals knows about the
recipient, and whether a career adviser would call it a "taker" message.

Taker messages are the patterns advisers warn about (a job request up front, "please forward my
resume", years of silence broken only to ask, a message all about the sender, pressure, a
broadcast, a big favour asked of a stranger, asking again when you have only received). Genuine
messages acknowledge the silence, show interest, give something and ask small — and include a
few that ask for a referral or an introduction the right way. Lengths and tones vary: texts,
formal letters, cold messages, reconnections after years, follow-ups, thank-yous. Everyone here
is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from mutuals.core.outreach import OutreachContext


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    text: str
    context: OutreachContext
    taker: bool


def _ctx(**fields: object) -> OutreachContext:
    return OutreachContext(**fields)  # type: ignore[arg-type]


TAKER: tuple[Case, ...] = (
    Case(
        "reconnect after years only to ask for a referral",
        """Hi Marcus,

I hope this finds you well. I was laid off from Brightline last month and I'm looking for
my next role. I noticed your company has a senior analyst opening. Could you refer me for it?

Thanks,
Dana""",
        _ctx(recipient_name="Marcus", days_since_last_contact=4 * 365),
        True,
    ),
    Case(
        "forward my resume to your hiring manager",
        """Hey Priya, hope all is well! I'm job hunting again. Would you mind forwarding my resume
to the hiring manager on your team? It's attached. Thanks!""",
        _ctx(recipient_name="Priya", days_since_last_contact=200),
        True,
    ),
    Case(
        "let me know of any openings",
        """Hi Tom,

I'm currently exploring new opportunities in marketing. Please let me know of any openings
you come across at your company or elsewhere.

Best regards,
Alex""",
        _ctx(recipient_name="Tom", days_since_last_contact=90),
        True,
    ),
    Case(
        "short text asking if they're hiring",
        "hey, are you guys hiring? need a job lol",
        _ctx(recipient_name="Jess", days_since_last_contact=500),
        True,
    ),
    Case(
        "mass message to all connections",
        """Dear all,

As many of you know, my contract ended in March and I am now looking for a position in
supply chain management. If any of you know of an opening, I would be grateful if you could
pass my CV along to the right person.

Kind regards,
Sam Obi""",
        _ctx(recipients=40),
        True,
    ),
    Case(
        "template placeholder left in",
        """Hi [First Name],

I'm reaching out to people in my network because I'm looking for a new role in data
engineering. I'd appreciate it if you could keep me in mind for anything at [Company].

Thanks,
Lee""",
        _ctx(recipient_name="Ana"),
        True,
    ),
    Case(
        "cold message to a stranger asking for a referral",
        """Hello Ms. Varga,

My name is Jordan Reyes and I'm a recent graduate in computer science. I saw on LinkedIn
that you work at Northwind. I'm applying for the junior developer role there and would
really appreciate a referral from you, since referrals get noticed first.

Sincerely,
Jordan Reyes""",
        _ctx(recipient_name="Eva", known=False),
        True,
    ),
    Case(
        "stranger asked for an introduction to their CEO",
        """Hi Kofi,

We haven't met, but I'm a product designer and I'd love to work at Lumen. Could you
introduce me to your CEO so I can pitch myself?

Jordan""",
        _ctx(recipient_name="Kofi", known=False),
        True,
    ),
    Case(
        "demands and a deadline",
        """Hi Rachel,

I need you to send my portfolio to your design director by Friday. The application closes
next week so please do this ASAP.

Thanks,
Mo""",
        _ctx(recipient_name="Rachel", days_since_last_contact=60),
        True,
    ),
    Case(
        "all about me then a small ask",
        """Hi Daniel,

I've spent the last eight years in logistics and I've led teams of up to twenty people. I
recently finished a certificate in data analytics and I'm now trying to move into an
analyst role. I've built three dashboards in Tableau and I'm learning Python on the side.
I think my background makes me a strong fit for analytics work. I'd love to pick your
brain for 30 minutes about my plan.

Best,
Carla""",
        _ctx(recipient_name="Daniel", days_since_last_contact=30),
        True,
    ),
    Case(
        "thirteen years of silence and straight to the point",
        """Hi Greg,

It's Nadia from the Bristol office. I'm looking for work in procurement and wondered if
your firm has any roles. Can you put in a good word for me with HR?

Nadia""",
        _ctx(recipient_name="Greg", days_since_last_contact=13 * 365),
        True,
    ),
    Case(
        "formal letter to a former colleague asking to circulate a CV",
        """Dear Mr. Albrecht,

I am writing to inform you that I am seeking a new position as a financial controller. I
have attached my CV for your reference. I would be most grateful if you could circulate it
among your contacts in the industry.

Yours sincerely,
Ingrid Holm""",
        _ctx(recipient_name="Stefan", days_since_last_contact=3 * 365),
        True,
    ),
    Case(
        "asking again while they have already given a lot",
        """Hi Ruth,

Thanks for the intro to Paolo last month. Could you also introduce me to someone at
Fernway? And would you be able to review my cover letter for them this week?

Jordan""",
        _ctx(recipient_name="Ruth", days_since_last_contact=20, balance=-0.6),
        True,
    ),
    Case(
        "follow-up that pushes",
        """Hi Chen, following up on my email from Monday about the product role. I need an
answer by tomorrow, so please get back to me as soon as possible.""",
        _ctx(recipient_name="Chen", days_since_last_contact=4),
        True,
    ),
    Case(
        "hi everyone group message asking for leads",
        """Hi everyone! I'm back on the job market after my startup folded. If anyone hears of
anything in fintech please let me know, and feel free to pass along my resume!""",
        _ctx(recipients=12),
        True,
    ),
    Case(
        "LinkedIn note to a stranger asking to be referred",
        "Hi Amir, I see you work at Kestrel. Would you be willing to refer me for the backend "
        "engineer position? I've attached my resume.",
        _ctx(recipient_name="Amir", known=False),
        True,
    ),
    Case(
        "long me-centred reconnection that ends with a job ask",
        """Hi Hannah,

Long time no see! I've had quite a journey since school. I moved to Leeds and I worked at a
bank for five years. Then I decided I wanted to change careers, so I did a bootcamp. I'm now
a junior developer and I'm ready for my next step. I'm especially interested in companies
like yours. My skills are in React and Node. Can you let me know if your team has any
openings for someone like me?

Cheers,
Ollie""",
        _ctx(recipient_name="Hannah", days_since_last_contact=6 * 365),
        True,
    ),
    Case(
        "text to an old friend asking to get them hired",
        "Yo Dev!! Been forever. Any chance you can get me an interview at your place? Desperate "
        "here",
        _ctx(recipient_name="Dev", days_since_last_contact=3 * 365),
        True,
    ),
    Case(
        "cold email to a hiring manager at a target company",
        """Dear Hiring Manager,

I am very interested in joining your team. I have five years of experience in customer
success and I am confident I would be an asset. Please consider me for any positions you
have available and let me know at your earliest convenience.

Regards,
Pat Lin""",
        _ctx(known=False),
        True,
    ),
    Case(
        "pleasantry then the favour, with a template variable",
        """Hi {first_name},

Hope you're doing great! I'm currently looking for roles in UX research. Would you be able
to share my resume with your recruiting team?

Thanks so much,
Mia""",
        _ctx(recipient_name="Grace", days_since_last_contact=400),
        True,
    ),
    Case(
        "asking a recommendation from someone you owe",
        """Hi Omar, could you write me a recommendation on LinkedIn? I'm applying to a few places
and it would really help. Thanks!""",
        _ctx(recipient_name="Omar", days_since_last_contact=45, balance=-0.45),
        True,
    ),
    Case(
        "ex-manager asked to find a job after years",
        """Hello Linda,

I hope you are well. I'm reaching out because I'm looking for a job as an office manager. Do
you know of any openings? I would really appreciate your help.

Kind regards,
Beth""",
        _ctx(recipient_name="Linda", days_since_last_contact=5 * 365),
        True,
    ),
)

GENUINE: tuple[Case, ...] = (
    Case(
        "reconnect after years with an apology and questions",
        """Hi Marcus,

It's been far too long — I'm sorry I let us drift out of touch after Brightline. I saw you
moved to Halden last year; congratulations! How are you finding the new team?

I've had a change of my own: I'm looking at analyst roles now, and I'd love to hear how you
made the jump to Halden when you have a moment.

Warmly,
Dana""",
        _ctx(recipient_name="Marcus", days_since_last_contact=4 * 365),
        False,
    ),
    Case(
        "short text to a friend",
        "Hey Jess! Saw your marathon photos — you did it!! How are your legs doing? 😄",
        _ctx(recipient_name="Jess", days_since_last_contact=20),
        False,
    ),
    Case(
        "thank-you after an introduction",
        """Hi Ruth,

Thank you so much for introducing me to Paolo. We talked for an hour last Thursday and he
gave me a completely new way to think about logistics pricing. I owe you one — is there
anything I can do for you? I remember you were looking for a speaker for the women in ops
meetup; I'd be glad to help find one.

Jordan""",
        _ctx(recipient_name="Ruth", days_since_last_contact=5, balance=-0.4),
        False,
    ),
    Case(
        "sharing an article that serves their need",
        """Hi Tom, I came across this piece on pricing experiments in B2B marketing and thought of
you and the launch you mentioned. Here's the link: https://example.com/pricing. No need to
reply — I hope the launch goes well!""",
        _ctx(recipient_name="Tom", days_since_last_contact=40),
        False,
    ),
    Case(
        "cold message to a stranger asking for advice",
        """Hi Ms. Varga,

I heard your talk on accessible design at the Lisbon meetup and have been thinking about
your point on color contrast since. I'm early in my career as a developer and would love to
learn how you built accessibility into your team's habits. Would you have 20 minutes in the
next few weeks for a short call? I completely understand if not.

Best,
Jordan Reyes""",
        _ctx(recipient_name="Eva", known=False),
        False,
    ),
    Case(
        "follow-up after a meeting",
        """Hi Chen,

Thanks again for meeting me on Tuesday. Your advice about framing my projects around
outcomes was exactly what I needed, and I've already rewritten two of them. As promised,
here's the article on hiring rubrics we talked about: https://example.com/rubrics.

How did the offsite go?

Best,
Mo""",
        _ctx(recipient_name="Chen", days_since_last_contact=3),
        False,
    ),
    Case(
        "formal letter of thanks to a former manager",
        """Dear Mr. Albrecht,

I hope you are keeping well. I read about the acquisition of Hansen & Co. in the Financial
Times and wanted to congratulate you; it must have been a demanding year for your team.

I often think of the advice you gave me in my first audit. I am now a financial controller
myself, and I still use your checklist. Thank you for teaching me to ask the second question.

With warm regards,
Ingrid Holm""",
        _ctx(recipient_name="Stefan", days_since_last_contact=2 * 365 + 100),
        False,
    ),
    Case(
        "asking for a referral the right way after catching up",
        """Hi Priya,

Great to catch up last week — I'm still laughing about the conference karaoke. How did
Aarav's first day of school go?

You mentioned your team might open a research role. I've been reading about how you run
usability studies and it's exactly the work I want to do. If, after a chat with me about
it, you felt comfortable referring me, I'd be grateful — and no pressure at all.

Mia""",
        _ctx(recipient_name="Priya", days_since_last_contact=7),
        False,
    ),
    Case(
        "forwardable introduction request to a close friend",
        """Hi Hannah,

How are you and Ben settling into the new flat? I loved the photos of the balcony garden.

I have a small favour to ask. I noticed you're connected to Rosa Núñez at Fernway, and I'd
love to learn how her team moved into healthcare. Below is a short note you could forward
if you're comfortable — and if not, no worries at all.

Ollie""",
        _ctx(recipient_name="Hannah", days_since_last_contact=25, balance=0.3),
        False,
    ),
    Case(
        "congratulations on a new job",
        "Congratulations on the new role at Kestrel, Amir! Well deserved. What are you most "
        "excited to work on?",
        _ctx(recipient_name="Amir", days_since_last_contact=300),
        False,
    ),
    Case(
        "reconnect after silence with no ask",
        """Dear Linda,

It's been years since we last spoke, and I'm sorry I've been so quiet. I was thinking of
you this week when I walked past the old office on King Street. How is the garden? Are you
still volunteering at the library?

I'd love to hear your news.

Beth""",
        _ctx(recipient_name="Linda", days_since_last_contact=5 * 365),
        False,
    ),
    Case(
        "offering help to someone with an open need",
        """Hi Gareth,

You mentioned at the dinner that you're hiring a data scientist for your logistics team. My
former colleague Mei Lin is brilliant at demand forecasting and is open to new roles. Would
you like an introduction? Happy to connect you both.

Dana""",
        _ctx(
            recipient_name="Gareth",
            days_since_last_contact=10,
            recipient_needs=("Hiring a data scientist for his logistics analytics",),
        ),
        False,
    ),
    Case(
        "short check-in text",
        "Thinking of you today, Greg — hope the move went smoothly. Coffee when you're settled?",
        _ctx(recipient_name="Greg", days_since_last_contact=120),
        False,
    ),
    Case(
        "cold message to a fellow alum through a shared connection",
        """Hi Kofi,

Ama Mensah suggested I reach out — she said you'd be the best person to ask about design
systems at Lumen. I loved your write-up on token naming. Would you be open to a 20-minute
chat sometime this month? I'd be glad to share what we learned migrating our components
too.

Jordan""",
        _ctx(recipient_name="Kofi", known=False, shared_connections=1),
        False,
    ),
    Case(
        "follow-up thanking for a referral",
        """Hi Omar,

I wanted to let you know that I got the offer from Sable! Thank you for the referral and for
the prep call — your tip about the case study made all the difference. Can I take you to
lunch next week to celebrate? How's the new puppy?

Carla""",
        _ctx(recipient_name="Omar", days_since_last_contact=14, balance=-0.5),
        False,
    ),
    Case(
        "reconnection after a decade with a small ask",
        """Hi Nadia,

Blast from the past — it's Greg from the Bristol office! I know it's been more than ten years.
I saw your post about the procurement award and had to say congratulations. How have you
been? Are you still running?

I've recently moved into procurement myself, and if you ever had half an hour, I'd love
your advice on the certifications worth doing.

Greg""",
        _ctx(recipient_name="Nadia", days_since_last_contact=11 * 365),
        False,
    ),
    Case(
        "formal note to a professor",
        """Dear Professor Okafor,

I hope this term is going well. I read your recent paper on urban heat islands and found the
section on tree canopy especially striking. Your seminar is the reason I went into climate
policy.

I am now working at the city planning office, and I would be glad to share our canopy data
with your students if it would be useful for their projects.

Respectfully,
Amara Diallo""",
        _ctx(recipient_name="Samuel", days_since_last_contact=2 * 365 + 30),
        False,
    ),
    Case(
        "quick birthday text",
        "Happy birthday Lee!! Hope you get a proper day off. Drinks on me next time",
        _ctx(recipient_name="Lee", days_since_last_contact=60),
        False,
    ),
    Case(
        "follow-up after an informational interview",
        """Hi Rachel,

Thank you for the time on Friday. I took your advice and reached out to the design
community at Figma's local chapter, and I'm going to their meetup next week. You mentioned
you were looking for a freelance illustrator for the spring campaign — I'm sharing the
portfolio of a friend, Lucía, in case it's useful.

How did the campaign pitch go?

Mo""",
        _ctx(recipient_name="Rachel", days_since_last_contact=4),
        False,
    ),
    Case(
        "asking a close colleague for a reference with context",
        """Hi Daniel,

How was the trip to Kyoto? I'd love to see the photos.

I'm in the final round for an analyst role at Pell & Co, and they've asked for two
references. Would you be willing to be one of them? I've jotted down the projects we did
together so it takes you no time — and if now is a bad moment, just say so.

Carla""",
        _ctx(recipient_name="Daniel", days_since_last_contact=30, balance=0.1),
        False,
    ),
    Case(
        "reply to a stranger who wrote first",
        """Hi Amir,

Thanks for your note and for the kind words about my talk! I'd be happy to tell you more about
how we run incident reviews. Does Thursday at 4 work for a call?

Best,
Jordan""",
        _ctx(recipient_name="Amir", known=False),
        False,
    ),
    Case(
        "sending the resume they asked for",
        """Hi Greg,

As you suggested on our call, here's my resume for Teresa. Thank you for offering to pass it
on, and for the tips on the procurement team. How did your daughter's recital go?

Nadia""",
        _ctx(recipient_name="Greg", days_since_last_contact=2),
        False,
    ),
)

CASES: tuple[Case, ...] = TAKER + GENUINE
