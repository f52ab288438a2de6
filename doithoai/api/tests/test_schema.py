"""The saved OpenAPI schema matches the code, and the docs page works offline."""

import re

from doithoai.api.openapi import SAVED, current_schema_text


def test_saved_schema_is_current():
    assert SAVED.read_text(encoding="utf-8") == current_schema_text(), (
        "The API changed: run `python -m doithoai export_openapi` and commit openapi.json."
    )


def test_schema_is_built_once_per_language(client, monkeypatch):
    from ninja import NinjaAPI

    from doithoai.api.v1 import api

    built = []
    original = NinjaAPI.get_openapi_schema

    def counting(self, **kwargs):
        built.append(kwargs)
        return original(self, **kwargs)

    monkeypatch.setattr(NinjaAPI, "get_openapi_schema", counting)
    monkeypatch.setattr(api, "_schemas", {}, raising=False)
    first = client.get("/api/v1/openapi.json").json()
    again = client.get("/api/v1/openapi.json").json()
    english = client.get("/api/v1/openapi.json", headers={"Accept-Language": "en"}).json()
    assert first == again and len(built) == 2
    assert english["paths"].keys() == first["paths"].keys()


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200 and schema.json()["info"]["version"] == "1"
    docs = client.get("/api/v1/docs")
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "/static/api/swagger/swagger-ui-bundle.js" in html
    # No external address at all (a random CSRF token may contain "cdn", so look for URLs).
    assert not re.search(r"(https?:)?//[a-z0-9.-]*[a-z]\.[a-z]{2,}", html, re.IGNORECASE)


def test_export_command_check(capsys):
    from django.core.management import call_command

    call_command("export_openapi", "--check")
    assert "up to date" in capsys.readouterr().out


def _body_model(name: str):
    """Find the schema class `name` in any module of the API package."""
    import importlib
    import pkgutil

    import doithoai.api

    for info in pkgutil.iter_modules(doithoai.api.__path__):
        module = importlib.import_module(f"doithoai.api.{info.name}")
        if isinstance(getattr(module, name, None), type):
            return getattr(module, name)
    raise AssertionError(f"no schema class named {name}")


def test_every_operation_has_an_example_and_body_examples_fit_their_schema():
    import json

    from doithoai.api.examples import BODIES

    schema = json.loads(current_schema_text())
    used = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "Example:" in operation["description"] and "curl -X" in operation["description"]
            for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
                assert "example" in media, f"{method.upper()} {path} has no body example"
                ref = media["schema"].get("$ref", "")
                name = ref.rsplit("/", 1)[-1] if ref else "PetitionIn"
                assert media_type == "application/json" or name == "PetitionIn"
                _body_model(name).model_validate(media["example"])
                used.add(operation["operationId"].removeprefix("doithoai_api_"))
    assert sorted(set(BODIES) - used) == [], "examples for operations that do not exist"
