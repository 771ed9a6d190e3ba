"""Excel ledgers of 统筹督察: trainings (培训台账) and work-plan tasks are imported/exported on /excel/."""
from fazhi.core.ledgers import Column, RowProblem, ServiceLedger, register_ledger
from fazhi.core.scoping import scope, writable_orgs
from fazhi.lib import xlsx

from . import services as sv
from .choices import TrainingMode
from .models import Training


def _org(actor, name, cache, column):
    orgs = cache.setdefault("orgs", {})
    if name not in orgs:
        found = list(writable_orgs(actor).filter(name=name)[:2]) if actor is not None else []
        if len(found) != 1:
            raise RowProblem(column, f"找不到您有权登记的单位“{name}”。" if not found else f"单位名称“{name}”不唯一。")
        orgs[name] = found[0]
    return orgs[name]


class TrainingLedger(ServiceLedger):
    name = "trainings"
    title = "培训台账"
    model_label = "oversight.training"
    permission_column = "举办单位"
    columns = [
        Column("培训名称", "title", required=True, example="《行政处罚法》专题培训"),
        Column("培训日期", "held_on", required=True, parser=xlsx.parse_date, example="2021-03-05",
               number_format="yyyy-mm-dd", help="可写作 2021-03-05、2021/3/5 或 2021年3月5日"),
        Column("培训方式", "mode", required=True, choices=TrainingMode.choices),
        Column("参训人次", "person_times", required=True, parser=xlsx.parse_int, example="45"),
        Column("主讲人", "lecturer", example="政府法律顾问"),
        Column("举办单位", "organization", required=True, example="同心县司法局"),
    ]

    def resolve(self, actor, data, cache):
        data["organization"] = _org(actor, data["organization"], cache, "举办单位")
        if data.get("person_times") is not None and data["person_times"] < 0:
            raise RowProblem("参训人次", "参训人次不能为负数。")
        data["lecturer"] = data.get("lecturer") or ""
        return data

    def create(self, actor, data, *, request_id=""):
        return sv.training_create(actor=actor, request_id=request_id, **data)

    def export_queryset(self, actor):
        return scope(Training.objects.select_related("organization"), actor).order_by("held_on", "id")

    def export_values(self, t):
        return [t.title, t.held_on, self.columns[2].label_of(t.mode), t.person_times, t.lecturer, t.organization.name]


register_ledger(TrainingLedger())
