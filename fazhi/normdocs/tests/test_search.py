"""Chinese full-text search (fazhi/core/search.py) through the normdocs selectors: two-character words match,
ranking puts title hits first, filters and scoping apply, snippets are escaped and highlighted. Runs on
SQLite (FTS5) and PostgreSQL (tsvector) alike."""
import pytest

from fazhi.core import search
from fazhi.normdocs import selectors as sel
from fazhi.normdocs import services as sv
from fazhi.normdocs.tests.factories import D, drafted

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(county):
    a = drafted(county.scj, title="同心县市场监管领域行政处罚裁量基准",
                text="为规范市场监管行政处罚自由裁量权，制定本基准。执法人员应当出示执法证件。")
    b = drafted(county.gov, title="同心县城区绿化管理办法", text="违反本办法的，由综合执法部门依法处罚。<script>x</script>")
    c = drafted(county.gov, title="同心县农村饮水安全工程管理办法", text="加强农村饮水工程运行管理。")
    return a, b, c


def _titles(user, q, **kw):
    total, rows, _terms = sel.search_records(user, q, **kw)
    return total, [o.title for o, *_ in rows]


def test_two_character_words_and_phrases_match(county, docs):
    a, b, c = docs
    for q in ("执法", "处罚"):
        total, titles = _titles(county.admin, q)
        assert set(titles) == {a.title, b.title}, q
    total, titles = _titles(county.admin, "行政处罚")
    assert titles == [a.title]
    total, titles = _titles(county.admin, "饮水")
    assert titles == [c.title]
    assert _titles(county.admin, "不存在的词语组合")[0] == 0


def test_ranking_title_first(county, docs):
    a, b, c = docs
    d = drafted(county.gov, title="同心县行政执法公示办法", text="公示。")
    _total, titles = _titles(county.admin, "执法")
    assert titles[0] == d.title  # the word in the title ranks above the body-only hits


def test_scoping_and_filters(county, docs):
    a, b, c = docs
    # The 市场监管局 liaison sees only its own documents.
    assert _titles(county.liaison_scj, "处罚")[1] == [a.title]
    assert _titles(county.liaison_town, "处罚")[0] == 0
    assert _titles(county.admin, "处罚", status="consulting")[0] == 0
    assert _titles(county.admin, "处罚", status="drafting")[0] == 2
    assert _titles(county.admin, "处罚", year=2020)[0] == 0
    # The portal sees only published documents.
    assert _titles(None, "处罚", public=True)[0] == 0


def test_snippet_highlights_and_escapes(county, docs):
    _total, rows, terms = sel.search_records(county.admin, "处罚")
    snippets = {o.title: str(s) for o, _r, s, _k in rows}
    assert "<mark>处罚</mark>" in snippets["同心县城区绿化管理办法"]
    assert "<script>" not in snippets["同心县城区绿化管理办法"] and "&lt;script&gt;" in snippets["同心县城区绿化管理办法"]


def test_reindex_on_update_and_rollback(county, docs):
    a, b, c = docs
    sv.normdoc_update(actor=None, doc=c, data={"text": "农村供水实行综合执法。"})
    assert c.title in _titles(county.admin, "执法")[1]
    assert search.search("运行", kinds=[sel.KIND_DOC]).total == 0  # the old text is gone from the index


def test_query_syntax_is_not_injected(county, docs):
    for q in ['"', "' OR 1=1 --", "处罚 AND", "NEAR(", "*", "a:b", "&|!", "\x01"]:
        sel.search_records(county.admin, q)  # never raises


def test_corpus_documents_are_searchable(county):
    camp = sv.campaign_create(actor=None, organization=county.gov, year=2021, title="清理")
    sv.corpus_add(actor=None, campaign=camp, title="关于加强行政执法监督的通知", issuer="同心县人民政府", doc_number="",
                  issued_on=D(2010, 5, 1), text="各部门要加强执法监督。", published=True, expires_on=None, source="")
    total, titles = _titles(county.admin, "执法", kinds=(sel.KIND_CORPUS,))
    assert titles == ["关于加强行政执法监督的通知"]
