"""Registry of audit action codes and their Chinese labels (wagtail-style log action registry).

Each app registers its own codes in its ``AppConfig.ready`` (or at import of its services module)
with ``register_actions({...})``.
"""
from __future__ import annotations

_ACTIONS: dict[str, str] = {
    "core.org.create": "新增单位",
    "core.org.update": "修改单位",
    "core.user.create": "新增用户",
    "core.user.update": "修改用户",
    "core.user.set_password": "重置密码",
    "core.membership.add": "授予角色",
    "core.membership.remove": "撤销角色",
    "core.membership.reads_county": "设置全县查阅",
    "core.auth.login": "登录",
    "core.auth.login_failed": "登录失败",
    "core.auth.logout": "退出登录",
    "core.holiday.import": "导入节假日",
    "core.holiday.set": "设置节假日",
    "core.rule.update": "修改期限规则",
    "core.deadline.register": "登记期限",
    "core.deadline.done": "期限办结",
    "core.attachment.upload": "上传附件",
    "core.attachment.download": "下载附件",
    "core.attachment.withdraw": "撤回附件",
    "core.import.commit": "导入Excel",
    "core.export": "导出Excel",
    "core.token.create": "创建接口令牌",
    "core.token.revoke": "撤销接口令牌",
}


def register_actions(actions: dict[str, str]) -> None:
    for code, label in actions.items():
        if code in _ACTIONS and _ACTIONS[code] != label:
            raise ValueError(f"audit action {code} registered twice with different labels")
        _ACTIONS[code] = label


def action_label(code: str) -> str:
    try:
        return _ACTIONS[code]
    except KeyError:
        raise KeyError(f"unregistered audit action code: {code}") from None


def all_actions() -> dict[str, str]:
    return dict(_ACTIONS)
