"""The saved OpenAPI schema matches the code, and the docs page works offline."""

import re

from doithoai.api.openapi import SAVED, current_schema_text


def test_saved_schema_is_current():
    assert SAVED.read_text(encoding="utf-8") == current_schema_text(), (
        "The API changed: run `python -m doithoai export_openapi` and commit openapi.json."
    )


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
    from doithoai.api import (
        conferences,
        directory,
        extensions,
        minutes,
        operations,
        petitions,
        records,
        schemas,
    )

    for module in (
        schemas,
        directory,
        operations,
        records,
        conferences,
        petitions,
        extensions,
        minutes,
    ):
        if hasattr(module, name):
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
