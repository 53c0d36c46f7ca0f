"""Whether two names can belong to one person: `names_agree`.

Record linkage compares names field by field (Fellegi & Sunter 1969; Christen, *Data
Matching*, 2012, ch. 5 on name variations). Here a name is read into *words* (folded: no
accents, no case; apostrophes dropped, so O'Neill is oneill; a hyphenated word also stands for
each of its parts; German ä/ö/ü may be written ae/oe/ue), after taking off leading titles (Dr.,
Mrs, Prof.), trailing suffixes (Jr., PhD, MBA), bracketed remarks, and particles inside the name
(de, van, bin). "Family, Given" is read as "Given Family".

Rule in words, first that applies:
0. the same words in any order agree (Núñez, Rosa and ROSA NUNEZ);
1. an empty name agrees with any name (no evidence against);
2. a name written in Chinese, Japanese or Korean characters agrees only with another such
   name: the same characters with or without spaces, in either order of its parts, or one
   being the start or the end of the other (the family or the given name alone);
3. generational suffixes that differ (Jr. and Sr.) disagree;
4. a one-word name agrees when that word matches any word of the other;
5. otherwise some reading of each name must give the same given name and the same family
   name. A reading takes the given name first (and may skip a leading initial: J. Edgar
   Hoover) or the family name first, in one or more words (Wang Xiaoming, Nagy Anna Mária,
   García López Ana María); the two names are never both read family-first. Given names
   match when equal, when one is a nickname or spelling of the other (`nicknames.py`), or
   when one is the other's initial; family names match the same way, or when one side's
   family name is another of the other side's words (compound family names: García López
   and García).

This is lenient by design: it decides only whether two records that already share an email,
phone or profile may be merged without asking. What it rejects (Alice and Bob, John and
Jane, Smith and Jones) goes to the user for review.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from typing import NamedTuple

from mutuals.core.formats.nicknames import given_name_groups
from mutuals.core.names import fold

_TITLE_WORDS = """
mr mrs ms miss mx dr prof professor sir dame rev revd fr hon lord lady herr frau sr sra srta dra
mme mlle mgr
"""
_DEGREE_WORDS = """
phd md mba esq cpa dds dmd dvm jd llb llm msc bsc meng beng mphil dphil obe mbe cbe kbe frs cfa
pmp rn mph mfa edd psyd facs frcs mrcp qc kc cissp
"""
_PARTICLE_WORDS = """
de del della der den di da das do dos du la le van von zu ten ter y e bin binti bint ibn al el
"""
_TITLES = frozenset(_TITLE_WORDS.split())
_GENERATIONS = {"jr": "jr", "jnr": "jr", "sr": "sr", "snr": "sr", "ii": "ii", "iii": "iii",
                "iv": "iv"}  # fmt: skip
_DEGREES = frozenset(_DEGREE_WORDS.split())
# "MA" and "BA" are also family names (Ma Yun, Amadou Ba): only their dotted forms are degrees.
_DOTTED_DEGREES = frozenset(["m.a.", "m.a", "b.a.", "b.a", "m.s.", "m.s", "b.s.", "b.s"])
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_CJK_HONORIFICS = ("先生", "女士", "小姐", "博士", "教授", "老师", "さん", "様", "님")
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u318f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f]"
)
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|\"([^\"]*)\"|“([^”]*)”")
_BRACKET = re.compile('[\\(\\["\u201c]')
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+")
_APOSTROPHES = re.compile("['`\u00b4\u2018\u2019\u02bc]")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


class _Word(NamedTuple):
    text: str  # folded letters, parts joined: "garcialopez"
    forms: frozenset[str]  # text, its parts, the ae/oe/ue spelling, nickname groups
    firsts: frozenset[str]  # first letters of the forms, for initials
    initial: bool


class _Form(NamedTuple):
    words: tuple[_Word, ...]
    generation: str
    cjk: frozenset[str]  # for names in CJK characters: the characters, parts in either order


def names_agree(a: str, b: str) -> bool:
    """True when the two names can be one person's (see the module's rules)."""
    if a == b or _words_in_any_order(a) == _words_in_any_order(b):
        return True
    return _agree(a, b) if a < b else _agree(b, a)


@functools.lru_cache(maxsize=1 << 15)  # an import compares a pair when noting and looking up
def _agree(a: str, b: str) -> bool:
    x, y = _name(a), _name(b)
    if not x or not y:
        return True
    return any(_forms_agree(p, q) for p in x for q in y)


def _words_in_any_order(text: str) -> list[str]:
    """The name's words, folded and sorted: "Núñez, Rosa" and "ROSA NUNEZ" need no parsing."""
    # Most names are ASCII; folding them needs no Unicode decomposition.
    folded = text.lower() if text.isascii() else fold(text)
    return sorted(_LETTERS.findall(_APOSTROPHES.sub("", folded)))


@functools.lru_cache(maxsize=1 << 13)  # bounded: a server keeps it; names are parsed in pairs
def _name(text: str) -> tuple[_Form, ...]:
    """The ways a name can be read: as written, and each bracketed remark of two words or
    more ("王小明 (Xiaoming Wang)"); one-word remarks are nicknames or maiden names."""
    if not _BRACKET.search(text):
        form = _form(text)
        return (form,) if form.words or form.cjk else ()
    remarks = [next(g for g in m.groups() if g is not None) for m in _BRACKETED.finditer(text)]
    forms = [_form(_BRACKETED.sub(" ", text))]
    forms += [_form(remark) for remark in remarks if len(remark.split()) > 1]
    return tuple(form for form in forms if form.words or form.cjk)


def _form(text: str) -> _Form:
    text = _APOSTROPHES.sub("", text.casefold())
    if not text.isascii() and _CJK.search(text):
        return _cjk_form(text)
    raw, generation = _strip_affixes(_reorder_comma(text))
    words = tuple(w for token in raw for w in _words(token))
    words = tuple(
        w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and w.text in _PARTICLES)
    )
    return _Form(words, generation, frozenset())


def _reorder_comma(text: str) -> list[str]:
    if "," not in text and "\uff0c" not in text:
        return _without_titles(text.split())
    parts = [_without_titles(p.split()) for p in re.split("[,\uff0c]", text)]
    parts = [p for p in parts if p and not all(_is_suffix(t) for t in p)]
    suffixes = [t for p in re.split("[,\uff0c]", text) for t in p.split() if _is_suffix(t)]
    if len(parts) == 2:  # "Núñez, Rosa" (a trailing ", Jr." or ", PhD" is not a given name)
        parts = [parts[1], parts[0]]
    tokens = [t for p in parts for t in p]
    return tokens + [s for s in suffixes if s not in tokens]


def _without_titles(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[0].replace(".", "") in _TITLES:
        tokens = tokens[1:]
    return tokens


def _is_suffix(token: str) -> bool:
    bare = token.replace(".", "")
    return bare in _GENERATIONS or bare in _DEGREES or token in _DOTTED_DEGREES


def _strip_affixes(tokens: list[str]) -> tuple[list[str], str]:
    generation = ""
    while len(tokens) > 1 and _is_suffix(tokens[-1]):
        generation = generation or _GENERATIONS.get(tokens[-1].replace(".", ""), "")
        tokens = tokens[:-1]
    return _without_titles(tokens), generation


def _words(token: str) -> list[_Word]:
    """A token's words: dots separate initials ("j.r." is j and r), hyphens join parts."""
    if token.isalpha():
        return [_word((token,))]
    words = []
    for piece in token.split("."):
        parts = [p for p in (_NOT_LETTERS.sub("", part) for part in piece.split("-")) if p]
        if parts:
            words.append(_word(tuple(parts)))
    return words


@functools.lru_cache(maxsize=1 << 13)  # given and family names repeat across people
def _word(parts: tuple[str, ...]) -> _Word:
    if len(parts) == 1 and parts[0].isascii():  # most words: no parts, no accents
        text = parts[0]
        forms = frozenset((text, *given_name_groups(text)))
        return _Word(text, forms, frozenset(f[0] for f in forms), len(text) == 1)
    folded = tuple(p if p.isascii() else fold(p) for p in parts)
    text = "".join(folded)
    words = {text, *folded}
    if folded != parts:  # accented: Müller is also written Mueller
        words.add(fold(unicodedata.normalize("NFC", "".join(parts)).translate(_UMLAUTS)))
    words.discard("")
    forms = frozenset(itertools.chain(words, *(given_name_groups(w) for w in words)))
    return _Word(text, forms, frozenset(f[0] for f in forms), len(text) == 1)


@functools.cache
def _readings(count: int, initial_first: bool) -> tuple[tuple[int, int, int, int, bool], ...]:
    """How a name of `count` words can be read: (given, family, first and end of the words
    that may hold the family name, family first?). Given name first (Rosa García López;
    J. Edgar Hoover), or the family name first in one or more words (Wang Xiaoming; Nguyen
    Van An; García López Ana María)."""
    readings = [(0, count - 1, 1, count, False)]
    if initial_first and count > 2:
        readings.append((1, count - 1, 2, count, False))
    readings += [(split, 0, 0, split, True) for split in range(1, count)]
    return tuple(readings)


def _cjk_form(text: str) -> _Form:
    parts = ["".join(c for c in part if c.isalpha()) for part in text.split()]
    parts = [fold(p) for p in parts if p]
    if parts:
        for honorific in _CJK_HONORIFICS:
            if parts[-1].endswith(honorific) and len(parts[-1]) > len(honorific):
                parts[-1] = parts[-1].removesuffix(honorific)
    variants = frozenset(("".join(parts), "".join(reversed(parts)))) if parts else frozenset()
    return _Form((), "", variants)


def _forms_agree(x: _Form, y: _Form) -> bool:
    if x.cjk or y.cjk:
        return bool(x.cjk and y.cjk) and _cjk_agree(x.cjk, y.cjk)
    if x.generation and y.generation and x.generation != y.generation:
        return False
    if len(x.words) == 1 or len(y.words) == 1:
        one, other = (x, y) if len(x.words) == 1 else (y, x)
        return any(_matches(one.words[0], word) for word in other.words)
    # Both read family-first would let "John Paul Smith" (family John Paul) pass for
    # "Paul Smith" (family Paul); names both written family-first meet given-first anyway.
    xs, ys = x.words, y.words
    for given_x, family_x, start_x, end_x, first_x in _readings(len(xs), xs[0].initial):
        for given_y, family_y, start_y, end_y, first_y in _readings(len(ys), ys[0].initial):
            if (first_x and first_y) or not _matches(xs[given_x], ys[given_y]):
                continue
            if _same_family(xs[family_x], xs[start_x:end_x], ys[family_y], ys[start_y:end_y]):
                return True
    return False


def _matches(a: _Word, b: _Word) -> bool:
    """Same word, nickname or spelling, or one is the other's initial."""
    return (
        not a.forms.isdisjoint(b.forms)
        or (a.initial and a.text in b.firsts)
        or (b.initial and b.text in a.firsts)
    )


def _same_family(
    x: _Word, x_others: tuple[_Word, ...], y: _Word, y_others: tuple[_Word, ...]
) -> bool:
    """Family names match, or one is among the other's family words (García López and
    García), or the family words run together are the same (O Neill and ONeill)."""
    return (
        _matches(x, y)
        or any(not x.forms.isdisjoint(w.forms) for w in y_others)
        or any(not y.forms.isdisjoint(w.forms) for w in x_others)
        or "".join(w.text for w in x_others) == "".join(w.text for w in y_others)
    )


def _cjk_agree(x: frozenset[str], y: frozenset[str]) -> bool:
    if not x.isdisjoint(y):
        return True
    shorter, longer = (x, y) if min(map(len, x)) < min(map(len, y)) else (y, x)
    part = min(shorter, key=len)
    return len(part) < min(map(len, longer)) and any(
        v.startswith(part) or v.endswith(part) for v in longer
    )


def name_is_empty(text: str) -> bool:
    """True when the text holds no name to compare (blank, or only punctuation)."""
    if _LETTER.search(text) is None:
        return True
    return _BRACKETED.search(text) is not None and not _name(text)
