"""The API's stable, English field names: what goes in and what comes out.

Output is built explicitly from model rows by the `*_out` functions, so that what a user may
not see (a confidential submitter) is decided in one place and never serialised by accident.
"""

import datetime
from typing import Generic, TypeVar

from ninja import Field, Schema

T = TypeVar("T")


class Page(Schema, Generic[T]):
    """One page of a list."""

    count: int
    page: int
    page_size: int
    pages: int
    results: list[T]


class Ref(Schema):
    """A related object named by id, code and name."""

    id: int
    code: str
    name: str


class PersonRef(Schema):
    """A person, shown only where the caller may see them."""

    id: int
    username: str
    name: str


class TopicRef(Ref):
    group: str


class AnswerOut(Schema):
    id: int
    mode: str
    text: str
    answered_on: datetime.date
    conference_id: int | None


class CommitmentOut(Schema):
    id: int
    promised_on: datetime.date
    form: str
    note: str
    kept_on: datetime.date | None
    conference_id: int | None


class AssignmentBrief(Schema):
    id: int
    unit: Ref
    status: str
    due_date: datetime.date | None
    needs_verification: bool


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    sha256: str


class PetitionOut(Schema):
    """A petition as a list shows it."""

    id: int
    code: str
    year: int
    title: str
    status: str
    status_label: str
    channel: str
    privacy: str
    submitter_kind: str
    submitter_label: str = Field(description="The submitter as the caller may see them.")
    submitter: PersonRef | None = Field(
        None, description="Null unless the caller may see the submitter's identity."
    )
    submitter_unit: Ref | None = None
    topic: TopicRef | None
    concerned_unit: Ref | None
    conference_id: int | None
    merged_into_id: int | None
    submitted_at: datetime.datetime
    received_at: datetime.datetime | None
    updated_at: datetime.datetime


class PetitionDetail(PetitionOut):
    """A petition with its content and what has been done about it."""

    content: str
    status_reason: str
    transferred_to: str
    satisfied: bool | None
    merged_ids: list[int]
    support_count: int
    attachments: list[AttachmentOut]
    answers: list[AnswerOut]
    commitments: list[CommitmentOut]
    assignments: list[AssignmentBrief]


class PetitionCreated(PetitionDetail):
    receipt_code: str | None = Field(
        None,
        description="For an anonymous petition only: the receipt code, returned this once.",
    )


class PetitionIn(Schema):
    title: str = Field(..., max_length=250)
    content: str = Field(..., max_length=20000)
    topic_id: int | None = None
    privacy: str = Field("public", pattern="^(public|confidential|anonymous)$")
    as_unit: bool = False
    delegation_id: int | None = None
    agency_id: int | None = Field(None, description="Defaults to the caller's own agency.")


class ReceiveIn(Schema):
    topic_id: int
    concerned_unit_id: int | None = None
    privacy: str | None = Field(None, pattern="^(public|confidential|anonymous)$")


class MergeIn(Schema):
    duplicate_ids: list[int] = Field(..., min_length=1, max_length=100)
    reason: str = Field("", max_length=5000)


class ScheduleIn(Schema):
    conference_id: int


class AnswerIn(Schema):
    text: str = Field(..., max_length=50000)
    answerer_id: int | None = None


class CommitIn(Schema):
    promised_on: datetime.date
    form: str = Field(..., pattern="^(written|next_conference|meeting)$")
    note: str = Field("", max_length=5000)


class AssignIn(Schema):
    unit_id: int
    instructions: str = Field("", max_length=20000)
    needs_verification: bool = False
    verification_reason: str = Field("", max_length=5000)


class ReasonIn(Schema):
    reason: str = Field("", max_length=5000)


class TransferIn(Schema):
    to: str = Field(..., max_length=200)
    reason: str = Field(..., max_length=5000)


class AgendaItemOut(Schema):
    position: int
    status: str
    petition: PetitionOut | None = Field(
        None, description="Null when the caller may not see this petition."
    )


class NoticeOut(Schema):
    status: str
    symbol: str
    issued_on: datetime.date | None
    text: str


class StatementOut(Schema):
    id: int
    petition_id: int | None
    speaker: str
    text: str
    recorded_at: datetime.datetime


class ConferenceOut(Schema):
    id: int
    title: str
    kind: str
    combined_with: str
    status: str
    status_label: str
    starts_at: datetime.datetime
    place: str
    chair: PersonRef
    plan_id: int | None
    compilation_sent_at: datetime.datetime | None
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    held_on: datetime.date | None = Field(
        None, description="The day the conference was actually held (set when it opens)."
    )


class ConferenceDetail(ConferenceOut):
    attendance: str
    conclusion: str
    agenda: list[AgendaItemOut]
    notice: NoticeOut | None


class ConferenceIn(Schema):
    kind: str = Field(..., pattern="^(mid_year|year_end|ad_hoc)$")
    title: str = Field(..., max_length=250)
    starts_at: datetime.datetime
    place: str = Field("", max_length=250)
    plan_id: int | None = None
    combined_with: str = Field("none", pattern="^(none|six_month_review|staff_conference)$")
    chair_id: int | None = None


class OpenIn(Schema):
    attendance: str = Field("", max_length=20000)
    confirm_other_day: bool = Field(
        False, description="Confirm opening on a day other than the scheduled one."
    )


class RescheduleIn(Schema):
    starts_at: datetime.datetime
    place: str = Field("", max_length=250)
    reason: str = Field(..., max_length=5000)


class CloseIn(Schema):
    conclusion: str = Field(..., max_length=50000)


class StatementIn(Schema):
    text: str = Field(..., max_length=20000)
    speaker_id: int | None = None
    speaker_name: str = Field("", max_length=150)
    petition_id: int | None = None


class NoticeDraftIn(Schema):
    text: str = Field(..., max_length=50000)


class NoticeIssueIn(Schema):
    issued_on: datetime.date | None = None
    signer_authority: str | None = Field(None, pattern="^(|KT\\.|TM\\.|TL\\.|TUQ\\.|Q\\.)$")


class AssignmentOut(Schema):
    id: int
    petition: PetitionOut | None
    unit: Ref
    conference_id: int | None
    status: str
    status_label: str
    instructions: str
    needs_verification: bool
    due_date: datetime.date | None
    overdue: bool
    report_text: str
    reported_at: datetime.datetime | None


class ReportIn(Schema):
    text: str = Field(..., max_length=50000)


class DeadlineOut(Schema):
    id: int
    kind: str
    status: str
    start_date: datetime.date | None
    due_date: datetime.date
    overdue: bool
    days_overdue: int
    petition_id: int | None
    conference_id: int | None
    unit: Ref | None


class WorkdayAddOut(Schema):
    start: datetime.date
    days: int
    date: datetime.date


class WorkdayBetweenOut(Schema):
    working_days: int


class ChainOut(Schema):
    chain: str
    events: int
    ok: bool
    broken_seq: int | None
    problem: str


class VerifyOut(Schema):
    ok: bool
    chains: list[ChainOut]


class SummaryOut(Schema):
    """The numbers of the semi-annual or annual report."""

    agency: Ref
    year: int
    half: int | None
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date | None = Field(None, description="The day the outcomes are counted on.")
    figures: dict[str, int | float | None] = Field(
        description="The report's headline numbers (as in the printed report)."
    )
    by_status: dict[str, int]
    by_group: dict[str, int]
    by_channel: dict[str, int]


class AddendumOut(Schema):
    number: int
    text: str
    reason: str
    recorded_at: datetime.datetime


class MinutesOut(Schema):
    content: dict = Field(..., description="The minutes as frozen at close (JSON snapshot).")
    sha256: str
    addenda: list[AddendumOut]
