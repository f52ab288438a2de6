# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Development and tests run with DEBUG on; production sets nothing and gets DEBUG off.
export DEBUG ?= 1
# Re-install when the dependency list or the pins change.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt 2>/dev/null | sha1sum | cut -c1-12)

.PHONY: run test install lint check system-deps messages bench bench-live clean

$(STAMP):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) -m doithoai compilemessages -v0 --ignore=.venv

run: install
	@command -v msgfmt >/dev/null 2>&1 && $(MAKE) -s messages || true
	$(PY) -m doithoai migrate --noinput -v0
	$(PY) -m doithoai createcachetable
	$(PY) -m doithoai demo --if-empty
	@echo "doithoai: http://$(HOST):$(PORT)/"
	$(PY) -m doithoai runserver $(HOST):$(PORT)

system-deps:
	bash scripts/system-deps.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check: install
	$(PY) -m doithoai check
	$(PY) -m doithoai makemigrations --check --dry-run -v1

# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: install system-deps messages lint check
	$(VENV)/bin/pytest -p no:cacheprovider -n $(TEST_WORKERS)

bench: install
	$(PY) bench/run.py

# The live conference: 300 phones polling one conference (bench/live.py; 2-3 minutes).
bench-live: install
	$(PY) bench/live.py

clean:
	rm -rf $(VENV) var test-artifacts
