"""Settings of the HTTP bench: the product's settings plus one bare view (the floor).

The floor URL lives only in the bench's URLconf (`http_urls`), never in the product's.
"""

from doithoai.settings import *  # noqa: F403

ROOT_URLCONF = "http_urls"
