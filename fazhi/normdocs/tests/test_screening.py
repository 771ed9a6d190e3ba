"""The automatic pre-screening against the shipped law catalog (fazhi/normdocs/data/law_catalog.csv)."""
import datetime

import pytest

from fazhi.normdocs import screening
from fazhi.normdocs import services as sv
from fazhi.normdocs.models import CorpusDoc, Flag

D = datetime.date
LONG = ("为规范城区养犬行为，维护市容环境和公共秩序，保障公民人身安全，结合本县实际，制定本办法。"
        "本办法适用于本县城市规划区内的养犬管理活动。县公安局是养犬管理的主管部门，负责养犬登记、年检和违法行为查处。"
        "县市场监督管理局、住房和城乡建设局、卫生健康局按照各自职责做好养犬管理的相关工作。"
        "个人饲养犬只应当具有完全民事行为能力，有固定住所且独户居住，每户限养一只。"
        "违反本办法规定的，由综合执法部门依法处罚；构成违反治安管理行为的，由公安机关依法处理。")


def test_extract_and_normalize():
    text = "依据《中华人民共和国行政处罚法》《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》和《中华人民共和国行政处罚法》。"
    assert screening.extract_citations(text) == ["中华人民共和国行政处罚法", "最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释"]
    assert screening.normalize_name("中华人民共和国食品安全法（2018年修正）") == "食品安全法"


def test_shipped_catalog_findings():
    cat = screening.load_catalog()
    as_of = D(2021, 11, 30)
    # Repealed (every version expired in the catalog).
    f = screening.check_citation("社会抚养费征收管理办法", D(2010, 1, 1), as_of, cat)
    assert f.kind == "cites_repealed" and "已废止" in f.detail
    # A newer version than the one in force when the document was issued (行政处罚法 2021-01-22).
    f = screening.check_citation("中华人民共和国行政处罚法", D(2015, 6, 1), as_of, cat)
    assert f.kind == "cites_old_version" and "2021-01-22" in f.detail
    # Issued after the current version: fine.
    assert screening.check_citation("中华人民共和国行政处罚法", D(2021, 8, 1), as_of, cat) is None
    # 畜牧法: the 2015 version (expired in the catalog) was still in force on 2021-11-30 (next version 2022).
    assert screening.check_citation("中华人民共和国畜牧法", D(2016, 1, 1), as_of, cat) is None
    assert screening.check_citation("中华人民共和国畜牧法", D(2016, 1, 1), D(2023, 1, 1), cat).kind == "cites_old_version"
    # Unknown titles (local documents, the catalog does not hold them) are not flagged.
    assert screening.check_citation("同心县城区养犬管理办法", D(2016, 1, 1), as_of, cat) is None


def test_simhash_near_duplicates():
    a = LONG
    b = a.replace("制定本办法", "制定本规定")
    c = "为促进农业适度规模经营，推动农村土地承包经营权有序流转，增加农民收入，现提出如下意见。各乡镇要加强组织领导。"
    ha, hb, hc = screening.simhash(a), screening.simhash(b), screening.simhash(c)
    assert screening.hamming(ha, hb) <= screening.DUPLICATE_DISTANCE < screening.hamming(ha, hc)
    assert screening.near_duplicates([(1, ha), (2, hb), (3, hc)]) == [(1, 2, screening.hamming(ha, hb))]


def test_compact_catalog_update(tmp_path):
    src = tmp_path / "catalog.csv"
    src.write_text("name,level,category,publish,valid_from,expired,version,subtitle\n"
                   "行政处罚法,法律,行政法,2021-01-22,2021-07-15,0,1,\n", encoding="utf-8")
    out = tmp_path / "compact.csv"
    assert screening.compact_catalog(src, out) == 1
    assert out.read_text(encoding="utf-8").splitlines() == ["name,level,publish,expired", "行政处罚法,法律,2021-01-22,0"]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,publish\n行政处罚法,2021-01-22\n", encoding="utf-8")
    with pytest.raises(ValueError, match="缺少列"):
        screening.compact_catalog(bad, out)
    assert out.read_text(encoding="utf-8").count("\n") == 2  # unchanged on error


@pytest.mark.django_db
def test_screen_campaign_reasons_and_never_decides(county):
    camp = sv.campaign_create(actor=None, organization=county.gov, year=2021, title="清理", finished_on=D(2021, 11, 30))

    def add(title, issuer="同心县人民政府", issued=D(2015, 3, 1), text="正文。", **kw):
        return sv.corpus_add(actor=None, campaign=camp, title=title, issuer=issuer, doc_number="", issued_on=issued,
                             text=text, published=kw.get("published", True), expires_on=kw.get("expires_on"), source="")

    a = add("征收社会抚养费的通知", text="依据《社会抚养费征收管理办法》征收。")
    b = add("处罚裁量基准", text="依据《中华人民共和国行政处罚法》第二十七条。")
    c = add("个体工商户年检的通知", issuer="同心县工商行政管理局")
    d = add("试行办法", expires_on=D(2020, 3, 1))
    e = add("内部通知", published=False)
    f1, f2 = add("养犬办法", text=LONG), add("养犬办法（重发）", text=LONG.replace("制定本办法", "制定本规定"))
    ok = add("新文件", issued=D(2021, 8, 1), issuer="同心县市场监督管理局", text="依据《中华人民共和国行政处罚法》。")
    counts = sv.screen_campaign(actor=None, campaign=camp)

    def kinds(doc):
        return {fl.kind for fl in Flag.objects.filter(doc=doc)}
    assert kinds(a) == {"cites_repealed"}
    assert kinds(b) == {"cites_old_version"}
    assert kinds(c) == {"agency_abolished"} and "市场监督管理局" in Flag.objects.get(doc=c).detail
    assert kinds(d) == {"validity_passed"}
    assert kinds(e) == {"not_published"}
    assert kinds(f1) == kinds(f2) == {"near_duplicate"}
    assert kinds(ok) == set()
    assert counts["near_duplicate"] == 2
    # Proposals only: no class or outcome was set.
    assert not CorpusDoc.objects.exclude(outcome="").exists() and not CorpusDoc.objects.exclude(doc_class="").exists()
    # A dismissed proposal stays dismissed on the next run.
    fl = Flag.objects.get(doc=a)
    sv.flag_dismiss(actor=None, flag=fl)
    sv.screen_campaign(actor=None, campaign=camp)
    assert Flag.objects.get(doc=a).dismissed


@pytest.mark.django_db
def test_funnel_counts_are_not_multiplied_by_flags(county):
    from fazhi.normdocs import selectors as sel
    camp = sv.campaign_create(actor=None, organization=county.gov, year=2021, title="清理")
    d = sv.corpus_add(actor=None, campaign=camp, title="旧文件", issuer="同心县工商局", doc_number="", issued_on=D(2015, 1, 1),
                      text="依据《社会抚养费征收管理办法》。", published=False, expires_on=D(2016, 1, 1), source="")
    sv.corpus_review(actor=None, doc=d, outcome="repeal", reason="依据已废止", reviewed_on=D(2021, 9, 1), doc_class="normative")
    sv.screen_campaign(actor=None, campaign=camp, as_of=D(2021, 11, 30))
    assert Flag.objects.filter(doc=d).count() == 4
    f = sel.funnel(camp)
    assert (f["screened"], f["reviewed_normative"], f["repeal"], f["flagged"]) == (1, 1, 1, 1)
    assert "废止1件" in sel.summary_text(camp, f)
