"""One error tree for tollbook, with stable codes.

TollbookError
 ├── SourceError        (E1xx) input that cannot become an Article
 ├── ExtractionError    (E2xx) the NLP pipeline failed on an article
 ├── GazetteerError     (E3xx) a gazetteer file cannot be imported
 ├── StoreError         (E4xx) the incident database cannot be opened, migrated or queried
 └── ConfigError        (E9xx) the installation or the command line is wrong

Codes are stable: they appear in rejections, on stderr and in run summaries.
"""
from __future__ import annotations

CODES = {
    "E101": "undecodable input (not UTF-8 text)",
    "E102": "binary input",
    "E103": "empty article text",
    "E104": "malformed JSON line",
    "E105": "article text over the size bound",
    "E106": "record is missing required field 'text'",
    "E107": "unreadable file",
    "E108": "unsupported file type",
    "E109": "malformed CSV row",
    "E110": "field has the wrong type",
    "E121": "WARC capture is not an HTTP 200 response",
    "E122": "WARC capture is not an HTML page",
    "E201": "extraction failed on this article",
    "E301": "not a GeoNames file the gazetteer import reads",
    "E401": "the database cannot be opened or migrated",
    "E402": "unsupported database URL",
    "E403": "bad incident query",
    "E901": "language model not installed",
    "E902": "a required package is missing or fails to import",
    "E903": "event typer model missing or unreadable",
    "E904": "typer training data missing or unusable",
    "E910": "bulk: bad input or scheduler setting",
    "E911": "bulk: the output folder belongs to another run",
    "E912": "bulk: partitions failed (run the same command again to retry them)",
}


class TollbookError(Exception):
    """Base of every error tollbook raises on purpose."""
    code = "E000"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {super().__str__()}"


class SourceError(TollbookError):
    """Input that cannot become an Article: turned into a Rejection by readers."""
    code = "E101"


class ExtractionError(TollbookError):
    code = "E201"


class GazetteerError(TollbookError):
    """A file ``tollbook gazetteer import`` cannot read."""
    code = "E301"


class StoreError(TollbookError):
    """The database URL, connection, migration or a query is wrong: the message says which."""
    code = "E401"


class ConfigError(TollbookError):
    """Missing model or bad option: the message says what to run."""
    code = "E901"
