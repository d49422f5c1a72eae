"""an index on incidents.fatalities_best (the list sorted by deaths walks it instead of sorting);
the place index also holds fatalities_best and incident_id, so the map's grid reads only the index

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
    op.drop_index('ix_incidents_lat_lon', table_name='incidents')
    op.create_index('ix_incidents_place', 'incidents', ['latitude', 'longitude', 'fatalities_best', 'incident_id'])


def downgrade() -> None:
    op.drop_index('ix_incidents_place', table_name='incidents')
    op.create_index('ix_incidents_lat_lon', 'incidents', ['latitude', 'longitude'])
    op.drop_index('ix_incidents_fatalities', table_name='incidents')
