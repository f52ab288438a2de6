"""Import a heavy module on first use, so that a worker that never needs it never loads it.

A gunicorn worker that serves lists, the live room and the API has no use for the libraries
that write Word documents (python-docx), Excel sheets (openpyxl) or sign PDFs (pyHanko, with
aiohttp and fontTools): together they add about 70 MB to every worker. The modules of ours
that use them are imported through `lazy_module` by the modules that only call them, and
load on the first attribute read. This is the standard library's own recipe
(`importlib.util.LazyLoader`, "Implementing lazy imports" in the importlib documentation);
no third-party library is needed.
"""

import importlib.util
import sys
import threading

_lock = threading.Lock()


def lazy_module(name: str):
    """Return module `name`, loaded on first attribute access (the loaded one if already)."""
    with _lock:
        if name in sys.modules:
            return sys.modules[name]
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            raise ImportError(f"No module named {name!r}")
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        loader.exec_module(module)
        return module
