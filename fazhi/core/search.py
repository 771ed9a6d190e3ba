"""Chinese full-text search behind one interface: SQLite FTS5 or PostgreSQL tsvector.

Generic: any module may index its records (``kind`` names the record type, e.g. ``"normdocs.normdoc"``).
Text is segmented with **jieba** (search mode, ``cut_for_search``), which emits the two-character
words inside longer ones (行政处罚 → 行政, 处罚, 行政处罚), so a two-character query such as 执法 or
处罚 matches. The segmented words are stored space-separated; SQLite indexes them with FTS5's
``unicode61`` tokenizer, PostgreSQL with ``to_tsvector('simple', …)``. Both therefore see the same
tokens, and one query builder serves both:

    each word of the query (jieba precise mode) must match, either as itself or as all of its
    search-mode sub-words ( "行政处罚" OR ("行政" AND "处罚") ).

Ranking: FTS5 ``bm25`` / PostgreSQL ``ts_rank`` with the title weighted above the body. Snippets are
computed in Python from the record's own text (:func:`highlight`), the same on both databases.

Storage (created by :func:`ensure_schema`, idempotent; the normdocs migration calls it):
``fazhi_search_doc`` (one row per (kind, obj_id) with the filter columns org_id, status, year,
category) and, on SQLite, the FTS5 table ``fazhi_search_fts`` whose rowid is the doc row's id; on
PostgreSQL a ``tsv`` column with a GIN index. Writes run on the caller's connection and transaction,
so a rolled-back service also rolls back its index rows.

Usage::

    from fazhi.core import search
    search.index([search.Entry("normdocs.normdoc", doc.id, doc.organization_id, doc.title, doc.text,
                               status=doc.state, year=2021, category="normative")])
    res = search.search("行政处罚", kinds=["normdocs.normdoc"], org_ids=[...], limit=20)
    for hit in res.hits: ...  # hit.kind, hit.obj_id, hit.rank
    search.highlight(doc.text, res.terms)   # safe HTML with <mark>
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

DOC_TABLE = "fazhi_search_doc"
FTS_TABLE = "fazhi_search_fts"
TITLE_WEIGHT = 8.0
WORD_RE = re.compile(r"^\w+$")
SENTENCE_RE = re.compile(r"[^。！？；;!?\n，,、：:]+[。！？；;!?\n，,、：:]*")


@dataclass
class Entry:
    kind: str
    obj_id: int
    org_id: int | None
    title: str
    body: str = ""
    status: str = ""
    year: int | None = None
    category: str = ""


@dataclass
class Hit:
    kind: str
    obj_id: int
    rank: float


@dataclass
class Result:
    total: int
    hits: list[Hit] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def _jieba():
    import jieba
    jieba.setLogLevel(60)
    return jieba


@functools.lru_cache(maxsize=100_000)
def _sentence_tokens(sentence: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _jieba().cut_for_search(sentence) if WORD_RE.match(w))


def tokenize(text: str) -> list[str]:
    """Search-mode words of ``text`` (punctuation dropped). Cached per clause: jieba never joins words
    across punctuation, so the cache changes nothing but the speed on repetitive corpora."""
    out: list[str] = []
    for sentence in SENTENCE_RE.findall(text or ""):
        out.extend(_sentence_tokens(sentence))
    return out


def query_groups(query: str) -> list[list[str]]:
    """The query's words, each with the alternatives that satisfy it: [[word, sub1, sub2], …].

    ``[w]`` alone means the word must match itself; ``[w, a, b]`` means w, or a and b together."""
    jieba = _jieba()
    groups = []
    for w in jieba.cut((query or "")[:200]):
        w = w.strip().lower()
        if not w or not WORD_RE.match(w):
            continue
        subs = [s for s in jieba.cut_for_search(w) if s != w and WORD_RE.match(s) and len(s) >= 2]
        # Keep the sub-words that together cover the word (a cover of 2-character parts at least).
        groups.append([w] + sorted(set(subs), key=w.find))
    return groups[:12]


def terms(query: str) -> list[str]:
    """Words to highlight: every word and sub-word of the query, longest first."""
    out = {t for g in query_groups(query) for t in g}
    return sorted(out, key=len, reverse=True)


# -- schema ---------------------------------------------------------------------------------------

def ensure_schema(conn=None) -> None:
    conn = conn or connection
    with conn.cursor() as cur:
        if conn.vendor == "postgresql":
            cur.execute(f"""CREATE TABLE IF NOT EXISTS {DOC_TABLE} (
                id bigserial PRIMARY KEY, kind varchar(60) NOT NULL, obj_id bigint NOT NULL, org_id bigint,
                status varchar(30) NOT NULL DEFAULT '', year integer, category varchar(30) NOT NULL DEFAULT '',
                tsv tsvector NOT NULL, UNIQUE (kind, obj_id))""")
            cur.execute(f"CREATE INDEX IF NOT EXISTS {DOC_TABLE}_tsv ON {DOC_TABLE} USING gin (tsv)")
            cur.execute(f"CREATE INDEX IF NOT EXISTS {DOC_TABLE}_kind_org ON {DOC_TABLE} (kind, org_id)")
        else:
            cur.execute(f"""CREATE TABLE IF NOT EXISTS {DOC_TABLE} (
                id integer PRIMARY KEY, kind varchar(60) NOT NULL, obj_id bigint NOT NULL, org_id bigint,
                status varchar(30) NOT NULL DEFAULT '', year integer, category varchar(30) NOT NULL DEFAULT '',
                UNIQUE (kind, obj_id))""")
            cur.execute(f"CREATE INDEX IF NOT EXISTS {DOC_TABLE}_kind_org ON {DOC_TABLE} (kind, org_id)")
            cur.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, tokenize='unicode61')")


def drop_schema(conn=None) -> None:
    conn = conn or connection
    with conn.cursor() as cur:
        if conn.vendor != "postgresql":
            cur.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        cur.execute(f"DROP TABLE IF EXISTS {DOC_TABLE}")


# -- writes ---------------------------------------------------------------------------------------

def remove(kind: str, obj_ids: Iterable[int]) -> None:
    ids = list(obj_ids)
    if not ids:
        return
    with connection.cursor() as cur:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join(["%s"] * len(chunk))
            if connection.vendor != "postgresql":
                cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id FROM {DOC_TABLE} "
                            f"WHERE kind = %s AND obj_id IN ({marks}))", [kind, *chunk])
            cur.execute(f"DELETE FROM {DOC_TABLE} WHERE kind = %s AND obj_id IN ({marks})", [kind, *chunk])


def clear(kind: str) -> None:
    with connection.cursor() as cur:
        if connection.vendor != "postgresql":
            cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id FROM {DOC_TABLE} WHERE kind = %s)", [kind])
        cur.execute(f"DELETE FROM {DOC_TABLE} WHERE kind = %s", [kind])


def index(entries: Iterable[Entry], batch: int = 1000) -> int:
    """Index (or re-index) entries; returns how many."""
    n = 0
    buf: list[Entry] = []
    for e in entries:
        buf.append(e)
        if len(buf) >= batch:
            n += _index_batch(buf)
            buf = []
    if buf:
        n += _index_batch(buf)
    return n


def _index_batch(entries: list[Entry]) -> int:
    by_kind: dict[str, list[int]] = {}
    for e in entries:
        by_kind.setdefault(e.kind, []).append(e.obj_id)
    for kind, ids in by_kind.items():
        remove(kind, ids)
    rows = [(e, " ".join(tokenize(e.title)), " ".join(tokenize(e.body))) for e in entries]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.executemany(
                f"INSERT INTO {DOC_TABLE} (kind, obj_id, org_id, status, year, category, tsv) VALUES "
                "(%s, %s, %s, %s, %s, %s, setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'D'))",
                [(e.kind, e.obj_id, e.org_id, e.status or "", e.year, e.category or "", t, b) for e, t, b in rows])
        else:
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {DOC_TABLE}")
            base = cur.fetchone()[0]
            cur.executemany(
                f"INSERT INTO {DOC_TABLE} (id, kind, obj_id, org_id, status, year, category) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(base + i + 1, e.kind, e.obj_id, e.org_id, e.status or "", e.year, e.category or "")
                 for i, (e, _t, _b) in enumerate(rows)])
            cur.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                            [(base + i + 1, t, b) for i, (_e, t, b) in enumerate(rows)])
    return len(rows)


# -- reads ----------------------------------------------------------------------------------------

def _fts_query(groups: list[list[str]]) -> str:
    def q(t):
        return '"' + t.replace('"', '""') + '"'
    parts = []
    for g in groups:
        if len(g) > 1:
            parts.append(f"({q(g[0])} OR ({' AND '.join(q(s) for s in g[1:])}))")
        else:
            parts.append(q(g[0]))
    return " AND ".join(parts)


def _ts_query(groups: list[list[str]]) -> str:
    def q(t):
        return "'" + t.replace("'", "''").replace("\\", "") + "'"
    parts = []
    for g in groups:
        if len(g) > 1:
            parts.append(f"({q(g[0])} | ({' & '.join(q(s) for s in g[1:])}))")
        else:
            parts.append(q(g[0]))
    return " & ".join(parts)


def _filters(kinds, org_ids, status, year, category, alias="d"):
    where, params = [], []
    if kinds:
        where.append(f"{alias}.kind IN ({','.join(['%s'] * len(kinds))})")
        params += list(kinds)
    if org_ids is not None:
        org_ids = list(org_ids)
        if not org_ids:
            where.append("1 = 0")
        else:
            where.append(f"{alias}.org_id IN ({','.join(['%s'] * len(org_ids))})")
            params += org_ids
    for col, val in (("status", status), ("category", category)):
        if val:
            vals = [val] if isinstance(val, str) else list(val)
            where.append(f"{alias}.{col} IN ({','.join(['%s'] * len(vals))})")
            params += vals
    if year:
        where.append(f"{alias}.year = %s")
        params.append(int(year))
    return where, params


def search(query: str, *, kinds: Sequence[str] | None = None, org_ids: Iterable[int] | None = None,
           status: str | Sequence[str] | None = None, year: int | None = None, category: str | Sequence[str] | None = None,
           limit: int = 20, offset: int = 0) -> Result:
    """Ranked hits for ``query`` (best first) and the total count. ``org_ids=None`` means no org filter
    (callers pass the user's visible organizations: scoping stays with the caller's selector)."""
    groups = query_groups(query)
    if not groups:
        return Result(total=0, terms=[])
    where, params = _filters(kinds, org_ids, status, year, category)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            tsq = _ts_query(groups)
            cond = " AND ".join(["d.tsv @@ to_tsquery('simple', %s)", *where])
            cur.execute(f"SELECT COUNT(*) FROM {DOC_TABLE} d WHERE {cond}", [tsq, *params])
            total = cur.fetchone()[0]
            cur.execute(f"SELECT d.kind, d.obj_id, ts_rank('{{0.1, 0.2, 0.4, 1.0}}', d.tsv, to_tsquery('simple', %s)) AS r "
                        f"FROM {DOC_TABLE} d WHERE {cond} ORDER BY r DESC, d.obj_id DESC LIMIT %s OFFSET %s",
                        [tsq, tsq, *params, int(limit), int(offset)])
            hits = [Hit(k, o, float(r)) for k, o, r in cur.fetchall()]
        else:
            ftq = _fts_query(groups)
            cond = " AND ".join([f"{FTS_TABLE} MATCH %s", *where])
            # CROSS JOIN: SQLite must drive the loop from the FTS match, not scan the doc table and MATCH per row.
            join = f"FROM {FTS_TABLE} CROSS JOIN {DOC_TABLE} d ON d.id = {FTS_TABLE}.rowid"
            cur.execute(f"SELECT COUNT(*) {join} WHERE {cond}", [ftq, *params])
            total = cur.fetchone()[0]
            cur.execute(f"SELECT d.kind, d.obj_id, bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0) AS r {join} WHERE {cond} "
                        "ORDER BY r ASC, d.obj_id DESC LIMIT %s OFFSET %s", [ftq, *params, int(limit), int(offset)])
            hits = [Hit(k, o, -float(r)) for k, o, r in cur.fetchall()]
    return Result(total=total, hits=hits, terms=sorted({t for g in groups for t in g}, key=len, reverse=True))


def highlight(text: str, words: Sequence[str], width: int = 120) -> SafeString:
    """An escaped snippet of ``text`` around the first match, with every query word in <mark>."""
    text = re.sub(r"\s+", " ", text or "")
    words = [w for w in sorted(set(words), key=len, reverse=True) if w]
    if not words:
        return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))
    low = text.lower()
    positions = [p for p in (low.find(w) for w in words) if p >= 0]
    start = max(0, min(positions) - width // 4) if positions else 0
    piece = text[start:start + width]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(piece):
        out.append(escape(piece[last:m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(escape(piece[last:]))
    return mark_safe(("…" if start else "") + "".join(out) + ("…" if start + width < len(text) else ""))
