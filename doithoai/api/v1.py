"""Version 1 of the JSON API: one NinjaAPI with its routers, auth, rate limit and errors."""

import copy

from django.utils import translation
from ninja import NinjaAPI

from . import (
    assignments,
    conferences,
    directory,
    extensions,
    live,
    minutes,
    misc,
    operations,
    petitions,
    records,
    reorganisations,
    report_exchange,
    report_texts,
    signing,
)
from .auth import RateLimit, SiteSessionAuth, TokenAuth
from .docs import OfflineSwagger
from .errors import JsonParser, install_handlers
from .examples import add_examples

DESCRIPTION = """\
The doithoai API: the same actions and permissions as the pages.

Authenticate with a personal token (`Authorization: Bearer <token>`, created on
`/api/tokens/`) or the site's session (with the CSRF token). Errors are
`{"code", "message", "field"}`; messages are in Vietnamese unless `Accept-Language: en`.
Send `Idempotency-Key` on a POST to make a retry return the first response. Action
endpoints on a petition accept `If-Match` with the `ETag` of its detail: a stale one is
refused with 409 `stale_edit`.
"""


class DoithoaiAPI(NinjaAPI):
    """The API, whose schema carries an example for every operation (`examples.py`).

    Building the schema walks every operation and model (about 2 s); the operations do not
    change while the process runs, so it is built once per language and path prefix.
    """

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (translation.get_language(), path_prefix)
        schemas = self.__dict__.setdefault("_schemas", {})
        if key not in schemas:
            schemas[key] = add_examples(super().get_openapi_schema(path_prefix=path_prefix))
        return copy.deepcopy(schemas[key])


api = DoithoaiAPI(
    title="doithoai API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), SiteSessionAuth()],
    throttle=[RateLimit()],
    docs=OfflineSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=JsonParser(),
)
install_handlers(api)
api.add_router("/petitions/", petitions.router)
api.add_router("/conferences/", conferences.router)
api.add_router("/conferences/", live.router)
api.add_router("/assignments/", assignments.router)
api.add_router("/signing/", signing.router)
api.add_router("/", misc.router)
api.add_router("/", directory.router)
api.add_router("/", operations.router)
api.add_router("/", records.router)
api.add_router("/", report_exchange.router)
api.add_router("/", reorganisations.router)
api.add_router("/", report_texts.router)
api.add_router("/", extensions.router)
api.add_router("/", minutes.router)


def _omit_unset_fields(api) -> None:
    """Leave out of every response the optional fields its builder did not set.

    Output dicts are built field by field (`serialize.py`); what a caller may not see (a
    confidential submitter) is not set, and must be absent rather than null.
    """
    for router in (r for _prefix, r in api._routers):
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                operation.exclude_unset = True


_omit_unset_fields(api)
