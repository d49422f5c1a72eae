"""One error tree for tollbook, with stable codes.

TollbookError
 ├── SourceError        (E1xx) input that cannot become an Article
 ├── ExtractionError    (E2xx) the NLP pipeline failed on an article
 ├── GazetteerError     (E3xx) a gazetteer file cannot be imported
 ├── StoreError         (E4xx) the incident database cannot be opened, migrated or queried
 ├── ApiError           (E6xx) an HTTP request the API refuses (bad parameter, too large, no token)
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
    "E601": "request parameter or body is invalid",
    "E602": "request is over the size bound",
    "E603": "missing or wrong bearer token",
    "E604": "no such resource",
    "E605": "method not allowed on this resource",
    "E606": "the server failed on this request",
    "E607": "writing is disabled: the server has no token (set TOLLBOOK_TOKEN)",
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


class ApiError(TollbookError):
    """A request the HTTP API refuses; ``status`` is the HTTP status it answers with."""
    code = "E601"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message, code=code)
        if status:
            self.status = status


class ConfigError(TollbookError):
    """Missing model or bad option: the message says what to run."""
    code = "E901"
