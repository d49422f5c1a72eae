"""Event triggers: find candidate ACLED event mentions in a sentence and type them.

The rules live in ``tollbook/data/triggers.json``, tollbook's own lexicon written from the
sub-event definitions in ACLED's published codebook. This module compiles them once and
applies them to any spaCy ``Span``: a parsed one (dependency heads find a trigger's subject
and object) or one made by ``spacy.blank("en")`` (words around the trigger stand in).

The rule language, in brief:

* Words are lemma-ish keys (:func:`lemma_key`): lower case, inflection stripped when the
  base form is a word of the lexicon, so ``clashes`` matches ``clash`` without a lemmatizer.
* ``classes`` name word classes (``civilian``, ``state_force``, ``air`` ...); a member is a
  key or a phrase of keys. ``proper`` (a capitalised word the lexicon does not know) and
  ``number`` are computed.
* ``triggers`` (grouped by ACLED event type, for reading only): ``match`` gives phrase
  alternatives separated by ``|``; inside a phrase, ``/`` separates word alternatives and up
  to ``gap`` other tokens may stand between words. ``sub``/``score`` is the default reading;
  ``soft`` marks words other domains borrow; ``unless`` conditions drop the cue; ``cases`` is
  a decision list: the first case whose ``if`` holds gives ``sub``/``score`` (``null`` drops).
* Conditions, all of which must hold: ``near``/``before``/``after`` (a class or word within
  8 tokens), ``prev``/``next`` (within 2), ``prev1``/``next1`` (adjacent), ``self``,
  ``in_sent`` (anywhere in the span), ``subj``/``obj`` (the trigger's dependents with a parse,
  else the neighbouring words of its clause, passives handled), ``subj_side``
  (``state``/``nonstate``/``unknown``), ``lower`` (trigger in lower case). Every class
  condition has a ``not_`` form. Plain words in conditions become one-word classes.
* ``borrowed_domains``: sport, entertainment, markets, disease, natural disasters, accidents
  and political speech. In their sentences a soft cue is dropped unless a word of an
  ``overridden_by`` class (a weapon, a casualty ...) stands within 5 tokens of the trigger, so
  "the storm killed three, while an airstrike hit a school" keeps only the airstrike.
* ``topic_rule``: a violent word that a protest is about ("protested after a man was killed",
  "against the arrest of ...") is not an event of its own.

Overlapping matches keep one reading per trigger: the longest match, then the highest score.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

from .doccache import char_span, span_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "EventCue",
    "find_event_cues",
    "borrowed_war_words",
    "classify_text",
    "classify_docs",
    "best_cue",
    "lemma_key",
    "strip_label_prefix",
    "sub_event_types",
]

LEXICON_FILE = "triggers.json"
_EMPTY: frozenset[str] = frozenset()
_SKIP = frozenset({"-", "\u2010", "\u2011", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "(", ")", "[", "]"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_CLAUSE_BREAK = frozenset({".", ";", ":", "!", "?"})
_SUBJ_WINDOW = 10
_OBJ_WINDOW = 6
_NEAR_WINDOW = 8
_OVERRIDE_WINDOW = 5
_PREV_WINDOW = 2
_COMPUTED = ("proper", "number", "hyphenated", "clause_break")
_PROPER, _NUMBER, _HYPHENATED, _BREAK_CLASS = (frozenset({name}) for name in _COMPUTED)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions dozen dozens".split()
)


@dataclass(frozen=True, slots=True)
class EventCue:
    """One candidate event mention: the trigger words and the ACLED type the rules give them."""
    event_type: str
    sub_event_type: str
    start: int  # character offsets of the trigger in the Doc
    end: int
    trigger: str
    score: float  # 0..1 confidence of the rule


# --------------------------------------------------------------------------- lemma-ish keys

_IRREGULAR = {
    "fought": "fight", "threw": "throw", "thrown": "throw", "shot": "shoot", "shots": "shoot",
    "took": "take", "taken": "take", "blew": "blow", "blown": "blow", "struck": "strike",
    "overran": "overrun", "retook": "retake", "retaken": "retake", "fled": "flee", "led": "lead",
    "held": "hold", "ran": "run", "began": "begin", "begun": "begin", "broke": "break",
    "broken": "break", "laid": "lay", "stole": "steal", "stolen": "steal", "burnt": "burn",
    "dug": "dig", "went": "go", "gone": "go", "came": "come", "seen": "see", "saw": "see",
    "men": "man", "women": "woman", "children": "child", "caught": "catch", "beaten": "beat",
    "hung": "hang", "hanged": "hang", "slew": "slay", "slain": "slay", "fell": "fall",
    "fallen": "fall", "drove": "drive", "driven": "drive", "gave": "give", "given": "give",
    "brought": "bring", "sought": "seek", "won": "win", "lost": "lose", "met": "meet",
    "withdrew": "withdraw", "lit": "light", "withdrawn": "withdraw", "spoke": "speak", "spoken": "speak",
    "swore": "swear", "sworn": "swear", "stood": "stand", "overthrew": "overthrow",
    "overthrown": "overthrow", "found": "find", "built": "build", "sent": "send", "flew": "fly",
    "flown": "fly", "knives": "knife", "lives": "life", "wives": "wife", "thieves": "thief",
    "militias": "militia", "oxen": "ox", "left": "leave", "rode": "ride",
    "arose": "arise", "undertook": "undertake", "dealt": "deal", "fed": "feed", "hid": "hide",
    "hidden": "hide", "sank": "sink", "sunk": "sink", "shook": "shake", "forgave": "forgive",
    "freed": "free",
}
# Words that look inflected but are not ("according" is not a form of "accord").
_PROTECT = frozenset({
    "according", "mining", "news", "united", "during", "used", "sitting", "evening", "morning",
    "thing", "things", "nothing", "something", "anything", "everything", "meeting", "hearing",
    "ceiling", "spring", "string", "bring", "king", "ring", "wing", "bus", "gas", "arms", "series",
    "species", "always", "perhaps", "various", "previous", "numerous", "famous", "serious",
    "dangerous", "ones", "ties", "lies", "dies", "buildings", "wedding",
    "remains", "clothes", "headquarters", "premises", "savings", "surroundings", "outskirts",
    "belongings", "earnings", "goods", "crossing", "feeling", "holding",
})


def _candidates(word: str) -> Iterable[str]:
    """Possible base forms of an inflected English word, most specific first."""
    if word.endswith("'s") or word.endswith("\u2019s"):
        yield word[:-2]
    n = len(word)
    if n > 4 and word.endswith(("ies", "ied")):
        yield word[:-3] + "y"
    if n > 3 and word.endswith("s") and not word.endswith("ss"):
        yield word[:-1]
    if n > 3 and word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh", "o")):
        yield word[:-2]  # "clashes", "boxes", "heroes"; not "sites" (which is no "sit")
    if n > 3 and word.endswith("ed"):
        yield word[:-2]
        yield word[:-1]
        if n > 5 and word[-3] == word[-4]:
            yield word[:-3]
    if n > 4 and word.endswith("ing"):
        yield word[:-3]
        yield word[:-3] + "e"
        if n > 6 and word[-4] == word[-5]:
            yield word[:-4]
    if n > 5 and word.endswith("ings"):
        yield word[:-4]
        yield word[:-4] + "e"


def _key_in(lower: str, vocab: frozenset[str]) -> str:
    """``lower`` reduced to its base form when that base is in ``vocab`` (recursively)."""
    irregular = _IRREGULAR.get(lower)
    if irregular is not None:
        return irregular
    if lower in _PROTECT:
        return lower
    for cand in _candidates(lower):
        if len(cand) >= 3 and cand in vocab:
            return _key_in(cand, vocab)
    return lower


def lemma_key(word: str) -> str:
    """The lemma-ish key the lexicon uses for ``word``: ``"Clashes"`` -> ``"clash"``, ``"killed"`` -> ``"kill"``."""
    return _lexicon().key(word.lower())


def sub_event_types() -> dict[str, str]:
    """ACLED's sub-event types, each with its event type (from the lexicon's taxonomy)."""
    return _lexicon().sub_to_type


# --------------------------------------------------------------------------- compiled lexicon

@dataclass(frozen=True, slots=True)
class _Cond:
    kind: str
    classes: frozenset[str]  # class names; a plain word w is the one-word class "=w"
    value: object  # subj_side name or lower flag
    negate: bool


_BREAK_COND = _Cond("near", _BREAK_CLASS, None, False)


@dataclass(frozen=True, slots=True)
class _Case:
    conds: tuple[_Cond, ...]
    sub: str | None
    score: float


@dataclass(frozen=True, slots=True)
class _Trigger:
    words: tuple[frozenset[str], ...]
    gap: int
    sub: str
    score: float
    soft: bool
    unless: tuple[_Cond, ...]
    cases: tuple[_Case, ...]


@dataclass(frozen=True, slots=True)
class _Domain:
    name: str
    classes: frozenset[str]
    override: _Cond  # classes whose words near a trigger show real violence


_CLASS_KINDS = frozenset({"near", "before", "after", "prev", "next", "prev1", "next1", "self", "in_sent", "subj", "obj"})
_SIDES = ("state", "nonstate", "unknown")


class _Lexicon:
    """The trigger lexicon compiled for fast lookups (built once per process)."""

    def __init__(self, data: dict):
        self.sub_to_type = {sub: etype for etype, subs in data["taxonomy"].items() for sub in subs}
        self.class_names = frozenset(data["classes"]) | frozenset(_COMPUTED)
        self.vocab = frozenset(_raw_words(data, self.class_names))
        self._keys: dict[str, str] = {}
        self.lemma_useless: set[str] = set()
        self.classes_of: dict[str, frozenset[str]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._literal: dict[str, set[str]] = {}
        self._compile_classes(data["classes"])
        self.known = frozenset(self._keys.values())
        self.index: dict[str, list[_Trigger]] = {}
        for group in data["triggers"].values():
            for raw in group:
                for phrase in raw["match"].split("|"):
                    trig = self._compile_trigger(raw, phrase)
                    for first in trig.words[0]:
                        self.index.setdefault(first, []).append(trig)
        self.known = frozenset(self._keys.values())
        self.domains = tuple(
            _Domain(name, self._class_set(d["classes"]), self._cond("near", "|".join(d["overridden_by"]), False))
            for name, d in data["borrowed_domains"].items()
        )
        topic = data["topic_rule"]
        self.topic_markers = self._cond("near", topic["markers"], False)
        self.topic_context = self._cond("in_sent", topic["context"], False)
        self.topic_window = int(topic["window"])
        self.topic_exempt = frozenset(topic["exempt_subs"])
        self.topic_links = self._cond("near", topic["links"], False)
        self.topic_reach = int(topic["reach"])
        for k, names in self._literal.items():
            self.classes_of[k] = self.classes_of.get(k, _EMPTY) | names

    def key(self, lower: str) -> str:
        found = self._keys.get(lower)
        if found is None:
            found = self._keys[lower] = _key_in(lower, self.vocab)
        return found

    def _compile_classes(self, classes: dict[str, list[str]]) -> None:
        single: dict[str, set[str]] = {}
        for name, members in classes.items():
            for member in members:
                keys = tuple(self.key(w) for w in member.split())
                if len(keys) == 1:
                    single.setdefault(keys[0], set()).add(name)
                else:
                    self.phrases.setdefault(keys[0], []).append((keys, name))
        self.classes_of = {k: frozenset(v) for k, v in single.items()}

    def _class_set(self, names: str | list[str]) -> frozenset[str]:
        names = names.split("|") if isinstance(names, str) else names
        unknown = [n for n in names if n not in self.class_names]
        if unknown:
            raise ValueError(f"{LEXICON_FILE}: unknown class name(s) {unknown}; define them under 'classes'")
        return frozenset(names)

    def _cond(self, kind: str, value: object, negate: bool) -> _Cond:
        if kind in _CLASS_KINDS:
            classes = set()
            for name in str(value).split("|"):
                if name not in self.class_names:
                    k = self.key(name)
                    name = "=" + k
                    self._literal.setdefault(k, set()).add(name)
                classes.add(name)
            return _Cond(kind, frozenset(classes), None, negate)
        if kind == "subj_side" and value in _SIDES:
            return _Cond(kind, _EMPTY, value, negate)
        if kind == "lower" and isinstance(value, bool):
            return _Cond(kind, _EMPTY, value, negate)
        raise ValueError(f"{LEXICON_FILE}: unknown condition {kind!r}={value!r}")

    def _conds(self, raw: dict | None) -> tuple[_Cond, ...]:
        out = []
        for name, value in (raw or {}).items():
            negate = name.startswith("not_")
            out.append(self._cond(name[4:] if negate else name, value, negate))
        return tuple(out)

    def _check_sub(self, sub: str | None, where: str) -> None:
        if sub is not None and sub not in self.sub_to_type:
            raise ValueError(f"{LEXICON_FILE}: {where!r}: {sub!r} is not an ACLED sub-event type")

    def _compile_trigger(self, raw: dict, phrase: str) -> _Trigger:
        self._check_sub(raw["sub"], raw["match"])
        cases = []
        for case in raw.get("cases", []):
            sub = case.get("sub", raw["sub"])
            self._check_sub(sub, raw["match"])
            cases.append(_Case(self._conds(case["if"]), sub, float(case.get("score", raw["score"]))))
        return _Trigger(
            words=tuple(frozenset(self.key(a) for a in w.split("/")) for w in phrase.split()),
            gap=int(raw.get("gap", 1)),
            sub=raw["sub"],
            score=float(raw["score"]),
            soft=bool(raw.get("soft", False)),
            unless=self._conds(raw.get("unless")),
            cases=tuple(cases),
        )


def _raw_words(data: dict, class_names: frozenset[str]) -> set[str]:
    """Every word written in the lexicon: the vocabulary that inflected forms reduce to."""
    words: set[str] = set()
    for members in data["classes"].values():
        for member in members:
            words.update(member.split())

    def conds(raw: dict | None) -> None:
        for name, value in (raw or {}).items():
            if isinstance(value, str):
                words.update(n for n in value.split("|") if n not in class_names)

    for group in data["triggers"].values():
        for raw in group:
            for phrase in raw["match"].split("|"):
                for word in phrase.split():
                    words.update(word.split("/"))
            conds(raw.get("unless"))
            for case in raw.get("cases", []):
                conds(case["if"])
    return {w.lower() for w in words}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    text = resources.files("tollbook").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
    return _Lexicon(json.loads(text))


# --------------------------------------------------------------------------- one sentence, indexed

class _View:
    """A span's words (hyphens and quotes skipped) with their keys and, on demand, their classes."""

    __slots__ = ("lex", "toks", "texts", "keys", "_cls", "_where", "has_dep", "_pos_of", "_joined", "_roles")

    def __init__(self, sent: "Span", lex: _Lexicon):
        self.lex = lex
        toks: list["Token"] = []
        texts: list[str] = []
        joined: set[int] = set()
        for t in span_tokens(sent):
            text = t.text
            if text in _SKIP or text.isspace():
                if text in _HYPHENS and not t.whitespace_:
                    joined.add(len(toks))  # the next kept token is glued to the previous one
                continue
            toks.append(t)
            texts.append(text)
        self.toks = toks
        self.texts = texts
        self._joined = joined
        key = lex.key
        self.keys = [key(text.lower()) for text in texts]
        if toks and toks[0].lemma_:
            self._lemma_fallback()
        self.has_dep = bool(toks) and bool(toks[0].dep_)
        self._cls: list[frozenset[str]] | None = None
        self._where: dict[str, list[int]] | None = None
        self._pos_of: dict[int, int] | None = None
        self._roles: dict[tuple[int, int, str], frozenset[str]] = {}

    def _lemma_fallback(self) -> None:
        """With a lemmatizer, irregular forms the lexicon's own rules miss get their lemma's key.
        Word forms whose lemma never helped are remembered and skipped (most words)."""
        lex = self.lex
        known, useless = lex.known, lex.lemma_useless
        for p, k in enumerate(self.keys):
            if k in known or k in useless or k in _PROTECT:  # spaCy lemmatises "according" to "accord"
                continue
            lemma = lex.key(self.toks[p].lemma_.lower())
            if lemma in known:
                self.keys[p] = lemma
            elif len(useless) < 100_000:
                useless.add(k)

    @property
    def cls(self) -> list[frozenset[str]]:
        if self._cls is None:
            classes_of = self.lex.classes_of
            self._cls = [classes_of.get(k, _EMPTY) for k in self.keys]
            self._mark_computed()
            self._mark_phrases()
        return self._cls

    @property
    def where(self) -> dict[str, list[int]]:
        """Each class found in the span, with its positions in order."""
        if self._where is None:
            where: dict[str, list[int]] = {}
            for p, classes in enumerate(self.cls):
                for name in classes:
                    where.setdefault(name, []).append(p)
            self._where = where
        return self._where

    def _mark_computed(self) -> None:
        known = self.lex.known
        cls, texts, toks = self._cls, self.texts, self.toks
        for p, text in enumerate(texts):
            if p in self._joined:
                cls[p] = cls[p] | _HYPHENATED
            if text in _CLAUSE_BREAK:
                cls[p] = cls[p] | _BREAK_CLASS
                continue
            first = text[:1]
            if first.isdigit() or self.keys[p] in _NUMBER_WORDS:
                cls[p] = cls[p] | _NUMBER
            elif (p and first.isupper() and self.keys[p] not in known
                  and texts[p - 1] not in _CLAUSE_BREAK and not toks[p].is_stop):
                cls[p] = cls[p] | _PROPER

    def _mark_phrases(self) -> None:
        phrases = self.lex.phrases
        keys, cls = self.keys, self._cls
        for i, k in enumerate(keys):
            for seq, name in phrases.get(k, ()):
                j = i + len(seq)
                if tuple(keys[i:j]) == seq:
                    for p in range(i, j):
                        cls[p] = cls[p] | {name}

    @property
    def pos_of(self) -> dict[int, int]:
        if self._pos_of is None:
            self._pos_of = {t.i: n for n, t in enumerate(self.toks)}
        return self._pos_of

    # -- windows ---------------------------------------------------------------------------
    def has(self, p: int, cond: _Cond) -> bool:
        return not self.cls[p].isdisjoint(cond.classes)

    def any_in(self, lo: int, hi: int, cond: _Cond, skip_lo: int = 0, skip_hi: int = 0) -> bool:
        """Whether a word of ``cond``'s classes stands in positions ``lo``..``hi`` (outside the skip range)."""
        where = self.where
        for name in cond.classes:
            positions = where.get(name)
            if positions is None:
                continue
            k = bisect_left(positions, lo)
            while k < len(positions) and positions[k] < hi:
                if not skip_lo <= positions[k] < skip_hi:
                    return True
                k += 1
        return False

    def clause_left(self, i: int, limit: int) -> int:
        lo = max(i - limit, 0)
        for p in range(i - 1, lo - 1, -1):
            if self.texts[p] in _CLAUSE_BREAK:
                return p + 1
        return lo

    def clause_right(self, j: int, limit: int) -> int:
        hi = min(j + limit, len(self.toks))
        for p in range(j, hi):
            if self.texts[p] in _CLAUSE_BREAK:
                return p
        return hi

    # -- grammar ---------------------------------------------------------------------------
    def role_classes(self, i: int, j: int, role: str) -> frozenset[str]:
        """The classes of the trigger's subject or object words, found once per trigger: a trigger's
        rule cases ask about the same subject again and again."""
        key = (i, j, role)
        found = self._roles.get(key)
        if found is None:
            cls = self.cls
            found = frozenset().union(*(cls[p] for p in self.role_positions(i, j, role)))
            self._roles[key] = found
        return found

    def role_positions(self, i: int, j: int, role: str) -> list[int] | range:
        """Positions of the trigger's subject (``subj``) or object (``obj``) words."""
        if self.has_dep:
            found = _dep_subjects(self.toks[i]) if role == "subj" else _dep_objects(self.toks[j - 1])
            pos_of = self.pos_of
            positions = [pos_of[t.i] for t in found if t.i in pos_of]
            if positions:
                return positions
        before = range(self.clause_left(i, _SUBJ_WINDOW), i)
        if self.is_passive(i):  # "a soldier was killed by gunmen": patient before, agent after "by"
            return self.agent_after(j) if role == "subj" else before
        return before if role == "subj" else self.object_window(j)

    def object_window(self, j: int) -> range:
        """The words after a trigger up to the end of its object: "attack on [a base] near X"."""
        hi = self.clause_right(j, _OBJ_WINDOW)
        start = j + 1 if j < hi and self.texts[j].lower() in _OBJ_PREPS else j
        for p in range(start, hi):
            if self.texts[p].lower() in _ADJUNCT_START:
                return range(j, p)
        return range(j, hi)

    def is_passive(self, i: int) -> bool:
        for p in (i - 1, i - 2):
            if p < 0:
                return False
            low = self.toks[p].lower_
            if low in _PASSIVE_AUX:
                return True
            if not low.endswith("ly"):
                return False
        return False

    def agent_after(self, j: int) -> range:
        for p in range(j, min(j + 4, len(self.toks))):
            if self.toks[p].lower_ == "by":
                return range(p + 1, self.clause_right(p + 1, _OBJ_WINDOW))
        return range(0)

    def side(self, positions: Iterable[int]) -> str:
        """``state`` / ``nonstate`` / ``unknown``: the first actor word at ``positions`` decides."""
        cls = self.cls
        for p in sorted(positions):
            c = cls[p]
            if "nonstate" in c:
                return "nonstate"
            if "state_force" in c or "force_noun" in c:
                return "state"
        return "unknown"

    def subject_side(self, i: int, j: int) -> str:
        """The side of the actor doing the trigger: its parsed subject, else the nearest noun group before it."""
        if self.has_dep:
            found = [self.pos_of[t.i] for t in _dep_subjects(self.toks[i]) if t.i in self.pos_of]
            if found:
                return self.side(found)
        if self.is_passive(i):
            return self.side(self.agent_after(j))
        lo = self.clause_left(i, _SUBJ_WINDOW)
        p = i - 1
        while p >= lo:
            if not self.cls[p].isdisjoint(_ACTOR_CLASSES):
                modifier = next((q for q in range(p - 1, max(lo, p - 4) - 1, -1) if self.keys[q] in _MODIFIER_PREPS), None)
                if modifier is not None:  # "forces backed by militias": skip the modifier's actor
                    p = modifier - 1
                    continue
                start = p
                while start > lo and self.keys[start - 1] not in _NP_BREAK:
                    start -= 1
                return self.side(range(start, p + 1))
            p -= 1
        return "unknown"


_ADJUNCT_START = frozenset({
    "in", "at", "near", "during", "while", "after", "before", "following", "when", "amid", "as",
    "since", "until", "from", "with", "by", "using", "because", "due", "and", "but", ",",
})
_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "be", "is", "are", "get", "got", "gets"})
_ACTOR_CLASSES = frozenset({"nonstate", "state_force", "force_noun"})
_MODIFIER_PREPS = frozenset({"by", "with", "from", "against", "alongside", "including", "among", "between"})
_NP_BREAK = _MODIFIER_PREPS | frozenset({
    "in", "on", "at", "of", "to", "after", "following", "amid", "during", "near", "for", "backed",
    "supported", "led", ",", ".", ";", ":", "while", "where", "when", "as", "that", "which", "who",
})


_OBJ_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "dative", "nsubjpass"})
_OBJ_PREPS = frozenset({"on", "at", "against", "of", "in", "into", "upon", "over", "near", "targeting"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_SUBJ_DEPS = frozenset({"nsubj", "csubj", "compound", "amod", "poss", "nmod"})
_EXPAND_DEPS = frozenset({"conj", "compound", "amod", "appos", "nmod", "poss"})


def _expand(tokens: list["Token"]) -> list["Token"]:
    out = []
    for t in tokens:
        out.append(t)
        for c in t.children:
            if c.dep_ in _EXPAND_DEPS:
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _dep_objects(tok: "Token") -> list["Token"]:
    found = []
    # "seized an ambulance in the village": with a direct object, "in"/"at"/"near" say where, not what
    direct = any(c.dep_ in ("dobj", "obj") for c in tok.children)
    for c in tok.children:
        if c.dep_ in _OBJ_DEPS:
            found.append(c)
        elif c.dep_ == "prep" and c.lower_ in _OBJ_PREPS and not (direct and c.lower_ in _LOCATIVE_PREPS):
            # "on 13 August", "in the morning": when, not what
            found.extend(g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in _TIME_ENTS)
    if tok.dep_ in ("acl", "amod") and tok.head is not tok:
        found.append(tok.head)
    return _expand(found)


def _dep_subjects(tok: "Token") -> list["Token"]:
    found: list["Token"] = []
    node = tok
    for _ in range(3):  # climb conj/xcomp chains: "shot and killed", "managed to capture"
        for c in node.children:
            if c.dep_ in _SUBJ_DEPS:
                found.append(c)
            elif c.dep_ == "agent":
                found.extend(g for g in c.children if g.dep_ == "pobj")
        if found or node.dep_ not in ("conj", "xcomp", "advcl") or node.head is node:
            break
        node = node.head
    return _expand(found)


# --------------------------------------------------------------------------- conditions

def _holds(cond: _Cond, view: _View, i: int, j: int) -> bool:
    kind = cond.kind
    if kind == "near":
        ok = view.any_in(i - _NEAR_WINDOW, j + _NEAR_WINDOW, cond, i, j)
    elif kind == "prev":
        ok = view.any_in(i - _PREV_WINDOW, i, cond)
    elif kind == "next":
        ok = view.any_in(j, j + _PREV_WINDOW, cond)
    elif kind == "prev1":
        ok = view.any_in(i - 1, i, cond)
    elif kind == "next1":
        ok = view.any_in(j, j + 1, cond)
    elif kind == "self":
        ok = view.any_in(i, j, cond)
    elif kind == "in_sent":
        ok = view.any_in(0, len(view.toks), cond, i, j)
    elif kind == "before":
        ok = view.any_in(i - _NEAR_WINDOW, i, cond)
    elif kind == "after":
        ok = view.any_in(j, j + _NEAR_WINDOW, cond)
    elif kind in ("subj", "obj"):
        ok = not view.role_classes(i, j, kind).isdisjoint(cond.classes)
    elif kind == "subj_side":
        ok = view.subject_side(i, j) == cond.value
    else:  # lower
        ok = view.texts[i].islower() == cond.value
    return ok != cond.negate


def _all_hold(conds: tuple[_Cond, ...], view: _View, i: int, j: int) -> bool:
    return all(_holds(c, view, i, j) for c in conds)


# --------------------------------------------------------------------------- matching

def _match_at(trig: _Trigger, keys: list[str], i: int) -> int | None:
    """End position (exclusive) of ``trig`` starting at ``i``, or None."""
    p = i + 1
    for alts in trig.words[1:]:
        limit = min(p + trig.gap + 1, len(keys))
        while p < limit and keys[p] not in alts:
            p += 1
        if p >= limit:
            return None
        p += 1
    return p


def _resolve(trig: _Trigger, view: _View, i: int, j: int) -> tuple[str, float] | None:
    if trig.unless and _all_hold(trig.unless, view, i, j):
        return None
    for case in trig.cases:
        if _all_hold(case.conds, view, i, j):
            return None if case.sub is None else (case.sub, case.score)
    return trig.sub, trig.score


_Raw = tuple[int, int, str, float, bool]  # start pos, end pos, sub-type, score, soft


def _raw_cues(view: _View) -> list[_Raw]:
    index = view.lex.index
    keys = view.keys
    found = []
    for i, k in enumerate(keys):
        for trig in index.get(k, ()):
            j = _match_at(trig, keys, i)
            if j is None:
                continue
            resolved = _resolve(trig, view, i, j)
            if resolved is not None:
                found.append((i, j, resolved[0], resolved[1], trig.soft))
    return found


def _domains_present(view: _View) -> list[_Domain]:
    """The domains that borrow war words (sport, markets ...) the span talks about."""
    present = view.where.keys()
    return [dom for dom in view.lex.domains if not present.isdisjoint(dom.classes)]


def _borrowed(view: _View, cue: _Raw, domains: list[_Domain]) -> bool:
    """A soft cue is borrowed when its domain is in the span and no real-violence word
    (a weapon, a casualty ...) stands near the trigger: "the storm killed three people,
    while an airstrike hit a school" keeps the airstrike and drops the storm's toll."""
    i, j = cue[0], cue[1]
    return any(
        not view.any_in(i - _OVERRIDE_WINDOW, j + _OVERRIDE_WINDOW, dom.override, i, j)
        for dom in domains
    )


def _drop_borrowed(view: _View, found: list[_Raw]) -> list[_Raw]:
    if not any(c[4] for c in found):
        return found
    domains = _domains_present(view)
    if not domains:
        return found
    return [c for c in found if not (c[4] and _borrowed(view, c, domains))]


def _is_protest_topic(view: _View, cue: _Raw, protests: list[int]) -> bool:
    """A violent word that is what a protest is about: "protested against the arrest of ...",
    "residents protested after a man was killed by ...". Either a protest word stands earlier in
    the same clause with a linking word ("after", "over", "who" ...) between, or a marker
    ("against", "demanding justice") stands right before the violent word."""
    lex = view.lex
    if cue[2] in lex.topic_exempt:
        return False
    i = cue[0]
    for k in protests:
        if i - lex.topic_reach <= k < i and not view.any_in(k, i, _BREAK_COND) and view.any_in(k + 1, i, lex.topic_links):
            return True
    return view.any_in(i - lex.topic_window, i, lex.topic_markers) and _holds(lex.topic_context, view, i, cue[1])


def _drop_protest_topics(view: _View, found: list[_Raw]) -> list[_Raw]:
    protests = [c[0] for c in found if c[2] in view.lex.topic_exempt]
    return [c for c in found if not _is_protest_topic(view, c, protests)]


def _one_per_trigger(found: list[_Raw]) -> list[_Raw]:
    """One reading per trigger: of overlapping matches the longest wins (a phrase like "riot
    police" or "suicide bomber" overrides its single words), then the strongest."""
    found.sort(key=lambda c: (-(c[1] - c[0]), -c[3], c[0]))
    taken: set[int] = set()
    kept = []
    for cue in found:
        span = range(cue[0], cue[1])
        if taken.isdisjoint(span):
            kept.append(cue)
            taken.update(span)
    return kept


def _cues(view: _View) -> list[EventCue]:
    found = _raw_cues(view)
    if not found:
        return []
    found = _drop_protest_topics(view, _drop_borrowed(view, found))
    sub_to_type = view.lex.sub_to_type
    doc = view.toks[0].doc
    out = []
    for i, j, sub, score, _soft in _suicide_in_battle(_one_per_trigger(found), view):
        first, last = view.toks[i], view.toks[j - 1]
        trigger = doc[first.i:last.i + 1].text
        out.append(EventCue(sub_to_type[sub], sub, first.idx, first.idx + len(trigger), trigger, score))
    return out


CLASH_SCORE = 0.9  # "clashes", "a gunbattle": a fight told in so many words
FIGHT_SCORE = 0.7  # "attacked army positions", "opened fire on the troops": a fight told by its blows


def _suicide_in_battle(found: list[_Raw], view: _View) -> list[_Raw]:
    """A suicide bombing told with a clash ("the clash was initiated with an SVBIED", "IS attacked
    rebel positions, using SVBIEDs") is coded as the clash: of the training notes that name a suicide
    bombing, ACLED's coders code 258 as an armed clash and 8 as a suicide bomb. A battle cue read
    from a death ("two soldiers were killed") tells whom the bomb hit, not a fight."""
    if not any(sub == "Armed clash" and (score >= CLASH_SCORE or (score >= FIGHT_SCORE and not _tells_death(view, i, j)))
               for i, j, sub, score, _soft in found):
        return found
    return [(i, j, "Armed clash", score, soft) if sub == "Suicide bomb" else (i, j, sub, score, soft)
            for i, j, sub, score, soft in found]


def _tells_death(view: _View, i: int, j: int) -> bool:
    return any("casualty" in view.cls[p] for p in range(i, j))


_last_view: list = [None, None]  # (span key, view): callers often ask borrowed_war_words then find_event_cues


def _view_of(sent: "Span") -> _View:
    key = (sent.doc, sent.start, sent.end)
    cached_key, view = _last_view
    if cached_key is not None and cached_key[0] is key[0] and cached_key[1:] == key[1:]:
        return view
    view = _View(sent, _lexicon())
    _last_view[0], _last_view[1] = key, view
    return view


def find_event_cues(sent: "Span") -> list[EventCue]:
    """Candidate event mentions in one sentence, strongest first, one per trigger.

    Works on parsed Docs and on ``spacy.blank("en")`` Docs alike. Cues from words that other
    domains borrow (``attack``, ``battle``, ``crash`` ...) are dropped when the sentence is
    about sport, markets, entertainment, weather, accidents or political speech.
    """
    return _cues(_view_of(sent))


def borrowed_war_words(sent: "Span", victims_counted: bool = False) -> bool:
    """True when the sentence is about a domain that borrows war words (a box-office bomb, a
    striker's shot, a market crash, a storm's toll) and none of its words is a real event cue.

    ``victims_counted``: the sentence counts people killed or hurt ("the team saw four people
    killed"), which is itself the casualty evidence that overrides sport, finance or politics;
    a storm's or a crash's toll stays borrowed."""
    view = _view_of(sent)
    domains = _domains_present(view)
    if victims_counted:
        domains = [dom for dom in domains if "casualty" not in dom.override.classes]
    if not domains:
        return False
    found = _raw_cues(view)
    if not any(c[4] for c in found):
        return not found
    return not [c for c in found if not (c[4] and _borrowed(view, c, domains))]


# --------------------------------------------------------------------------- whole texts

_LABEL_PREFIX = re.compile(r"^\s*([A-Z][A-Za-z/ -]{2,40}):\s+")


def strip_label_prefix(text: str) -> str:
    """Drop a leading ``Label:`` tag of at most five words (``Movement of forces: ...``)."""
    m = _LABEL_PREFIX.match(text)
    if m and len(m.group(1).split()) <= 5:
        return text[m.end():]
    return text


def best_cue(span: "Span") -> EventCue | None:
    """The strongest cue of a span that tells the event, not its setting (the earliest on a tie)."""
    cues = find_event_cues(span)
    if not cues:
        return None
    demoted = only_setting(span.doc, _by_sentence(span.doc, cues))
    return min(cues, key=lambda c: (c in demoted, -c.score, c.start))


CONCESSIVE = frozenset({"despite", "amid", "amidst"})
PERSON_RELATIVES = frozenset({"who", "whom"})


def only_setting(doc: "Doc", sentences: Iterable[Iterable[EventCue]]) -> set[EventCue]:
    """The cues that tell the setting of an event another cue of their sentence tells; they rank last.
    A sentence with nothing but setting ("aid workers who were abducted during an ambush") keeps
    its cues: the event may be told there all the same."""
    demoted: set[EventCue] = set()
    for cues in sentences:
        setting = {c: tells_setting(doc, c) for c in cues}
        if not all(setting.values()):
            demoted.update(c for c, is_setting in setting.items() if is_setting)
    return demoted


def _by_sentence(doc: "Doc", cues: list[EventCue]) -> list[list[EventCue]]:
    if not doc.has_annotation("SENT_START"):
        return [cues]
    groups: dict[int, list[EventCue]] = {}
    for c in cues:
        span = char_span(doc, c.start, c.end)
        groups.setdefault(-1 if span is None else span.sent.start, []).append(c)
    return list(groups.values())


def tells_setting(doc: "Doc", cue: EventCue) -> bool:
    """The cue tells the setting of the event, not the event: it sits in a concessive phrase ("IS
    seized Ramadi despite stepped-up airstrikes") or in a relative clause that describes a person
    ("gunmen shot a former rebel who had signed a reconciliation agreement")."""
    span = char_span(doc, cue.start, cue.end)
    if span is None or not span.root.dep_:  # an unparsed Doc knows no clauses
        return False
    root = span.root
    for node in (root, *root.ancestors):
        if node.dep_ == "prep" and node.lower_ in CONCESSIVE and node is not root:
            return True
        if node.dep_ == "relcl" and any(c.lower_ in PERSON_RELATIVES for c in node.children):
            return True
    return False


def classify_docs(docs: Iterable["Doc"]) -> list[tuple[str, str] | None]:
    """(event_type, sub_event_type) of each Doc, read whole as one span, from its best cue."""
    out: list[tuple[str, str] | None] = []
    for doc in docs:
        cue = best_cue(doc[:])
        out.append(None if cue is None else (cue.event_type, cue.sub_event_type))
    return out


def classify_text(text: str, nlp: "Language") -> tuple[str, str] | None:
    """(event_type, sub_event_type) of a short text such as an ACLED note, from its best cue.

    The whole text is read as one span, so context in one sentence ("Teachers protested.")
    types a trigger in the next ("Police fired tear gas."). A leading ``Label:`` tag is kept:
    strip it with :func:`strip_label_prefix` first when it merely restates a label.
    """
    return classify_docs([nlp(text)])[0]
