"""Cross-module signals: the few places where one domain module tells another that something happened.

``credit_decision`` — a 行政许可 or 行政处罚 decision was made (or withdrawn). The enforcement module
(行政执法) sends it; the government-functions module (政府职能, 双公示) turns it into a
credit-disclosure record due within 7 working days. Neither imports the other.

Keyword arguments sent with it:

- ``source``: the model instance of the decision (its case), used as the record's origin;
- ``kind``: ``"许可"`` or ``"处罚"``;
- ``action``: ``"made"`` (decided) or ``"withdrawn"`` (revoked / 撤销, to be withdrawn from publicity);
- ``decided_on``: the decision date (``datetime.date``);
- ``organization``: the deciding organization (``fazhi.core.models.Organization``);
- ``fields``: a ``dict`` keyed by the standard field names of ANCHORS.md §3.3 (许可) or §3.4
  (处罚), in Chinese exactly as written there, e.g. ``"行政相对人名称"``, ``"行政相对人类别"``,
  ``"统一社会信用代码"``, ``"行政处罚决定书文号"``, ``"违法行为类型"``, ``"处罚类别"``,
  ``"处罚内容"``, ``"罚款金额(万元)"``, ``"处罚决定日期"``, ``"处罚机关"``,
  ``"处罚机关统一社会信用代码"``, ``"数据来源单位"``, ``"数据来源单位统一社会信用代码"``.
  Values are strings, dates or Decimals; a key that does not apply is left out.
- ``actor``: the user who acted (for the audit trail), or ``None`` for imports and the demo.
"""
from django.dispatch import Signal

credit_decision = Signal()
