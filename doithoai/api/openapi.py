"""The API's OpenAPI schema as saved in the repository (`doithoai/api/openapi.json`)."""

import json
from pathlib import Path

SAVED = Path(__file__).resolve().parent / "openapi.json"


def current_schema_text() -> str:
    """Render the schema the code defines, in the saved file's stable formatting."""
    from django.utils import translation

    from .v1 import api

    with translation.override("vi"):
        schema = api.get_openapi_schema(path_params={})
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
