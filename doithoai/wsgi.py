"""WSGI entry point for production servers (gunicorn doithoai.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings")
application = get_wsgi_application()
