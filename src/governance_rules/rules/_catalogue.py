"""The catalogue: the 21 rules of the Regulation, built from templates (SPEC section 5)."""

from __future__ import annotations

from ._templates import (
    Act,
    CalendarDeadline,
    Check,
    Conformance,
    Coverage,
    DeadlineAfterTrigger,
    Owed,
    PeriodicDuty,
    Precedence,
    Recommendation,
    Requirement,
    Rule,
    Stage,
    Text,
)

_COMMUNE_MEETING = ("executive", "standing")
_REPORT_SECTIONS = (
    "socio_economic",
    "defense_security",
    "political_system",
    "policy_implementation",
    "public_sentiment",
)
_TO_COMMITTEE = {"recipient": ("standing_committee",)}
_REPORT_SUBJECT = {"officer": "officer", "period": "period", "event": "id"}
_REPORT_NOUN = Text(vi="Báo cáo", en="Report")


def _committee_report(rule_id: str, title: Text, act: Text, period: str, period_end: str) -> Rule:
    """A periodic report to the Standing Committee (R2): owed per officer and year, due
    ``report_grace_days`` after the period's last day."""
    return Rule(
        id=rule_id,
        title=title,
        bearer=("officer",),
        clauses=("R2",),
        act=act,
        template=CalendarDeadline(
            per="officer_year",
            period=period,
            stages=(Stage(anchor="in_year", on=period_end, plus_days="report_grace_days"),),
            act=Act(type="report.submitted", where=_TO_COMMITTEE, officer="officer", period=period),
            owed=Owed(min_active_days="report_min_active_days", active_on_period_end=True),
        ),
    )


def _regular_report(
    rule_id: str,
    title: Text,
    act: Text,
    *,
    clause: str,
    recipient: str,
    interval: str,
    exempt_agency_heads: bool = False,
) -> Rule:
    """A "thường xuyên" report to a recipient, per assignment, in rolling windows."""
    return Rule(
        id=rule_id,
        title=title,
        bearer=("officer",),
        clauses=(clause,),
        act=act,
        template=PeriodicDuty(
            acts=(
                Act(type="report.submitted", where={"recipient": (recipient,)}, officer="officer"),
            ),
            interval_months=interval,
            exempt_agency_heads=exempt_agency_heads,
        ),
    )


RULES: tuple[Rule, ...] = (
    Rule(
        id="GR-ASSIGN-TERM",
        title=Text(
            vi="Phân công theo dõi địa bàn theo nhiệm kỳ đại hội",
            en="Assignment falls within its congress term",
        ),
        bearer=("standing_committee",),
        clauses=("P4",),
        act=Text(vi="quyết định phân công", en="an assignment decision"),
        template=Conformance(
            checks=(
                Check(
                    act=Act(type="assignment.decided"),
                    require=Requirement(test="within_term", field="term"),
                    subject={
                        "officer": "officer",
                        "commune": "commune",
                        "term": "term",
                        "event": "id",
                    },
                    noun=Text(vi="Quyết định phân công", en="Assignment"),
                ),
            ),
        ),
    ),
    Rule(
        id="GR-COVERAGE",
        title=Text(
            vi="Mỗi xã, phường, thị trấn đều có cán bộ theo dõi",
            en="Every commune has a monitoring officer",
        ),
        bearer=("standing_committee",),
        clauses=("P4", "B1"),
        act=Text(vi="cán bộ theo dõi được phân công", en="an assigned monitoring officer"),
        template=Coverage(grace_days="coverage_grace_days"),
    ),
    Rule(
        id="GR-VISIT-QUARTERLY",
        title=Text(
            vi="Ít nhất 3 tháng 1 lần đi công tác hoặc dự họp BCH, BTV đảng ủy xã",
            en="A working visit or commune committee meeting at least every 3 months",
        ),
        bearer=("officer",),
        clauses=("D4",),
        act=Text(
            vi="lần đi công tác hoặc dự họp ban chấp hành, ban thường vụ đảng ủy xã",
            en="working visit or attendance at a commune executive or standing committee meeting",
        ),
        template=PeriodicDuty(
            acts=(
                Act(type="visit.conducted", officer="officer", commune="commune"),
                Act(
                    type="meeting.held",
                    where={"body": _COMMUNE_MEETING},
                    officer="attended",
                    commune="commune",
                ),
            ),
            interval_months="visit_interval_months",
            cadence="visit_cadence",
        ),
    ),
    Rule(
        id="GR-VISIT-CONTACT",
        title=Text(
            vi="Liên hệ thường trực cấp ủy trước khi đến làm việc",
            en="Contact the commune Party standing office before a working visit",
        ),
        bearer=("officer",),
        clauses=("R11",),
        act=Text(
            vi="liên hệ với thường trực cấp ủy",
            en="contact with the commune Party standing office",
        ),
        template=Precedence(
            act=Act(type="visit.conducted"),
            preceded_by=Act(type="contact.made", officer="officer", commune="commune"),
            within_days="contact_window_days",
        ),
    ),
    Rule(
        id="GR-CELL-MEETING",
        title=Text(
            vi="Khuyến khích dự sinh hoạt chi bộ ở khu dân cư",
            en="Attending a residential Party cell meeting (encouraged)",
        ),
        bearer=("officer",),
        clauses=("D5",),
        act=Text(
            vi="lần dự sinh hoạt chi bộ khu dân cư",
            en="attendance at a residential Party cell meeting",
        ),
        template=Recommendation(
            act=Act(
                type="meeting.held",
                where={"body": ("cell",)},
                officer="attended",
                commune="commune",
            ),
        ),
    ),
    Rule(
        id="GR-MEETING-INVITE",
        title=Text(
            vi="Đảng ủy xã mời cán bộ theo dõi dự họp",
            en="The commune Party committee invites the monitoring officer to its meetings",
        ),
        bearer=("commune",),
        clauses=("R13",),
        act=Text(vi="giấy mời cán bộ theo dõi", en="an invitation of the monitoring officer"),
        template=Conformance(
            checks=(
                Check(
                    act=Act(
                        type="meeting.held",
                        where={"body": _COMMUNE_MEETING},
                        any_of={
                            "topics": ("socio_economic", "defense_security", "political_system")
                        },
                    ),
                    require=Requirement(test="contains_officer", field="invited"),
                    per_assigned_officer=True,
                    subject={"commune": "commune", "event": "id"},
                    noun=Text(vi="Cuộc họp", en="Meeting"),
                ),
            ),
        ),
    ),
    _committee_report(
        "GR-REPORT-SEMIANNUAL",
        Text(
            vi="Báo cáo 6 tháng về Ban Thường vụ Tỉnh ủy",
            en="Semi-annual report to the Provincial Standing Committee",
        ),
        Text(
            vi="báo cáo 6 tháng đầu năm gửi Ban Thường vụ Tỉnh ủy",
            en="first-half-year report to the Provincial Standing Committee",
        ),
        period="{year}-H1",
        period_end="06-30",
    ),
    _committee_report(
        "GR-REPORT-ANNUAL",
        Text(
            vi="Báo cáo hằng năm về Ban Thường vụ Tỉnh ủy",
            en="Annual report to the Provincial Standing Committee",
        ),
        Text(
            vi="báo cáo năm gửi Ban Thường vụ Tỉnh ủy",
            en="annual report to the Provincial Standing Committee",
        ),
        period="{year}",
        period_end="12-31",
    ),
    Rule(
        id="GR-REPORT-CONTENT",
        title=Text(
            vi="Nội dung báo cáo kết quả theo dõi đầy đủ",
            en="A report to the Standing Committee covers every monitored field",
        ),
        bearer=("officer",),
        clauses=("R2", "D1"),
        act=Text(vi="báo cáo đủ nội dung", en="a complete report"),
        template=Conformance(
            checks=(
                Check(
                    act=Act(type="report.submitted", where=_TO_COMMITTEE),
                    require=Requirement(
                        test="contains_all", field="sections", values=_REPORT_SECTIONS
                    ),
                    subject=_REPORT_SUBJECT,
                    noun=_REPORT_NOUN,
                ),
            ),
        ),
    ),
    Rule(
        id="GR-CHANNEL",
        title=Text(
            vi="Gửi báo cáo qua Văn phòng Tỉnh ủy, nhận xét qua Ban Tổ chức Tỉnh ủy",
            en="Reports go through the Provincial Party Office, evaluations through the "
            "Organization Board",
        ),
        bearer=("officer", "commune"),
        clauses=("R2", "R16"),
        act=Text(vi="gửi đúng kênh", en="the prescribed channel"),
        template=Conformance(
            checks=(
                Check(
                    act=Act(type="report.submitted", where=_TO_COMMITTEE),
                    require=Requirement(test="one_of", field="via", values=("provincial_office",)),
                    subject=_REPORT_SUBJECT,
                    noun=_REPORT_NOUN,
                    bearer="officer",
                ),
                Check(
                    act=Act(type="evaluation.submitted"),
                    require=Requirement(test="one_of", field="via", values=("organization_board",)),
                    subject={
                        "officer": "officer",
                        "commune": "commune",
                        "year": "year",
                        "event": "id",
                    },
                    noun=Text(vi="Bản nhận xét, đánh giá", en="Evaluation"),
                    bearer="commune",
                ),
            ),
        ),
    ),
    _regular_report(
        "GR-REPORT-MEMBER",
        Text(
            vi="Thường xuyên báo cáo đồng chí ủy viên Ban Thường vụ phụ trách",
            en="Regular reports to the Standing Committee member in charge",
        ),
        Text(
            vi="báo cáo gửi đồng chí ủy viên Ban Thường vụ phụ trách",
            en="report to the Standing Committee member in charge",
        ),
        clause="R4",
        recipient="standing_member",
        interval="member_report_interval_months",
    ),
    _regular_report(
        "GR-REPORT-AGENCY",
        Text(
            vi="Thường xuyên báo cáo thủ trưởng cơ quan nơi công tác",
            en="Regular reports to the head of the officer's agency",
        ),
        Text(
            vi="báo cáo gửi thủ trưởng cơ quan nơi công tác",
            en="report to the head of the officer's agency",
        ),
        clause="R8",
        recipient="agency_head",
        interval="agency_report_interval_months",
        # The head of an agency reports to no head above them in it.
        exempt_agency_heads=True,
    ),
    Rule(
        id="GR-ISSUE-RELAY",
        title=Text(
            vi="Kịp thời trao đổi với thường trực cấp ủy cấp huyện những vấn đề được phản ánh",
            en="Raised issues are taken up promptly with the district Party standing office",
        ),
        bearer=("standing_member",),
        clauses=("R6", "D2"),
        act=Text(
            vi="trao đổi với thường trực cấp ủy cấp huyện",
            en="relay to the district Party standing office",
        ),
        trigger=Text(vi="phản ánh", en="raised issue"),
        template=DeadlineAfterTrigger(
            trigger=Act(type="issue.raised"),
            responses=(
                Act(
                    type="issue.relayed",
                    refers="issue",
                    in_charge="standing_member",
                    not_before_trigger=True,
                ),
            ),
            days="issue_relay_days",
            subject={
                "officer": "officer",
                "commune": "commune",
                "standing_member": "to",
                "kind": "kind",
            },
        ),
    ),
    Rule(
        id="GR-EVALUATION",
        title=Text(
            vi="Đảng ủy xã nhận xét, đánh giá cán bộ theo dõi hằng năm trước ngày 20/12",
            en="The commune's written annual evaluation of the officer before 20 December",
        ),
        bearer=("commune",),
        clauses=("R16",),
        act=Text(
            vi="bản nhận xét, đánh giá có xác nhận của ủy viên Ban Thường vụ phụ trách",
            en="written evaluation confirmed by the Standing Committee member in charge",
        ),
        template=CalendarDeadline(
            per="assignment_year",
            stages=(Stage(anchor="in_year", on="evaluation_due"),),
            act=Act(
                type="evaluation.submitted",
                officer="officer",
                commune="commune",
                year="year",
                in_charge="confirmed_by",
            ),
            owed=Owed(min_active_days="evaluation_min_active_days"),
        ),
    ),
    Rule(
        id="GR-REPLACEMENT",
        title=Text(
            vi="Xem xét thay thế cán bộ không hoàn thành nhiệm vụ",
            en="Replacement considered for an officer who did not complete their duties",
        ),
        bearer=("standing_committee",),
        clauses=("P5",),
        act=Text(
            vi="xem xét thay thế hoặc kết thúc phân công",
            en="replacement consideration or end of assignment",
        ),
        trigger=Text(vi="xếp loại không hoàn thành nhiệm vụ", en="rating of not completed"),
        template=DeadlineAfterTrigger(
            trigger=Act(type="performance.rated", where={"rating": ("not_completed",)}),
            responses=(
                Act(type="replacement.considered", officer="officer", not_before_trigger=True),
                Act(type="assignment.ended", officer="officer", not_before_trigger=True),
            ),
            days="replacement_days",
            subject={"officer": "officer", "year": "year"},
        ),
    ),
    Rule(
        id="GR-VIOLATION-HANDLING",
        title=Text(
            vi="Xử lý nghiêm minh, kịp thời cán bộ vi phạm",
            en="Violations are handled strictly and in time",
        ),
        bearer=("standing_committee",),
        clauses=("P6", "B5"),
        act=Text(vi="xử lý vi phạm", en="handling of the violation"),
        trigger=Text(vi="vi phạm", en="violation"),
        template=DeadlineAfterTrigger(
            trigger=Act(type="violation.recorded"),
            responses=(Act(type="violation.handled", refers="violation", not_before_trigger=True),),
            days="violation_handling_days",
            subject={"officer": "officer"},
        ),
    ),
    Rule(
        id="GR-CLASSIFICATION",
        title=Text(
            vi="Ban Tổ chức đề nghị đánh giá, phân loại cán bộ hằng năm",
            en="The Organization Board proposes the annual evaluation and classification",
        ),
        bearer=("organization_board",),
        clauses=("B3",),
        act=Text(
            vi="đề nghị đánh giá, phân loại cán bộ",
            en="proposal of evaluation and classification",
        ),
        template=CalendarDeadline(
            per="year",
            stages=(Stage(anchor="in_next_year", on="classification_due"),),
            act=Act(type="classification.proposed", year="year"),
            owed=Owed(),
        ),
    ),
    Rule(
        id="GR-COMMENDATION",
        title=Text(
            vi="Đề xuất biểu dương, khen thưởng cán bộ hoàn thành xuất sắc nhiệm vụ",
            en="Commendation proposed for an officer rated excellent",
        ),
        bearer=("organization_board",),
        clauses=("B5",),
        act=Text(vi="đề xuất biểu dương, khen thưởng", en="commendation proposal"),
        trigger=Text(vi="xếp loại hoàn thành xuất sắc", en="rating of excellent"),
        template=DeadlineAfterTrigger(
            trigger=Act(type="performance.rated", where={"rating": ("excellent",)}),
            responses=(Act(type="commendation.proposed", officer="officer", year="year"),),
            days="commendation_days",
            subject={"officer": "officer", "year": "year"},
        ),
    ),
    Rule(
        id="GR-REVIEW",
        title=Text(
            vi="Sơ kết, tổng kết thực hiện Quy định",
            en="Preliminary and final reviews of the Regulation",
        ),
        bearer=("organization_board",),
        clauses=("B6",),
        act=Text(vi="hội nghị sơ kết, tổng kết", en="review"),
        template=CalendarDeadline(
            per="term",
            stages=(
                Stage(kind="preliminary", anchor="term_midpoint", plus_days="review_grace_days"),
                Stage(kind="final", anchor="term_end", plus_days="review_grace_days"),
            ),
            act=Act(type="review.held", term="term", kind="kind"),
        ),
    ),
    Rule(
        id="GR-DISSEMINATION",
        title=Text(
            vi="Triển khai, quán triệt Quy định",
            en="The Regulation is deployed and disseminated",
        ),
        bearer=("organization_board",),
        clauses=("B2",),
        act=Text(vi="triển khai, quán triệt Quy định", en="dissemination of the Regulation"),
        template=CalendarDeadline(
            per="once",
            stages=(Stage(anchor="effective", plus_days="dissemination_days"),),
            act=Act(type="regulation.disseminated"),
        ),
    ),
    Rule(
        id="GR-JURISDICTION",
        title=Text(
            vi="Hoạt động đúng địa bàn được phân công",
            en="Acts concern a commune the officer is assigned to",
        ),
        bearer=("officer",),
        clauses=("D4", "R11", "D2"),
        act=Text(vi="hoạt động trên địa bàn được phân công", en="an act in an assigned commune"),
        template=Conformance(
            only_failures=True,
            voids_failing_acts=True,
            checks=tuple(
                Check(
                    act=Act(type=event_type),
                    require=Requirement(test="assigned", field="officer"),
                    subject={"officer": "officer", "commune": "commune", "event": "id"},
                    noun=noun,
                )
                for event_type, noun in (
                    ("visit.conducted", Text(vi="Chuyến công tác", en="Visit")),
                    ("contact.made", Text(vi="Liên hệ", en="Contact")),
                    ("issue.raised", Text(vi="Phản ánh", en="Issue")),
                )
            ),
        ),
    ),
)
