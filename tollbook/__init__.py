"""tollbook: conflict news into incident reports where every figure carries who claims it.

    >>> import tollbook
    >>> result = tollbook.extract("Gunmen killed three villagers in Kidal on Monday.", published="2024-03-06")
    >>> [(r.sub_event_type, r.event_date) for r in result.reports]
    [('Attack', '2024-03-04')]
"""
from .extraction import extract, extract_articles
from .records import Article, Claim, Denial, Evidence, ExtractionResult, Range, Rejection, Report, Statistic

__version__ = "0.1.0"
__all__ = ["extract", "extract_articles", "Article", "Claim", "Denial", "Evidence", "ExtractionResult", "Range",
           "Rejection", "Report", "Statistic", "__version__"]
