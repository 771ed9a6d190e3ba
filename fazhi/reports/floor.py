"""The floor of the indicators bench (``make bench``, issue #10 §5): the counts behind every indicator of a
county-year in ONE hand-written aggregate statement over the same tables, with the same conditions.

``fazhi/core/benchsuite.py`` times it next to :func:`fazhi.core.indicators.compute_all` and prints the ratio.
The statement is written by hand (not generated from the indicators' tallies), so that the ratio measures
what the indicator engine costs over the database's own work. Each table is scanned once for its in-scope
rows (``WHERE organization_id IN scope``), every figure a conditional aggregate (``COUNT(*) FILTER (WHERE
…)``) of that scan; the per-table results are cross-joined into one row. Rates and units are left
unfinished (a division per figure is nothing next to the scans). ``fazhi/reports/tests/test_figures.py``
checks on the demo county that the floor's counts are the indicators' figures.

Not in SQL: 学法专题 (``oversight.study_topics``) counts distinct topics parsed from a text field in Python;
the floor counts the sessions it reads.
"""
from __future__ import annotations

import datetime
import re

from django.db import connection

from fazhi.core.indicators import without_jit
from fazhi.core.models import Organization

# The 活动台账 figures of legalservice: (indicator code, kind key, the field added up, True when the figure
# is that sum in 万/亿 rather than the sum itself).
_ACTIVITY_SUMS = [
    ("publicity_events", "civil_code_publicity", "count", False),
    ("enterprise_checkups", "enterprise_checkup", "count", False),
    ("micro_videos", "micro_video", "count", False), ("micro_video_views", "micro_video", "reach", True),
    ("people_served", "platform_reception", "count", False),
    ("migrant_documents", "migrant_worker_aid", "count", False), ("migrant_wages", "migrant_worker_aid", "amount", True),
    ("patrol_members", "patrol_members", "count", False), ("patrol_vehicles", "patrol_vehicles", "count", False),
    ("night_patrols", "night_patrol", "count", False), ("school_traffic", "school_traffic", "count", False),
    ("law_to_school", "law_to_school", "count", False), ("law_to_community", "law_to_community", "count", False),
    ("labour_group_trainings", "labour_group_training", "count", False),
    ("labour_group_returns", "labour_group_return", "count", False),
    ("labour_group_contractors", "labour_group_recovery", "count", False),
    ("labour_group_amount", "labour_group_recovery", "amount", True),
]


def floor_statement(gov: Organization, vendor: str, start: datetime.date, end: datetime.date,
                    today: datetime.date) -> tuple[str, list, list[str], set[str]]:
    """The floor, hand-written: ONE aggregate statement computing the counts (and sums) behind every
    indicator of ``gov``'s county-year, over the same tables with the same conditions (each module's
    ``indicators.py`` states them). Returns ``(sql, params, names, tables)``: the statement, its
    parameters, a name per result column (the indicator code; ``code:n``/``code:d`` for the numerator
    and denominator of a rate) and the tables it reads. Rates and units are not finished (a division
    per figure costs nothing next to the scan)."""
    if vendor == "postgresql":
        local_done = "(t.done_at AT TIME ZONE 'Asia/Shanghai')::date"
        days = "(t.closed_on - t.filed_on)"
    else:
        local_done = "date(t.done_at, '+8 hours')"
        days = "(julianday(t.closed_on) - julianday(t.filed_on))"
    yr = "BETWEEN %s AND %s"
    yp = [start, end]
    eod = min(today, end)
    still_open_before = min(today, end + datetime.timedelta(days=1))
    corrective = ", ".join(f"'{v}'" for v in ("change", "revoke", "revoke_partial", "confirm_illegal",
                                              "order_perform", "confirm_invalid"))
    heads = "'principal', 'deputy', 'in_charge'"
    upper_match = ("EXISTS (SELECT 1 FROM functions_upperserviceitem u WHERE u.name = {a}.name AND u.item_code = "
                   "{a}.item_code AND u.item_type = {a}.item_type AND u.department = {a}.department AND u.agency = "
                   "{a}.agency AND u.basis = {a}.basis)")
    # PostgreSQL runs a correlated EXISTS inside FILTER once per row; an uncorrelated IN is hashed once.
    consistent = (f"t.id IN (SELECT s.id FROM functions_serviceitem s WHERE s.in_force AND {upper_match.format(a='s')})"
                  if vendor == "postgresql" else upper_match.format(a="t"))
    # table -> (FROM clause, the alias t being the org-owned table; [(name, aggregate, params)]
    #           [, a condition all of the table's figures share, in the WHERE clause, and its params])
    spec: dict[str, tuple] = {
        "oversight_meeting": ("oversight_meeting t", [
            ("oversight.committee_meetings", f"COUNT(*) FILTER (WHERE t.kind = 'committee' AND t.held_on {yr})", yp),
            ("oversight.promotion_meetings", f"COUNT(*) FILTER (WHERE t.kind = 'promotion' AND t.held_on {yr})", yp)]),
        "oversight_adopteddocument": ("oversight_adopteddocument t JOIN oversight_meeting m ON m.id = t.meeting_id", [
            ("oversight.adopted_documents",
             f"COUNT(DISTINCT t.title) FILTER (WHERE m.kind = 'committee' AND m.held_on {yr})", yp)]),
        "oversight_inspection": ("oversight_inspection t", [
            ("oversight.county_inspections", f"COUNT(*) FILTER (WHERE t.scope = 'county' AND t.started_on {yr})", yp),
            ("oversight.congress_inspections",
             f"COUNT(*) FILTER (WHERE t.inspector = 'peoples_congress' AND t.started_on {yr})", yp)]),
        "oversight_studysession": ("oversight_studysession t", [
            ("oversight.study_topics:sessions", f"COUNT(*) FILTER (WHERE t.held_on {yr})", yp)]),
        "oversight_worktask": ("oversight_worktask t JOIN oversight_workplan p ON p.id = t.plan_id", [
            ("oversight.key_reform_tasks", "COUNT(*) FILTER (WHERE t.kind = 'key_reform' AND p.year = %s)",
             [start.year]),
            ("oversight.task_completion_rate:n", f"COUNT(*) FILTER (WHERE t.due_on {yr} AND t.status = 'done')", yp),
            ("oversight.task_completion_rate:d", f"COUNT(*) FILTER (WHERE t.due_on {yr})", yp)]),
        "oversight_training": ("oversight_training t", [
            ("oversight.training_sessions", f"COUNT(*) FILTER (WHERE t.mode = 'in_person' AND t.held_on {yr})", yp),
            ("oversight.training_person_times",
             f"SUM(t.person_times) FILTER (WHERE t.mode = 'in_person' AND t.held_on {yr})", yp)]),
        "oversight_trainingattendance": (
            "oversight_trainingattendance t JOIN oversight_training tr ON tr.id = t.training_id", [
                ("oversight.online_trained_staff",
                 f"COUNT(DISTINCT t.staff_key) FILTER (WHERE tr.mode = 'online' AND tr.held_on {yr})", yp)]),
        "oversight_finding": ("oversight_finding t JOIN oversight_inspection i ON i.id = t.inspection_id", [
            ("oversight.rectification_closure_rate:n",
             f"COUNT(*) FILTER (WHERE t.due_on {yr} AND t.status = 'closed')", yp),
            ("oversight.rectification_closure_rate:d", f"COUNT(*) FILTER (WHERE t.due_on {yr})", yp),
            ("oversight.repeated_findings",
             f"COUNT(*) FILTER (WHERE t.repeat_of_id IS NOT NULL AND i.started_on {yr})", yp)]),
        "decisions_catalogitem": ("decisions_catalogitem t JOIN decisions_catalog c ON c.id = t.catalog_id", [
            ("decisions.catalog_items",
             "COUNT(*) FILTER (WHERE c.year BETWEEN %s AND %s AND c.status = 'published' AND NOT t.removed)",
             [start.year, end.year])]),
        "decisions_adviserwork": ("decisions_adviserwork t", [
            (f"decisions.adviser_{name}", f"COUNT(*) FILTER (WHERE t.kind = '{kind}' AND t.\"on\" {yr})", yp)
            for name, kind in (("meetings", "meeting"), ("suits", "suit"), ("opinions", "opinion"))]),
        "enforcement_workplan": ("enforcement_workplan t JOIN core_organization o ON o.id = t.organization_id", [
            ("enforcement.township_work_plans", f"COUNT(*) FILTER (WHERE o.kind = 'township' AND t.issued_on {yr})",
             yp)]),
        "enforcement_enforcementbody": (
            "enforcement_enforcementbody t JOIN core_organization o ON o.id = t.organization_id", [
                ("enforcement.township_offices", ("COUNT(DISTINCT o.parent_id) FILTER (WHERE t.kind = 'township_office'"
                 " AND (t.established_on IS NULL OR t.established_on <= %s))"), [end])]),
        "enforcement_enforcementlist": ("enforcement_enforcementlist t", [
            ("enforcement.lists_published", f"COUNT(*) FILTER (WHERE t.published_on {yr})", yp)]),
        "enforcement_officer": ("enforcement_officer t", [
            ("enforcement.officers_qualified", f"COUNT(*) FILTER (WHERE t.first_certified_on {yr})", yp)]),
        "enforcement_case": ("enforcement_case t LEFT JOIN enforcement_enforcementitem i ON i.id = t.item_id", [
            ("enforcement.cases_filed", f"COUNT(*) FILTER (WHERE t.filed_on {yr})", yp),
            ("enforcement.legality_review_rate:n", (f"COUNT(*) FILTER (WHERE t.decided_on {yr} "
             "AND (t.is_major OR i.major_review) AND t.reviewed_on IS NOT NULL)"), yp),
            ("enforcement.legality_review_rate:d",
             f"COUNT(*) FILTER (WHERE t.decided_on {yr} AND (t.is_major OR i.major_review))", yp),
            ("enforcement.publicity_timely_rate:n", (f"COUNT(*) FILTER (WHERE t.decided_on {yr} "
             "AND t.publicity_due IS NOT NULL AND t.published_on <= t.publicity_due)"), yp),
            ("enforcement.publicity_timely_rate:d",
             f"COUNT(*) FILTER (WHERE t.decided_on {yr} AND t.publicity_due IS NOT NULL)", yp),
            ("enforcement.two_officer_rate:n", (f"COUNT(*) FILTER (WHERE t.filed_on {yr} AND t.id IN "
             "(SELECT case_id FROM enforcement_case_officers GROUP BY case_id HAVING COUNT(*) >= 2))"), yp),
            ("enforcement.two_officer_rate:d", f"COUNT(*) FILTER (WHERE t.filed_on {yr})", yp),
            ("enforcement.avg_handling_days", f"AVG({days}) FILTER (WHERE t.closed_on {yr})", yp),
            ("enforcement.overdue_cases", (f"COUNT(*) FILTER (WHERE t.filed_on {yr} AND t.kind = 'penalty' "
             "AND t.procedure = 'ordinary' AND t.decision_due IS NOT NULL AND ((t.decided_on IS NULL "
             "AND t.decision_due < %s) OR t.decided_on > t.decision_due))"), [*yp, eod])]),
        "normdocs_criterion": ("normdocs_criterion t JOIN normdocs_campaign c ON c.id = t.campaign_id", [
            ("normdocs.cleanup_criteria", "COUNT(*) FILTER (WHERE c.year BETWEEN %s AND %s)",
             [start.year, end.year])]),
        "normdocs_corpusdoc": ("normdocs_corpusdoc t JOIN normdocs_campaign c ON c.id = t.campaign_id", [
            ("normdocs.cleanup_screened", "COUNT(*) FILTER (WHERE c.year BETWEEN %s AND %s)", [start.year, end.year]),
            *[(f"normdocs.cleanup_reviewed_{dc}", ("COUNT(*) FILTER (WHERE c.year BETWEEN %s AND %s "
               f"AND t.doc_class = '{dc}' AND t.outcome <> '')"), [start.year, end.year])
              for dc in ("policy", "normative")],
            *[(f"normdocs.cleanup_{name}", f"COUNT(*) FILTER (WHERE c.year BETWEEN %s AND %s AND t.outcome = '{oc}')",
               [start.year, end.year])
              for name, oc in (("repealed", "repeal"), ("expired", "expire"), ("amended", "amend"), ("kept", "keep"))]]),
        "normdocs_normdoc": ("normdocs_normdoc t", [
            ("normdocs.issued_since_2020", ("COUNT(*) FILTER (WHERE t.reg_number > '' AND t.published_on "
             "BETWEEN %s AND %s)"), [datetime.date(2020, 1, 1), end]),
            ("normdocs.filing_timely_rate:n", (f"COUNT(*) FILTER (WHERE t.published_on {yr} AND t.filing_due_on "
             "IS NOT NULL AND t.filed_gov_on <= t.filing_due_on AND t.filed_npc_on <= t.filing_due_on)"), yp),
            ("normdocs.filing_timely_rate:d",
             f"COUNT(*) FILTER (WHERE t.published_on {yr} AND t.filing_due_on IS NOT NULL)", yp)]),
        "legalservice_aidcase": ("legalservice_aidcase t", [
            ("legalservice.aid_accepted", f"COUNT(*) FILTER (WHERE t.accepted_on {yr})", yp),
            ("legalservice.aid_closed", f"COUNT(*) FILTER (WHERE t.closed_on {yr})", yp),
            ("legalservice.criminal_assigned", ("COUNT(*) FILTER (WHERE t.source = 'notice' AND t.case_type = "
             f"'criminal' AND t.received_on {yr} AND t.assigned_on IS NOT NULL)"), yp),
            ("legalservice.criminal_defense_rate:d", ("COUNT(*) FILTER (WHERE t.source = 'notice' AND "
             f"t.case_type = 'criminal' AND t.received_on {yr})"), yp)]),
        "legalservice_notarization": ("legalservice_notarization t", [
            ("legalservice.notarizations", f"COUNT(*) FILTER (WHERE t.issued_on {yr})", yp)]),
        "legalservice_consultation": ("legalservice_consultation t", [
            (f"legalservice.consult_{ch}", f"SUM(t.persons) FILTER (WHERE t.channel = '{ch}')", [])
            for ch in ("hotline", "onsite", "terminal", "video")], f"t.consulted_on {yr}", yp),
        "legalservice_activity": ("legalservice_activity t JOIN legalservice_activitykind k ON k.id = t.kind_id", [
            (f"legalservice.{code}" + (":raw" if in_units else ""), f"SUM(t.{field}) FILTER (WHERE k.key = '{key}')", [])
            for code, key, field, in_units in _ACTIVITY_SUMS], f"t.held_on {yr}", yp),
        "disputes_reviewcase": ("disputes_reviewcase t", [
            ("disputes.review_applied", f"COUNT(*) FILTER (WHERE t.received_on {yr})", yp),
            ("disputes.review_accepted", f"COUNT(*) FILTER (WHERE t.accepted_on {yr})", yp),
            ("disputes.review_mediated_first", f"COUNT(*) FILTER (WHERE t.accepted_on {yr} AND t.pre_mediation <> '')",
             yp),
            ("disputes.review_resolved_by_mediation", ("COUNT(*) FILTER (WHERE t.outcome IN ('mediation', "
             f"'settlement') AND t.closed_on {yr})"), yp),
            ("disputes.review_decided", f"COUNT(*) FILTER (WHERE t.state = 'decided' AND t.decided_on {yr})", yp),
            ("disputes.review_corrected", (f"COUNT(*) FILTER (WHERE t.state = 'decided' AND t.decided_on {yr} "
             f"AND t.decision_type IN ({corrective}))"), yp)]),
        "disputes_litigationcase": ("disputes_litigationcase t", [
            ("disputes.litigation_head_appeared", ("COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "
             "disputes_litigationhearing h WHERE h.case_id = t.id AND h.appearance IN "
             f"({heads}) AND h.held_on {yr}))"), yp),
            ("disputes.litigation_appearance_rate:d", ("COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "
             f"disputes_litigationhearing h WHERE h.case_id = t.id AND h.held_on {yr}))"), yp)]),
        "disputes_mediationcase": ("disputes_mediationcase t LEFT JOIN disputes_mediationroom r ON r.id = t.room_id", [
            *[(f"disputes.{name}", f"COUNT(*) FILTER (WHERE t.kind = '{kind}')", [])
              for name, kind in (("people_mediation", "people"), ("presuit_mediation", "presuit"),
                                 ("marriage_mediation", "marriage"), ("plsc_mediation", "plsc"))],
            ("disputes.people_mediation_complex", "COUNT(*) FILTER (WHERE t.kind = 'people' AND t.complex_case)", []),
            ("disputes.people_mediation_amount:yuan", "SUM(t.amount) FILTER (WHERE t.kind = 'people')", []),
            ("disputes.presuit_amount:yuan", "SUM(t.amount) FILTER (WHERE t.kind = 'presuit')", []),
            ("disputes.presuit_courts", "COUNT(DISTINCT r.court) FILTER (WHERE t.kind = 'presuit')", [])],
            f"t.status = 'success' AND t.closed_on {yr}", yp),
        "disputes_mediationconsultation": (
            "disputes_mediationconsultation t JOIN disputes_mediationroom r ON r.id = t.room_id", [
                ("disputes.marriage_consultations", f"SUM(t.people) FILTER (WHERE r.kind = 'marriage' AND t.\"on\" {yr})",
                 yp)]),
        "disputes_arbitrationcase": ("disputes_arbitrationcase t", [
            ("disputes.labour_arbitration", f"COUNT(*) FILTER (WHERE t.received_on {yr})", yp)]),
        "functions_poweritem": ("functions_poweritem t", [
            ("functions.power_list_agencies", "COUNT(DISTINCT t.organization_id)", []),
            ("functions.power_items", "COUNT(*)", [])],
            "t.valid_from <= %s AND (t.valid_to IS NULL OR t.valid_to > %s)", [end, end]),
        "functions_poweradjustment": ("functions_poweradjustment t", [
            ("functions.township_empowered", f"COUNT(*) FILTER (WHERE t.kind = 'empower' AND t.adjusted_on {yr})", yp),
            ("functions.enforcement_delegated", f"COUNT(*) FILTER (WHERE t.kind = 'delegate' AND t.adjusted_on {yr})",
             yp),
            ("functions.power_adjustments", f"COUNT(*) FILTER (WHERE t.adjusted_on {yr})", yp)]),
        "functions_serviceitem": ("functions_serviceitem t", [
            ("functions.service_items_consistent", f"COUNT(*) FILTER (WHERE {consistent})", []),
            ("functions.online_service_rate:n", "COUNT(*) FILTER (WHERE t.online)", []),
            ("functions.online_service_rate:d", "COUNT(*)", [])], "t.in_force", []),
        "functions_disclosure": ("functions_disclosure t", [
            ("functions.disclosures", "COUNT(*)", []),
            ("functions.disclosure_timely_rate:n", "COUNT(*) FILTER (WHERE t.published_on <= t.due_on)", [])],
            f"t.published_on {yr}", yp),
        "functions_newmediaaccount": ("functions_newmediaaccount t", [
            ("functions.new_media_accounts", ("COUNT(*) FILTER (WHERE t.opened_on <= %s AND (t.closed_on IS NULL "
             "OR t.closed_on > %s))"), [end, end])]),
        "functions_creditactivity": ("functions_creditactivity t", [
            ("functions.credit_entrepreneurs", f"COUNT(*) FILTER (WHERE t.kind = 'entrepreneur' AND t.held_on {yr})",
             yp),
            ("functions.credit_model_units", f"COUNT(*) FILTER (WHERE t.kind = 'model_unit' AND t.held_on {yr})", yp)]),
        "functions_creditrecord": ("functions_creditrecord t", [
            ("functions.dual_publicity_records", "COUNT(*)", []),
            ("functions.dual_publicity_timely_rate:n", "COUNT(*) FILTER (WHERE t.reported_on <= t.due_on)", [])],
            f"t.reported_on {yr}", yp),
        "functions_inforequest": ("functions_inforequest t", [
            ("functions.request_timely_rate:n", "COUNT(*) FILTER (WHERE t.replied_on <= t.reply_due)", []),
            ("functions.request_timely_rate:d", "COUNT(*)", [])], f"t.state = 'replied' AND t.replied_on {yr}", yp),
        "core_deadline": ("core_deadline t", [
            ("reports.overdue_deadlines", (f"COUNT(*) FILTER (WHERE (t.done_at IS NOT NULL AND {local_done} > t.due_date) "
             "OR (t.done_at IS NULL AND t.due_date < %s))"), [still_open_before])], f"t.due_date {yr}", yp),
        "core_organization": ("core_organization t", [  # the 一张网 coverage: the county's active units by kind
            (f"functions.network_{name}", f"COUNT(*) FILTER (WHERE t.kind = '{kind}' AND t.is_active)", [])
            for name, kind in (("departments", "department"), ("townships", "township"), ("villages", "village"),
                               ("communities", "community"))]),
    }
    scope = ("SELECT o.id FROM core_organization o JOIN core_region r ON r.id = o.region_id WHERE r.path LIKE %s")
    parts, params, names = [], [gov.region.path + "%"], []
    for n, (table, (source, aggs, *where)) in enumerate(spec.items()):
        column = "t.id" if table == "core_organization" else "t.organization_id"
        selects = ", ".join(f"{sql} AS c{n}_{i}" for i, (_, sql, _) in enumerate(aggs))
        also = f" AND {where[0]}" if where else ""
        parts.append(f"(SELECT {selects} FROM {source} WHERE {column} IN (SELECT id FROM scope){also}) AS q{n}")
        for name, _, p in aggs:
            names.append(name)
            params.extend(p)
        params.extend(where[1] if where else [])
    sql = f"WITH scope AS ({scope}) SELECT * FROM " + " CROSS JOIN ".join(parts)
    return sql, params, names, set(spec)


def floor_values(gov: Organization, year: int, extra_tables: list[str] = ()) -> dict[str, object]:
    """Run the floor for ``gov``'s county-year: ``{name: value}`` (names as :func:`floor_statement`).
    ``extra_tables`` (org-owned tables the indicators read that the statement does not name) are
    counted too, so that the floor never reads fewer tables than the indicators."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    sql, params, names, _ = floor_statement(gov, connection.vendor, start, end, datetime.date.today())
    named = set(re.findall(r"(?:FROM|JOIN) ([a-z0-9_]+)", sql))
    for table in sorted(set(extra_tables) - named):
        sql += (f' CROSS JOIN (SELECT COUNT(*) AS x_{table} FROM "{table}" '
                "WHERE organization_id IN (SELECT id FROM scope)) AS x_" + table)
        names.append(f"{table}:rows")
    with without_jit(), connection.cursor() as cursor:  # as the indicators run (JIT compiling costs more)
        cursor.execute(sql, params)
        return dict(zip(names, cursor.fetchone(), strict=True))
