"""Parity: every public action of every app has an API operation, or says why it has none."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from django.apps import apps

from doithoai.api.parity import PAGE_ONLY

API_DIR = Path(__file__).resolve().parents[1]
# The token page and the token actions live in the api app but are not API operations.
NOT_OPERATIONS = {"views.py", "actions.py", "admin.py"}


def _action_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("doithoai."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.actions")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.actions":
                continue
            raise
        yield config.label, module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            yield config.label, importlib.import_module(f"{module.__name__}.{info.name}")


def public_actions() -> set[str]:
    """Return `app.function` for each action: defined in an actions module, keyword-only `by`."""
    found = set()
    for label, module in _action_modules():
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or not func.__module__.startswith(module.__name__):
                continue
            params = inspect.signature(func).parameters
            if "by" in params and params["by"].kind is inspect.Parameter.KEYWORD_ONLY:
                found.add(f"{label}.{name}")
    return found


def called_by_the_api() -> set[str]:
    """Return the names of the functions the API's operation modules call (not its token page)."""
    names = set()
    for path in API_DIR.glob("*.py"):
        if path.name in NOT_OPERATIONS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                if isinstance(node.func, ast.Attribute):
                    names.add(node.func.attr)
                elif isinstance(node.func, ast.Name):
                    names.add(node.func.id)
    return names


def test_every_action_has_an_operation_or_a_reason():
    actions = public_actions()
    assert len(actions) > 40
    called = called_by_the_api()
    missing = sorted(a for a in actions if a.split(".")[1] not in called and a not in PAGE_ONLY)
    assert missing == [], "add an API operation, or list it in doithoai/api/parity.py"


def test_page_only_list_names_real_actions_without_an_operation():
    actions = public_actions()
    called = called_by_the_api()
    assert sorted(set(PAGE_ONLY) - actions) == []
    assert sorted(a for a in PAGE_ONLY if a.split(".")[1] in called) == []
    assert all(reason.strip() for reason in PAGE_ONLY.values())
