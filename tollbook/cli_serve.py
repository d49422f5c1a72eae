"""``tollbook serve``: the HTTP API and the web page over one incident database."""
from __future__ import annotations

import click

from .errors import TollbookError


@click.command()
@click.option("--db", "db_url", required=True,
              help="Database: a SQLite file path, sqlite:///PATH or postgresql://user@host:port/dbname.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each opens the database).")
def serve(db_url: str, host: str, port: int, workers: int) -> None:
    """Serve the JSON API (OpenAPI at /openapi.json) and the web map at http://HOST:PORT/.

    Reading is open; POST /articles needs `Authorization: Bearer $TOLLBOOK_TOKEN`
    and is refused when TOLLBOOK_TOKEN is not set.

    \b
    Example:
        tollbook ingest samples/ --db incidents.db
        TOLLBOOK_TOKEN=change-me tollbook serve --db incidents.db --port 8000
    """
    import uvicorn

    from .api.server import APP_FACTORY, app_from_env, use_database

    use_database(db_url)
    try:
        app_from_env()  # open (and migrate) here, so a bad URL fails before the server starts
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"tollbook: serving {db_url} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers,
                log_level="warning", limit_concurrency=512, timeout_keep_alive=5)
