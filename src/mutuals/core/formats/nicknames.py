"""Given names that can stand for one another: nicknames and spellings of the same name.

Each line is one group, written folded (no accents, no capitals): the formal name first, then
the names people use for it. A name may belong to several groups ("sam" is Samuel or
Samantha); two names agree when they share a group, so "Sam" agrees with both, but Samuel and
Samantha stay different people. Only pet forms and spellings of the *same* name belong here:
a translation (Seán for John) or a related but distinct name (Paula for Paul) would let a
father and son, or a couple, sharing one family address pass for one person.

`NICKNAMES` reads the groups as a single answer per name (the first group listing it), which
is what name keys need for blocking; `given_name_groups` gives every group of a name.
"""

from __future__ import annotations

_GROUPS = """
abigail abby abbie gail
albert al bert bertie
alexander alex alec sasha sacha sandy aleksandr alexandr
alexandra alex sasha sacha sandy sandra lexi
alexis alex
andrew andy drew
anthony tony antony
barbara barb babs
benjamin ben benny benji
charles charlie chuck chas
christopher chris kit topher
christian chris
christina chris tina kristina
christine chris kristine
cynthia cindy
daniel dan danny
deborah debbie deb debra
donald don donnie
dorothy dot dottie
douglas doug
david dave davy
edward ed eddie ted teddy ned
elizabeth elisabeth liz lizzie lizzy beth betty bette betsy eliza libby lisa
frederick fred freddie freddy
friedrich fritz
francis frank fran
francisco paco pancho curro fran
gerald gerry jerry
gregory greg
harold harry hal
henry harry hank
james jim jimmy jamie
jeffrey jeff geoffrey geoff
jennifer jen jenny jenn
jesus chucho chuy
johannes hans hannes
john johnny jack
jonathan jon jonny
jose pepe pepito
joseph joe joey
joshua josh
judith judy
katherine kate katie katy kathy cathy kat catherine kathryn katharine catharine kathleen
ekaterina katya yekaterina katerina
kenneth ken kenny
kimberly kim
lawrence larry laurence
leonard len lenny
manuel manolo manu
margaret maggie meg peggy marge margie greta
maria masha mariya
matthew matt matty
melissa mel missy
michael mike mikey mick mickey
mikhail misha
nathaniel nate nat nathan
nicholas nick nicky nico
nikolai kolya
pamela pam
patricia pat patty trish tricia
patrick pat paddy
peter pete
philip phil phillip
raymond ray
rebecca becky becca
richard rich rick ricky dick richie
robert rob robbie bob bobby
ronald ron ronnie
samuel sam sammy
samantha sam sammy
sean shaun shawn
stephen steve steven stevie stephan stefan
susan sue susie suzy
theodore theo ted teddy
thomas tom tommy
timothy tim timmy
victoria vicky vicki tori
william will bill billy willy liam
zachary zach zack
dmitry dima dmitri dmitriy
ivan vanya
natalia natasha natalya
vladimir vova volodya
yevgeny zhenya evgeny evgeni
anastasia nastya
enrique quique
ignacio nacho
dolores lola
guadalupe lupe
rosario charo
concepcion concha conchita
chukwuemeka emeka
babatunde tunde
adebayo bayo
olusegun segun
oluwaseun seun
olufunmilayo funmi funmilayo
oluwafemi femi
chidiebere chidi
venkatesh venky venkat
srinivasan srini srinivas
rajesh raj
rajendra raj
muhammad mohammed mohammad mohamed mohamad muhammed md
wolfgang wolf
ulrich uli
"""


def _parse(text: str) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for line in text.split("\n"):
        names = line.split()
        for name in names:
            if names[0] not in groups.setdefault(name, []):
                groups[name].append(names[0])
    return {name: tuple(labels) for name, labels in groups.items()}


_GROUPS_OF = _parse(_GROUPS)

NICKNAMES: dict[str, str] = {
    name: labels[0] for name, labels in _GROUPS_OF.items() if labels[0] != name
}


def given_name_groups(name: str) -> tuple[str, ...]:
    """The groups a folded given name belongs to (their formal names); () when none."""
    return _GROUPS_OF.get(name, ())
