"""Generate a national-scale data set that satisfies the models' constraints, and bulk-load it.

Run by `bench/run.py` in a child process (so that the measuring process's memory is its
own): `python bench/datagen.py --scale default --manifest out.json` with DATABASE_URL set.
It migrates, loads agency by agency in batches (PostgreSQL COPY, foreign-key triggers
off during the load when the role may), runs ANALYZE and writes a JSON manifest naming
the users and agencies the scenarios measure.

Agency sizes follow a Zipf-like law (exponent 0.8), so the largest agency holds several
percent of all petitions: the worst case a list must still serve quickly.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings")

SCALES = {
    "tiny": (5, 2_000),
    "small": (50, 20_000),
    "default": (200, 200_000),
    "full": (1_000, 1_000_000),
}
YEARS = 5  # petitions span the current year and the four before
ZIPF = 0.8

OLD_WEIGHTS = {  # petitions older than 180 days
    "closed": 55,
    "answered": 18,
    "merged": 5,
    "withdrawn": 4,
    "rejected": 5,
    "transferred": 3,
    "assigned": 5,  # stuck with a unit: overdue
    "resolution_reported": 3,
    "committed": 2,
}
RECENT_WEIGHTS = {
    "submitted": 18,
    "received": 22,
    "scheduled": 15,
    "committed": 6,
    "assigned": 16,
    "resolution_reported": 6,
    "answered": 11,
    "merged": 2,
    "withdrawn": 2,
    "rejected": 1,
    "transferred": 1,
}
STATUS_VERB = {
    "scheduled": "petition.scheduled",
    "committed": "commitment.made",
    "assigned": "assignment.made",
    "resolution_reported": "assignment.reported",
    "answered": "answer.given",
    "closed": "petition.closed",
    "merged": "petition.merged",
    "withdrawn": "petition.withdrawn",
    "rejected": "petition.rejected",
    "transferred": "petition.transferred",
}


def sizes(agencies: int, petitions: int) -> list[int]:
    """Split `petitions` over `agencies` by a Zipf-like law, largest first."""
    weights = [1 / (k**ZIPF) for k in range(1, agencies + 1)]
    total = sum(weights)
    out = [max(1, int(petitions * w / total)) for w in weights]
    out[0] += petitions - sum(out)
    return out


def pick(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Generator:
    """Build rows for a batch of agencies; ids come from global counters."""

    def __init__(self, seed: int = 7):
        import vocab
        from django.utils import timezone

        from doithoai.core.text import fold

        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.first_year = timezone.localtime(self.now).year - YEARS + 1
        self.start = datetime.datetime(self.first_year, 1, 1, 8, tzinfo=self.tz)
        self.ids = {name: count(1) for name in TABLES}
        self.vocab = vocab
        self.folded = {p: fold(p) for p in vocab.PHRASES + [vocab.RARE_PHRASE]}
        self.manifest: dict = {"agencies": {}}
        self.deadline_model = deadline_model()

    def next(self, table: str) -> int:
        return next(self.ids[table])

    def name(self) -> tuple[str, str]:
        v, r = self.vocab, self.rng
        return f"{r.choice(v.MIDDLE)} {r.choice(v.GIVEN)}", r.choice(v.FAMILY)

    def text(self, n: int) -> tuple[str, str]:
        phrases = self.rng.sample(self.vocab.PHRASES, n)
        if self.rng.random() < 0.001:
            phrases[-1] = self.vocab.RARE_PHRASE
        shown = ", ".join(phrases)
        return shown[0].upper() + shown[1:], " ".join(self.folded[p] for p in phrases)

    def at(self, day: datetime.date, hour: int = 9) -> datetime.datetime:
        return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=self.tz)

    # -- people and structure -------------------------------------------------------------

    def agency(self, aid: int, n_petitions: int, rows: dict) -> dict:
        from doithoai.petitions.models import DEFAULT_TOPICS

        staff_n = min(5000, max(15, n_petitions // 8))
        units_n = min(40, 6 + staff_n // 60)
        ctx = {"id": aid, "units": [], "leaders": {}, "staff": [], "topics": []}
        for i in range(units_n):
            uid = self.next("unit")
            ctx["units"].append(uid)
            rows["unit"].append(
                {"id": uid, "agency_id": aid, "name": f"Phòng {i + 1}", "code": f"P{i + 1:02d}"}
            )

        def person(role_list, unit=None):
            user_id = self.next("user")
            first, last = self.name()
            rows["user"].append(
                {
                    "id": user_id,
                    "username": f"b{aid}-{user_id}",
                    "password": "!",
                    "first_name": first,
                    "last_name": last,
                    "is_active": True,
                    "date_joined": self.start,
                }
            )
            mid = self.next("membership")
            rows["membership"].append(
                {"id": mid, "agency_id": aid, "user_id": user_id, "unit_id": unit}
            )
            for role in role_list:
                rows["role"].append(
                    {"id": self.next("role"), "agency_id": aid, "membership_id": mid, "role": role}
                )
            return user_id

        ctx["head"] = person(["head"])
        ctx["deputy"] = person(["deputy"])
        ctx["secretariat"] = [person(["secretariat"], ctx["units"][0]) for _ in range(2)]
        ctx["inspector"] = person(["inspector", "staff"], ctx["units"][-1])
        person(["admin"])
        for uid in ctx["units"]:
            ctx["leaders"][uid] = person(["unit_leader", "staff"], uid)
        for i in range(staff_n):
            ctx["staff"].append(person(["staff"], ctx["units"][i % units_n]))
        for group, code, name, confidential in DEFAULT_TOPICS:
            tid = self.next("topic")
            ctx["topics"].append((tid, confidential))
            rows["topic"].append(
                {
                    "id": tid,
                    "agency_id": aid,
                    "group": str(group),
                    "code": code,
                    "name": name,
                    "confidential_by_default": confidential,
                }
            )
        ctx["delegations"] = []
        for k in range(3):
            did = self.next("delegation")
            grantee = ctx["staff"][(k * 7 + 1) % staff_n]
            ctx["delegations"].append((did, grantee))
            rows["delegation"].append(
                {
                    "id": did,
                    "agency_id": aid,
                    "kind": "representative",
                    "grantor_id": ctx["staff"][(k * 7) % staff_n],
                    "grantee_id": grantee,
                    "unit_id": ctx["units"][k % units_n],
                    "valid_from": self.start.date(),
                    "created_at": self.start,
                }
            )
        ctx["conferences"] = []  # (id, starts_at, status), by date
        for year in range(self.first_year, self.first_year + YEARS):
            plan = self.next("plan")
            rows["plan"].append(
                {
                    "id": plan,
                    "agency_id": aid,
                    "year": year,
                    "number": 9,
                    "symbol": f"09/KH-A{aid}",
                    "issued_on": datetime.date(year, 1, 15),
                    "signer_id": ctx["head"],
                }
            )
            for kind, month, day in (("mid_year", 6, 20), ("year_end", 12, 10)):
                starts = self.at(datetime.date(year, month, day))
                if starts < self.now - datetime.timedelta(days=10):
                    status = "concluded"
                elif starts < self.now:
                    status = "closed"
                else:
                    status = "planned"
                cid = self.next("conference")
                held = status != "planned"
                ctx["conferences"].append((cid, starts, status))
                rows["conference"].append(
                    {
                        "id": cid,
                        "agency_id": aid,
                        "plan_id": plan,
                        "kind": kind,
                        "title": f"Hội nghị đối thoại {kind} {year}",
                        "starts_at": starts,
                        "place": "Hội trường",
                        "chair_id": ctx["head"],
                        "status": status,
                        "opened_at": starts if held else None,
                        "closed_at": starts + datetime.timedelta(hours=3) if held else None,
                        "created_at": self.at(datetime.date(year, 1, 20)),
                    }
                )
        return ctx

    # -- petitions and what follows them ---------------------------------------------------

    def petitions(self, ctx: dict, n: int, rows: dict) -> None:
        r, now, aid = self.rng, self.now, ctx["id"]
        span = (now - self.start).total_seconds()
        times = sorted(self.start + datetime.timedelta(seconds=r.random() * span) for _ in range(n))
        numbers: dict[int, int] = {}
        events: list[tuple] = []
        active_by_unit: dict[int, int] = {}
        staff_petitions: dict[int, int] = {}
        previous = None
        for submitted in times:
            pid = self.next("petition")
            year = submitted.astimezone(self.tz).year
            numbers[year] = numbers.get(year, 0) + 1
            age = (now - submitted).days
            status = pick(r, OLD_WEIGHTS if age > 180 else RECENT_WEIGHTS)
            if status == "merged" and previous is None:
                status = "closed"
            privacy = r.choices(["public", "confidential", "anonymous"], [75, 15, 10])[0]
            topic, confidential = r.choice(ctx["topics"])
            if status == "submitted" and r.random() < 0.5:
                topic, confidential = None, False
            if confidential and privacy == "public":
                privacy = "confidential"
            title, folded_title = self.text(r.randint(2, 3))
            content, folded_content = self.text(r.randint(6, 10))
            row = {
                "id": pid,
                "agency_id": aid,
                "year": year,
                "number": numbers[year],
                "code": f"KN-{year}-{numbers[year]:04d}",
                "title": title[:250],
                "content": content,
                "search_text": f"{folded_title} {folded_content}",
                "topic_id": topic,
                "status": status,
                "privacy": privacy,
                "submitted_at": submitted,
                "merged_into_id": previous if status == "merged" else None,
            }
            actor = None
            if privacy == "anonymous":
                row.update(channel="web", submitter_kind="anonymous")
                row["receipt_hash"] = f"{r.getrandbits(256):064x}"
            else:
                kind = r.choices(["person", "unit", "representative"], [85, 10, 5])[0]
                row["submitter_kind"] = kind
                row["channel"] = r.choices(["web", "paper", "floor"], [80, 12, 8])[0]
                if kind == "unit":
                    unit = r.choice(ctx["units"])
                    actor = ctx["leaders"][unit]
                    row.update(submitter_id=actor, submitter_unit_id=unit)
                elif kind == "representative":
                    did, actor = r.choice(ctx["delegations"])
                    row.update(submitter_id=actor, delegation_id=did, channel="representative")
                else:
                    actor = r.choice(ctx["staff"])
                    row["submitter_id"] = actor
                    staff_petitions[actor] = staff_petitions.get(actor, 0) + 1
            events.append((submitted, "petition.submitted", pid, None, actor, {}))
            last = submitted
            if status != "submitted":
                received = min(now, submitted + datetime.timedelta(hours=r.randint(2, 72)))
                secretary = r.choice(ctx["secretariat"])
                row.update(received_by_id=secretary, received_at=received)
                if r.random() < 0.6:
                    row["concerned_unit_id"] = r.choice(ctx["units"])
                events.append((received, "petition.received", pid, None, secretary, {}))
                last = received
            conference = self.conference_for(ctx, submitted, status)
            if conference is not None:
                row["conference_id"] = conference[0]
            if status in STATUS_VERB:
                last = min(now, max(last, conference[1] if conference else last))
                last += datetime.timedelta(minutes=r.randint(5, 600))
                last = min(last, now)
                cid = conference[0] if conference else None
                events.append(
                    (last, STATUS_VERB[status], pid, cid, ctx["head"], {"status": status})
                )
            if status == "closed":
                row["satisfied"] = r.random() < 0.8
            row["updated_at"] = last
            rows["petition"].append(row)
            self.followups(ctx, row, conference, last, rows, active_by_unit)
            previous = pid
        self.audit(ctx, events, rows)
        counters = [(y, v) for y, v in numbers.items()]
        for y, v in counters:
            rows["counter"].append(
                {"id": self.next("counter"), "agency_id": aid, "key": "KN", "year": y, "value": v}
            )
        busiest_unit = max(active_by_unit, key=active_by_unit.get, default=ctx["units"][0])
        typical_staff = max(staff_petitions, key=staff_petitions.get, default=ctx["staff"][0])
        self.manifest["agencies"][aid] = {
            "petitions": n,
            "secretariat": ctx["secretariat"][0],
            "head": ctx["head"],
            "staff": typical_staff,
            "unit_leader": ctx["leaders"][busiest_unit],
            "unit": busiest_unit,
            "topic": ctx["topics"][0][0],
        }

    def conference_for(self, ctx, submitted, status):
        """The conference a petition went to: the next one held, or the planned one."""
        if status == "scheduled":
            return next((c for c in ctx["conferences"] if c[2] == "planned"), None)
        if status not in {"committed", "assigned", "resolution_reported", "answered", "closed"}:
            return None
        if status in {"answered", "closed", "assigned"} and self.rng.random() < 0.35:
            return None  # settled in writing, without a conference
        return next((c for c in ctx["conferences"] if c[1] > submitted and c[2] != "planned"), None)

    def followups(self, ctx, p, conference, last, rows, active_by_unit) -> None:
        r, status = self.rng, p["status"]
        unit = p.get("concerned_unit_id") or r.choice(ctx["units"])
        base = (conference[1] if conference else p.get("received_at") or p["submitted_at"]).date()
        cid = conference[0] if conference else None
        common = {"agency_id": p["agency_id"], "petition_id": p["id"], "conference_id": cid}
        assignment = None
        if status in {"assigned", "resolution_reported"} or (
            status in {"answered", "closed"} and r.random() < 0.5
        ):
            due = base + datetime.timedelta(days=r.choice([9, 11, 21]))
            a_status = {"assigned": "assigned", "resolution_reported": "reported"}.get(
                status, "accepted"
            )
            reported = None
            if a_status != "assigned":
                reported = self.at(due + datetime.timedelta(days=r.randint(-6, 3)), 15)
                reported = min(reported, self.now)
            assignment = {
                "id": self.next("assignment"),
                **common,
                "unit_id": unit,
                "assigned_by_id": ctx["head"],
                "status": a_status,
                "due_date": due,
                "reported_by_id": ctx["leaders"][unit] if reported else None,
                "reported_at": reported,
                "report_text": "Đã xử lý" if reported else "",
                "created_at": self.at(base, 14),
            }
            rows["assignment"].append(assignment)
            if a_status in {"assigned", "reported"}:
                active_by_unit[unit] = active_by_unit.get(unit, 0) + 1
        if status == "committed" or (status in {"answered", "closed"} and r.random() < 0.15):
            rows["commitment"].append(
                {
                    "id": self.next("commitment"),
                    **common,
                    "committed_by_id": ctx["head"],
                    "promised_on": base + datetime.timedelta(days=30),
                    "form": "written",
                    "kept_on": None if status == "committed" else last.date(),
                    "created_at": self.at(base, 11),
                }
            )
        if status in {"answered", "closed"}:
            mode = "at_conference" if conference and assignment is None else "written"
            rows["answer"].append(
                {
                    "id": self.next("answer"),
                    **common,
                    "answered_by_id": ctx["head"],
                    "mode": mode,
                    "text": "Trả lời: đã xem xét và giải quyết theo quy định.",
                    "answered_on": last.date(),
                    "published_at": last,
                    "created_at": last,
                }
            )
        if self.deadline_model is not None and assignment is not None:
            rows["deadline"].append(self.deadline_row(assignment, p))

    def deadline_row(self, a: dict, p: dict) -> dict:
        """The unit's resolution deadline of an assignment (open, or met when accepted)."""
        fields = {f.attname for f in self.deadline_model._meta.concrete_fields}
        if not hasattr(self, "assignment_type"):
            from django.contrib.contenttypes.models import ContentType

            from doithoai.followups.models import Assignment

            self.assignment_type = ContentType.objects.get_for_model(Assignment).pk
        done = a["status"] == "accepted"
        row = {
            "id": self.next("deadline"),
            "agency_id": a["agency_id"],
            "kind": "resolution",
            "content_type_id": self.assignment_type,
            "object_id": a["id"],
            "petition_id": p["id"],
            "conference_id": a["conference_id"],
            "unit_id": a["unit_id"],
            "start_date": a["created_at"].date(),
            "due_date": a["due_date"],
            "rule": "7 ngày làm việc kể từ ngày thông báo kết luận",
            "days": 7,
            "day_kind": "working",
            "computation": {"working_days": 7, "bench": True},
            "status": "met" if done else "open",
            "completed_on": a["reported_at"].date() if done else None,
            "completed_late": bool(done and a["reported_at"].date() > a["due_date"]),
            "created_at": a["created_at"],
        }
        return {k: v for k, v in row.items() if k in fields}

    def audit(self, ctx, events, rows) -> None:
        events.sort(key=lambda e: e[0])
        chain = f"agency:{ctx['id']}"
        prev = ""
        for seq, (at, verb, pid, cid, actor, after) in enumerate(events, start=1):
            digest = f"{self.rng.getrandbits(256):064x}"
            rows["audit"].append(
                {
                    "id": self.next("audit"),
                    "chain": chain,
                    "seq": seq,
                    "agency_id": ctx["id"],
                    "actor_id": actor,
                    "verb": verb,
                    "object_type": "petitions.petition",
                    "object_id": str(pid),
                    "petition_id": pid,
                    "conference_id": cid,
                    "before": {},
                    "after": after,
                    "created_at": at,
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            prev = digest
        rows["chainhead"].append(
            {
                "id": self.next("chainhead"),
                "chain": chain,
                "last_seq": len(events),
                "last_hash": prev,
            }
        )


TABLES = [
    "user",
    "unit",
    "membership",
    "role",
    "topic",
    "delegation",
    "plan",
    "conference",
    "petition",
    "assignment",
    "commitment",
    "answer",
    "deadline",
    "counter",
    "audit",
    "chainhead",
]


def deadline_model():
    """Return the Deadline model when the deadlines app defines it and its table exists."""
    from django.apps import apps
    from django.db import connection

    try:
        model = apps.get_model("deadlines", "Deadline")
    except LookupError:
        return None
    if model._meta.db_table not in connection.introspection.table_names():
        return None
    return model


def models_by_table() -> dict:
    from django.contrib.auth import get_user_model

    from doithoai.audit.models import AuditChainHead, AuditEvent
    from doithoai.conferences.models import Conference, DialoguePlan
    from doithoai.followups.models import Answer, Assignment, Commitment
    from doithoai.organizations.models import Counter, Delegation, Membership, MembershipRole, Unit
    from doithoai.petitions.models import Petition, Topic

    return {
        "user": get_user_model(),
        "unit": Unit,
        "membership": Membership,
        "role": MembershipRole,
        "topic": Topic,
        "delegation": Delegation,
        "plan": DialoguePlan,
        "conference": Conference,
        "petition": Petition,
        "assignment": Assignment,
        "commitment": Commitment,
        "answer": Answer,
        "deadline": deadline_model(),
        "counter": Counter,
        "audit": AuditEvent,
        "chainhead": AuditChainHead,
    }


def generate(scale: str, batch_petitions: int = 60_000) -> dict:
    """Load the whole data set; return the manifest."""
    from django.db import connection, transaction
    from loader import load, reset_sequences

    from doithoai.organizations.models import Agency

    n_agencies, n_petitions = SCALES[scale]
    per_agency = sizes(n_agencies, n_petitions)
    gen = Generator()
    tables = models_by_table()
    postgres = connection.vendor == "postgresql"
    counts = {t: 0 for t in TABLES}
    t0 = time.monotonic()
    with transaction.atomic():
        load(
            Agency,
            (
                {
                    "id": aid,
                    "name": f"Cơ quan thử nghiệm {aid}",
                    "code": f"A{aid}",
                    "locality": "Hà Giang",
                    "created_at": gen.start,
                }
                for aid in range(1, n_agencies + 1)
            ),
        )
    aid = 1
    while aid <= n_agencies:
        rows: dict[str, list] = {t: [] for t in TABLES}
        batch = 0
        while aid <= n_agencies and (batch == 0 or batch < batch_petitions):
            ctx = gen.agency(aid, per_agency[aid - 1], rows)
            gen.petitions(ctx, per_agency[aid - 1], rows)
            batch += per_agency[aid - 1]
            aid += 1
        with transaction.atomic(), connection.cursor() as cursor:
            if postgres:
                # Skip foreign-key triggers (superuser only): the generator keeps keys consistent.
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if cursor.fetchone()[0]:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            for table in TABLES:
                model = tables[table]
                if model is not None and rows[table]:
                    counts[table] += load(model, rows[table])
        print(
            f"  loaded agencies ≤{aid - 1}: {counts['petition']:,} petitions, "
            f"{counts['audit']:,} audit events ({time.monotonic() - t0:.0f} s)",
            flush=True,
        )
    reset_sequences([Agency] + [m for m in tables.values() if m is not None])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
    manifest = gen.manifest
    manifest.update(
        scale=scale,
        counts=counts,
        agencies_total=n_agencies,
        largest=1,
        median=n_agencies // 2 + 1,
        deadlines=tables["deadline"] is not None,
        load_seconds=round(time.monotonic() - t0, 1),
    )
    keep = {1, n_agencies // 2 + 1}
    manifest["agencies"] = {k: v for k, v in manifest["agencies"].items() if k in keep}
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="default")
    parser.add_argument("--manifest", required=True)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    t0 = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"  migrated ({time.monotonic() - t0:.0f} s)", flush=True)
    manifest = generate(args.scale)
    import resource

    manifest["loader_max_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    Path(args.manifest).write_text(json.dumps(manifest, indent=1, default=str))


if __name__ == "__main__":
    main()
