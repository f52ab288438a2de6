"""What every document takes from the agency's data: names, number, date, signer, rules."""

import datetime
from collections import Counter
from dataclasses import dataclass

from doithoai.conferences.models import SignerAuthority
from doithoai.core.actionkit import today
from doithoai.organizations.access import roles
from doithoai.organizations.models import Membership, Role, Unit
from doithoai.organizations.names import names_on, successors

from .blocks import Header, Signature


def vn_date_words(place: str, day: datetime.date | None, year: int | None = None) -> str:
    """Return "Hà Giang, ngày 03 tháng 01 năm 2018" (zero before days < 10 and months 1–2).

    Without a date, leave the blanks an office fills in by hand when it signs.
    """
    if day is None:
        return f"{place}, ngày      tháng      năm {year or ''}".rstrip()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number(n: int) -> str:
    """Write a count as Vietnamese administrative documents do: 01, 05, 12, 150."""
    return f"{n:02d}"


def count(n: int, noun: str, *, none: str | None = None) -> str:
    """Return "05 kiến nghị", or for zero the words ("không có kiến nghị nào"), never "00"."""
    if n:
        return f"{number(n)} {noun}"
    return none if none is not None else f"không có {noun} nào"


def short_date(day: datetime.date) -> str:
    """Return a date as offices write it in running text: 28/6/2018, 03/01/2018."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def document_day(issued_on: datetime.date | None, year: int | None = None) -> datetime.date:
    """Return the day whose names a document prints: its date, else the last day of its
    year (today while the year runs)."""
    if issued_on is not None:
        return issued_on
    now = today()
    if year is None or year >= now.year:
        return now
    return datetime.date(year, 12, 31)


def as_of(agency, day: datetime.date):
    """Return the agency with the names in force on `day` (a merged agency's successor's
    names after the merge): every builder prints these, never today's names."""
    return names_on(agency, day)


def number_symbol(symbol: str, type_code: str, agency) -> str:
    """Return "Số: 09/KH-VPUBND", or the blank "Số:      /GM-VPUBND" before registration."""
    if symbol:
        return f"Số: {symbol}"
    return f"Số:      /{type_code}-{agency.code}"


def issuing_body(agency) -> str:
    """Return the issuing body's name without the parent body it repeats.

    "Văn phòng UBND tỉnh Hà Giang" under "UBND TỈNH HÀ GIANG" prints as "VĂN PHÒNG".
    """
    name = agency.name.upper()
    parent = (agency.parent_body_name or "").upper().strip()
    if parent and name.endswith(parent) and len(name) > len(parent):
        return name[: -len(parent)].strip()
    return name


def header(agency, *, type_code, type_name, summary, symbol="", issued_on=None, year=None):
    """Build the header components of a document of `agency`."""
    return Header(
        parent_body=agency.parent_body_name,
        issuing_body=issuing_body(agency),
        number_symbol=number_symbol(symbol, type_code, agency),
        place_date=vn_date_words(agency.locality, issued_on, year),
        type_name=type_name,
        summary=summary,
    )


def display_name(user) -> str:
    """Return a person's full name (or username)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _staffed_by(agency) -> list[int]:
    """Return the agency's id, then its successors': a merged agency's people and units moved
    there, and its records still name them (the head signing its report, HC-TC archiving)."""
    mapping, ids = successors(), [agency.pk]
    while ids[-1] in mapping and mapping[ids[-1]] not in ids:
        ids.append(mapping[ids[-1]])
    return ids


def _first_of(agency, queryset_for):
    for agency_id in _staffed_by(agency):
        found = queryset_for(agency_id)
        if found is not None:
            return found
    return None


def secretariat_unit(agency):
    """Return the unit most secretariat members belong to (phòng HC-TC), or None."""

    def unit_in(agency_id):
        units = Counter(
            Membership.objects.filter(
                agency_id=agency_id,
                is_active=True,
                roles__role=Role.SECRETARIAT,
                unit__isnull=False,
            ).values_list("unit_id", flat=True)
        )
        if not units:
            return Unit.objects.filter(agency_id=agency_id, code__iexact="HCTC").first()
        return Unit.objects.get(pk=units.most_common(1)[0][0])

    return _first_of(agency, unit_in)


def archive_line(agency) -> str:
    """Return what follows "Lưu:": the records office and the secretariat's code."""
    unit = secretariat_unit(agency)
    return f"VT, {unit.code}" if unit else "VT"


def signature(agency, signer, authority: str | None = None, collective: str = "") -> Signature:
    """Return the signature block for `signer`, the authority form chosen from who signs.

    The head signs directly; a deputy signs KT. (for the head); TL. and TUQ. carry the
    signer's own position; TM. signs for a collective (`collective`); Q. is the acting head.
    Without an explicit authority, a deputy signs KT. and anyone else but the head TL.
    """
    head = agency.head_title.upper()
    held = roles(signer, agency) if signer is not None else frozenset()
    if authority is None or (authority == SignerAuthority.DIRECT and Role.HEAD not in held):
        if signer is None or Role.HEAD in held:
            authority = SignerAuthority.DIRECT
        elif Role.DEPUTY in held:
            authority = SignerAuthority.KT
        else:
            authority = SignerAuthority.TL
    position = _position(agency, signer, held)
    if authority == SignerAuthority.KT:
        lines = [f"KT. {head}", agency.deputy_title]
    elif authority in (SignerAuthority.TL, SignerAuthority.TUQ):
        lines = [f"{authority} {head}", position]
    elif authority == SignerAuthority.TM:
        lines = [f"TM. {(collective or agency.name).upper()}", position]
    elif authority == SignerAuthority.Q:
        lines = [f"Q. {head}"]
    else:
        lines = [head]
    return Signature(lines=lines, name=display_name(signer), user=signer)


def _position(agency, signer, held) -> str:
    if signer is None:
        return agency.head_title
    if Role.HEAD in held:
        return agency.head_title
    if Role.DEPUTY in held:
        return agency.deputy_title
    m = Membership.objects.filter(agency_id__in=_staffed_by(agency), user=signer).first()
    return (m.position_title if m and m.position_title else "") or agency.deputy_title


def head_user(agency):
    """Return the agency's head (the first active member with the head role), or None."""
    m = _first_of(
        agency,
        lambda agency_id: (
            Membership.objects.filter(agency_id=agency_id, is_active=True, roles__role=Role.HEAD)
            .select_related("user")
            .first()
        ),
    )
    return m.user if m else None


def secretariat_member(agency):
    """Return the first active secretariat member (who signs the compiled list), or None."""
    m = _first_of(
        agency,
        lambda agency_id: (
            Membership.objects.filter(
                agency_id=agency_id, is_active=True, roles__role=Role.SECRETARIAT
            )
            .select_related("user")
            .order_by("pk")
            .first()
        ),
    )
    return m.user if m else None


def unit_leader(unit):
    """Return the leader of `unit`, or None."""
    if unit is None:
        return None
    m = (
        Membership.objects.filter(unit=unit, is_active=True, roles__role=Role.UNIT_LEADER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return m.user if m else None


@dataclass
class Limits:
    """The time limits of the seed that a plan prints (per-agency rules, seed defaults)."""

    compile_days_before: int = 5
    notice_working_days: int = 5
    resolution_working_days: int = 7
    verification_working_days: int = 15
    semiannual_report: tuple[int, int] = (6, 25)  # (month, day)
    annual_report: tuple[int, int] = (12, 19)  # the last allowed day: "before 20/12"


# Candidate attribute names on the per-agency rules model, first match wins.
_LIMIT_FIELDS = {
    "compile_days_before": ("compilation_days_before", "compile_days_before", "compilation_days"),
    "notice_working_days": ("notice_working_days", "notice_days"),
    "resolution_working_days": ("resolution_working_days", "resolution_days"),
    "verification_working_days": (
        "resolution_verification_working_days",
        "verification_working_days",
        "extended_resolution_days",
        "verification_days",
    ),
}


def limits(agency) -> Limits:
    """Return the agency's time limits from `doithoai.deadlines` rules, else the seed's."""
    result = Limits()
    try:
        from doithoai.deadlines import models as deadline_models
    except ImportError:
        return result
    model = getattr(deadline_models, "DeadlineRules", None) or getattr(
        deadline_models, "AgencyRules", None
    )
    if model is None:
        return result
    rules = model.objects.filter(agency=agency).first()
    if rules is None:
        return result
    for name, candidates in _LIMIT_FIELDS.items():
        for candidate in candidates:
            value = getattr(rules, candidate, None)
            if isinstance(value, int):
                setattr(result, name, value)
                break
    for name, prefix in (("semiannual_report", "semiannual"), ("annual_report", "annual")):
        month = getattr(rules, f"{prefix}_report_month", None)
        day = getattr(rules, f"{prefix}_report_day", None)
        if isinstance(month, int) and isinstance(day, int):
            setattr(result, name, (month, day))
    return result
