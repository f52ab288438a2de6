"""Factories for tests: agencies with units, members with roles, petitions, conferences.

Domain rows are created through the actions wherever a test depends on what an action
guarantees; plain factories serve for setting up the world around them.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from doithoai.organizations.models import (
    Agency,
    Membership,
    MembershipRole,
    Role,
    StaffCategory,
    Unit,
)
from doithoai.petitions.models import DEFAULT_TOPICS, Topic

PASSWORD = "matkhau-demo-2018"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn Văn"
    last_name = factory.Sequence(lambda n: f"Người {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Văn phòng UBND tỉnh {n}")
    code = factory.Sequence(lambda n: f"VP{n}")
    locality = "Hà Giang"
    parent_body_name = "UBND TỈNH HÀ GIANG"

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create:
            Topic.objects.bulk_create(
                Topic(
                    agency=obj,
                    group=group,
                    code=slug,
                    name=name,
                    confidential_by_default=conf,
                    position=i,
                )
                for i, (group, slug, name, conf) in enumerate(DEFAULT_TOPICS)
            )


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng {n}")
    code = factory.Sequence(lambda n: f"P{n}")


def member(agency, *roles, unit=None, username=None, full_name=None, **extra):
    """Create a user holding `roles` in `agency` (and in `unit`)."""
    user = UserFactory(username=username) if username else UserFactory()
    if full_name:
        first, _sep, last = full_name.rpartition(" ")
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])
    membership = Membership.objects.create(
        agency=agency,
        user=user,
        unit=unit,
        staff_category=extra.get("staff_category", StaffCategory.CIVIL_SERVANT),
        position_title=extra.get("position_title", ""),
    )
    for role in roles or (Role.STAFF,):
        MembershipRole.objects.create(agency=agency, membership=membership, role=role)
    return user


def topic(agency, code="che-do-tien-luong"):
    """Return one of the agency's default topics."""
    return Topic.objects.get(agency=agency, code=code)


def aware(year, month, day, hour=8, minute=0):
    """Return an aware datetime in the agency's time zone."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class Cast:
    """One fixed user per role in one agency, with two units (HC-TC and another)."""

    def __init__(self, agency=None):
        self.agency = agency or AgencyFactory(code="VPUBND", name="Văn phòng UBND tỉnh Hà Giang")
        self.hctc = UnitFactory(agency=self.agency, name="Phòng Hành chính - Tổ chức", code="HCTC")
        self.unit = UnitFactory(agency=self.agency, name="Phòng Tổng hợp", code="TH")
        self.other_unit = UnitFactory(agency=self.agency, name="Phòng Kinh tế", code="KT")
        self.head = member(self.agency, Role.HEAD, username="head")
        self.deputy = member(self.agency, Role.DEPUTY, username="deputy")
        self.deputy2 = member(self.agency, Role.DEPUTY, username="deputy2")
        self.secretariat = member(self.agency, Role.SECRETARIAT, unit=self.hctc, username="sec")
        self.leader = member(self.agency, Role.UNIT_LEADER, unit=self.unit, username="leader")
        self.other_leader = member(
            self.agency, Role.UNIT_LEADER, unit=self.other_unit, username="leader2"
        )
        self.staff = member(self.agency, Role.STAFF, unit=self.unit, username="staff")
        self.staff2 = member(self.agency, Role.STAFF, unit=self.unit, username="staff2")
        self.inspector = member(self.agency, Role.INSPECTOR, username="inspector")
        self.admin = member(self.agency, Role.ADMIN, username="admin")
        self.outsider = UserFactory(username="outsider")

    def topic(self, code="che-do-tien-luong"):
        return topic(self.agency, code)
