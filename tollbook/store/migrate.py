"""Bringing a database to the current schema with the Alembic migrations shipped in this package."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet recorded in ``alembic_version`` (idempotent)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
