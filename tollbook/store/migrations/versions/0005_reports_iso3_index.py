"""an index on reports (iso3, event_date): the merge looks up stored reports of a country's window

Without it each ingested batch scans every report (the merge's candidates are found by ISO3 code
and date), and on a big store one batch holds the write lock for minutes.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_reports_iso3_date', 'reports', ['iso3', 'event_date'])


def downgrade() -> None:
    op.drop_index('ix_reports_iso3_date', table_name='reports')
