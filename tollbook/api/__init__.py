"""The HTTP API (FastAPI): thin routes over ``tollbook.store`` queries, and the web page."""
from .app import ApiSettings, create_app
from .limits import Limits

__all__ = ["ApiSettings", "Limits", "create_app"]
