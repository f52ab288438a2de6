"""One object of each kind the workspace, follow-up, oversight and admin URLs take."""

import datetime

from django.urls import reverse

from doithoai.conferences import actions as conf
from doithoai.followups import actions as fu
from doithoai.organizations.models import Membership
from doithoai.oversight.actions import record_observation
from doithoai.testing import factories as f

NAMESPACES = ("conferences", "followups", "oversight", "organizations")
# Routes of other namespaces these tests cover too (the agency admin's deadline rules).
EXTRA_ROUTES = ("deadlines:rules",)


class World:
    """A conference in progress with an item, a plan, a chair delegation, an assignment with a
    reported file, an observation and a member; `url(name)` fills in the arguments."""

    def __init__(self, cast):
        self.cast = cast
        self.plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.head)
        self.planned = f.ad_hoc_conference(cast, starts_at=f.aware(2018, 7, 2), title="Sắp tới")
        self.delegation = conf.delegate_chair(
            conference=self.planned, deputy=cast.deputy, reason="Công tác.", by=cast.head
        )
        self.petition = f.in_conference(cast)
        self.conference = self.petition.conference
        self.item = self.petition.agenda_items.get()
        _p, self.assignment = f.assigned(cast)
        fu.report_resolution(
            assignment=self.assignment,
            text="Đã xử lý.",
            attachments=[f.upload("ket-qua.pdf")],
            by=cast.leader,
        )
        self.file = self.assignment.attachments.get()
        _p, waiting = f.assigned(cast, title="Việc chờ gia hạn")
        self.extension = fu.request_extension(
            assignment=waiting, reason="Cần xác minh.", by=cast.leader
        )
        self.answer = f.reach(cast, "answered").answers.first()
        self.notice = f.conference_in(cast, "concluded").notice
        self.observation = record_observation(
            agency=cast.agency, kind="recommendation", text="Cần đúng hạn.", by=cast.inspector
        )
        self.member = Membership.objects.get(user=cast.staff)
        self.today = datetime.date(2018, 6, 20)

    def args(self, name: str) -> list:
        """Return the URL arguments of a route name."""
        c, w = self.cast, self
        table = {
            "conferences:plan_issue": [w.plan.pk],
            "conferences:detail": [w.conference.pk],
            "conferences:delegate": [w.planned.pk],
            "conferences:revoke": [w.delegation.pk],
            "conferences:cancel": [w.planned.pk],
            "conferences:reschedule": [w.planned.pk],
            "conferences:open": [w.planned.pk],
            "conferences:close": [w.conference.pk],
            "conferences:minutes": [w.notice.conference_id],
            "conferences:correct_minutes": [w.notice.conference_id],
            "conferences:notice_draft": [w.conference.pk],
            "conferences:notice_issue": [w.conference.pk],
            "conferences:floor": [w.conference.pk],
            "conferences:item": [w.conference.pk, w.item.pk],
            "conferences:statement": [w.conference.pk, w.item.pk],
            "conferences:answer": [w.conference.pk, w.item.pk],
            "conferences:commit": [w.conference.pk, w.item.pk],
            "conferences:assign": [w.conference.pk, w.item.pk],
            "followups:assignment": [w.assignment.pk],
            "followups:report": [w.assignment.pk],
            "followups:extend": [w.assignment.pk],
            "followups:accept": [w.assignment.pk],
            "followups:return": [w.assignment.pk],
            "followups:attachment": [w.file.pk],
            "followups:approve_extension": [w.extension.pk],
            "followups:refuse_extension": [w.extension.pk],
            "conferences:compilation": [w.planned.pk],
            "conferences:send_compilation": [w.planned.pk],
            "conferences:unschedule": [w.petition.pk],
            "followups:urge": [w.assignment.pk],
            "followups:publish_answer": [w.answer.pk],
            "followups:publish_notice": [w.notice.pk],
            "oversight:petition": [w.petition.pk],
            "oversight:conference": [w.conference.pk],
            "oversight:observation_answer": [w.observation.pk],
            "organizations:member_edit": [w.member.pk],
            "organizations:import_job": ["abcdef123456"],
            "organizations:import_step": ["abcdef123456"],
            "organizations:site_import_job": ["abcdef123456"],
            "organizations:site_import_step": ["abcdef123456"],
        }
        del c
        return table.get(name, [])

    def url(self, name: str) -> str:
        return reverse(name, args=self.args(name))


def route_names() -> list[str]:
    """Return every route name of the four namespaces."""
    from django.urls import get_resolver

    names = []
    resolver = get_resolver()
    for ns in NAMESPACES:
        _prefix, sub = resolver.namespace_dict[ns]
        names += [f"{ns}:{p.name}" for p in sub.url_patterns if p.name]
    return sorted(names + list(EXTRA_ROUTES))


POST_ONLY = {
    "organizations:site_import_step",
    "conferences:plan_create",
    "conferences:plan_issue",
    "conferences:delegate",
    "conferences:revoke",
    "conferences:cancel",
    "conferences:reschedule",
    "conferences:open",
    "conferences:close",
    "conferences:correct_minutes",
    "conferences:notice_draft",
    "conferences:notice_issue",
    "conferences:floor",
    "conferences:statement",
    "conferences:answer",
    "conferences:commit",
    "conferences:assign",
    "followups:report",
    "followups:extend",
    "followups:accept",
    "followups:return",
    "followups:approve_extension",
    "followups:refuse_extension",
    "conferences:send_compilation",
    "conferences:unschedule",
    "followups:urge",
    "followups:publish_answer",
    "followups:publish_notice",
    "oversight:observation_create",
    "oversight:observation_answer",
    "organizations:unit_add",
    "organizations:import_step",
}
# Pages that also take a POST (a form on the same URL).
GET_AND_POST = {
    "conferences:create",
    "conferences:schedule",
    "organizations:member_add",
    "organizations:member_edit",
    "organizations:import",
    "organizations:site_onboard",
    "organizations:site_import",
    "organizations:site_reorganise",
    "deadlines:rules",
}
