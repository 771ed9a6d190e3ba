"""Assessment scores, computed on read: an automatic leaf is recomputed from the platform's records
every time (no cache), so a change in its records shows at once.

Leaf states:
- ``ok`` — automatic, computed from enough records; ``scored`` — manual, scored with evidence;
- ``few`` — computed, but from fewer records than the scheme's ``min_records`` (data-quality caveat);
- ``no_data`` — 数据不足: the indicator is registered but has no records for this organization;
- ``missing`` — 指标未接入: the formula names an indicator code no module registers (yet);
- ``pending`` — 待评分: a manual leaf without a score; ``na`` — 不适用 to this organization kind.

Score = earned ÷ (points of applicable leaves that could be assessed) × 100, so a leaf that cannot be
computed (no_data / missing) neither rewards nor punishes; ``pending`` counts as 0 of its points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from fazhi.core import indicators as registry

from .models import Assessment, AssessmentTarget, ManualScore, SchemeItem

STATE_LABELS = {
    "ok": "自动计算", "scored": "已评分", "few": "样本较少", "no_data": "数据不足", "missing": "指标未接入",
    "pending": "待评分", "na": "不适用",
}
TWO = Decimal("0.01")


@dataclass
class LeafResult:
    item: SchemeItem
    state: str
    points: Decimal | None = None
    value: Decimal | int | None = None
    n_records: int | None = None
    caveat: str = ""
    score: ManualScore | None = None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def counted(self) -> bool:
        return self.state in ("ok", "scored", "few", "pending")


@dataclass
class TargetResult:
    target: AssessmentTarget
    leaves: list[LeafResult] = field(default_factory=list)
    earned: Decimal = Decimal("0")
    possible: Decimal = Decimal("0")
    score: Decimal = Decimal("0")
    rank: int = 0
    groups: list[dict] = field(default_factory=list)

    @property
    def caveats(self) -> list[str]:
        return [f"{lf.item.number} {lf.item.name}：{lf.caveat}" for lf in self.leaves if lf.caveat]


def _auto(item: SchemeItem, orgs, start, end, min_records: int) -> LeafResult:
    formula = item.formula or {}
    code = formula.get("indicator", "")
    try:
        ind = registry.get_indicator(code)
    except KeyError:
        return LeafResult(item, "missing", caveat=f"指标未接入（{code}）")
    qs = ind.records(orgs, start, end)
    n = qs.count()
    if n == 0:
        return LeafResult(item, "no_data", n_records=0, caveat="数据不足：平台无相关记录")
    value = ind.value(qs) if ind.value else n
    kind = formula.get("type", "rate")
    if kind == "rate":
        ratio = Decimal(str(value)) / 100
    elif kind == "target":
        tgt = Decimal(str(formula.get("target") or 1))
        ratio = min(Decimal(str(value)) / tgt, Decimal("1"))
    else:
        return LeafResult(item, "missing", caveat=f"公式类型无效（{kind}）")
    ratio = max(min(ratio, Decimal("1")), Decimal("0"))
    points = (item.points * ratio).quantize(TWO, rounding=ROUND_HALF_UP)
    res = LeafResult(item, "ok", points=points, value=value, n_records=n)
    if n < min_records:
        res.state = "few"
        res.caveat = f"仅依据{n}条记录计算，数据可信度有限"
    return res


def target_result(target: AssessmentTarget, *, items: list[SchemeItem] | None = None,
                  scores: dict | None = None) -> TargetResult:
    a: Assessment = target.assessment
    scheme = a.scheme
    if items is None:
        items = list(scheme.items.all())
    leaves = [i for i in items if i.is_leaf]
    if scores is None:
        scores = {s.item_id: s for s in ManualScore.objects.filter(target=target)}
    start, end = registry.year_bounds(a.year)
    orgs = registry.org_scope(target.organization)
    kind = target.organization.kind
    res = TargetResult(target)
    for item in leaves:
        if not item.applies(kind):
            lf = LeafResult(item, "na")
        elif item.method == "auto":
            lf = _auto(item, orgs, start, end, scheme.min_records)
        else:
            s = scores.get(item.id)
            lf = LeafResult(item, "scored", points=s.points, score=s) if s else LeafResult(item, "pending",
                                                                                          points=Decimal("0"))
        res.leaves.append(lf)
        if lf.counted:
            res.possible += item.points
            res.earned += lf.points or Decimal("0")
    res.score = (res.earned * 100 / res.possible).quantize(TWO, rounding=ROUND_HALF_UP) if res.possible else Decimal("0")
    # breakdown per first-level indicator
    tops = {i.id: i for i in items if i.level == 1}
    by_top: dict[int, dict] = {}
    parents = {i.id: i.parent_id for i in items}
    for lf in res.leaves:
        top = lf.item.id
        while parents.get(top):
            top = parents[top]
        g = by_top.setdefault(top, {"item": tops.get(top), "earned": Decimal("0"), "possible": Decimal("0")})
        if lf.counted:
            g["earned"] += lf.points or Decimal("0")
            g["possible"] += lf.item.points
    res.groups = [by_top[k] for k in sorted(by_top, key=lambda k: tops[k].sort if k in tops else 0)]
    return res


def ranking(assessment: Assessment, *, kind: str | None = None) -> list[TargetResult]:
    """Every target's result, ranked by score (competition ranking: equal scores share a rank)."""
    items = list(assessment.scheme.items.all())
    targets = assessment.targets.select_related("organization", "organization__region", "assessment__scheme")
    if kind:
        targets = targets.filter(organization__kind=kind)
    all_scores: dict[int, dict] = {}
    for s in ManualScore.objects.filter(target__assessment=assessment):
        all_scores.setdefault(s.target_id, {})[s.item_id] = s
    results = [target_result(t, items=items, scores=all_scores.get(t.id, {})) for t in targets]
    results.sort(key=lambda r: (-r.score, r.target.organization.sort_order, r.target.organization.name))
    prev, rank = None, 0
    for i, r in enumerate(results, start=1):
        if r.score != prev:
            rank, prev = i, r.score
        r.rank = rank
    return results
