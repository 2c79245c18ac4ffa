# Two commands on a fresh machine (Python 3.11 and make): `make demo` and `make test`.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := .tools/bin/uv
endif
RUN := $(UV) run --frozen
LOCALE := src/ontmoeting/locale
HOST ?= 127.0.0.1:8000

.PHONY: demo test coverage check lint typecheck security contracts messages compilemessages install browser-tools serve bench clean

demo: install compilemessages ## set up, build the demo history on SQLite, start the web server and a task worker
	$(RUN) ontmoeting manage migrate --no-input
	$(RUN) ontmoeting demo
	# The worker leaves out the nightly privacy purge: it would thin the demo's history.
	ONTMOETING_SCHEDULE_SKIP=privacy-purge $(RUN) ontmoeting serve --bind $(HOST) --with-worker

test: install compilemessages browser-tools ## set up and run the tests
	$(RUN) pytest $(PYTEST_ARGS)

coverage: install compilemessages browser-tools ## the tests, then branch coverage: each module below 100 %, the total, the engine
	$(RUN) pytest --cov --cov-report= $(PYTEST_ARGS)
	$(RUN) coverage report
	@echo "Engine (src/ontmoeting/engine) branch coverage: $$($(RUN) coverage report --include='src/ontmoeting/engine/*' --format=total) %"

check: install lint contracts typecheck security ## what CI runs besides the tests

lint:
	$(RUN) ruff check .
	$(RUN) ruff format --check src/ontmoeting/engine

contracts:
	$(RUN) lint-imports

typecheck:
	$(RUN) mypy

security: ## bandit over src/ (configured in pyproject.toml; false positives carry a nosec with a reason)
	$(RUN) bandit -c pyproject.toml -q -r src

install: .venv/.synced

# axe-core for the browser tests (test-only, from the npm registry); skipped without npm.
# jsqr is served from static/vendor (a test checks the copy against node_modules/jsqr).
browser-tools:
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/jsqr/dist/jsQR.js ]; then \
	  if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	  else echo "npm not found: browser tests will be skipped"; fi; \
	fi

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

compilemessages: install ## compile the nl/en/it catalogues (pure Python, no gettext needed)
	$(RUN) pybabel compile --domain django --directory $(LOCALE) --statistics

messages: install ## extract new strings into the catalogues (needs GNU gettext)
	cd src/ontmoeting && ../../$(RUN) python -m ontmoeting.manage makemessages --no-obsolete -l nl -l en -l it --ignore 'engine/*'

serve: install compilemessages ## Django's development server (reloads on changes); run `ontmoeting worker` beside it
	$(RUN) ontmoeting manage runserver $(HOST)

bench: install ## run the benchmarks and rewrite benchmarks/RESULTS.md
	for b in benchmarks/bench_*.py; do $(RUN) python -m benchmarks.$$(basename $$b .py) || exit 1; done

clean:
	rm -rf .venv .tools var node_modules .pytest_cache .mypy_cache .ruff_cache .coverage
