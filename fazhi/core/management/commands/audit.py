"""``fazhi audit verify`` proves the audit chain intact; ``fazhi audit show`` prints events.

    fazhi audit verify                      # exit 0: 审计链完整：共 N 条记录; exit 1 names the first broken row
    fazhi audit show --last 20
    fazhi audit show --target-type core.organization --target-id <code>
"""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.actions import all_actions
from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链是否完整；show 显示审计事件。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="校验审计哈希链（发现被修改、删除的记录）")
        verify.add_argument("--batch", type=int, default=2000, help="每批读取的记录数")
        show = sub.add_parser("show", help="显示审计事件")
        show.add_argument("--target-type", default="", help="对象类型，如 core.organization")
        show.add_argument("--target-id", default="", help="对象编码（UUID）")
        show.add_argument("--action", default="", help="操作代码，如 core.org.update")
        show.add_argument("--last", type=int, default=20, help="最近 N 条（默认 20）")

    def handle(self, *args, **options):
        if options["subcommand"] == "verify":
            return self.verify(options)
        return self.show(options)

    def verify(self, options):
        result = verify_chain(batch=max(1, options["batch"]))
        if not result.ok:
            raise CommandError(result.message, returncode=1)
        self.stdout.write(result.message)
        if result.checked:
            self.stdout.write(f"链尾哈希（可抄录留存作为锚点）：{result.last_hash}")

    def show(self, options):
        qs = AuditEvent.objects.all()
        if options["target_type"]:
            qs = qs.filter(target_type=options["target_type"])
        if options["target_id"]:
            qs = qs.filter(target_id=options["target_id"])
        if options["action"]:
            qs = qs.filter(action=options["action"])
        last = max(1, options["last"])
        events = list(qs.select_related("organization").order_by("-id")[:last])[::-1]
        labels = all_actions()
        if not events:
            self.stdout.write("没有符合条件的审计事件。")
            return
        for ev in events:
            at = timezone.localtime(ev.at).strftime("%Y-%m-%d %H:%M:%S")
            org = ev.organization.name if ev.organization_id else "-"
            target = f"{ev.target_type}:{ev.target_id} {ev.target_repr}".strip() if ev.target_type else "-"
            self.stdout.write(
                f"#{ev.id} {at} {ev.actor_name or '系统'} [{org}] {labels.get(ev.action, ev.action)}（{ev.action}） {target}")
            if ev.data:
                self.stdout.write("    " + json.dumps(ev.data, ensure_ascii=False, sort_keys=True))
