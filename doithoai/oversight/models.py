"""The inspection board's supervision observations and recommendations, which the head answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import Agency


class ObservationKind(models.TextChoices):
    """An observation is noted; a recommendation must be answered within 15 days (Art. 63)."""

    OBSERVATION = "observation", _("Ý kiến giám sát")
    RECOMMENDATION = "recommendation", _("Kiến nghị giám sát (người đứng đầu phải trả lời)")


class ObservationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Observations of the agencies where the user sits on the board or leads."""
        from doithoai.organizations.access import memberships
        from doithoai.organizations.models import Role

        if not getattr(user, "is_authenticated", False):
            return self.none()
        wanted = {Role.INSPECTOR, Role.HEAD, Role.DEPUTY}
        ids = [aid for aid, m in memberships(user).items() if m.role_set & wanted]
        return self.filter(agency_id__in=ids)


class Observation(models.Model):
    """A supervision note of the inspection board (Ban TTND) on the dialogue, and its answer."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="observations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=ObservationKind.choices)
    text = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    answer_text = models.TextField(_("trả lời của người đứng đầu"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến giám sát")
        verbose_name_plural = _("ý kiến giám sát")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer_text=""),
                name="observation_answer_has_text",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:40]}"

    @property
    def is_answered(self) -> bool:
        """Tell whether the head has answered."""
        return self.answered_at is not None
