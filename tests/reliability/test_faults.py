"""kill -9 in the middle of a write: the database stays consistent, the work can be redone, the audit chain verifies.

Each test runs the real code in a child process on a SQLite file (the test database of the suite
is in memory, which a second process cannot open). The child is stopped with SIGKILL *inside* the
write's transaction: a probe wrapped around ``audit_log`` (every service appends its audit event
after its rows are written, in the same transaction) prints ``IN_TRANSACTION`` and sleeps, and the
parent kills the child when it reads that line. So the kill lands after the rows were inserted and
before the commit, every time — the test does not depend on timing.

The long variants (kill -9 of the gunicorn server during form posts, a PostgreSQL restart under
load) run in ``make soak`` (scripts/soak.py).
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
django.setup()
"""

PROBE = """
import sys, time
import fazhi.core.audit as _audit

def _probe(module):
    real = module.audit_log
    def audit_log(*args, **kwargs):
        if kwargs.get("action") == TARGET_ACTION:
            print("IN_TRANSACTION", flush=True)
            time.sleep(600)
        return real(*args, **kwargs)
    module.audit_log = audit_log
"""


def _env(db: Path) -> dict:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", DEBUG="True", FAZHI_TESTING="False",
               FAZHI_MEDIA_ROOT=str(db.parent / "media"))
    env.pop("SECRET_KEY_FILE", None)
    return env


def _run(db: Path, code: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SETUP + textwrap.dedent(code)], cwd=ROOT, env=_env(db), check=False,
                          capture_output=True, text=True, timeout=timeout)


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], cwd=ROOT, env=_env(db), capture_output=True, check=False,
                          text=True, timeout=600)


def _kill_inside(db: Path, code: str, action: str) -> None:
    """Run ``code`` with the probe on ``action``; SIGKILL the child once it is inside the transaction."""
    script = SETUP + PROBE.replace("TARGET_ACTION", repr(action)) + textwrap.dedent(code)
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=_env(db), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "IN_TRANSACTION", f"child never reached the transaction: {line!r} {child.stderr.read()}"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def _verify(db: Path) -> str:
    result = _cli(db, "audit", "verify")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def county_db(tmp_path_factory) -> Path:
    """A migrated SQLite file with the test county, an aid application, and a 3,000-row organizations workbook."""
    db = tmp_path_factory.mktemp("faults") / "fazhi.sqlite3"
    migrate = _cli(db, "migrate", "--noinput")
    assert migrate.returncode == 0, migrate.stderr
    setup = _run(db, f"""
        from fazhi.core.bench import organization_rows
        from fazhi.core.ledgers import get_ledger
        from fazhi.core.testing import make_county
        from fazhi.lib import xlsx
        from fazhi.legalservice.tests import factories
        c = make_county()
        factories.application(c.sfj, actor=c.liaison_sfj)
        ledger = get_ledger("organizations")
        xlsx.write_rows({str(db.parent / "orgs.xlsx")!r}, sheet_title=ledger.sheet_title,
                        columns=[col.spec() for col in ledger.columns], rows=organization_rows(3000, c.gov.name))
    """)
    assert setup.returncode == 0, setup.stderr
    return db


def test_kill_during_excel_import_leaves_nothing_and_the_import_can_be_rerun(county_db):
    db = county_db
    orgs, events = _count(db, "core_organization"), _count(db, "core_auditevent")
    _kill_inside(db, f"""
        import fazhi.core.ledgers as ledgers
        _probe(ledgers)
        from fazhi.core.ledgers import get_ledger, run_import
        run_import(get_ledger("organizations"), {str(db.parent / "orgs.xlsx")!r}, actor=None)
    """, action="core.import.commit")
    # No half-written import: not one of the 3,000 rows, no audit event; the chain verifies.
    assert _count(db, "core_organization") == orgs
    assert _count(db, "core_auditevent") == events
    _verify(db)
    # The same file imports cleanly afterwards.
    rerun = _cli(db, "import", "organizations", str(db.parent / "orgs.xlsx"))
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert _count(db, "core_organization") == orgs + 3000
    assert _count(db, "core_auditevent") == events + 1
    _verify(db)


def test_kill_during_workflow_transition_leaves_the_record_as_it_was(county_db):
    db = county_db
    with sqlite3.connect(db) as con:
        before = con.execute("SELECT status, updated_at FROM legalservice_aidcase").fetchall()
    deadlines = _count(db, "core_deadline")
    events = _count(db, "core_auditevent")
    assert [row[0] for row in before] == ["received"]
    step = textwrap.dedent("""\
        import datetime
        from fazhi.core.models import User
        from fazhi.legalservice import services
        from fazhi.legalservice.models import AidCase
        case = AidCase.objects.get()
        services.aid_grant(actor=User.objects.get(username="liaison_sfj"), case=case, on=datetime.date(2021, 9, 30))
    """)
    _kill_inside(db, "import fazhi.legalservice.services as sv\n_probe(sv)\n" + step,
                 action="legalservice.aid.grant")
    # The status change, the closed review deadline and the new assignment deadline were all rolled back.
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT status, updated_at FROM legalservice_aidcase").fetchall() == before
    assert _count(db, "core_deadline") == deadlines
    assert _count(db, "core_auditevent") == events
    _verify(db)
    # The clerk repeats the step: it goes through.
    again = _run(db, step + "\nprint(AidCase.objects.get().status)")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "granted"
    _verify(db)
