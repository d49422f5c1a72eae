"""Casualty and harm figures in a sentence: "killing at least three police".

A figure is a quantity (``numbers.find_quantities``) tied to a harm word:

* a harm verb or adjective right before it, in the active voice:
  "killing at least three police", "killed ten people", "the toll rose to 30",
  "put the number of dead at six";
* a harm word shortly after it, in the passive or as a predicate:
  "11 police were killed", "137 dead", "more than 300 wounded",
  "three children were among the dead";
* a lone victim noun with "a"/"an" governed by a harm verb: "killing a
  security guard" is one killed.

The victims' group comes from the noun the quantity counts ("police" →
security_forces). Words between the quantity and its harm word may not
contain another quantity or a clause break, so "killing three and injuring
nine" gives killed 3 and injured 9.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .numbers import Quantity, find_quantities
from .doccache import doc_text, sent_ents, span_text, span_tokens

# lemma-ish keys → figure. Covers the forms the small model lemmatises
# inconsistently ("dead" as noun or adjective, "wounded" as noun).
HARM_WORDS = {
    "kill": "killed", "killed": "killed", "killing": "killed", "die": "killed", "died": "killed",
    "dead": "killed", "death": "killed", "deaths": "killed", "toll": "killed", "fatalities": "killed",
    "slay": "killed", "slain": "killed", "murder": "killed", "murdered": "killed", "massacre": "killed",
    "massacred": "killed", "execute": "killed", "executed": "killed", "behead": "killed",
    "beheaded": "killed", "bodies": "killed", "lives": "killed", "martyr": "killed", "martyrs": "killed",
    "martyred": "killed", "perish": "killed", "perished": "killed", "neutralise": "killed",
    "neutralize": "killed", "neutralised": "killed", "neutralized": "killed", "liquidate": "killed",
    "liquidated": "killed", "eliminate": "killed", "eliminated": "killed", "felled": "killed",
    "wound": "injured", "wounded": "injured", "wounding": "injured", "injure": "injured",
    "injured": "injured", "injuring": "injured", "injuries": "injured", "hurt": "injured",
    "casualty": "injured", "hospitalised": "injured", "hospitalized": "injured",
    "abduct": "abducted", "abducted": "abducted", "abducting": "abducted", "kidnap": "abducted",
    "kidnapped": "abducted", "kidnapping": "abducted", "hostage": "abducted", "hostages": "abducted",
    "captive": "abducted", "captives": "abducted",
    "arrest": "arrested", "arrested": "arrested", "arresting": "arrested", "detain": "arrested",
    "detained": "arrested", "detaining": "arrested", "detainees": "arrested", "apprehend": "arrested",
    "apprehended": "arrested", "captured": "arrested",
    "displace": "displaced", "displaced": "displaced", "flee": "displaced", "fled": "displaced",
    "destroy": "destroyed", "destroyed": "destroyed", "destroying": "destroyed",
}
# "shot dead" and "died" are harm words; "shot" alone is not a death.
LEFT_VERB_FORMS = re.compile(
    r"^(kill(ed|ing|s)?|wound(ed|ing|s)?|injur(ed|ing|es)|abduct(ed|ing|s)?|kidnapp?(ed|ing)|"
    r"arrest(ed|ing|s)?|detain(ed|ing|s)?|destroy(ed|ing|s)?|displac(ed|ing)|slew|massacr(ed|ing)|"
    r"execut(ed|ing)|behead(ed|ing)|neutrali[sz](ed|ing)|liquidat(ed|ing)|eliminat(ed|ing)|"
    r"captur(ed|ing))$")
TOLL_WORDS = {"toll", "tally", "count", "number"}
TOLL_LINKS = {"to", "at", "reached", "reaches", "reach", "hit", "hits", "rose", "risen", "climbed", "is", "was",
              "stood", "stands", "stands at", "of", "now", "up"}

GROUP_WORDS = {
    "civilians": {"civilian", "civilians", "resident", "residents", "villager", "villagers", "family", "families",
                  "worshipper", "worshippers", "passenger", "passengers", "pedestrian", "pedestrians",
                  "shopper", "shoppers", "farmer", "farmers", "student", "students", "patient", "patients",
                  "journalist", "journalists", "worker", "workers", "staff", "protester", "protesters",
                  "demonstrator", "demonstrators", "refugee", "refugees", "pilgrim", "pilgrims",
                  "teacher", "teachers", "doctor", "doctors", "medic", "medics", "relief", "mourners",
                  "displaced", "herders", "fishermen", "traders", "miners", "hostages", "driver", "drivers",
                  "shepherd", "shepherds", "man", "vendor", "vendors", "nurse", "nurses", "imam", "priest"},
    "children": {"child", "children", "kid", "kids", "boy", "boys", "girl", "girls", "minor", "minors",
                 "infant", "infants", "baby", "babies", "toddler", "toddlers", "teenager", "teenagers",
                 "schoolchildren", "pupils"},
    "women": {"woman", "women", "mother", "mothers"},
    "security_forces": {"soldier", "soldiers", "troop", "troops", "police", "policeman", "policemen",
                        "policewoman", "officer", "officers", "guard", "guards", "guardsman", "guardsmen",
                        "marine", "marines", "personnel", "servicemen", "serviceman", "peacekeeper",
                        "peacekeepers", "gendarme", "gendarmes", "militiamen", "recruits", "commandos",
                        "sailors", "airmen", "cops", "paratroopers", "security", "army", "men"},
    "combatants": {"militant", "militants", "fighter", "fighters", "insurgent", "insurgents", "rebel", "rebels",
                   "terrorist", "terrorists", "jihadist", "jihadists", "gunman", "gunmen", "attacker",
                   "attackers", "assailant", "assailants", "extremist", "extremists", "separatist",
                   "separatists", "elements", "bomber", "bombers", "kidnapper", "kidnappers", "combatants",
                   "members", "mercenaries", "operatives", "commanders", "commander", "leader", "leaders"},
}
WORD_GROUP = {w: g for g, words in GROUP_WORDS.items() for w in words}
UNKNOWN_VICTIMS = {"people", "persons", "person", "others", "individuals", "lives", "bodies", "dead",
                   "casualties", "victims", "killed"}
ATTACKER_WORDS = {"bomber", "bombers", "attacker", "attackers", "assailant", "assailants", "gunman", "gunmen",
                  "perpetrator", "perpetrators"}
SUPERSEDED_CUES = re.compile(r"\b(initial(ly)?|earlier (count|toll|estimate|figure|report)s?|"
                             r"first (count|toll|estimate|figure|report)s?|up from|previous(ly)?|"
                             r"preliminary)\b", re.I)
SUBSET_CUES = re.compile(r"\b(including|among them|among the (dead|victims|killed|wounded|injured|casualties)|"
                         r"of them|of whom|were among|are among|was among|of the dead)\b", re.I)
CLAUSE_BREAK = {";", ":", "—", "–", "(", ")", "\"", "“", "”"}
MAX_RIGHT = 6
MAX_LEFT = 5


@dataclass(frozen=True, slots=True)
class Figure:
    """A harm figure found in a sentence, before attribution."""
    figure: str
    group: str
    quantity: Quantity
    victims_text: str
    start: int  # doc char offsets of the figure phrase
    end: int
    harm_word: str
    includes_attacker: bool = False
    superseded: bool = False
    subset: bool = False
    additional: bool = False  # "… along with a village guard": on top of the figure before it


# Every figure needs a harm word: a sentence without one is passed over at the cost of one search.
# A cheap first look (plain substring tests run in C, a long case-blind alternation does not).
MAY_HARM_STEMS = ("kill", "dead", "die", "death", "fatalit", "wound", "injur", "hurt", "casualt", "hospitali",
                  "abduct", "kidnap", "hostage", "captive", "arrest", "detain", "apprehend", "captur", "displac",
                  "destroy", "toll", "body", "bodies", "corpse", "lives", "martyr", "slain", "murder", "massacr",
                  "execut", "behead", "perish", "neutrali", "liquidat", "eliminat", "felled", "shot")
MAY_HARM_WORDS = re.compile(r"\bfle[de]|\bslay|\bslew")


def _may_harm(text: str) -> bool:
    lowered = text.lower()
    return any(stem in lowered for stem in MAY_HARM_STEMS) or MAY_HARM_WORDS.search(lowered) is not None


def find_figures(sent: Span) -> list[Figure]:
    """Every harm figure in one sentence, left to right."""
    if not _may_harm(span_text(sent)):
        return []
    figures = []
    unlinked = []
    for quantity in _quantities_in(sent):
        figure = _figure_for(sent, quantity)
        if figure is not None:
            figures.append(figure)
        else:
            unlinked.append(quantity)
    figures.extend(_lone_victims(sent, figures))
    figures.extend(_named_victims(sent, figures))
    figures.extend(_parts_of(sent, figures, unlinked))
    figures.sort(key=lambda f: f.start)
    return figures


INCLUDING = re.compile(r"\b(including|among them|among whom|of them|of whom|included)\s+(at least\s+)?$", re.I)
PART_ARTICLE = re.compile(r"\b(including|included)\s+(a|an|one)\s+(\d+-year-old\s+|[\w-]+\s+)?(?P<noun>\w+)", re.I)


LIST_GLUE = re.compile(r"\s*(,|,?\s*and)\s*$")


def _parts_of(sent: Span, figures: list[Figure], unlinked: list[Quantity]) -> list[Figure]:
    """'Nineteen civilians, including seven children, were killed'; 'the dead included a 16-year-old boy':
    a part of a figure told in the same sentence, counted as a subset of it."""
    whole = _whole_figure(sent, figures)
    if whole is None:
        return []
    text = doc_text(sent.doc)
    parts = []
    for quantity in unlinked:
        listed = parts and LIST_GLUE.match(text[parts[-1].end:quantity.start])  # "two women and three children"
        if not listed and not INCLUDING.search(text[max(sent.start_char, quantity.start - 30):quantity.start]):
            continue
        first, last = _tokens_of(sent, quantity.start, quantity.end)
        end = _victim_phrase_end(sent, last)
        group = _group_of(sent.doc[last + 1:end + 1], sent)
        if group == "unknown":
            continue
        stop = max(quantity.end, sent.doc[end].idx + len(sent.doc[end].text))
        parts.append(_part(whole, quantity, group, text[quantity.start:stop], quantity.start, stop))
    taken = {f.start for f in figures} | {p.start for p in parts}
    for match in PART_ARTICLE.finditer(span_text(sent)):
        noun = match.group("noun").lower()
        start = sent.start_char + match.start(2)
        if noun not in WORD_GROUP or start in taken:
            continue
        stop = sent.start_char + match.end("noun")
        one = Quantity(min=1, max=1, qualifier="exact", start=start, end=stop, text=text[start:stop])
        parts.append(_part(whole, one, WORD_GROUP[noun], text[start:stop], start, stop))
    return parts


def _whole_figure(sent: Span, figures: list[Figure]) -> Figure | None:
    if figures:
        return figures[0]
    lowered = span_text(sent).lower()
    if re.search(r"\b(the dead|those killed|the victims|the fatalities)\b", lowered):
        return Figure(figure="killed", group="unknown", quantity=Quantity(min=0, max=0, qualifier="exact",
                      start=sent.start_char, end=sent.start_char, text=""), victims_text="",
                      start=sent.start_char, end=sent.start_char, harm_word="dead")
    return None


def _part(whole: Figure, quantity: Quantity, group: str, words: str, start: int, end: int) -> Figure:
    return Figure(figure=whole.figure, group=group, quantity=quantity, victims_text=words, start=start, end=end,
                  harm_word=whole.harm_word, subset=True)


def _quantities_in(sent: Span) -> list[Quantity]:
    base = sent.start_char
    found = []
    for q in find_quantities(span_text(sent)):
        found.append(Quantity(min=q.min, max=q.max, qualifier=q.qualifier, start=q.start + base,
                              end=q.end + base, text=q.text))
    return found


def _tokens_of(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Token index range [first, last] (doc indices) covering a char range."""
    doc = sent.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return -1, -1
    return span.start, span.end - 1


def _figure_for(sent: Span, quantity: Quantity) -> Figure | None:
    first, last = _tokens_of(sent, quantity.start, quantity.end)
    if first < 0:
        return None
    doc = sent.doc
    if _is_non_victim_count(doc, first, last):
        return None
    harm = _harm_by_grammar(doc[last]) or _harm_on_left(sent, first) or _harm_on_right(sent, last)
    if harm is None:
        return None
    harm_token, figure = harm
    victim_end = _victim_phrase_end(sent, last)
    victims = doc[first:victim_end + 1]
    group = _group_of(doc[last + 1:victim_end + 1], sent)
    if figure == "killed" and group == "unknown":
        group = _group_from_context(sent, harm_token)
    start, end = quantity.start, max(quantity.end, victims.end_char)
    counted = doc[last].head if doc[last].dep_ in {"nummod", "quantmod"} else doc[last]
    return Figure(figure=figure, group=group, quantity=quantity, victims_text=doc_text(doc)[start:end],
                  start=start, end=end, harm_word=harm_token.text,
                  includes_attacker=_includes_attacker(sent),
                  superseded=bool(SUPERSEDED_CUES.search(_window_text(sent, first, 8))),
                  subset=_is_subset(sent, first), additional=_along_with(counted))


def _harm_of(token: Token) -> str | None:
    word = token.lower_
    if word in HARM_WORDS:
        return HARM_WORDS[word]
    lemma = token.lemma_.lower() if token.lemma_ else ""
    return HARM_WORDS.get(lemma)


def _harm_on_left(sent: Span, first: int) -> tuple[Token, str] | None:
    """'killing at least three', 'killed the three', 'toll rose to 30', 'number of dead at six'."""
    doc = sent.doc
    i = first - 1
    steps = 0
    while i >= sent.start and steps < MAX_LEFT:
        token = doc[i]
        if token.text in CLAUSE_BREAK or token.text in {",", "."}:
            return None
        if token.lower_ == "dead" and i > sent.start and doc[i - 1].lower_ in {"shot", "shoot", "shooting"}:
            return token, "killed"
        if LEFT_VERB_FORMS.match(token.lower_):
            return token, HARM_WORDS.get(token.lower_) or _harm_of(token) or "killed"
        if token.lower_ in TOLL_WORDS or (token.lower_ in {"dead", "deaths"} and i + 1 < first):
            return token, "injured" if _injury_toll(sent, token) else "killed"
        if token.lower_ not in TOLL_LINKS and token.pos_ not in {"DET", "ADV", "ADP", "AUX", "PART", ""} \
                and token.lower_ not in {"the", "a", "an", "some", "another", "further", "also", "more"}:
            return None
        i -= 1
        steps += 1
    return None


def _harm_by_grammar(number: Token) -> tuple[Token, str] | None:
    """The parse ties the count to a harm verb: '[Eight] troops, …, were killed', 'toll … rose to [137]'."""
    noun = number.head if number.dep_ in {"nummod", "quantmod"} and number.head is not number else number
    while noun.dep_ == "conj" and noun.head is not noun:  # "destroyed five tanks and [42] pickups"
        noun = noun.head
        if noun.dep_ == "dobj" and _harm_of(noun.head) and noun.head.pos_ in {"VERB", "AUX"}:
            return noun.head, _harm_of(noun.head)
    verb = noun.head
    if _along_with(noun):  # "was killed along with his two children"
        return _harm_for_noun(noun)
    if noun.dep_ == "nsubjpass" and _harm_of(verb) and verb.pos_ in {"VERB", "AUX"}:
        return verb, _harm_of(verb)
    if noun.dep_ == "nsubj" and verb.lemma_ in {"die", "perish"}:
        return verb, "killed"
    if noun.dep_ == "pobj" and verb.lower_ in {"to", "at"}:
        predicate = verb.head
        subjects = [c for c in predicate.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if any(c.lower_ in TOLL_WORDS for c in subjects):
            return subjects[0], _toll_figure(subjects[0])
    return None


def _toll_figure(toll: Token) -> str:
    words = {t.lower_ for t in toll.subtree}
    return "injured" if words & {"injury", "injured", "wounded", "casualty"} and "death" not in words else "killed"


def _injury_toll(sent: Span, token: Token) -> bool:
    prev = token.doc[token.i - 1] if token.i > sent.start else None
    return prev is not None and prev.lower_ in {"injury", "casualty", "wounded"}


PARENTHESIS_DASHES = {"—", "–", "--"}


def _opens_dash_aside(sent: Span, last: int) -> bool:
    doc = sent.doc
    return any(doc[i].text in PARENTHESIS_DASHES for i in range(max(sent.start, last - 6), last))


def _harm_on_right(sent: Span, last: int) -> tuple[Token, str] | None:
    """'11 police were killed', '137 dead', 'three children were among the dead'."""
    doc = sent.doc
    end = min(sent.end, last + 1 + MAX_RIGHT)
    for i in range(last + 1, end):
        token = doc[i]
        if i == last + 1 and token.text in PARENTHESIS_DASHES and _opens_dash_aside(sent, last):
            continue  # "all the men — perhaps as many as 17 — died"
        if token.text in CLAUSE_BREAK or token.like_num or token.lower_ in {"and", "but", "while", "which"}:
            if token.lower_ == "and" and i + 1 < sent.end and _harm_of(doc[i + 1]) and \
                    doc[i + 1].tag_ in {"VBN", "JJ", ""}:
                continue  # "were killed and wounded" keeps the first harm word
            return None
        if token.text == "," and i > last + 1:
            return None
        figure = _harm_of(token)
        if figure is None:
            continue
        if token.lower_ in {"bodies", "corpses"} and i == last + 1:
            return token, "killed"  # "received 19 bodies"
        if token.lower_ in {"toll", "bodies", "lives", "hostage", "hostages", "captive", "captives"}:
            continue  # nouns counted, not predicates
        if token.lower_ == "death" and i + 1 < sent.end and doc[i + 1].lower_ == "toll":
            return None
        return token, figure
    return None


def _is_non_victim_count(doc, first: int, last: int) -> bool:
    """Counts of things that are not people: '42 pickups' stay for 'destroyed' only; a person's age
    ('John Smith, 34,', 'Ahmad Saleh (40)') counts nobody."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is None:
        return False
    if first >= 2 and doc[first - 1].text in {",", "("} and doc[first - 2].ent_type_ == "PERSON" \
            and nxt.text in {",", ")"}:
        return True
    return nxt.lower_ in {"years", "year", "months", "month", "days", "day", "hours", "hour", "minutes",
                          "km", "kilometres", "kilometers", "miles", "metres", "meters", "percent", "%",
                          "times", "am", "pm", "a.m.", "p.m.", "o'clock"}


def _victim_phrase_end(sent: Span, last: int) -> int:
    """The last token of the counted noun phrase: 'three police', '12 members of a single family'."""
    doc = sent.doc
    end = last
    i = last + 1
    while i < sent.end and i - last <= 6:
        token = doc[i]
        if token.pos_ in {"NOUN", "PROPN", "ADJ"} or token.lower_ in WORD_GROUP or token.lower_ in UNKNOWN_VICTIMS:
            end = i
            i += 1
            continue
        if token.lower_ == "of" and end > last and i + 1 < sent.end:
            j = i + 1
            while j < sent.end and j - i <= 6 and (doc[j].pos_ in {"DET", "ADJ", "NUM", "NOUN", "PROPN", "PRON"}
                                                    or doc[j].tag_ == "HYPH"):  # "of the Al-Masri family"
                if doc[j].pos_ in {"NOUN", "PROPN", "PRON"}:
                    end = j
                j += 1
            break
        if token.lower_ == "of" and end == last:
            # "Ten of our men"
            j = i + 1
            while j < sent.end and j - i <= 3 and doc[j].pos_ in {"DET", "PRON", "ADJ", "NOUN", "PROPN"}:
                if doc[j].pos_ in {"NOUN", "PROPN"}:
                    end = j
                j += 1
            break
        break
    return end


def _group_of(words: Span, sent: Span) -> str:
    """The group a counted phrase names: 'members of a family' are civilians, 'our men' security forces,
    'four men' civilians (men with no force named are people, as 'a man' is)."""
    found = [_group_of_word(t, words) for t in words if t.lower_ in WORD_GROUP]
    if not found:
        return "unknown"
    if "children" in found:
        return "children"
    if "women" in found:
        return "women"
    named = [g for t, g in zip((t for t in words if t.lower_ in WORD_GROUP), found) if t.lower_ != "members"]
    return (named or found)[-1]


def _group_of_word(token: Token, words: Span) -> str:
    if token.lower_ == "men" and not any(t.lower_ in {"our", "security", "army", "police"} for t in words):
        return "civilians"
    return WORD_GROUP[token.lower_]


def _group_from_context(sent: Span, harm: Token) -> str:
    """'... killed, all civilians' and 'civilians killed' give a group to an unspecific count."""
    for token in harm.subtree:
        if token.lower_ in GROUP_WORDS["civilians"] and token.lower_ not in {"staff", "workers"}:
            return "unknown"
    return "unknown"


def _includes_attacker(sent: Span) -> bool:
    text = span_text(sent).lower()
    return bool(re.search(r"\b(including|among them|besides|in addition to|not counting|excluding)\b"
                          r"[^.;]{0,25}\b(" + "|".join(ATTACKER_WORDS) + r")\b", text))


def _window_text(sent: Span, first: int, width: int) -> str:
    start = max(sent.start, first - width)
    return sent.doc[start:first].text


# "Four soldiers died at the scene and a fifth died in hospital": a count of where or when they died
PART_OF_TOLL = re.compile(r"\b(died|killed|dead)\s+(at the scene|on the spot|instantly|immediately|on impact)\b|"
                          r"\b(later|subsequently)\s+(died|succumbed)\b|\bsuccumbed to (his|her|their) (wounds|injuries)",
                          re.I)


def _is_subset(sent: Span, first: int) -> bool:
    """'among them five children', 'including two soldiers', 'Three children were among the dead',
    'four died at the scene' (and others later in hospital)."""
    before = _window_text(sent, first, 3).lower()
    if re.search(r"\b(including|among them|of them|of whom|among whom|included|includes|include)\s*$", before):
        return True
    after = sent.doc[first:min(sent.end, first + 8)].text.lower()
    return bool(re.search(r"\b(were|are|was) among\b|\bincluded\b", after) or PART_OF_TOLL.search(after))


def _reach(det: Token, noun: Token) -> int:
    """How far a determiner may stand from its noun: 'a 10-year-old boy' spans six tokens."""
    between = {t.lower_ for t in det.doc[det.i + 1:noun.i]}
    return 7 if {"year", "old"} <= between or {"years", "old"} <= between else 3


ADULT_AGE = 18


def _names_one_of(noun: Token) -> bool:
    """'two civilians, a 32-year-old man and his daughter': the man is one of the two, counted already."""
    return noun.dep_ == "appos" and any(c.dep_ == "nummod" or c.like_num for c in noun.head.children)


def _minor(det: Token, noun: Token) -> bool:
    """'a 14-year-old protester' is a child, whatever the noun says."""
    words = det.doc[det.i + 1:noun.i]
    ages = [t for t in words if t.like_num and t.text.isdigit()]
    return bool(ages) and any(t.lower_ in {"year", "years"} for t in words) and int(ages[0].text) < ADULT_AGE


LONE_ATTACKERS = {"bomber", "attacker", "assailant", "gunman", "shooter", "kidnapper"}


def _named_victims(sent: Span, figures: list[Figure]) -> list[Figure]:
    """'Ahmad Saleh (40) was killed': one victim named, counted as one."""
    covered = [(f.start, f.end) for f in figures]
    out = []
    for ent in sent_ents(sent):
        if ent.label_ != "PERSON" or any(s <= ent.start_char < e for s, e in covered):
            continue
        root = ent.root
        harm = _harm_for_noun(root) if root.dep_ in {"nsubjpass", "dobj", "nsubj"} else None
        if harm is None:
            continue
        start, end = ent.start_char, ent.end_char
        quantity = Quantity(min=1, max=1, qualifier="exact", start=start, end=end, text=ent.text)
        # a named person is one of the victims, never a count of all of them: a part, which floors the toll
        out.append(Figure(figure=harm[1], group="unknown", quantity=quantity, victims_text=ent.text, start=start,
                          end=end, harm_word=harm[0].text, includes_attacker=False, superseded=False,
                          subset=True))
    return out


def _lone_victims(sent: Span, figures: list[Figure]) -> list[Figure]:
    """'killing a security guard', 'a soldier was killed': one victim with no numeral."""
    doc = sent.doc
    taken = {(f.start, f.end) for f in figures}
    covered = [(f.start, f.end) for f in figures]
    out = []
    for token in span_tokens(sent):
        if token.lower_ not in {"a", "an", "one", "no", "the"} or token.dep_ not in {"det", "nummod"}:
            continue
        noun = token.head
        if noun.i <= token.i or noun.i - token.i > _reach(token, noun) or noun.lower_ not in WORD_GROUP:
            continue
        attacker = noun.lower_ in LONE_ATTACKERS
        if token.lower_ == "the" and not attacker:
            continue  # "the soldiers" counts nobody; "the bomber" is one
        if any(s <= token.idx < e for s, e in covered):
            continue
        harm = _harm_for_noun(noun)
        if harm is None or _names_one_of(noun):
            continue
        start, end = token.idx, noun.idx + len(noun.text)
        if (start, end) in taken:
            continue
        count = 0 if token.lower_ == "no" else 1
        quantity = Quantity(min=count, max=count, qualifier="exact", start=start, end=end,
                            text=doc_text(doc)[start:end])
        group = "children" if _minor(token, noun) else WORD_GROUP[noun.lower_]
        out.append(Figure(figure=harm[1], group=group, quantity=quantity,
                          victims_text=doc_text(doc)[start:end], start=start, end=end, harm_word=harm[0].text,
                          includes_attacker=attacker, superseded=False, subset=_is_subset(sent, token.i),
                          additional=_along_with(noun)))
    return out


def _harm_for_noun(noun: Token) -> tuple[Token, str] | None:
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and _verb_harm(head):
        return head, _verb_harm(head)
    if noun.dep_ == "nsubj" and head.lemma_ in {"die"}:
        return head, "killed"
    if noun.dep_ in {"conj", "appos"}:  # "In Myingyan, Mandalay Region, a 14-year-old protester died": the
        return _harm_for_noun(noun.head) if noun.head is not noun else None  # parse hangs it on the region
    if _along_with(noun):  # "one soldier was killed along with a village guard"
        verb = noun.head.head if noun.head.head.lower_ not in {"along", "together"} else noun.head.head.head
        if _harm_of(verb) and verb.pos_ in {"VERB", "AUX"}:
            return verb, _harm_of(verb)
    return None


def _verb_harm(verb: Token) -> str | None:
    """What a verb does to its object: 'shot dead', 'fatally shot', 'shot and killed' kill; 'wounded' injures."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if _to_death(verb) or any(c.lower_ in {"fatally", "mortally"} for c in verb.children):
        return "killed"
    joined = [_harm_of(c) for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if "killed" in joined:
        return "killed"  # "was shot and killed"
    return _harm_of(verb) or next((h for h in joined if h), None)


def _to_death(verb: Token) -> bool:
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    return any(c.lower_ == "dead" or (c.lower_ == "to" and any(g.lower_ == "death" for g in c.children))
               for c in verb.children)


def _along_with(noun: Token) -> bool:
    preposition = noun.head
    return noun.dep_ == "pobj" and preposition.lower_ == "with" and (
        preposition.head.lower_ in {"along", "together"} or
        (preposition.i > 0 and noun.doc[preposition.i - 1].lower_ in {"along", "together"}))
