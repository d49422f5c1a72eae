"""initial schema: articles, reports, claims, incidents, terms, rejections, runs

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('extractor', sa.String(length=64), nullable=False),
    sa.Column('report_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('article_id')
    )
    op.create_table('claims',
    sa.Column('report_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('figure', sa.String(length=16), nullable=False),
    sa.Column('group', sa.String(length=24), nullable=False),
    sa.Column('victims_text', sa.Text(), nullable=False),
    sa.Column('min', sa.Integer(), nullable=False),
    sa.Column('max', sa.Integer(), nullable=False),
    sa.Column('qualifier', sa.String(length=16), nullable=False),
    sa.Column('claimant', sa.Text(), nullable=False),
    sa.Column('claimant_type', sa.String(length=24), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('claimant_person', sa.Text(), nullable=True),
    sa.Column('includes_attacker', sa.Boolean(), nullable=False),
    sa.Column('superseded', sa.Boolean(), nullable=False),
    sa.Column('subset_of', sa.String(length=24), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('report_id', 'position')
    )
    op.create_table('incident_terms',
    sa.Column('term', sa.String(length=64), nullable=False),
    sa.Column('incident_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('term', 'incident_id')
    )
    with op.batch_alter_table('incident_terms', schema=None) as batch_op:
        batch_op.create_index('ix_incident_terms_incident', ['incident_id'], unique=False)

    op.create_table('incidents',
    sa.Column('incident_id', sa.String(length=64), nullable=False),
    sa.Column('event_date', sa.String(length=10), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('event_type', sa.String(length=64), nullable=True),
    sa.Column('sub_event_type', sa.String(length=64), nullable=True),
    sa.Column('actor1', sa.String(length=200), nullable=True),
    sa.Column('actor2', sa.String(length=200), nullable=True),
    sa.Column('actor1_text', sa.Text(), nullable=True),
    sa.Column('actor2_text', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=100), nullable=True),
    sa.Column('iso3', sa.String(length=3), nullable=True),
    sa.Column('admin1', sa.String(length=200), nullable=True),
    sa.Column('admin2', sa.String(length=200), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('fatalities_min', sa.Integer(), nullable=True),
    sa.Column('fatalities_max', sa.Integer(), nullable=True),
    sa.Column('fatalities_best', sa.Integer(), nullable=True),
    sa.Column('civilian_fatalities_min', sa.Integer(), nullable=True),
    sa.Column('civilian_fatalities_max', sa.Integer(), nullable=True),
    sa.Column('civilian_fatalities_best', sa.Integer(), nullable=True),
    sa.Column('child_fatalities_min', sa.Integer(), nullable=True),
    sa.Column('child_fatalities_max', sa.Integer(), nullable=True),
    sa.Column('child_fatalities_best', sa.Integer(), nullable=True),
    sa.Column('injured_min', sa.Integer(), nullable=True),
    sa.Column('injured_max', sa.Integer(), nullable=True),
    sa.Column('injured_best', sa.Integer(), nullable=True),
    sa.Column('report_count', sa.Integer(), nullable=False),
    sa.Column('report_ids', sa.Text(), nullable=False),
    sa.Column('outlets', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('incident_id')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_actor1', ['actor1', 'event_date'], unique=False)
        batch_op.create_index('ix_incidents_actor2', ['actor2', 'event_date'], unique=False)
        batch_op.create_index('ix_incidents_country_date', ['country', 'event_date'], unique=False)
        batch_op.create_index('ix_incidents_date', ['event_date', 'incident_id'], unique=False)
        batch_op.create_index('ix_incidents_iso3_date', ['iso3', 'event_date'], unique=False)
        batch_op.create_index('ix_incidents_lat_lon', ['latitude', 'longitude'], unique=False)
        batch_op.create_index('ix_incidents_subtype_date', ['sub_event_type', 'event_date'], unique=False)
        batch_op.create_index('ix_incidents_type_date', ['event_type', 'event_date'], unique=False)

    op.create_table('rejections',
    sa.Column('rejection_id', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('rejection_id')
    )
    with op.batch_alter_table('rejections', schema=None) as batch_op:
        batch_op.create_index('ix_rejections_code', ['code'], unique=False)

    op.create_table('reports',
    sa.Column('report_id', sa.String(length=64), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('event_date', sa.String(length=10), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('event_type', sa.String(length=64), nullable=True),
    sa.Column('sub_event_type', sa.String(length=64), nullable=True),
    sa.Column('actor1', sa.String(length=200), nullable=True),
    sa.Column('actor2', sa.String(length=200), nullable=True),
    sa.Column('actor1_text', sa.Text(), nullable=True),
    sa.Column('actor2_text', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=100), nullable=True),
    sa.Column('iso3', sa.String(length=3), nullable=True),
    sa.Column('admin1', sa.String(length=200), nullable=True),
    sa.Column('admin2', sa.String(length=200), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('fatalities_min', sa.Integer(), nullable=True),
    sa.Column('fatalities_max', sa.Integer(), nullable=True),
    sa.Column('fatalities_best', sa.Integer(), nullable=True),
    sa.Column('civilian_fatalities_min', sa.Integer(), nullable=True),
    sa.Column('civilian_fatalities_max', sa.Integer(), nullable=True),
    sa.Column('civilian_fatalities_best', sa.Integer(), nullable=True),
    sa.Column('child_fatalities_min', sa.Integer(), nullable=True),
    sa.Column('child_fatalities_max', sa.Integer(), nullable=True),
    sa.Column('child_fatalities_best', sa.Integer(), nullable=True),
    sa.Column('injured_min', sa.Integer(), nullable=True),
    sa.Column('injured_max', sa.Integer(), nullable=True),
    sa.Column('injured_best', sa.Integer(), nullable=True),
    sa.Column('modality', sa.String(length=16), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('denials', sa.Text(), nullable=False),
    sa.Column('field_evidence', sa.Text(), nullable=False),
    sa.Column('trigger', sa.Text(), nullable=True),
    sa.Column('extractor', sa.String(length=64), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.Column('incident_id', sa.String(length=64), nullable=True),
    sa.Column('component_id', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('report_id')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_article', ['article_id'], unique=False)
        batch_op.create_index('ix_reports_block_date', ['country', 'event_date'], unique=False)
        batch_op.create_index('ix_reports_block_place', ['country', 'location'], unique=False)
        batch_op.create_index('ix_reports_component', ['component_id'], unique=False)
        batch_op.create_index('ix_reports_incident', ['incident_id'], unique=False)

    op.create_table('runs',
    sa.Column('run_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started', sa.String(length=32), nullable=False),
    sa.Column('finished', sa.String(length=32), nullable=True),
    sa.Column('extractor', sa.String(length=64), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('rejections', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('run_id')
    )


def downgrade() -> None:
    op.drop_table('runs')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_incident')
        batch_op.drop_index('ix_reports_component')
        batch_op.drop_index('ix_reports_block_place')
        batch_op.drop_index('ix_reports_block_date')
        batch_op.drop_index('ix_reports_article')

    op.drop_table('reports')
    with op.batch_alter_table('rejections', schema=None) as batch_op:
        batch_op.drop_index('ix_rejections_code')

    op.drop_table('rejections')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_type_date')
        batch_op.drop_index('ix_incidents_subtype_date')
        batch_op.drop_index('ix_incidents_lat_lon')
        batch_op.drop_index('ix_incidents_iso3_date')
        batch_op.drop_index('ix_incidents_date')
        batch_op.drop_index('ix_incidents_country_date')
        batch_op.drop_index('ix_incidents_actor2')
        batch_op.drop_index('ix_incidents_actor1')

    op.drop_table('incidents')
    with op.batch_alter_table('incident_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_terms_incident')

    op.drop_table('incident_terms')
    op.drop_table('claims')
    op.drop_table('articles')
