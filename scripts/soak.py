"""``make soak``: 50 simulated users for 60 s against gunicorn + PostgreSQL, then the long fault runs.

1. Load: the demo county (optionally at ``FAZHI_SOAK_SCALE``×) in a PostgreSQL database of its own;
   gunicorn (production settings) on loopback; half the users are 司法局 clerks who log in through
   the real login form and enter 法律咨询 records through the real create form (CSRF, validation,
   the service, the audit trail), half are the public reading the portal pages (crawled from
   /portal/). Think time between requests. Required: 0 errors. Prints p50/p95/p99.
2. PostgreSQL restart under load: the server is restarted in the middle of a run; the application
   must recover with no manual action (``CONN_HEALTH_CHECKS``): errors are allowed only while the
   server is down, none afterwards.
3. kill -9 of gunicorn (master and workers) while clerks post: restart it; every consultation saved
   has its audit event and vice versa (no half-written record), ``fazhi audit verify`` passes, and
   the clerks carry on.
4. schemathesis (if installed: ``pip install -e .[security]``) against /api/openapi.json on the live
   server with an API token: 0 server errors.

By default the script starts its **own** PostgreSQL cluster (initdb in a temporary directory, port
``FAZHI_SOAK_PG_PORT``, default 5439) so that restarting it disturbs nobody; set
``FAZHI_SOAK_DATABASE_URL`` to use another server instead (phase 2 is then skipped unless
``FAZHI_SOAK_RESTART_CMD`` says how to restart it).

Environment: FAZHI_SOAK_USERS (50), FAZHI_SOAK_SECONDS (60), FAZHI_SOAK_THINK (mean seconds, 0.5),
FAZHI_SOAK_SCALE (1), FAZHI_SOAK_WORKERS (3), FAZHI_SOAK_THREADS (6), FAZHI_SOAK_WARMUP (seconds of
uncounted warm-up before phase 1, 8), FAZHI_SOAK_RESTART_SECONDS (length of phase 2, 45),
FAZHI_SOAK_FUZZ_EXAMPLES (schemathesis examples per operation, 20).
"""
from __future__ import annotations

import glob
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

USERS = int(os.getenv("FAZHI_SOAK_USERS", "50"))
SECONDS = int(os.getenv("FAZHI_SOAK_SECONDS", "60"))
THINK = float(os.getenv("FAZHI_SOAK_THINK", "0.5"))
SCALE = int(os.getenv("FAZHI_SOAK_SCALE", "1"))
WORKERS = int(os.getenv("FAZHI_SOAK_WORKERS", "3"))
THREADS = int(os.getenv("FAZHI_SOAK_THREADS", "6"))
PG_PORT = int(os.getenv("FAZHI_SOAK_PG_PORT", "5439"))
PASSWORD = "Soak@2021-clerk"


def log(msg: str) -> None:
    print(msg, flush=True)


# ------------------------------------------------------------------------------------ PostgreSQL

class OwnCluster:
    """A throwaway PostgreSQL cluster (trust auth on loopback) that this script may restart."""

    def __init__(self, port: int):
        bindir = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bindir:
            raise RuntimeError("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)")
        self.bin = Path(bindir[-1])
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="fazhi-soak-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8")
        self.start()

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _ctl(self, action: str) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
                  "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200", action)

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("restart")

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/fazhi_soak"


# ------------------------------------------------------------------------------------ server

SERVER_LOG = Path(tempfile.gettempdir()) / "fazhi-soak-server.log"


def start_server(url: str, port: int):
    """gunicorn (benchsuite.Gunicorn: production settings), its stderr appended to ``SERVER_LOG``.

    (It once went to a pipe nobody read: after the errors of a PostgreSQL restart had filled it, every
    worker thread that logged blocked holding the logging lock, and the run blamed the application.)
    """
    from fazhi.core import benchsuite

    return benchsuite.Gunicorn(url, port, workers=WORKERS, threads=THREADS, log_path=SERVER_LOG)


def server_errors_logged() -> int:
    """Lines of the server log that report an error (Django's "Internal Server Error", gunicorn's [ERROR])."""
    if not SERVER_LOG.exists():
        return 0
    text = SERVER_LOG.read_text(encoding="utf-8", errors="replace")
    return text.count("Internal Server Error") + text.count("[ERROR]") + text.count("database unavailable")


# ------------------------------------------------------------------------------------ scenarios

def clerk(username: str, seed: int):
    """A 司法局 clerk: logs in through the login form, then enters 法律咨询 through the create form.

    Like a person, the clerk logs in again when the login did not go through (the server answered an
    error, e.g. 503 while PostgreSQL restarts) and carries on after a pause; every failed request is
    recorded as an error all the same. A logged-in clerk sent back to the login page has lost the
    session: that is recorded as its own error ("会话丢失"), then the clerk logs in again.
    """
    from fazhi.core import loadgen

    rng = random.Random(seed)

    def pause() -> None:
        time.sleep(rng.expovariate(1 / THINK) if THINK else 0)

    def login(s: loadgen.Session) -> bool:
        status, html, _ = s.request("GET", "/login/", label="login page")
        if status != 200:
            return False
        status, _, _ = s.request("POST", "/login/", data={"csrfmiddlewaretoken": loadgen.csrf_token(html),
                                                           "username": username, "password": PASSWORD},
                                 expect=(302,), label="login")
        return status == 302

    def to_login(status: int, headers: dict) -> bool:
        return status == 302 and "/login/" in headers.get("location", "")

    def session_kept(status: int, body: str) -> str:
        return "会话丢失：已登录的联络员被重定向到登录页" if status == 302 else ""

    def scenario(s: loadgen.Session, stop_at: float) -> None:
        logged_in = False
        n = 0
        while time.monotonic() < stop_at:
            if not logged_in:
                logged_in = login(s)
                if not logged_in:
                    pause()
                    continue
            status, html, headers = s.request("GET", "/legalservice/consultations/new/", label="consult form",
                                              expect=(200, 302), check=session_kept)
            if to_login(status, headers):
                logged_in = False
                continue
            forms = [f for f in loadgen.parse(html).forms if f["method"] == "post" and "question" in f["fields"]]
            if status != 200 or not forms:
                pause()
                continue
            form = forms[0]
            data = dict(form["fields"])
            for name, options in form["options"].items():
                if not data.get(name) and options:
                    data[name] = options[rng.randrange(len(options))]
            n += 1
            data.update({"consulted_on": f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         "question": f"土地承包经营权流转合同纠纷如何处理？（压力测试 {username} 第{n}条）",
                         "answer": "已依据《民法典》第三百三十四条解答。", "persons": "1"})

            def created(status, body):
                if status != 302:
                    return "表单未通过：" + " ".join(body.split("errorlist")[1:2])[:150]
                return ""

            status, _, headers = s.request("POST", form["action"] or "/legalservice/consultations/new/", data=data,
                                           expect=(302,), check=created, label="consult create")
            if to_login(status, headers):
                logged_in = False
            pause()
            status, _, headers = s.request("GET", "/legalservice/consultations/", label="consult list",
                                           expect=(200, 302), check=session_kept)
            if to_login(status, headers):
                logged_in = False
            pause()

    return scenario


def reader(pages: list[str], seed: int):
    rng = random.Random(seed)

    def scenario(s, stop_at: float) -> None:
        while time.monotonic() < stop_at:
            s.request("GET", pages[rng.randrange(len(pages))], label="portal")
            time.sleep(rng.expovariate(1 / THINK) if THINK else 0)

    return scenario


def fmt(summary: dict) -> str:
    return (f"{summary['requests']:,}次请求，{summary['rps']:.1f}请求/秒，错误{summary['errors']}；"
            f"p50 {summary['p50'] * 1000:.0f}ms，p95 {summary['p95'] * 1000:.0f}ms，p99 {summary['p99'] * 1000:.0f}ms，"
            f"最长 {summary['max'] * 1000:.0f}ms")


# ------------------------------------------------------------------------------------ main

def main() -> int:
    cluster = None
    url = os.getenv("FAZHI_SOAK_DATABASE_URL")
    if not url:
        log(f"== 启动独立的 PostgreSQL 集群（端口 {PG_PORT}）")
        cluster = OwnCluster(PG_PORT)
        url = cluster.url
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "True")  # for the setup commands in this process; gunicorn runs DEBUG=False
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from fazhi.core import benchsuite, loadgen
    from fazhi.core.bench import BenchContext
    from fazhi.core.choices import Role
    from fazhi.core.models import AuditEvent, Organization, User
    from fazhi.core.services import user_create
    from fazhi.legalservice.models import Consultation

    failures: list[str] = []
    server = None
    SERVER_LOG.unlink(missing_ok=True)
    log(f"   服务器日志：{SERVER_LOG}")
    try:
        benchsuite.use_database(benchsuite.recreate_postgres(url))
        log("== 迁移、载入示范县" + (f"、生成 {SCALE}× 数据" if SCALE > 1 else ""))
        call_command("migrate", verbosity=0, interactive=False)
        ctx = BenchContext(rows=0, workdir=Path("."))
        benchsuite.load_demo_tolerant(ctx, "soak", log)
        if SCALE > 1:
            from fazhi.core import scale

            scale.generate(scale=SCALE, log=log)
        sfj = Organization.objects.get(name="同心县司法局")
        clerks = []
        hashed = make_password(PASSWORD)
        for i in range(USERS // 2):
            user = user_create(actor=None, username=f"soak_clerk{i:02d}", name=f"压测联络员{i:02d}", organization=sfj,
                               roles=[Role.LIAISON])
            User.objects.filter(pk=user.pk).update(password=hashed)
            clerks.append(user.username)
        from django.db import connections

        connections.close_all()

        server = start_server(url, benchsuite.free_port())
        pages = loadgen.portal_links(loadgen.Session("127.0.0.1", server.port, loadgen.Recorder()), limit=80)
        log(f"== gunicorn {WORKERS}进程×{THREADS}线程，端口 {server.port}；门户页面 {len(pages)} 个")

        def users(seed: int):
            return ([clerk(name, seed + i) for i, name in enumerate(clerks)]
                    + [reader(pages, seed + 100 + i) for i in range(USERS - len(clerks))])

        # Warm-up (not counted): each worker imports its views and compiles its templates on first use; a
        # production server has long done that. A few clerks and readers for a few seconds, then the run.
        loadgen.run_users([clerk(name, 900 + i) for i, name in enumerate(clerks[:WORKERS * 2])]
                          + [reader(pages, 950 + i) for i in range(WORKERS * 2)],
                          host="127.0.0.1", port=server.port, seconds=int(os.getenv("FAZHI_SOAK_WARMUP", "8")))

        # 1. Load --------------------------------------------------------------------------
        before = Consultation.objects.count()
        log(f"== 1. {USERS}个并发用户（{len(clerks)}名联络员录入法律咨询，{USERS - len(clerks)}名公众浏览门户），{SECONDS}秒")
        rec = loadgen.run_users(users(1), host="127.0.0.1", port=server.port, seconds=SECONDS, ramp=2)
        s = rec.summary()
        creates = [x for x in rec.samples if x.label == "consult create" and x.ok]
        saved = Consultation.objects.count() - before
        log(f"   全部：{fmt(s)}")
        for label in ("login", "consult create", "consult list", "portal"):
            part = loadgen.Recorder(samples=[x for x in rec.samples if x.label == label]).summary()
            log(f"   {label}：{fmt(part)}")
        log(f"   录入成功 {len(creates)} 条，数据库新增 {saved} 条")
        if s["errors"]:
            failures.append(f"负载阶段有 {s['errors']} 个错误：{s['error_examples']}")
        if saved != len(creates):
            failures.append(f"录入成功 {len(creates)} 条，但数据库新增 {saved} 条")

        # 2. PostgreSQL restart under load -------------------------------------------------
        restart_cmd = os.getenv("FAZHI_SOAK_RESTART_CMD")
        if cluster or restart_cmd:
            log("== 2. 负载下重启 PostgreSQL")
            rec2 = loadgen.Recorder()
            import threading

            marks = {}

            def restarter():
                time.sleep(8)
                marks["down"] = time.monotonic()
                if cluster:
                    cluster.restart()
                else:
                    subprocess.run(restart_cmd, shell=True, check=True)
                marks["up"] = time.monotonic()

            t = threading.Thread(target=restarter)
            t.start()
            loadgen.run_users(users(2), host="127.0.0.1", port=server.port, recorder=rec2,
                              seconds=int(os.getenv("FAZHI_SOAK_RESTART_SECONDS", "45")))
            t.join()
            during = rec2.summary(since=marks["down"], until=marks["up"] + 2)
            after = rec2.summary(since=marks["up"] + 2)
            log(f"   重启用时 {marks['up'] - marks['down']:.1f}秒；重启期间：{fmt(during)}")
            log(f"   恢复之后：{fmt(after)}")
            from collections import Counter

            recovered = marks["up"] + 2
            bad = sorted((x for x in rec2.samples if not x.ok), key=lambda x: x.at)
            # While it is down: one line per kind of error (they are expected: the 503 page, fast).
            kinds = Counter((x.label, x.status, x.detail[:60]) for x in bad if x.at < recovered)
            for (label, status, detail), n in kinds.most_common():
                slowest = max(x.seconds for x in bad if x.at < recovered and (x.label, x.status) == (label, status))
                log(f"     停机期间 {n}× {label} {status} {detail}（最长 {slowest:.1f}秒）")
            lost = sum(1 for x in rec2.samples if "会话丢失" in x.detail)
            log(f"   会话丢失 {lost} 次")
            for x in bad:  # after it is back: every one, with its time
                if x.at >= recovered:
                    log(f"     +{x.at - marks['down']:6.1f}s {x.seconds:5.1f}s {x.label} {x.status} {x.detail[:100]}")
            if lost:
                failures.append(f"PostgreSQL 重启期间有 {lost} 名已登录联络员的会话丢失（被重定向到登录页）")
            if after["errors"] or not after["requests"]:
                failures.append(f"PostgreSQL 重启后仍有 {after['errors']} 个错误：{after['error_examples']}")
        else:
            log("== 2. 跳过 PostgreSQL 重启（外部服务器且未设置 FAZHI_SOAK_RESTART_CMD）")

        # 3. kill -9 of the server while clerks post ----------------------------------------
        log("== 3. 录入过程中 kill -9 gunicorn（主进程和工作进程），再启动")
        import signal
        import threading

        rec3 = loadgen.Recorder()
        killer_done = {}

        def killer():
            time.sleep(6)
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait()
            killer_done["at"] = time.monotonic()

        t = threading.Thread(target=killer)
        t.start()
        loadgen.run_users([clerk(name, 300 + i) for i, name in enumerate(clerks)], host="127.0.0.1",
                          port=server.port, seconds=10, recorder=rec3)
        t.join()
        server = start_server(url, server.port)
        connections.close_all()
        soak_users = User.objects.filter(username__startswith="soak_clerk")
        rows = Consultation.objects.filter(question__contains="压力测试").count()
        events = AuditEvent.objects.filter(actor__in=soak_users, action="legalservice.consultation.create").count()
        verify = subprocess.run([sys.executable, "-m", "fazhi.cli", "audit", "verify"], check=False, cwd=ROOT, capture_output=True,
                                text=True, env=dict(os.environ))
        log(f"   压测录入的法律咨询 {rows} 条，对应审计事件 {events} 条；audit verify：{verify.stdout.strip().splitlines()[0] if verify.stdout else verify.stderr.strip()}")
        if rows != events:
            failures.append(f"kill -9 之后记录 {rows} 条与审计事件 {events} 条不一致")
        if verify.returncode != 0:
            failures.append("kill -9 之后审计链校验未通过")
        rec4 = loadgen.run_users([clerk(name, 400 + i) for i, name in enumerate(clerks)], host="127.0.0.1",
                                 port=server.port, seconds=10)
        s4 = rec4.summary()
        log(f"   重启后继续录入：{fmt(s4)}")
        if s4["errors"]:
            failures.append(f"gunicorn 重启后有 {s4['errors']} 个错误：{s4['error_examples']}")

        # 4. schemathesis ----------------------------------------------------------------------
        failures += run_schemathesis(server.port)
    finally:
        if server is not None:
            server.stop()
        from django.db import connections

        connections.close_all()
        if cluster is not None:
            cluster.stop()
    log("== 结果：" + ("通过（0 错误）" if not failures else "未通过"))
    for f in failures:
        log("   - " + f)
    return 1 if failures else 0


def run_schemathesis(port: int) -> list[str]:
    exe = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    if not Path(exe).exists():
        log("== 4. 跳过 schemathesis（未安装：.venv/bin/pip install -e '.[security]'）")
        return []
    from fazhi.api.services import api_token_create as token_create
    from fazhi.core.models import User

    log("== 4. schemathesis 模糊测试 /api/openapi.json（法治办管理员的接口令牌）")
    _token, raw = token_create(actor=None, user=User.objects.get(username="fzb_admin"), name="soak schemathesis")
    result = subprocess.run(
        [exe, "run", f"http://127.0.0.1:{port}/api/openapi.json", "--checks", "not_a_server_error",
         "--header", f"Authorization: Bearer {raw}", "--max-examples", os.getenv("FAZHI_SOAK_FUZZ_EXAMPLES", "20"),
         "--seed", "2021", "--phases", "examples,coverage,fuzzing", "--request-timeout", "30"],
        check=False, capture_output=True, text=True, timeout=1800)
    out = SERVER_LOG.with_name("fazhi-soak-schemathesis.txt")
    out.write_text(result.stdout + result.stderr, encoding="utf-8")
    log(f"   完整输出：{out}")
    tail = "\n".join(result.stdout.strip().splitlines()[-15:])
    log(tail)
    return [] if result.returncode == 0 else ["schemathesis 发现服务器错误（见上）"]


if __name__ == "__main__":
    sys.exit(main())
