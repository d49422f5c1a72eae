"""Who says it, on PolNeAR's political news: tollbook's claimant spans against annotated sources.

    python -m bench.attribution_polnear [--limit N] [--json FILE]

Data: ../shared/data/polnear (dev + test, 168 articles from the 2016 US election campaign, brat standoff;
third-party, never copied into the repository). Where an article was annotated twice, the first
annotation file (by name) is used. The setting is politics, not conflict: sources are campaign figures,
pundits and polls, contents are opinions and quotes rather than tolls; it measures the generic machinery
tollbook uses for claimants (``tollbook.nlp.attribution``), not the claimant types or the figures.

Setting, per article: the text is parsed once (``nlp.pipe``) and walked sentence by sentence with one
``Attributor`` (outlet = the publisher), as ``tollbook.extraction._attribute`` does: each sentence's own
attribution is remembered, so "he said" can refer back.

* Per gold attribution (a Content span with a Source span): the claimant of the content is
  ``Attributor.attribute(sentence, anchor)`` with the anchor at the syntactic root of the content inside
  a sentence it covers; the sentence where the content ends is tried first, then the earlier ones (a
  quote that runs over sentences names its speaker once). A reference back ("he said") is scored at the
  speaker's words in the sentence (PolNeAR marks the pronoun; the antecedent tollbook resolves it to is
  not scored). Exact: the same text, edge punctuation aside; overlap: the spans share a character;
  head: the root word of the gold source lies inside our span.
* Gold attributions with no source: how often tollbook names one anyway.
* Per sentence, source detection: the sentence's own attribution (``attribute(sentence)``, no anchor)
  against the gold sources that sentence holds. Precision: of the sentences where tollbook names a
  source, the share whose span overlaps a gold source; recall: of the sentences holding a gold source,
  the share where tollbook names an overlapping one. Also the share of those sentences in which tollbook
  sees a reporting verb at all.
* Cues: the reporting verbs tollbook finds (``_reporting_verbs_in_order``) against the gold Cue spans.
"""
from __future__ import annotations

import bisect
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span

from tollbook.nlp.attribution import Attribution, Attributor, _phrase_tokens, _reporting_verbs_in_order, _speaker_of
from tollbook.nlp.pipeline import load_nlp

from .claims_common import bench_main, data_dir, print_table, progress, rate

SPLITS = ("dev", "test")
EDGES = " \t\n,;:.\"“”'’‘"
Offsets = tuple[int, int]


@dataclass
class GoldAttribution:
    content: Offsets
    source: Offsets | None
    cues: list[Offsets]


@dataclass
class Document:
    name: str
    text: str
    publisher: str | None
    attributions: list[GoldAttribution] = field(default_factory=list)
    sources: list[Offsets] = field(default_factory=list)
    cues: list[Offsets] = field(default_factory=list)


def load(folder: Path, limit: int | None = None) -> list[Document]:
    documents: list[Document] = []
    for split in SPLITS:
        seen: set[str] = set()
        for ann in sorted((folder / split / "attributions").glob("*.ann")):
            name = ann.stem.rsplit("_", 1)[0]
            if name in seen:
                continue
            seen.add(name)
            if limit is not None and len(documents) >= limit:
                return documents
            text = (folder / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            documents.append(parse_standoff(name, text, ann.read_text(encoding="utf-8")))
    return documents


def parse_standoff(name: str, text: str, standoff: str) -> Document:
    """Brat ``T`` spans (a discontinuous span is taken from its first start to its last end) and ``E`` links."""
    spans: dict[str, tuple[str, Offsets]] = {}
    links: list[dict[str, str]] = []
    for line in standoff.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, where = parts[1].partition(" ")
            pieces = [tuple(int(x) for x in piece.split()) for piece in where.split(";")]
            spans[parts[0]] = (kind, (pieces[0][0], pieces[-1][1]))
        elif parts[0].startswith("E"):
            links.append(dict(role.split(":", 1) for role in parts[1].split() if ":" in role))
    document = Document(name=name, text=text, publisher=name.split("_", 1)[0])
    document.sources = sorted({where for kind, where in spans.values() if kind == "Source"})
    document.cues = sorted({where for kind, where in spans.values() if kind == "Cue"})
    for link in links:
        if link.get("Content") not in spans:
            continue
        source = spans.get(link.get("Source", ""), (None, None))[1]
        cues = [spans[t][1] for role, t in link.items() if role.startswith("Cue") and t in spans]
        document.attributions.append(GoldAttribution(content=spans[link["Content"]][1], source=source, cues=cues))
    return document


@dataclass
class Counts:
    with_source: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    head: int = 0
    without_source: int = 0
    named_without_source: int = 0
    gold_sentences: int = 0
    gold_sentences_with_verb: int = 0
    found_sentences: int = 0
    predicted_sentences: int = 0
    correct_sentences: int = 0
    gold_cues: int = 0
    found_cues: int = 0
    our_cues: int = 0
    our_cues_right: int = 0

    def metrics(self) -> dict:
        return {
            "attributions_with_source": self.with_source,
            "source_predicted": rate(self.predicted, self.with_source),
            "source_exact": rate(self.exact, self.with_source),
            "source_overlap": rate(self.overlap, self.with_source),
            "source_head": rate(self.head, self.with_source),
            "attributions_without_source": self.without_source,
            "source_named_without_gold_source": rate(self.named_without_source, self.without_source),
            "sentences_with_gold_source": self.gold_sentences,
            "sentence_reporting_verb_seen": rate(self.gold_sentences_with_verb, self.gold_sentences),
            "sentence_source_precision": rate(self.correct_sentences, self.predicted_sentences),
            "sentence_source_recall": rate(self.found_sentences, self.gold_sentences),
            "cue_recall": rate(self.found_cues, self.gold_cues),
            "cue_precision": rate(self.our_cues_right, self.our_cues),
        }


def score_document(doc: Doc, document: Document, counts: Counts) -> None:
    sentences = list(doc.sents)
    starts = [s.start_char for s in sentences]
    attributor = Attributor(document.publisher)
    by_last_sentence: dict[int, list[GoldAttribution]] = {}
    for gold in document.attributions:
        by_last_sentence.setdefault(_sentence_at(starts, gold.content[1] - 1), []).append(gold)
    for index, sent in enumerate(sentences):
        said = attributor.attribute(sent)
        if said is not None:
            attributor.remember(said)
        _score_sentence(sent, _local(said, sent, None, attributor), document, counts)
        for gold in by_last_sentence.get(index, []):
            first = _sentence_at(starts, gold.content[0])
            predicted = _claimant_of(gold.content, sentences[first:index + 1], attributor)
            _score_attribution(doc, document.text, gold, predicted, counts)


def _sentence_at(starts: list[int], char: int) -> int:
    return max(bisect.bisect_right(starts, char) - 1, 0)


def _claimant_of(content: Offsets, sentences: list[Span], attributor: Attributor) -> Offsets | None:
    """The claimant span for a content, trying the sentence it ends in first, then the earlier ones."""
    for sent in reversed(sentences):
        start, end = max(content[0], sent.start_char), min(content[1], sent.end_char)
        part = sent.doc.char_span(start, end, alignment_mode="expand") if start < end else None
        anchor = part.root.i if part is not None and len(part) else None
        found = attributor.attribute(sent, anchor)
        if found is not None:
            return _local(found, sent, anchor, attributor)
    return None


def _local(found: Attribution | None, sent: Span, anchor: int | None, attributor: Attributor) -> Offsets | None:
    """Our claimant's words in this sentence: its own span, or, for a reference back, the speaker's words."""
    if found is None:
        return None
    if sent.start_char <= found.start and found.end <= sent.end_char:
        return found.start, found.end
    for verb in _reporting_verbs_in_order(sent, anchor):
        speaker = _speaker_of(verb)
        if speaker is not None and attributor._resolve(sent, speaker) is not None:
            phrase = _phrase_tokens(speaker)
            return phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
    return None


def _score_attribution(doc: Doc, text: str, gold: GoldAttribution, predicted: Offsets | None,
                       counts: Counts) -> None:
    if gold.source is None:
        counts.without_source += 1
        counts.named_without_source += predicted is not None
        return
    counts.with_source += 1
    if predicted is None:
        return
    counts.predicted += 1
    counts.exact += _trimmed(text, predicted) == _trimmed(text, gold.source)
    counts.overlap += _overlaps(predicted, gold.source)
    head = doc.char_span(*gold.source, alignment_mode="expand")
    counts.head += head is not None and len(head) > 0 and predicted[0] <= head.root.idx < predicted[1]


def _score_sentence(sent: Span, predicted: Offsets | None, document: Document, counts: Counts) -> None:
    gold = [s for s in document.sources if sent.start_char <= s[0] < sent.end_char]
    verbs = _reporting_verbs_in_order(sent, None)
    for verb in verbs:
        counts.our_cues += 1
        counts.our_cues_right += any(c[0] <= verb.idx < c[1] for c in document.cues)
    for cue in document.cues:
        if sent.start_char <= cue[0] < sent.end_char:
            counts.gold_cues += 1
            counts.found_cues += any(cue[0] <= v.idx < cue[1] for v in verbs)
    if predicted is not None:
        counts.predicted_sentences += 1
        counts.correct_sentences += any(_overlaps(predicted, s) for s in document.sources)
    if gold:
        counts.gold_sentences += 1
        counts.gold_sentences_with_verb += bool(verbs)
        counts.found_sentences += predicted is not None and any(_overlaps(predicted, s) for s in gold)


def _trimmed(text: str, where: Offsets) -> str:
    return " ".join(text[where[0]:where[1]].split()).strip(EDGES)


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def run(limit: int | None = None, folder: Path | None = None) -> dict:
    documents = load(folder or data_dir("polnear"), limit)
    counts = Counts()
    started = time.perf_counter()
    docs = load_nlp().pipe((d.text for d in documents), batch_size=8)
    for n, (doc, document) in enumerate(zip(docs, documents), 1):
        progress(n, len(documents))
        score_document(doc, document, counts)
    return {"documents": len(documents), "seconds": round(time.perf_counter() - started, 1), **counts.metrics()}


def print_report(metrics: dict, out=sys.stdout) -> None:
    rows = [
        ["source of a content (exact / overlap / head)", metrics["attributions_with_source"],
         f"{metrics['source_exact']:.3f} / {metrics['source_overlap']:.3f} / {metrics['source_head']:.3f}"],
        ["a source named at all", metrics["attributions_with_source"], metrics["source_predicted"]],
        ["a source named where gold has none", metrics["attributions_without_source"],
         metrics["source_named_without_gold_source"]],
        ["sentence source detection (P / R)", metrics["sentences_with_gold_source"],
         f"{metrics['sentence_source_precision']:.3f} / {metrics['sentence_source_recall']:.3f}"],
        ["reporting cue (P / R)", "-", f"{metrics['cue_precision']:.3f} / {metrics['cue_recall']:.3f}"],
    ]
    print_table(f"PolNeAR dev+test: {metrics['documents']} articles, {metrics['seconds']} s",
                ["attribution", "n", "score"], rows, out)


def main() -> None:
    bench_main(__doc__, "polnear", "articles", lambda args: run(args.limit), print_report)


if __name__ == "__main__":
    main()
