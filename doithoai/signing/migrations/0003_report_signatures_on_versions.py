"""Point the report signatures stored before versions were signed at the version they signed.

Until now a report's signatures were keyed on its `ReportText` (one per period) and signed a
rendering made at the first signature, after the report was sent. A report is now signed as a
`ReportSubmission` version. A text's signatures form one chain of incremental updates over
the PDF rendered at its first signature, so the whole chain (and its external signing
requests) moves to the version that was the last one sent at that first signature; a chain
with no such version keeps its rows under the kind `report_text` (kept, never deleted, not
signable).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    SignedDocument = apps.get_model("signing", "SignedDocument")
    ExternalRequest = apps.get_model("signing", "ExternalRequest")
    ReportText = apps.get_model("reports", "ReportText")
    ReportSubmission = apps.get_model("reports", "ReportSubmission")
    # First out of the way: a text's id may equal a version's id.
    SignedDocument.objects.filter(kind="report").update(kind="report_text")
    ExternalRequest.objects.filter(kind="report").update(kind="report_text")

    def version_of(text_id, moment):
        text = ReportText.objects.filter(pk=text_id).first()
        if text is None:
            return None
        return (
            ReportSubmission.objects.filter(
                agency_id=text.agency_id,
                year=text.year,
                period=text.period,
                submitted_at__lte=moment,
            )
            .order_by("-version")
            .first()
        )

    # One text's signatures are one chain of incremental updates over the PDF rendered at its
    # first signature: the whole chain goes to the version sent before that first signature.
    chains = {}
    for signed in SignedDocument.objects.filter(kind="report_text").order_by("signed_at", "pk"):
        chains.setdefault(signed.object_id, signed.signed_at)
    for text_id, first in chains.items():
        version = version_of(text_id, first)
        if version is None:
            continue
        SignedDocument.objects.filter(kind="report_text", object_id=text_id).update(
            kind="report", object_id=version.pk
        )
        ExternalRequest.objects.filter(kind="report_text", object_id=text_id).update(
            kind="report", object_id=version.pk
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_submission_prepared_and_signature"),
        ("signing", "0002_seal_key_per_agency"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
