"""search indexes over saker and their treatments

SQLite: an FTS5 table (unicode61) over title, vedtak, forslag and text, one row per sak; FTS5
tables over the titles alone, as words (unicode61, with an fts5vocab view for typos) and as
trigrams (compounds: «helsesamarbeid» inside «kommunehelsesamarbeidet»); all kept in sync by
triggers, so the loader need not know.
PostgreSQL: tsvector('norwegian') of the title and of everything per sak in `sak_search`, kept
by triggers, with GIN indexes; `search_words`, the words of the titles, also kept by a trigger,
with a pg_trgm index (compounds: the title words that hold a query word).

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


def _sqlite_titles(row: str, action: str) -> str:
    """Statements that add (or remove, with the old values) a sak's title in both title indexes."""
    out = []
    for table in ("sak_title_fts", "sak_title_tri"):
        if action == "delete":
            out.append(
                f"INSERT INTO {table}({table}, rowid, title) VALUES ('delete', {row}.id, {row}.title);"
            )
        else:
            out.append(f"INSERT INTO {table}(rowid, title) VALUES ({row}.id, {row}.title);")
    return "\n        ".join(out)


SQLITE_UP = [
    # remove_diacritics 2: «radmann» finds «rådmann» for members without Norwegian keys.
    """CREATE VIRTUAL TABLE sak_fts USING fts5(
        title, vedtak, proposal, text, tokenize = 'unicode61 remove_diacritics 2')""",
    # The titles alone, as words and as trigrams (compounds); external content: stored once, in saker.
    """CREATE VIRTUAL TABLE sak_title_fts USING fts5(
        title, content = 'saker', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE sak_title_tri USING fts5(
        title, content = 'saker', content_rowid = 'id', tokenize = 'trigram')""",
    # The title words, for correcting typos.
    "CREATE VIRTUAL TABLE sak_title_vocab USING fts5vocab(sak_title_fts, 'row')",
    f"""CREATE TRIGGER sak_search_ai AFTER INSERT ON saker BEGIN
        {_sqlite_titles("NEW", "insert")}
        {_sqlite_refresh("NEW.id")} END""",
    f"""CREATE TRIGGER sak_search_au AFTER UPDATE ON saker BEGIN
        {_sqlite_titles("OLD", "delete")}
        {_sqlite_titles("NEW", "insert")}
        {_sqlite_refresh("NEW.id")} END""",
    f"""CREATE TRIGGER sak_search_ad AFTER DELETE ON saker BEGIN
        {_sqlite_titles("OLD", "delete")}
        {_sqlite_refresh("OLD.id")} END""",
    f"CREATE TRIGGER treatment_search_ai AFTER INSERT ON treatments BEGIN {_sqlite_refresh('NEW.sak_id')} END",
    f"""CREATE TRIGGER treatment_search_au AFTER UPDATE OF sak_id, text, proposal, vedtak ON treatments
        BEGIN {_sqlite_refresh("NEW.sak_id")} END""",
    f"""CREATE TRIGGER treatment_search_move AFTER UPDATE OF sak_id ON treatments
        WHEN OLD.sak_id <> NEW.sak_id BEGIN {_sqlite_refresh("OLD.sak_id")} END""",
    f"CREATE TRIGGER treatment_search_ad AFTER DELETE ON treatments BEGIN {_sqlite_refresh('OLD.sak_id')} END",
    # Saker already in the database when this migration runs.
    """INSERT INTO sak_fts(rowid, title, vedtak, proposal, text)
        SELECT s.id, s.title,
               (SELECT group_concat(t.vedtak, char(10)) FROM treatments t WHERE t.sak_id = s.id),
               (SELECT group_concat(t.proposal, char(10)) FROM treatments t WHERE t.sak_id = s.id),
               (SELECT group_concat(t.text, char(10)) FROM treatments t WHERE t.sak_id = s.id)
        FROM saker s""",
    "INSERT INTO sak_title_fts(sak_title_fts) VALUES ('rebuild')",
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
    "DROP TABLE IF EXISTS sak_title_vocab",
    "DROP TABLE IF EXISTS sak_title_tri",
    "DROP TABLE IF EXISTS sak_title_fts",
    "DROP TABLE IF EXISTS sak_fts",
]

PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE sak_search (
        sak_id integer PRIMARY KEY REFERENCES saker (id) ON DELETE CASCADE,
        title tsvector NOT NULL,
        document tsvector NOT NULL)""",
    # Weighted (title A, vedtak and forslag B, text D) for queries that ask «word:A».
    """CREATE FUNCTION sak_search_refresh(p_sak integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO sak_search (sak_id, title, document)
        SELECT s.id, to_tsvector('norwegian', s.title),
               setweight(to_tsvector('norwegian', s.title), 'A')
               || setweight(to_tsvector('norwegian', coalesce(string_agg(t.vedtak, ' '), '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(string_agg(t.proposal, ' '), '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(string_agg(t.text, ' '), '')), 'D')
        FROM saker s LEFT JOIN treatments t ON t.sak_id = s.id
        WHERE s.id = p_sak
        GROUP BY s.id
        ON CONFLICT (sak_id) DO UPDATE SET title = EXCLUDED.title, document = EXCLUDED.document
    $$""",
    # The words of the titles, for correcting typos; never pruned (a stale word finds nothing).
    "CREATE TABLE search_words (word text PRIMARY KEY)",
    """CREATE FUNCTION search_words_add(p_title text) RETURNS void LANGUAGE sql AS $$
        INSERT INTO search_words (word)
        SELECT DISTINCT w FROM regexp_split_to_table(lower(p_title), '[^[:alnum:]]+') AS w
        WHERE length(w) >= 4 AND w !~ '^[0-9]+$'
        ON CONFLICT DO NOTHING
    $$""",
    """CREATE FUNCTION sak_search_sak_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM sak_search_refresh(NEW.id);
        PERFORM search_words_add(NEW.title);
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
    """INSERT INTO sak_search (sak_id, title, document)
        SELECT s.id, to_tsvector('norwegian', s.title),
               setweight(to_tsvector('norwegian', s.title), 'A')
               || setweight(to_tsvector('norwegian', coalesce(t.vedtak, '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(t.proposal, '')), 'B')
               || setweight(to_tsvector('norwegian', coalesce(t.text, '')), 'D')
        FROM saker s LEFT JOIN (
            SELECT sak_id, string_agg(vedtak, ' ') AS vedtak, string_agg(proposal, ' ') AS proposal,
                   string_agg(text, ' ') AS text
            FROM treatments GROUP BY sak_id
        ) t ON t.sak_id = s.id""",
    """INSERT INTO search_words (word)
        SELECT DISTINCT w FROM saker, regexp_split_to_table(lower(title), '[^[:alnum:]]+') AS w
        WHERE length(w) >= 4 AND w !~ '^[0-9]+$'""",
    "CREATE INDEX ix_sak_search_document ON sak_search USING gin (document)",
    "CREATE INDEX ix_sak_search_title ON sak_search USING gin (title)",
    "CREATE INDEX ix_search_words_trgm ON search_words USING gin (word gin_trgm_ops)",
    # The planner needs the new tables' statistics to choose between the indexes at once.
    "ANALYZE saker",
    "ANALYZE sak_search",
    "ANALYZE search_words",
]

PG_DOWN = [
    "DROP TRIGGER IF EXISTS sak_search_treatment ON treatments",
    "DROP TRIGGER IF EXISTS sak_search_sak ON saker",
    "DROP FUNCTION IF EXISTS sak_search_treatment_trigger()",
    "DROP FUNCTION IF EXISTS sak_search_sak_trigger()",
    "DROP FUNCTION IF EXISTS sak_search_refresh(integer)",
    "DROP FUNCTION IF EXISTS search_words_add(text)",
    "DROP TABLE IF EXISTS search_words",
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
