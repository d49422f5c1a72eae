"""Who says it: the claimant of each figure.

Grammar first: the subject of a reporting verb ("officials said", "the police
chief of Farah province said"), the object of "according to", the agent of
"was reported by", the subject of "told AFP". Appositions and titles are kept
with the person ("Rami Abdel Rahman, head of the Syrian Observatory for Human
Rights" → the Observatory, person kept). Pronouns and bare definite nouns ("he
said", "the monitor said") refer back to the latest claimant that fits.
Nothing attributed → the outlet itself, typed ``media``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .claimants import claimant_type

REPORTING_LEMMAS = {
    "say", "tell", "report", "announce", "state", "claim", "confirm", "add", "cite", "quote", "estimate",
    "reveal", "tweet", "write", "insist", "allege", "note", "deny", "put", "record", "document", "count",
    "explain", "describe", "declare", "warn", "acknowledge", "post", "publish", "tally", "list", "show",
}
# verbs that only report when a reporting frame is clear ("put the toll at", "documented")
WEAK_REPORTING = {"put", "record", "document", "count", "show", "list", "tally", "post", "publish", "describe"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
ANONYMITY = re.compile(r"condition of anonymity|not authori[sz]ed|asked not to be (named|identified)|"
                       r"declined to be (named|identified)|requested anonymity|anonymously", re.I)
LEADING_NOISE = re.compile(r"^(the|a|an|and|but|also|however|meanwhile)\s+", re.I)
MAX_CLAIMANT_CHARS = 120


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: str
    claimant_type: str
    person: str | None
    start: int
    end: int
    head: str  # the noun that names the claimant ("official", "ministry"), for references back


class Attributor:
    """Attributes the figures of one article, sentence by sentence, remembering who spoke."""

    def __init__(self, outlet: str | None):
        self.outlet = outlet or "unknown outlet"
        self.recent: list[Attribution] = []

    def default(self) -> Attribution:
        return Attribution(claimant=self.outlet, claimant_type="media", person=None, start=-1, end=-1,
                           head="outlet")

    def attribute(self, sent: Span, anchor: int | None = None) -> Attribution | None:
        """The claimant for something said in ``sent`` at token ``anchor`` (doc index), if attributed."""
        verb = _reporting_verb(sent, anchor)
        if verb is None:
            return None
        subject = _speaker_of(verb)
        if subject is None:
            return None
        return self._resolve(sent, subject)

    def remember(self, attribution: Attribution) -> None:
        if attribution.head != "outlet":
            self.recent.append(attribution)

    def _resolve(self, sent: Span, subject: Token) -> Attribution | None:
        if subject.lower_ in PRONOUNS:
            return self._latest(lambda a: a.person is not None or subject.lower_ in {"they", "it", "we"})
        phrase = _phrase_tokens(subject)
        has_name = any(t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or t.pos_ == "PROPN" for t in phrase)
        if not has_name and phrase[0].lower_ in {"the", "this", "that"}:
            earlier = self._latest(lambda a: a.head == subject.lemma_.lower())
            if earlier is not None:
                return earlier
        return _build(sent, phrase, subject)

    def _latest(self, fits) -> Attribution | None:
        for attribution in reversed(self.recent):
            if fits(attribution):
                return attribution
        return None


def _reporting_verb(sent: Span, anchor: int | None) -> Token | None:
    """The reporting verb that governs the anchor, else the only/nearest one in the sentence."""
    candidates = [t for t in sent if _is_reporting(t)]
    if not candidates:
        return None
    if anchor is not None:
        ancestors = {t.i for t in sent.doc[anchor].ancestors}
        governing = [t for t in candidates if t.i in ancestors]
        if governing:
            return governing[0]
        return min(candidates, key=lambda t: abs(t.i - anchor))
    return candidates[0]


def _is_reporting(token: Token) -> bool:
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return True
    lemma = token.lemma_.lower()
    if lemma not in REPORTING_LEMMAS or token.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma in WEAK_REPORTING:
        return any(c.dep_ == "nsubj" for c in token.children)
    return True


def _speaker_of(verb: Token) -> Token | None:
    if verb.lower_ == "according":
        to = verb.doc[verb.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.dep_ != "nsubjpass":
            return child
    for child in verb.children:  # "was reported by Reuters"
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if verb.dep_ == "conj" and verb.head is not verb:  # "... and said"
        return _speaker_of(verb.head) if _is_reporting(verb.head) or verb.head.pos_ == "VERB" else None
    return None


def _phrase_tokens(head: Token) -> list[Token]:
    """The subject's noun phrase, without relative clauses and trailing punctuation."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in {"relcl", "acl", "punct", "cc"} and child.i > head.i and child.dep_ != "punct":
            dropped.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in dropped]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"who", "which", "and"}):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return tokens or [head]


def _build(sent: Span, phrase: list[Token], head: Token) -> Attribution:
    doc = sent.doc
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
    text = _clean(doc.text[start:end])
    persons = [e for e in doc.ents if e.label_ == "PERSON" and start <= e.start_char and e.end_char <= end]
    orgs = [e for e in doc.ents if e.label_ == "ORG" and start <= e.start_char and e.end_char <= end]
    person = persons[0].text if persons else None
    claimant = text
    for org in orgs:
        if claimant_type(org.text) not in {"unknown", "media"} or len(orgs) == 1 and person:
            claimant = _clean(org.text)
            break
    if person and claimant == text and "," in text:
        name, _, title = text.partition(",")
        claimant = f"{_clean(name)} ({_clean(title)})" if title.strip() else _clean(name)
    if ANONYMITY.search(sent.text) and "anonym" not in claimant.lower() and person is None:
        claimant = f"anonymous {claimant}"
    claimant = claimant[:MAX_CLAIMANT_CHARS]
    ctype = claimant_type(text if claimant_type(claimant) == "unknown" else claimant)
    return Attribution(claimant=claimant, claimant_type=ctype, person=person, start=start, end=end,
                       head=head.lemma_.lower())


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:\"“”'’")
    previous = None
    while previous != text:
        previous = text
        text = LEADING_NOISE.sub("", text)
    return text
