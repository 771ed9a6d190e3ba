"""``fazhi generate --scale N [--counties K] [--seed S] [--only APP]``: scale data for benches and load tests.

The demo county at N× its demo volumes (its records + N−1 copies), or a province: the demo county
plus K−1 synthetic counties (``规模测试县NN``) at N× each. Loads the demo county first if it is not
there. Per-app hooks ``fazhi/<app>/scale.py: generate(county, factor, rng)``; see
``fazhi/core/scale.py`` for the distributions. Deterministic by ``--seed``.
"""
from __future__ import annotations

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import scale as scaledata


class Command(BaseCommand):
    help = "生成规模测试数据：示范县的N倍记录量（--scale N），或K个县的省级规模（--counties K）。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, required=True, help="倍数N（示范县记录量的N倍，≥1）")
        parser.add_argument("--counties", type=int, default=1, help="县的个数K（默认1：只扩充示范县）")
        parser.add_argument("--seed", type=int, default=2021, help="随机种子（相同种子生成相同数据）")
        parser.add_argument("--only", action="append", help="只运行指定应用的钩子（可重复，如 --only disputes）")

    def handle(self, *args, scale: int, counties: int, seed: int, only=None, **options):
        if scale < 1 or counties < 1:
            raise CommandError("倍数和县的个数都必须是正整数。")
        if counties > 50:
            raise CommandError("县的个数最多50个（合成区划代码6403NN，NN为51–99）。")
        if scaledata.demo_county() is None:
            self.stdout.write("尚未载入示范县，先载入示范县……")
            call_command("load_demo", stdout=self.stdout)
        start = time.perf_counter()
        try:
            counts = scaledata.generate(scale=scale, counties=counties, seed=seed, only=only, log=self.stdout.write)
        except scaledata.ScaleError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - start
        for label, n in sorted(counts.items()):
            self.stdout.write(f"{label:<40}{n:>12,}")
        self.stdout.write(f"共生成 {sum(counts.values()):,} 条记录，用时 {elapsed:.1f} 秒（种子 {seed}）。")
