"""A pytest plugin loaded first (`-p doithoai.pytest_env`): run the suite as development.

Settings default to DEBUG off (production), and pytest-django reads them before any
conftest runs, so the environment is set here.
"""

import os

os.environ.setdefault("DEBUG", "1")
