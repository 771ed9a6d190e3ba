"""`fazhi token create USERNAME NAME` / `fazhi token revoke PREFIX` / `fazhi token list [USERNAME]`.

A thin wrapper over fazhi.api.services (run by the server's operator: actor = 系统).
"""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.api.services import api_token_create, api_token_revoke
from fazhi.core.models import ApiToken, User


class Command(BaseCommand):
    help = "管理接口令牌（API token）：create 创建并显示一次密钥；revoke 按前缀撤销；list 列出。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="为用户创建令牌，密钥只显示这一次")
        create.add_argument("username")
        create.add_argument("name", help="用途，如“省平台对接”")
        revoke = sub.add_parser("revoke", help="按前缀（密钥前8位）撤销令牌")
        revoke.add_argument("prefix")
        lst = sub.add_parser("list", help="列出令牌（不含密钥）")
        lst.add_argument("username", nargs="?")

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "create":
                user = User.objects.filter(username=options["username"]).first()
                if user is None:
                    raise CommandError(f"用户不存在：{options['username']}")
                token, key = api_token_create(actor=None, user=user, name=options["name"])
                self.stdout.write(f"已为 {user.username} 创建接口令牌“{token.name}”（前缀 {token.prefix}）。")
                self.stdout.write("密钥只显示这一次，请妥善保存：")
                self.stdout.write(key)
            elif action == "revoke":
                tokens = list(ApiToken.objects.filter(prefix=options["prefix"]))
                if not tokens:
                    raise CommandError(f"没有前缀为 {options['prefix']} 的令牌。")
                token = tokens[0]
                api_token_revoke(actor=None, token=token)
                self.stdout.write(f"已撤销令牌 {token.prefix}（{token.user.username}：{token.name}）。")
            else:
                qs = ApiToken.objects.select_related("user").order_by("created_at")
                if options.get("username"):
                    qs = qs.filter(user__username=options["username"])
                for t in qs:
                    state = "已撤销" if t.revoked_at else "有效"
                    used = t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "从未使用"
                    self.stdout.write(f"{t.prefix}\t{t.user.username}\t{t.name}\t{state}\t{used}")
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
