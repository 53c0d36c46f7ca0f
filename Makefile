# mutuals — `make run` to try it, `make test` to check it. `make help` lists everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
HEY := /usr/bin/hey
DOVECOT := /usr/sbin/dovecot
AXE_VERSION := 4.14.1
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
PYTEST_ARGS ?=
# Two test processes share two cores: BLAS threads in each would only fight over them (the
# reader's training test ran 2.4x slower with OpenBLAS's default threads on a busy machine).
# Bytecode is kept even where the shell says not to write it (PYTHONDONTWRITEBYTECODE): without
# it each of the four test processes, and every `mutuals` a test starts, compiles the project
# and rewrites the tests' asserts again (collecting took 26 s a process instead of 16).
TEST_ENV := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 PYTHONDONTWRITEBYTECODE=

.DEFAULT_GOAL := help
.PHONY: bench-university help axe run test test-sqlite test-postgres postgres-server fuzz lint format bench reliability clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests..."
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi

$(NGINX):
	@echo "Installing Debian's nginx for the TLS reverse-proxy test..."
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; fi

$(HEY):
	@echo "Installing Debian's hey, the load test's third client..."
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey; fi

$(DOVECOT):
	@echo "Installing Debian's dovecot-imapd, the IMAP server the mail sync tests start..."
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd; fi

$(AXE): Makefile
	@echo "Installing axe-core $(AXE_VERSION) from npm for the accessibility test..."
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix $(VENV)/axe axe-core@$(AXE_VERSION)
	touch $(AXE)

axe: $(AXE) ## install the pinned axe-core (npm) that the accessibility browser test injects

postgres-server:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	echo "Installing Debian's PostgreSQL server programs for the tests..."; \
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; fi; }

run: $(STAMP) ## set up and start the app on SQLite with a demo network
	$(BIN)/mutuals serve --demo-if-empty

# One run after the other, two test processes each. Each run alone keeps both cores busy (the
# PostgreSQL one with its server, the SQLite one with Chromium and the processes its tests
# start): side by side, four test processes on two cores only spent more CPU for the same work
# (8.6 + 8.8 min one after the other on a quiet machine, 18.9 side by side). `-k`: a failure on
# SQLite still lets the PostgreSQL run report its own.
test: $(STAMP) $(CHROMIUM) $(NGINX) $(AXE) $(DOVECOT) postgres-server ## set up and run the whole suite on SQLite, then on a throwaway PostgreSQL
	@$(MAKE) --no-print-directory -k test-sqlite test-postgres

test-sqlite: $(STAMP) $(CHROMIUM) $(NGINX) $(AXE) $(DOVECOT) ## the suite on SQLite
	$(TEST_ENV) $(BIN)/pytest -n 2 --dist worksteal $(PYTEST_ARGS)

test-postgres: $(STAMP) $(CHROMIUM) $(NGINX) $(AXE) $(DOVECOT) postgres-server ## the suite on a throwaway PostgreSQL server
	$(TEST_ENV) $(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest -n 2 --dist worksteal $(PYTEST_ARGS)

fuzz: $(STAMP) ## the property tests with 3,000 fresh examples each, on SQLite (long: run it before a release)
	$(TEST_ENV) $(BIN)/pytest -n 2 --dist worksteal -m hypothesis --hypothesis-profile=fuzz $(PYTEST_ARGS)

lint: $(STAMP) ## ruff, mypy and a check that migrations are up to date
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	MUTUALS_HOME=$$(mktemp -d) $(BIN)/django-admin makemigrations --check --dry-run --settings=mutuals.settings

format: $(STAMP) ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

bench: $(STAMP) ## run the benchmarks; figures go to bench/results and docs/performance.md
	$(BIN)/python -m bench

bench-university: $(STAMP) postgres-server ## issue 17's goals: a pool of 100,000 members and 10,000,000 rows on a throwaway PostgreSQL, then the 2-process load (about 20 min; docs/scaling.md)
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m bench.groups --members 100000 --rows 100 --load

reliability: $(STAMP) $(HEY) postgres-server ## load, kill -9 and concurrent-writer figures (minutes; docs/reliability.md)
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.load_threads
	$(BIN)/python -m bench.load_hey
	$(BIN)/python -m bench.faults
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m bench.faults
	$(BIN)/python -m bench.writers --direct
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m bench.writers --direct

clean: ## remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
