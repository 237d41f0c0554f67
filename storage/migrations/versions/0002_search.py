"""search indexes over saker and their treatments

SQLite: an FTS5 table (unicode61) over title, vedtak, forslag and text, one row per sak, and a
trigram FTS5 table over the titles (compounds: «helsesamarbeid» inside «kommunehelsesamarbeidet»),
both kept in sync by triggers so the loader need not know.
PostgreSQL: a weighted tsvector('norwegian') per sak in `sak_search`, kept by triggers, with a GIN
index; pg_trgm and a trigram GIN index on the titles for compounds and typos.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_refresh(sak: str) -> str:
    """Statements that rebuild the FTS row of sak `sak` (an SQL expression) from the tables."""
    return f"""
        DELETE FROM sak_fts WHERE rowid = {sak};
        INSERT INTO sak_fts(rowid, title, vedtak, proposal, text)
            SELECT s.id, s.title,
                   (SELECT group_concat(t.vedtak, char(10)) FROM treatments t WHERE t.sak_id = s.id),
                   (SELECT group_concat(t.proposal, char(10)) FROM treatments t WHERE t.sak_id = s.id),
                   (SELECT group_concat(t.text, char(10)) FROM treatments t WHERE t.sak_id = s.id)
            FROM saker s WHERE s.id = {sak};
    """


SQLITE_UP = [
    # remove_diacritics 2: «radmann» finds «rådmann» for members without Norwegian keys.
    """CREATE VIRTUAL TABLE sak_fts USING fts5(
        title, vedtak, proposal, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '3')""",
    # External content (the saker table): the titles are not stored twice.
    """CREATE VIRTUAL TABLE sak_title_tri USING fts5(
        title, content = 'saker', content_rowid = 'id', tokenize = 'trigram')""",
    f"""CREATE TRIGGER sak_search_ai AFTER INSERT ON saker BEGIN
        INSERT INTO sak_title_tri(rowid, title) VALUES (NEW.id, NEW.title);
        {_sqlite_refresh('NEW.id')} END""",
    f"""CREATE TRIGGER sak_search_au AFTER UPDATE ON saker BEGIN
        INSERT INTO sak_title_tri(sak_title_tri, rowid, title) VALUES ('delete', OLD.id, OLD.title);
        INSERT INTO sak_title_tri(rowid, title) VALUES (NEW.id, NEW.title);
        {_sqlite_refresh('NEW.id')} END""",
    f"""CREATE TRIGGER sak_search_ad AFTER DELETE ON saker BEGIN
        INSERT INTO sak_title_tri(sak_title_tri, rowid, title) VALUES ('delete', OLD.id, OLD.title);
        {_sqlite_refresh('OLD.id')} END""",
    f"CREATE TRIGGER treatment_search_ai AFTER INSERT ON treatments BEGIN {_sqlite_refresh('NEW.sak_id')} END",
    f"""CREATE TRIGGER treatment_search_au AFTER UPDATE OF sak_id, text, proposal, vedtak ON treatments
        BEGIN {_sqlite_refresh('NEW.sak_id')} END""",
    f"""CREATE TRIGGER treatment_search_move AFTER UPDATE OF sak_id ON treatments
        WHEN OLD.sak_id <> NEW.sak_id BEGIN {_sqlite_refresh('OLD.sak_id')} END""",
    f"CREATE TRIGGER treatment_search_ad AFTER DELETE ON treatments BEGIN {_sqlite_refresh('OLD.sak_id')} END",
    # Saker already in the database when this migration runs.
    """INSERT INTO sak_fts(rowid, title, vedtak, proposal, text)
        SELECT s.id, s.title,
               (SELECT group_concat(t.vedtak, char(10)) FROM treatments t WHERE t.sak_id = s.id),
               (SELECT group_concat(t.proposal, char(10)) FROM treatments t WHERE t.sak_id = s.id),
               (SELECT group_concat(t.text, char(10)) FROM treatments t WHERE t.sak_id = s.id)
        FROM saker s""",
    "INSERT INTO sak_title_tri(sak_title_tri) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS sak_search_ai",
    "DROP TRIGGER IF EXISTS sak_search_au",
    "DROP TRIGGER IF EXISTS sak_search_ad",
    "DROP TRIGGER IF EXISTS treatment_search_ai",
    "DROP TRIGGER IF EXISTS treatment_search_au",
    "DROP TRIGGER IF EXISTS treatment_search_ad",
    "DROP TRIGGER IF EXISTS treatment_search_move",
    "DROP TABLE IF EXISTS sak_title_tri",
    "DROP TABLE IF EXISTS sak_fts",
]

PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE sak_search (
        sak_id integer PRIMARY KEY REFERENCES saker (id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
    # Title weighs most (A), then vedtak and forslag (B), then the text (D).
    """CREATE FUNCTION sak_search_refresh(p_sak integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO sak_search (sak_id, document)
        SELECT s.id,
               setweight(to_tsvector('norwegian', s.title), 'A')
               || setweight(to_tsvector('norwegian', coalesce(string_agg(t.vedtak, ' '), '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(string_agg(t.proposal, ' '), '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(string_agg(t.text, ' '), '')), 'D')
        FROM saker s LEFT JOIN treatments t ON t.sak_id = s.id
        WHERE s.id = p_sak
        GROUP BY s.id
        ON CONFLICT (sak_id) DO UPDATE SET document = EXCLUDED.document
    $$""",
    """CREATE FUNCTION sak_search_sak_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM sak_search_refresh(NEW.id);
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION sak_search_treatment_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM sak_search_refresh(OLD.sak_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            IF TG_OP = 'INSERT' OR NEW.sak_id <> OLD.sak_id THEN
                PERFORM sak_search_refresh(NEW.sak_id);
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER sak_search_sak AFTER INSERT OR UPDATE OF title ON saker
        FOR EACH ROW EXECUTE FUNCTION sak_search_sak_trigger()""",
    """CREATE TRIGGER sak_search_treatment AFTER INSERT OR DELETE OR UPDATE OF sak_id, text, proposal, vedtak
        ON treatments FOR EACH ROW EXECUTE FUNCTION sak_search_treatment_trigger()""",
    # Saker already in the database, in one pass; the indexes are built after (faster than during).
    """INSERT INTO sak_search (sak_id, document)
        SELECT s.id,
               setweight(to_tsvector('norwegian', s.title), 'A')
               || setweight(to_tsvector('norwegian', coalesce(t.vedtak, '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(t.proposal, '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(t.text, '')), 'D')
        FROM saker s LEFT JOIN (
            SELECT sak_id, string_agg(vedtak, ' ') AS vedtak, string_agg(proposal, ' ') AS proposal,
                   string_agg(text, ' ') AS text
            FROM treatments GROUP BY sak_id
        ) t ON t.sak_id = s.id""",
    "CREATE INDEX ix_sak_search_document ON sak_search USING gin (document)",
    "CREATE INDEX ix_saker_title_trgm ON saker USING gin (title gin_trgm_ops)",
]

PG_DOWN = [
    "DROP TRIGGER IF EXISTS sak_search_treatment ON treatments",
    "DROP TRIGGER IF EXISTS sak_search_sak ON saker",
    "DROP FUNCTION IF EXISTS sak_search_treatment_trigger()",
    "DROP FUNCTION IF EXISTS sak_search_sak_trigger()",
    "DROP FUNCTION IF EXISTS sak_search_refresh(integer)",
    "DROP INDEX IF EXISTS ix_saker_title_trgm",
    "DROP TABLE IF EXISTS sak_search",
]


def upgrade() -> None:
    statements = PG_UP if op.get_bind().dialect.name == "postgresql" else SQLITE_UP
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    statements = PG_DOWN if op.get_bind().dialect.name == "postgresql" else SQLITE_DOWN
    for statement in statements:
        op.execute(statement)
