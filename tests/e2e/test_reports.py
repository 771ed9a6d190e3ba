"""年度报告与指标 in a real browser: a figure on a dashboard card and a bar of the monthly chart
(ECharts, drawn from json_script data by a static script) click through to the records behind them;
another department's user sees only its own records. No CSP errors; screenshots to
test-artifacts/screenshots/."""
import datetime
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

OUT = Path("test-artifacts/screenshots")


def _shot(page, name):
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"reports_{name}.png"), full_page=True)


@pytest.fixture
def overdue(e2e_county):
    from fazhi.core.deadlines import deadline_register

    c = e2e_county
    for org, title in ((c.sfj, "司法局逾期处罚决定甲"), (c.sfj, "司法局逾期处罚决定乙"), (c.scj, "市场监管局逾期处罚决定")):
        deadline_register(actor=None, organization=org, rule_code="penalty.decision", target=("core.organization", title),
                          title=title, start_date=datetime.date(2021, 3, 1))
    return c


def test_dashboard_figure_and_chart_click_through_to_records(live_server, page, overdue, browser_login, e2e_password):
    base = live_server.url
    browser_login(page, base, overdue.admin.username, e2e_password)
    page.goto(f"{base}/reports/dashboard/reports/?year=2021")
    card = page.locator('a.stat[data-code="reports.overdue_deadlines"]')
    assert card.locator(".num").inner_text() == "3"
    page.wait_for_function("() => document.querySelector('[data-chart=\"module-trend\"] canvas') !== null")
    _shot(page, "dashboard_module")
    card.click()
    page.wait_for_url(re.compile(r"/reports/indicators/reports\.overdue_deadlines/"))
    body = page.locator("main").inner_text()
    assert "司法局逾期处罚决定甲" in body and "市场监管局逾期处罚决定" in body
    _shot(page, "records")

    # The monthly chart: click the bar of the month the deadlines fell due in.
    from fazhi.core.models import Deadline

    due = Deadline.objects.filter(title="司法局逾期处罚决定甲").get().due_date
    page.goto(f"{base}/reports/dashboard/reports/?year=2021")
    page.wait_for_function("() => document.querySelector('[data-chart=\"module-trend\"] canvas') !== null")
    x, y = page.evaluate("""(month) => {
        const node = document.querySelector('[data-chart="module-trend"]');
        node.scrollIntoView({block: "center"});
        const chart = echarts.getInstanceByDom(node);
        const [px, py] = chart.convertToPixel({seriesIndex: 0}, [month - 1, 1]);
        const r = node.getBoundingClientRect();
        return [r.left + px, r.top + py];
    }""", due.month)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(rf"month={due.month}"))
    assert "司法局逾期处罚决定乙" in page.locator("main").inner_text()
    assert page.csp_errors == []

    # Another department's user: only its own record behind the same figure.
    page.context.clear_cookies()
    browser_login(page, base, overdue.liaison_scj.username, e2e_password)
    page.goto(f"{base}/reports/indicators/reports.overdue_deadlines/?year=2021")
    body = page.locator("main").inner_text()
    assert "市场监管局逾期处罚决定" in body and "司法局逾期处罚决定" not in body
