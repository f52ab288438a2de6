"""`Idempotency-Key` on POST: a retried request gets the first response, not a duplicate.

The stored response is written in the same transaction as the action, so either both the
change and its record exist or neither does. The same key sent with another body, or to
another endpoint, is refused with 409 `idempotency_conflict`.
"""

import functools
import hashlib

from django.db import IntegrityError, transaction
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import Status

from .errors import ApiError
from .models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def _request_hash(request) -> str:
    digest = hashlib.sha256()
    digest.update((request.content_type or "").encode())
    digest.update(b"\0")
    try:
        digest.update(request.body)
    except RawPostDataException:
        # A multipart body already parsed into fields and files: hash those instead.
        for name, values in sorted(request.POST.lists()):
            digest.update(repr((name, values)).encode())
        for name, files in sorted(request.FILES.lists()):
            for upload in files:
                digest.update(repr((name, upload.name, upload.size)).encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
    return digest.hexdigest()


def _conflict():
    return ApiError(
        _("Khóa Idempotency-Key đã được dùng cho một yêu cầu khác."),
        status=409,
        code="idempotency_conflict",
        field=HEADER,
    )


def _replay(record: IdempotencyRecord, method_path: str, request_hash: str):
    if record.method_path != method_path or record.request_hash != request_hash:
        raise _conflict()
    return record.status, record.body


def idempotent(view):
    """Wrap a POST endpoint returning `(status, json_ready_body)` to honour Idempotency-Key.

    The wrapped endpoint answers with `Status(status, body)`.

    The view may set `request.idempotency_skip = True` (an anonymous petition, whose
    submitter must not be linked to it) to store nothing.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = (request.headers.get(HEADER) or "").strip()
        if not key:
            return Status(*view(request, *args, **kwargs))
        if len(key) > MAX_KEY_LENGTH:
            raise ApiError(
                _("Khóa Idempotency-Key quá dài."),
                status=400,
                code="validation_error",
                field=HEADER,
            )
        user = request.auth
        method_path = f"{request.method} {request.path}"[:300]
        request_hash = _request_hash(request)
        existing = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if existing is not None:
            return Status(*_replay(existing, method_path, request_hash))
        try:
            with transaction.atomic():
                status, body = view(request, *args, **kwargs)
                if not getattr(request, "idempotency_skip", False):
                    IdempotencyRecord.objects.create(
                        user=user,
                        key=key,
                        method_path=method_path,
                        request_hash=request_hash,
                        status=status,
                        body=body,
                    )
        except IntegrityError:
            # A concurrent request with the same key committed first: answer as it did.
            existing = IdempotencyRecord.objects.filter(user=user, key=key).first()
            if existing is None:
                raise
            return Status(*_replay(existing, method_path, request_hash))
        return Status(status, body)

    return wrapper
