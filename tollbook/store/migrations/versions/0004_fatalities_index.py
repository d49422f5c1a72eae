"""an index on incidents.fatalities_best (the list sorted by deaths walks it instead of sorting)

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_incidents_fatalities', 'incidents', ['fatalities_best', 'incident_id'])


def downgrade() -> None:
    op.drop_index('ix_incidents_fatalities', table_name='incidents')
