"""Helpers that walk a 规范性文件 through its lifecycle with the real services."""
import datetime

from fazhi.normdocs import services as sv

D = datetime.date
TEXT = ("第一条 为规范城区养犬行为，依据《中华人民共和国动物防疫法》《宁夏回族自治区城市市容和环境卫生管理条例》，"
        "结合本县实际，制定本办法。\n第二条 违反本办法规定的，由综合执法部门依法给予行政处罚。")


def drafted(org, actor=None, title="同心县城区养犬管理办法", **kw):
    return sv.normdoc_create(actor=actor, organization=org, title=title, issuer="同心县人民政府",
                             drafted_on=kw.pop("drafted_on", D(2021, 8, 2)), text=kw.pop("text", TEXT),
                             legal_basis="《中华人民共和国动物防疫法》", **kw)


def in_review(org, actor=None, submitted_on=D(2021, 9, 28), **kw):
    d = drafted(org, actor, **kw)
    sv.normdoc_evaluate_draft(actor=actor, doc=d, on=D(2021, 8, 10), summary="必要性、可行性评估论证。")
    sv.normdoc_open_comment(actor=actor, doc=d, opens_on=D(2021, 8, 16))
    sv.normdoc_submit_legality(actor=actor, doc=d, closed_on=D(2021, 9, 20), summary="收到意见5条，采纳3条。",
                               submitted_on=submitted_on)
    return d


def deliberated(org, reviewer, actor=None, **kw):
    d = in_review(org, actor, **kw)
    sv.normdoc_conclude_legality(actor=actor, doc=d, on=D(2021, 10, 15), reviewer=reviewer, opinion="制定主体合法，内容合法。",
                                 conclusion="lawful")
    return d


def registered(org, reviewer, actor=None, number="同政发〔2021〕30号", **kw):
    d = deliberated(org, reviewer, actor, **kw)
    return sv.normdoc_deliberate(actor=actor, doc=d, on=D(2021, 10, 20), meeting="县人民政府第12次常务会议",
                                 doc_number=number, printed_on=D(2021, 10, 22))
