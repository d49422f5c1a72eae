"""reports.typer, reports.type_source, reports.type_probability (the event typer)

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reports') as batch_op:
        batch_op.add_column(sa.Column('typer', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('type_source', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('type_probability', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reports') as batch_op:
        batch_op.drop_column('type_probability')
        batch_op.drop_column('type_source')
        batch_op.drop_column('typer')
