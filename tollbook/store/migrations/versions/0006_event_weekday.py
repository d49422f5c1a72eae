"""reports.event_weekday: the weekday an undated article names for its incident

Two articles without a publication date that tell rockets "on Friday" and shelling "on Wednesday"
in one city tell two incidents; the merge needs the weekday to keep them apart.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reports') as batch_op:
        batch_op.add_column(sa.Column('event_weekday', sa.String(length=9), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reports') as batch_op:
        batch_op.drop_column('event_weekday')
