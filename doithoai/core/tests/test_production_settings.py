"""Production settings (DEBUG off): `check --deploy` is clean and responses carry the headers.

Each test starts a fresh interpreter with the README's production environment, since
settings are read from the environment once, at start-up.
"""

import json
import os
import subprocess
import sys
import textwrap

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Qp2vR9sT4wY8zB3nC6mF1hJ5kL0aD2gE7iO9uP4qW6rT8yU3oI1pA5sD7fG9hJ",
    "ALLOWED_HOSTS": "doithoai.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://doithoai.example.gov.vn",
    "SITE_URL": "https://doithoai.example.gov.vn",
    "TRUSTED_PROXIES": "1",
}


def _run(args, tmp_path, **extra):
    skip = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(PRODUCTION_ENV)
    env.update({"DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    env.update(extra)
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_is_clean_with_the_readme_environment(tmp_path):
    result = _run(["-m", "doithoai", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_default_to_debug_off(tmp_path):
    result = _run(["-m", "doithoai", "check"], tmp_path, SECRET_KEY="")
    assert result.returncode != 0 and "SECRET_KEY must be set when DEBUG is off" in result.stderr


SCRIPT = textwrap.dedent(
    """
    import json, django
    from django.conf import settings
    django.setup()
    from django.test import Client
    assert settings.DEBUG is False and settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    client = Client(HTTP_HOST="doithoai.example.gov.vn")
    plain = client.get("/tra-cuu/")
    secure = client.get("/tra-cuu/", secure=True)
    print(json.dumps({"plain": [plain.status_code, plain.get("Location", "")],
                      "secure": [secure.status_code, dict(secure.headers)]}))
    """
)


def test_headers_on_a_response_served_with_debug_off(tmp_path):
    migrate = _run(["-m", "doithoai", "migrate", "-v0"], tmp_path)
    assert migrate.returncode == 0, migrate.stderr
    result = _run(
        ["-c", SCRIPT],
        tmp_path,
        DJANGO_SETTINGS_MODULE="doithoai.settings",
        CACHE_BACKEND="django.core.cache.backends.locmem.LocMemCache",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["plain"] == [301, "https://doithoai.example.gov.vn/tra-cuu/"]
    status, headers = out["secure"]
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    csp = headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
