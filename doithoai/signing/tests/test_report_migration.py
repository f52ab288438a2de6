"""Migration signing 0003 moves report signatures made on the period's text to their version."""

import datetime
import importlib

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from doithoai.reports.models import ReportSubmission, ReportText, SubmissionStatus
from doithoai.signing.models import Method, SignedDocument, Stage

migration = importlib.import_module(
    "doithoai.signing.migrations.0003_report_signatures_on_versions"
)


def _signed(cast, object_id, version, when) -> SignedDocument:
    signed = SignedDocument(
        agency=cast.agency,
        kind="report",
        object_id=object_id,
        version=version,
        stage=Stage.SIGNED,
        method=Method.PKCS12,
        sha256=f"{object_id:032d}{version:032d}",
        signer=cast.head,
        signed_at=when,
    )
    signed.file.save(f"r-{object_id}-{version}.pdf", ContentFile(b"%PDF-1.7"), False)
    signed.save()
    return signed


def test_a_texts_signature_chain_moves_to_the_version_sent_before_its_first_signature(cast):
    sent = timezone.make_aware(datetime.datetime(2018, 6, 20, 9))
    text = ReportText.objects.create(agency=cast.agency, year=2018, period=1, submitted_at=sent)
    versions = [
        ReportSubmission.objects.create(
            agency=cast.agency,
            year=2018,
            period=1,
            version=n,
            status=SubmissionStatus.RETURNED if n == 1 else SubmissionStatus.SUBMITTED,
            figures={},
            submitted_by=cast.secretariat,
            submitted_at=sent + datetime.timedelta(days=10 * (n - 1)),
        )
        for n in (1, 2)
    ]
    first = _signed(cast, text.pk, 1, sent + datetime.timedelta(hours=1))
    second = _signed(cast, text.pk, 2, sent + datetime.timedelta(days=11))
    orphan = _signed(cast, text.pk + 1000, 1, sent)  # no such text: kept aside, not deleted
    migration.forwards(apps, None)
    rows = {s.pk: (s.kind, s.object_id) for s in SignedDocument.objects.all()}
    assert rows[first.pk] == ("report", versions[0].pk)
    # The seal was added later over the same rendering: it stays in that chain.
    assert rows[second.pk] == ("report", versions[0].pk)
    assert rows[orphan.pk] == ("report_text", text.pk + 1000)
