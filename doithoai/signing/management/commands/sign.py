"""`doithoai sign <kind> <id> --pkcs12 FILE -o OUT.pdf`: sign a document as the pages do."""

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from doithoai.core.errors import ActionError
from doithoai.signing import actions, pades
from doithoai.signing.models import Method
from doithoai.signing.signable import KINDS, load, signable


class Command(BaseCommand):
    help = (
        "Sign the document KIND ID (plan, invitation, compilation, minutes: conference id, "
        "notice, report: the id of the report version frozen for signing) with the key in a PKCS#12 file (password in DOITHOAI_SIGN_PASSWORD), as the "
        "person its signature block names (or --user), and write the signed PDF. With --seal, "
        "apply the agency's seal with its configured key instead, as the secretariat member "
        "--user (--attachment: the top-right text block of an attachment)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("id", type=int)
        parser.add_argument("--pkcs12", help="PKCS#12 file with the signer's key")
        parser.add_argument("-o", "--output", required=True, help="signed PDF to write")
        parser.add_argument("--user", help="username of the signer (default: named in the block)")
        parser.add_argument("--seal", action="store_true", help="apply the agency seal")
        parser.add_argument("--attachment", action="store_true", help="seal as an attachment")

    def handle(self, *args, kind, id, pkcs12, output, user, seal, attachment, **options):
        try:
            obj = load(kind, id)
        except ObjectDoesNotExist as exc:
            raise CommandError(f"No {kind} with id {id}.") from exc
        by = self._user(kind, obj, user)
        try:
            if seal or attachment:
                signed = actions.seal_document(kind=kind, obj=obj, by=by, attachment=attachment)
            else:
                if not pkcs12:
                    raise CommandError("--pkcs12 FILE is required to sign as a person.")
                password = os.environ.get("DOITHOAI_SIGN_PASSWORD", "")
                signer = pades.pkcs12_signer(Path(pkcs12).read_bytes(), password)
                signed = actions.sign_document(
                    kind=kind, obj=obj, by=by, signer=signer, method=Method.PKCS12
                )
        except (ActionError, OSError) as exc:
            raise CommandError(str(getattr(exc, "message", exc))) from exc
        content = signed.content()
        Path(output).write_bytes(content)
        self.stdout.write(f"{output} v{signed.version} sha256={signed.sha256}")

    def _user(self, kind, obj, username):
        if username:
            try:
                return get_user_model().objects.get(username=username)
            except ObjectDoesNotExist as exc:
                raise CommandError(f"No user {username}.") from exc
        blocks = signable(kind, obj).blocks
        if not blocks:
            raise CommandError("The document names no signer; pass --user.")
        return blocks[0].user
