"""indexes on reports (iso3, event_date) and (iso3, date_precision, event_date) for the merge

The merge looks up the stored reports of a country within a new report's window, and those of
each wider date precision within that precision's window. Without them each ingested batch
scans every report, and on a big store one batch holds the write lock for minutes.

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
    op.create_index('ix_reports_iso3_precision_date', 'reports', ['iso3', 'date_precision', 'event_date'])


def downgrade() -> None:
    op.drop_index('ix_reports_iso3_precision_date', table_name='reports')
    op.drop_index('ix_reports_iso3_date', table_name='reports')
