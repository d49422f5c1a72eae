"""Opening a database by URL: a SQLite file (WAL, one writer, many readers) or PostgreSQL (psycopg 3)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from ..errors import StoreError


def database_url(url: str) -> str:
    """'incidents.db' and 'sqlite:///incidents.db' are SQLite files; 'postgresql://…' uses psycopg 3."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("postgresql+", "sqlite:")):
        return url
    if "://" in url:
        raise StoreError(f"unsupported database URL {url!r}: give a SQLite file path, sqlite:///PATH or "
                         "postgresql://user@host:port/dbname", code="E402")
    return "sqlite:///" + str(Path(url))


def make_engine(url: str) -> Engine:
    full = database_url(url)
    if full.startswith("sqlite"):
        engine = create_engine(full, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate_for_writes)
        return engine
    return create_engine(full, pool_pre_ping=True)


def _sqlite_pragmas(connection, _record) -> None:
    connection.isolation_level = None  # transactions are opened explicitly in the begin hook
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin_immediate_for_writes(connection) -> None:
    # A writer takes the write lock up front (BEGIN IMMEDIATE), so two writers queue instead of
    # deadlocking on a lock upgrade; readers in WAL mode are never blocked by it.
    mode = connection.info.get("sqlite_begin", "BEGIN")
    connection.exec_driver_sql(mode)
