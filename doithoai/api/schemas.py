"""The API's stable, English field names: what goes in and what comes out.

Output is built explicitly from model rows by the `*_out` functions, so that what a user may
not see (a confidential submitter) is decided in one place and never serialised by accident.
"""

import datetime
from typing import Annotated, Generic, TypeVar

from ninja import Field, Path, Schema
from pydantic import ConfigDict, field_validator

T = TypeVar("T")

# Primary keys are 64-bit (BigAutoField): a larger number can name nothing and would
# overflow the database driver, so it is refused as bad input.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _reject_nul(value, field: str):
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("NUL characters are not allowed")
    elif isinstance(value, list | tuple | set):
        for item in value:
            _reject_nul(item, field)
    return value


class CleanText(Schema):
    """Refuse text holding NUL characters, which no database column stores."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value, info):
        return _reject_nul(value, info.field_name)


class In(CleanText):
    """A request body: unknown fields are refused, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Page(Schema, Generic[T]):
    """One page of a list."""

    count: int | None = Field(
        description="How many rows the list holds; null when paging by cursor (counted on "
        "numbered pages only, so a cursor walk never counts the list again)."
    )
    page: int | None = Field(description="The page number; null when paging by cursor.")
    page_size: int
    pages: int | None = Field(description="How many numbered pages; null when paging by cursor.")
    next: str | None = Field(
        None, description="Send as `cursor` to get the next page; null on the last page."
    )
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
    answered_by: PersonRef | None = Field(
        None, description="Who answered: the chair, or the leader the chair designated."
    )
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
        None,
        description="Absent unless the caller may see the submitter's identity "
        "(null when there is no user, e.g. a paper petition).",
    )
    submitter_unit: Ref | None = Field(
        None, description="Absent unless the caller may see the submitter's identity."
    )
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


class PetitionIn(In):
    title: str = Field(..., max_length=250)
    content: str = Field(..., max_length=20000)
    topic_id: Id | None = None
    privacy: str = Field("public", pattern="^(public|confidential|anonymous)$")
    as_unit: bool = False
    delegation_id: Id | None = None
    agency_id: Id | None = Field(None, description="Defaults to the caller's own agency.")


class ReceiveIn(In):
    topic_id: Id
    concerned_unit_id: Id | None = None
    privacy: str | None = Field(None, pattern="^(public|confidential|anonymous)$")


class MergeIn(In):
    duplicate_ids: list[Id] = Field(..., min_length=1, max_length=100)
    reason: str = Field("", max_length=5000)


class ScheduleIn(In):
    conference_id: Id


class AnswerIn(In):
    text: str = Field(..., max_length=50000)
    answerer_id: Id | None = None


class CommitIn(In):
    promised_on: datetime.date
    form: str = Field(..., pattern="^(written|next_conference|meeting)$")
    note: str = Field("", max_length=5000)


class AssignIn(In):
    unit_id: Id
    instructions: str = Field("", max_length=20000)
    needs_verification: bool = False
    verification_reason: str = Field("", max_length=5000)


class ReasonIn(In):
    reason: str = Field("", max_length=5000)


class TransferIn(In):
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
    agenda: list[AgendaItemOut] = Field(description="The running order, by position.")
    notice: NoticeOut | None
    documents: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Download links by document kind and format, for what the caller may download.",
    )


class ConferenceIn(In):
    kind: str = Field(..., pattern="^(mid_year|year_end|ad_hoc)$")
    title: str = Field(..., max_length=250)
    starts_at: datetime.datetime
    place: str = Field("", max_length=250)
    plan_id: Id | None = None
    combined_with: str = Field("none", pattern="^(none|six_month_review|staff_conference)$")
    chair_id: Id | None = None


class OpenIn(In):
    attendance: str = Field("", max_length=20000)
    confirm_other_day: bool = Field(
        False, description="Confirm opening on a day other than the scheduled one."
    )


class RescheduleIn(Schema):
    starts_at: datetime.datetime
    place: str = Field("", max_length=250)
    reason: str = Field(..., max_length=5000)


class CloseIn(In):
    conclusion: str = Field(..., max_length=50000)


class StatementIn(In):
    text: str = Field(..., max_length=20000)
    speaker_id: Id | None = None
    speaker_name: str = Field("", max_length=150)
    petition_id: Id | None = None


class NoticeDraftIn(In):
    text: str = Field(..., max_length=50000)


class NoticeIssueIn(In):
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


class ReportIn(In):
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
    completed_on: datetime.date | None = Field(None, description="When a met step was done.")
    completed_late: bool = False
    rule: str = Field("", description="How the due date was computed, as stored.")


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
