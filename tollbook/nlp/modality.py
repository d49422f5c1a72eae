"""Modality cues: is an event mention reported, planned, denied or hypothetical?

Also two sentence-level cue detectors the report builder uses:

* :func:`is_background` - the sentence mentions an earlier incident in passing
  ("came two days after ...", "last month", "in 2015", "the latest in a series").
* :func:`is_aggregate` - a number in the sentence is a running total across many incidents
  ("the war has killed more than 10,000 since 2015", "so far this year"), not one toll.

Everything works on Docs made by ``spacy.blank("en")`` (words around the trigger, bounded by
the clause) and uses dependency heads when the Doc has a parse, so that a negation or a modal
verb counts only when it governs the trigger's own clause.
"""
from __future__ import annotations

import re
from .doccache import doc_text, span_lowers, span_text, span_tokens
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["MODALITY_VALUES", "modality_of", "is_background", "is_aggregate"]

MODALITY_VALUES = ("reported", "planned", "denied", "hypothetical")


def _forms(*stems: str) -> frozenset[str]:
    """A verb's written forms: "deny" -> deny, denies, denied, denying (and given extras)."""
    out: set[str] = set()
    for stem in stems:
        out.add(stem)
        if stem.endswith("y") and stem[-2:-1] not in "aeiou":
            out.update({stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"})
        elif stem.endswith("e"):
            out.update({stem + "s", stem + "d", stem[:-1] + "ing"})
        else:
            out.update({stem + "s", stem + "ed", stem + "ing"})
    return frozenset(out)


# -- cue words ----------------------------------------------------------------------------------
_DENY = _forms("deny", "reject", "refute", "dismiss", "disown", "disclaim", "dispute") | {
    "denial", "denials", "rejection", "false", "fabricated", "baseless", "unfounded",
}
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
_PLAN_VERBS = _forms(
    "plan", "prepare", "threaten", "vow", "pledge", "intend", "aim", "order", "warn", "announce",
    "schedule", "promise", "decide", "call", "urge", "seek", "want", "mobilize", "mobilise",
    "organize", "organise", "resolve",
) | {"planned", "planning", "plans", "ordered", "vowed", "going", "about", "set", "upcoming",
      "intention", "plot", "plotting", "plotted", "threat", "threats", "ultimatum", "scheduled",
      "slated", "poised", "ready", "expected", "due"}
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})  # "wo" is spaCy's half of "won't"
_HYP_MODALS = frozenset({"could", "might", "may", "would", "should", "can"})
_HYP_WORDS = _forms("fear", "risk") | {
    "if", "unless", "whether", "possible", "possibly", "possibility", "potential", "potentially",
    "hypothetical", "perhaps", "lest", "feared", "fears", "risks", "danger", "imminent",
}
_SAY_VERBS = _forms("say", "warn", "threaten", "vow", "announce", "insist", "add", "claim", "tell") | {
    "said", "told", "says",
}
_CLAUSE_BREAK = frozenset({".", ";", ":", "!", "?"})
# Verbs whose negation negates the event they carry ("did not carry out the attack").
_CARRY = _forms(
    "carry", "conduct", "launch", "commit", "perpetrate", "stage", "mount", "execute", "undertake",
    "participate", "involve", "order", "take", "do", "make", "use", "fire", "target",
) | {"out", "any", "an", "a", "the", "part", "in", "did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "been"}
# Adjuncts that put the trigger outside the scope of a denial or modal before them.
_ADJUNCT = frozenset({"after", "before", "following", "during", "amid", "since", "despite", "as", "when", "while", "because"})
_CUE_WINDOW = 10


# -- helpers -------------------------------------------------------------------------------------
def _tokens_of(sent: "Span", start: int, end: int) -> tuple[int, int]:
    """Indexes (into ``sent``) of the first and last token overlapping chars ``start``..``end``."""
    first = last = None
    for n, tok in enumerate(span_tokens(sent)):
        if tok.idx < end and tok.idx + len(tok.text) > start:
            if first is None:
                first = n
            last = n
    if first is None:  # offsets between tokens: take the nearest token after them
        for n, tok in enumerate(span_tokens(sent)):
            if tok.idx >= start:
                return n, n
        return len(sent) - 1, len(sent) - 1
    return first, last


def _has_dep(sent: "Span") -> bool:
    return bool(len(sent)) and bool(sent[0].dep_)


def _window_before(words: list[str], i: int, limit: int) -> Iterable[int]:
    """Positions before ``i`` (nearest first) back to the start of the clause or an adjunct."""
    for p in range(i - 1, max(i - limit, 0) - 1, -1):
        if words[p] in _CLAUSE_BREAK or words[p] in _ADJUNCT:
            return
        yield p


def _negated_before(words: list[str], i: int) -> bool:
    """A negator right before the trigger, or before a verb that carries it: "never attacked",
    "no airstrikes", "did not carry out the attack"; not "no group claimed the attack"."""
    for p in range(i - 1, max(i - 5, 0) - 1, -1):
        w = words[p]
        if w in _NEGATORS:
            return w != "no" or p == i - 1
        if w not in _CARRY:
            return False
    return False


def _governors(tok: "Token", limit: int = 8) -> list["Token"]:
    """The trigger and the tokens above it in the parse, up to the root."""
    chain = [tok]
    while chain[-1].head is not chain[-1] and len(chain) < limit:
        chain.append(chain[-1].head)
    return chain


_LOCAL_DEPS = frozenset({
    "xcomp", "dobj", "pobj", "prep", "nsubjpass", "nsubj", "attr", "oprd", "compound", "pcomp",
    "acomp", "conj", "amod", "nmod", "poss", "appos", "dative",
})


def _local_chain(tok: "Token") -> list["Token"]:
    """The trigger and its governors within its own clause ("did not [carry out [the attack]]")."""
    chain = [tok]
    node = tok
    while node.dep_ in _LOCAL_DEPS and node.head is not node and len(chain) < 6:
        node = node.head
        chain.append(node)
    return chain


# -- modality ------------------------------------------------------------------------------------
def _negated_parsed(trigger: "Token") -> bool:
    for n, node in enumerate(_local_chain(trigger)):
        if n and node.lower_ not in _CARRY and node.lemma_.lower() not in _CARRY:
            return False
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
    return False


def _modality_parsed(trigger: "Token") -> str | None:
    if _negated_parsed(trigger):
        return "denied"
    local = _local_chain(trigger)
    chain = _governors(trigger)
    for node in chain:
        if node.lower_ in _DENY or node.lemma_.lower() in _DENY:
            return "denied"
        if node.dep_ == "pobj" and node.head.lower_ in _ADJUNCT:
            break  # "... denied access after the airstrike": the airstrike is not denied
    for node in chain:
        for child in node.children:
            low = child.lower_
            if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                return "hypothetical"
    for node in local:
        for child in node.children:
            if child.dep_ in ("aux", "auxpass"):
                low = child.lower_
                if low in _HYP_MODALS:
                    return "planned" if low == "would" and _said_before(node) else "hypothetical"
                if low in _FUTURE_AUX:
                    return "planned"
    for node in chain[1:]:
        low, lemma = node.lower_, node.lemma_.lower()
        if low in _HYP_WORDS or lemma in _HYP_WORDS:
            return "hypothetical"
        if low in _PLAN_VERBS or lemma in _PLAN_VERBS:
            return "planned"
    return None


def _said_before(node: "Token") -> bool:
    head = node.head
    return head is not node and (head.lower_ in _SAY_VERBS or head.lemma_.lower() in _SAY_VERBS)


def _modality_window(words: list[str], i: int, j: int) -> str:
    before = list(_window_before(words, i, _CUE_WINDOW))
    if any(words[p] in _DENY for p in before) or _negated_before(words, i):
        return "denied"
    if any(words[p] in ("if", "unless") for p in before):
        return "hypothetical"
    for n, p in enumerate(before[:6]):
        w = words[p]
        if w in _HYP_MODALS and not (w == "may" and p + 1 < len(words) and words[p + 1][:1].isdigit()):
            said = any(words[q] in _SAY_VERBS for q in before[n + 1:n + 5])
            return "planned" if w == "would" and said else "hypothetical"
        if w in _FUTURE_AUX:
            return "planned"
    after = words[j + 1:j + 4]  # the trigger as subject: "the fighting could spread", "a protest is planned"
    for w in after:
        if w in _CLAUSE_BREAK or w in _ADJUNCT or w == ",":
            break
        if w in _HYP_MODALS:
            return "hypothetical"
        if w in _FUTURE_AUX or w in ("planned", "scheduled", "slated", "expected"):
            return "planned"
    for p in before[:6]:
        if words[p] in _HYP_WORDS:
            return "hypothetical"
        if words[p] in _PLAN_VERBS:
            return "planned"
    return "reported"


def modality_of(sent: "Span", trigger_start: int, trigger_end: int) -> str:
    """``reported`` / ``planned`` / ``denied`` / ``hypothetical`` for the trigger at chars ``trigger_start``..``trigger_end``.

    denied: negated or denied ("denied carrying out the attack", "did not shell the town");
    planned: future or intent ("will", "plans to", "threatened to", "vowed to");
    hypothetical: conditional or possible ("could", "might", "if ... were", "feared");
    otherwise reported.
    """
    i, j = _tokens_of(sent, trigger_start, trigger_end)
    if _has_dep(sent):
        found = _modality_parsed(sent[j] if sent[j].dep_ != "compound" else sent[j].head)
        if found is not None:
            return found
        # The parse found nothing: still honour explicit denial words before the trigger.
        words = span_lowers(sent)
        return "denied" if any(words[p] in _DENY for p in _window_before(words, i, _CUE_WINDOW)) else "reported"
    return _modality_window(span_lowers(sent), i, j)


# -- background -----------------------------------------------------------------------------------
_BACKGROUND_PATTERNS = [
    r"\b(?:came|comes|coming|occurred|happened)\b(?: \w+){0,4} (?:after|days after|weeks after|months after)\b",
    r"\b(?:follows|followed|following) (?:a|an|the) (?:similar|earlier|previous|deadly|recent|string|series|spate|wave)\b",
    r"\bin (?:a|an) (?:similar|earlier|previous|separate earlier) (?:attack|incident|raid|strike|bombing|assault|clash)",
    r"\bsimilar (?:attacks?|incidents?|raids?|strikes?|bombings?) (?:in|last|earlier|before)\b",
    r"\b(?:last|previous|past) (?:year|month|week|weekend|summer|winter|spring|autumn|fall|decade)\b",
    r"\bearlier (?:this|that|in the) (?:year|month|week)\b",
    r"\b(?:previously|formerly)\b",
    r"\bearlier (?:in|on|that|this)\b",
    r"\bin (?:19|20)\d\d\b",
    r"\b(?:19|20)\d\d (?:attack|attacks|bombing|massacre|war|uprising|conflict|offensive|clashes)\b",
    r"\b(?:the )?latest in (?:a|an) (?:series|string|spate|wave|spree|long line)\b",
    r"\b(?:a|the) (?:series|string|spate|wave) of (?:attacks|bombings|killings|raids|abductions|kidnappings|incidents)\b",
    r"\bsince\b",
    r"\b\w+ (?:days?|weeks?|months?|years?) ago\b",
    r"\b(?:in|over|during) (?:the )?(?:past|recent) (?:months|years|weeks|decades)\b",
    r"\bin recent (?:months|years|weeks|days)\b",
    r"\b(?:anniversary|commemorat\w*)\b",
    r"\bthe (?:same|similar) (?:area|village|town|group) (?:was|were|had)\b",
]
_BACKGROUND = re.compile("|".join(f"(?:{p})" for p in _BACKGROUND_PATTERNS), re.IGNORECASE)
_PAST_PERFECT = re.compile(r"\bhad (?:been )?(?:attacked|killed|abducted|kidnapped|bombed|shelled|seized|captured|"
                           r"targeted|raided|struck|hit)\b", re.IGNORECASE)
# "X said at least 32 had been killed": reported speech shifts the tense back; it is not the past.
_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|reported|according to|added|stated|confirmed|claimed)\b",
                       re.IGNORECASE)


def is_background(sent: "Span") -> bool:
    """Whether the sentence points at an earlier incident mentioned in passing.

    Cues: "came two days after ...", "following a similar attack", "in a similar attack last
    year", "last month", "earlier this year", "previously", "in 2015", "the latest in a series
    of", "since", "three years ago", "in recent months", "had been attacked".
    """
    text = span_text(sent)
    if _BACKGROUND.search(text):
        return True
    past = _PAST_PERFECT.search(text)
    if past is None:
        return False
    relative = re.search(r"\b(?:who|which|whom)\s+$", text[:past.start()])  # "mourning three who had been killed"
    return bool(relative) or not _REPORTED.search(text[:past.start()])


# -- aggregates -----------------------------------------------------------------------------------
_AGGREGATE_PATTERNS = [
    r"\bsince\b",
    r"\bso far\b",
    r"\bto date\b",
    r"\b(?:this|last|the past) year alone\b",
    r"\bin (?:all|total)\b",
    r"\ba total of\b",
    r"\btotal(?:l?ing|l?ed)\b",
    r"\baltogether\b",
    r"\boverall\b",
    r"\bcumulative\b",
    r"\b(?:in|over|during|within|for) the (?:past|last|previous|first) (?:\w+ )?(?:hours?|days?|weeks?|months?|years?|decades?|quarter)\b",
    r"\b(?:in|over|during) (?:the )?(?:past|last) (?:24|48|72) hours\b",
    r"\b(?:per|each|every) (?:day|week|month|year)\b",
    r"\b(?:a|per) (?:year|month)\b(?! (?:ago|after|before|earlier|later))",
    r"\b(?:annually|monthly|weekly|daily)\b",
    r"\bdocumented\b",
    r"\brecorded\b",
    r"\bbetween (?:19|20)\d\d and\b",
    r"\bfrom (?:19|20)\d\d\b",
    r"\bfrom (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)? (?:to|until|through|till)\b",
    r"\bsince the (?:start|beginning|outbreak)\b",
]
# Totals of a whole war: never one incident's toll, even in the lead.
_CONFLICT_TOTAL_PATTERNS = [
    r"\b(?:the|this|its|a) (?:\w+ )?(?:war|conflict|insurgency|civil war|fighting|violence|crisis|campaign|uprising|offensive|occupation|siege|unrest) (?:(?:that|which) )?(?:has|have|had) (?:\w+ )?(?:killed|claimed|left|displaced|cost)\b",
    r"\b(?:during|throughout|over the course of) the (?:war|conflict|insurgency|year|crisis|fighting|siege)\b",
    r"\b(?:death|casualty) toll (?:of|in) the (?:war|conflict|insurgency)\b",
]
_CONFLICT_TOTAL = re.compile("|".join(f"(?:{p})" for p in _CONFLICT_TOTAL_PATTERNS), re.IGNORECASE)
_AGGREGATE = re.compile("|".join(f"(?:{p})" for p in _AGGREGATE_PATTERNS + _CONFLICT_TOTAL_PATTERNS),
                        re.IGNORECASE)
_EVENT_NOUNS = frozenset({
    "attacks", "airstrikes", "strikes", "incidents", "explosions", "bombings", "raids", "clashes",
    "protests", "demonstrations", "events", "killings", "kidnappings", "abductions", "shootings",
    "violations", "operations", "sorties", "shells", "missiles", "rockets", "drones", "air raids",
})
_CLAUSE_SPLIT = re.compile(r"[;:]|,\s+(?:and|but|while|whereas)\b|\bwhile\b|\bwhereas\b|(?<=[.!?])\s")


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` that holds chars ``start``..``end``."""
    lo, hi = 0, len(text)
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return text[lo:hi]


def _counts_events(sent: "Span", quantity_end: int) -> bool:
    """A large count of events ("42,234 documented airstrikes") rather than of people."""
    rest = doc_text(sent.doc)[quantity_end:quantity_end + 40].lower().split()
    return any(w.strip(".,;") in _EVENT_NOUNS for w in rest[:3])


def is_aggregate(sent: "Span", quantity_start: int, quantity_end: int) -> bool:
    """Whether the number at chars ``quantity_start``..``quantity_end`` is a running total, not one incident's toll.

    Cues in the number's clause: "since 2015", "so far this year", "in the past month",
    "over the past two days", "in total", "to date", "the war has killed", "documented", or a
    count of events ("42,234 airstrikes") rather than of victims.
    """
    offset = sent.start_char
    text = span_text(sent)
    clause = _clause_around(text, quantity_start - offset, quantity_end - offset)
    if _AGGREGATE.search(clause):
        return True
    return _counts_events(sent, quantity_end) and _is_large(doc_text(sent.doc)[quantity_start:quantity_end])


def is_conflict_total(sent: "Span", quantity_start: int, quantity_end: int) -> bool:
    """'a war that has killed thousands': a total over a whole war, whatever sentence it stands in."""
    offset = sent.start_char
    clause = _clause_around(span_text(sent), quantity_start - offset, quantity_end - offset)
    return bool(_CONFLICT_TOTAL.search(clause))


def _is_large(quantity: str) -> bool:
    digits = re.sub(r"[^\d]", "", quantity)
    if digits:
        return int(digits) >= 20
    return quantity.lower().strip() in ("hundreds", "thousands", "dozens", "scores", "tens of thousands")
