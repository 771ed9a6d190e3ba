"""Shared helpers of the Excel commands (template, import, export, ledgers)."""
from __future__ import annotations

from django.core.management.base import CommandError

from fazhi.core.ledgers import Ledger, LedgerNotFound, all_ledgers, get_ledger
from fazhi.core.models import User

INVALID = 2  # exit code for invalid input (unknown ledger or user, bad file, rows with errors)


def ledger_or_exit(name: str) -> Ledger:
    try:
        return get_ledger(name)
    except LedgerNotFound:
        names = "、".join(led.name for led in all_ledgers())
        raise CommandError(f"没有名为“{name}”的台账。可用的台账：{names}", returncode=INVALID) from None


def actor_or_exit(username: str | None):
    """``--as USERNAME`` → that user (scoping and permissions apply); none → the system (actor None)."""
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"用户“{username}”不存在或已停用。", returncode=INVALID)
    return user
