"""reports.gazetteer_id and reports.place_evidence (the gazetteer), claims.adds_to

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reports') as batch_op:
        batch_op.add_column(sa.Column('gazetteer_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('place_evidence', sa.Text(), nullable=True))
    with op.batch_alter_table('claims') as batch_op:
        batch_op.add_column(sa.Column('adds_to', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claims') as batch_op:
        batch_op.drop_column('adds_to')
    with op.batch_alter_table('reports') as batch_op:
        batch_op.drop_column('place_evidence')
        batch_op.drop_column('gazetteer_id')
