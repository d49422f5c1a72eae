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

import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .doccache import char_span, doc_ents, doc_text, span_text, span_tokens
from .claimants import claimant_type

REPORTING_LEMMAS = {
    "say", "tell", "report", "announce", "state", "claim", "confirm", "add", "cite", "quote", "estimate",
    "reveal", "tweet", "write", "insist", "allege", "note", "deny", "put", "record", "document", "count",
    "explain", "describe", "declare", "warn", "acknowledge", "post", "publish", "tally", "list", "show",
    "provide", "give", "release",
}
# verbs that only report when a reporting frame is clear ("put the toll at", "documented")
WEAK_REPORTING = {"put", "record", "document", "count", "show", "list", "tally", "post", "publish", "describe",
                  "provide", "give", "release"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
RESPONSIBILITY = {"responsibility", "attack", "credit", "bombing", "killing", "assault", "strike", "operation"}
NOT_SPEAKERS = {"some", "many", "all", "most", "them", "which", "that", "who", "what", "one", "none", "no",
                "nobody", "anyone", "this", "these", "those", "both", "each", "few", "several", "others"}
ANONYMITY = re.compile(r"condition of anonymity|not authori[sz]ed|asked not to be (named|identified)|"
                       r"declined to be (named|identified)|requested anonymity|anonymously", re.I)
LEADING_NOISE = re.compile(r"^(the|a|an|and|but|also|however|meanwhile)\s+", re.I)
MAX_CLAIMANT_CHARS = 120
COUNTRY_REFERENCE = re.compile(r"^(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:country|nation)['’]s\s+")


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

    def __init__(self, outlet: str | None, country_adjective: str | None = None,
                 named: dict[str, str] | None = None):
        self.outlet = outlet or "unknown outlet"
        self.country_adjective = country_adjective  # "Colombian": what "the country's army" stands for
        self.named = named or {}  # "president" → "President Hassan Sheikh Mohamud", "militant" → "Al Shabaab"
        self.recent: list[Attribution] = []

    def default(self) -> Attribution:
        return Attribution(claimant=self.outlet, claimant_type="media", person=None, start=-1, end=-1,
                           head="outlet")

    def attribute(self, sent: Span, anchor: int | None = None) -> Attribution | None:
        """The claimant for something said in ``sent`` at token ``anchor`` (doc index), if attributed.

        Reporting verbs are tried nearest first; one whose speaker cannot be
        resolved ("we have confirmed 137 dead", inside the quote) gives way to
        the next ("…, police official Ibrahim Mohamed told AFP").
        """
        for verb in _reporting_verbs_in_order(sent, anchor):
            subject = _speaker_of(verb)
            if subject is not None:
                resolved = self._resolve(sent, subject)
                if resolved is not None:
                    return self._named_country(resolved)
        return None

    def _named_country(self, attribution: Attribution) -> Attribution:
        """'the country's army', 'the West African nation's junta' → 'Colombian army', 'Nigerien junta'."""
        if self.country_adjective is None:
            return attribution
        named = COUNTRY_REFERENCE.sub(self.country_adjective + " ", attribution.claimant, count=1)
        if named == attribution.claimant:
            return attribution
        return dataclasses.replace(attribution, claimant=named, claimant_type=claimant_type(named))

    def remember(self, attribution: Attribution) -> None:
        if attribution.head != "outlet":
            self.recent.append(attribution)

    def _resolve(self, sent: Span, subject: Token) -> Attribution | None:
        if subject.lower_ in PRONOUNS:
            return self._latest(lambda a: a.person is not None or subject.lower_ in {"they", "it", "we"})
        if subject.lower_ in NOT_SPEAKERS or subject.is_punct:
            return None
        phrase = _phrase_tokens(subject)
        if len(phrase) == 1 and subject.pos_ == "PROPN":  # "Kebede said": the person named in full earlier
            earlier = self._latest(lambda a: a.person is not None and a.person.split()[-1] == subject.text)
            if earlier is not None:
                return earlier
        short = [t.lower_ for t in phrase if t.lower_ not in {"the", "this", "that"}]
        if 0 < len(short) <= SHORT_NAME_WORDS:  # "the Observatory" after "the Syrian Observatory for Human Rights"
            earlier = self._latest(lambda a: a.person is None and _shortened(short, a.claimant))
            if earlier is not None:
                return earlier
        has_name = any(t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or t.pos_ == "PROPN" for t in phrase)
        if not has_name and phrase[0].lower_ in {"the", "this", "that"}:
            earlier = self._latest(lambda a: a.head == subject.lemma_.lower())
            if earlier is not None:
                return earlier
        if not has_name and subject.lemma_.lower() in DOCUMENTS and phrase[0].lower_ in REFERRING_DETERMINERS:
            earlier = self._latest(lambda a: a.head not in DOCUMENTS)
            if earlier is not None:  # "The statement said …" after "Pakistan's military said in a statement"
                return earlier
        names_someone = any(t.ent_type_ in {"PERSON", "ORG"} for t in phrase)
        if not names_someone and phrase[0].lower_ in {"the", "this", "that"} | {t.text.lower() for t in phrase
                                                                               if t.dep_ == "poss"}:
            referent = self.named.get(subject.lemma_.lower())
            if referent is not None:  # "the president said", "the Islamist militants said", "Somalia's President"
                start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
                return Attribution(claimant=referent, claimant_type=claimant_type(referent), person=None,
                                   start=start, end=end, head=subject.lemma_.lower())
        return _build(sent, phrase, subject)

    def _latest(self, fits) -> Attribution | None:
        for attribution in reversed(self.recent):
            if fits(attribution):
                return attribution
        return None


SHORT_NAME_WORDS = 3
DOCUMENTS = {"statement", "communique", "communiqué", "report", "release", "bulletin", "tweet", "post", "video",
             "letter", "message"}
REFERRING_DETERMINERS = {"the", "this", "that", "its", "their", "his", "her"}


def _shortened(words: list[str], name: str) -> bool:
    """'observatory' is the Syrian Observatory for Human Rights named in full before; 'officials' is nobody's."""
    named = name.lower().split()
    return len(named) > len(words) and all(w in named for w in words) and any(
        w[:1].isupper() for w in name.split() if w.lower() in words)


def _reporting_verbs_in_order(sent: Span, anchor: int | None) -> list[Token]:
    """The reporting verbs that govern the anchor, nearest first, then the rest by distance (or the main one first)."""
    candidates = _reporting_verbs(sent)
    if anchor is None:
        return sorted(candidates, key=lambda t: (t.dep_ != "ROOT", t.i))
    reporting = {t.i: t for t in candidates}
    governing = [reporting[a.i] for a in sent.doc[anchor].ancestors if a.i in reporting]
    rest = sorted((t for t in candidates if t not in governing), key=lambda t: abs(t.i - anchor))
    return governing + rest


MAY_REPORT = re.compile(
    r"\b(sa(id|ys?)|told|tells?|report|announc|stat|claim|confirm|add|cite|quot|estimat|reveal|tweet|wr[oi]te|"
    r"insist|alleg|note|den(y|ie)|put|record|document|count|explain|describ|declar|warn|acknowledg|post|publish|"
    r"tall(y|ie)|list|show|provid|g[ai]ve|releas|according)", re.I)


def _reporting_verbs(sent: Span) -> list[Token]:
    """The sentence's reporting verbs that have a speaker, found once per sentence."""
    cache = sent.doc.user_data.setdefault("tollbook_reporting", {})
    found = cache.get(sent.start)
    if found is None:
        found = [t for t in span_tokens(sent) if _is_reporting(t) and _speaker_of(t) is not None] \
            if MAY_REPORT.search(span_text(sent)) else []
        cache[sent.start] = found
    return found


def _is_reporting(token: Token) -> bool:
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return True
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return _claim_by_someone(token) is not None
    if lemma not in REPORTING_LEMMAS or token.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma in WEAK_REPORTING:  # "the toll was provided by the army", "the ministry put the toll at"
        return any(c.dep_ in {"nsubj", "agent"} for c in token.children)
    if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY for c in token.children):
        return False  # "claimed responsibility for the attack" is a deed, not a report
    return True


CLAIM_NOUNS = {"claim", "report", "statement", "assertion", "allegation", "account", "announcement"}


def _claim_by_someone(noun: Token) -> Token | None:
    """'claims by Somalia's President that nearly 200 soldiers died': the noun reports, its 'by' names who."""
    if noun.lemma_.lower() not in CLAIM_NOUNS or not any(
            c.dep_ in {"acl", "ccomp", "relcl"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in noun.children):
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _speaker_of(verb: Token) -> Token | None:
    """The head of who speaks: the grammatical subject, or, where the parse lost it, the words right before."""
    speaker = _grammatical_speaker(verb)
    if speaker is None or speaker.lower_ in NOT_SPEAKERS or _is_dateline(speaker):
        return _head_before(verb) if verb.lower_ != "according" else speaker
    return speaker


def _is_dateline(token: Token) -> bool:
    return token.is_upper and len(token.text) > 2 and token.i < token.head.i and any(
        t.text in DASHES or t.text == ":" for t in token.doc[token.i:token.head.i])


def _head_before(verb: Token) -> Token | None:
    """'…, military sources and a local official told AFP' → 'sources'; '… that officials said' → 'officials'."""
    doc = verb.doc
    i = verb.i - 1
    nouns = []
    while i >= 0 and verb.i - i <= 8:
        token = doc[i]
        if _phrase_edge(token):
            break
        if (token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in {"DATE", "TIME"}) or token.lower_ in PRONOUNS:
            nouns.append(token)
        i -= 1
    return nouns[0] if nouns else None


def _phrase_edge(token: Token) -> bool:
    return (token.text in {",", ";", ":", "(", ")", "\"", "“", "”"} or token.text in DASHES
            or token.pos_ in {"VERB", "AUX"} or token.lower_ in {"that", "which", "who", "whom", "in", "at", "on"})


def _grammatical_speaker(verb: Token) -> Token | None:
    if verb.pos_ == "NOUN":
        return _claim_by_someone(verb)
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head is not verb:
        return _quoted_as_saying(verb.head.head)  # "X was quoted on Radio Mozambique as saying: …"
    if (quoted := _quoted_as_saying(verb)) is not None:
        return quoted
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
        return _grammatical_speaker(verb.head) if _is_reporting(verb.head) or verb.head.pos_ == "VERB" else None
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "acl", "xcomp"}:
        return _subject_above(verb)  # "the ministry issued a statement on Monday saying 12 were killed"
    return None


def _quoted_as_saying(verb: Token) -> Token | None:
    """'X was quoted (by Reuters, on the radio) as saying': X speaks, the medium only carries it."""
    if verb.lemma_.lower() not in {"quote", "cite"} or not any(c.lower_ == "as" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _subject_above(verb: Token) -> Token | None:
    head = verb.head
    for _ in range(3):
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
        if head.head is head:
            return None
        head = head.head
    return None


MAX_PHRASE_TOKENS = 16
DASHES = {"-", "—", "–", "--"}


def _phrase_tokens(head: Token) -> list[Token]:
    """The subject's noun phrase, without relative clauses, a dateline, or the clause it governs."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in {"relcl", "acl", "cc", "conj"} and child.i > head.i and child.lower_ != "and":
            dropped.update(t.i for t in child.subtree)
    verb = head.head
    tokens = [t for t in head.subtree if t.i not in dropped and not (verb.i > head.i and t.i >= verb.i)]
    if head.dep_ not in {"nsubj", "nsubjpass", "pobj"}:  # a head found by position: take its run of words
        tokens = _run_of_words(head)
    dash = max((k for k, t in enumerate(tokens) if t.text in DASHES and k < len(tokens) - 1), default=None)
    if dash is not None and tokens[0].is_upper:  # "MOGADISHU, Somalia - Somalia's minister"
        tokens = tokens[dash + 1:]
    if len(tokens) > MAX_PHRASE_TOKENS:
        tokens = [t for t in tokens if abs(t.i - head.i) <= 4 and t.i <= head.i + 4]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"who", "which", "and"}):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return tokens or [head]


def _run_of_words(head: Token) -> list[Token]:
    """The words of a phrase around a head the parse did not connect, up to commas and verbs."""
    doc = head.doc
    start = head.i
    while start > 0 and not _phrase_edge(doc[start - 1]) and head.i - start < 8:
        start -= 1
    return list(doc[start:head.i + 1])


def _build(sent: Span, phrase: list[Token], head: Token) -> Attribution:
    doc = sent.doc
    while len(phrase) > 1 and (phrase[-1].ent_type_ in {"DATE", "TIME"} or phrase[-1].lower_ in {"on", "in", "at"}):
        phrase = phrase[:-1]  # "the Observatory on Wednesday" names the Observatory
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
    text = _clean(doc_text(doc)[start:end])
    persons = [e for e in doc_ents(doc) if e.label_ == "PERSON" and start <= e.start_char and e.end_char <= end]
    orgs = [e for e in doc_ents(doc) if e.label_ == "ORG" and start <= e.start_char and e.end_char <= end]
    person = persons[0].text if persons else None
    claimant = text
    for org in orgs:  # "Rami Abdel Rahman, head of the Syrian Observatory" speaks for the Observatory
        if person and claimant_type(org.text) not in {"unknown", "media"}:
            claimant = _clean(org.text)
            break
    if person and claimant == text and "," in text:
        name, _, title = text.partition(",")
        claimant = f"{_clean(name)} ({_clean(title)})" if title.strip() else _clean(name)
    elif not person and "," in claimant:  # "Idlib's civil defence, a rescue service": the name, not the gloss
        claimant = _clean(claimant.partition(",")[0])
    if ANONYMITY.search(span_text(sent)) and "anonym" not in claimant.lower() and person is None:
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


TALLY_NOUNS = {"estimate", "count", "toll", "tally", "figure", "figures", "estimates", "count", "tolls"}
NOT_WHO = {"death", "casualty", "initial", "earlier", "first", "preliminary", "latest", "new", "previous",
           "official", "final", "overall", "total", "rough", "early"}


def nominal_claimant(sent: Span, figure_start: int) -> Attribution | None:
    """'an initial police estimate of 20 dead', 'a UN death toll of 26': the claimant named in the noun phrase."""
    doc = sent.doc
    span = char_span(doc, figure_start, figure_start + 1)
    if span is None or span.start - 2 < sent.start:
        return None
    i = span.start - 1
    if doc[i].lower_ not in {"of", "at"} or doc[i - 1].lower_ not in TALLY_NOUNS:
        return None
    words = []
    j = i - 2
    while j >= sent.start and doc[j].pos_ in {"NOUN", "PROPN", "ADJ"} and len(words) < 4:
        words.insert(0, doc[j])
        j -= 1
    named = [t for t in words if t.lower_ not in NOT_WHO and t.lower_ not in TALLY_NOUNS]
    if not named:
        return None
    who = " ".join(t.text for t in named)
    return Attribution(claimant=who, claimant_type=claimant_type(who), person=None, start=named[0].idx,
                       end=named[-1].idx + len(named[-1].text), head=named[-1].lower_)
