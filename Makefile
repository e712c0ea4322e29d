# Childpath: two commands. `make run` serves the fictional demo; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check pytest bench messages keys demo browser wrk clean help

help:
	@echo "make run    set up and serve the fictional demo on http://$(HOST):$(PORT)"
	@echo "make test   lint, type-check and run every test (DATABASE_URL selects PostgreSQL)"
	@echo "make bench  run the benchmarks (see BENCHMARKS.md)"

$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Childpath needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

keys: $(BIN)/.installed
	@$(PY) scripts/ensure_keys.py

messages: $(BIN)/.installed
	@$(PY) scripts/compile_messages.py

run: keys messages
	@mkdir -p var
	@# This checkout serves the fictional demo: .local/demo.env sets CHILDPATH_DEMO=true, so that
	@# `manage.py demo_users` shows the demo logins and codes (it refuses on any other instance).
	@printf 'CHILDPATH_DEMO=true\n' > .local/demo.env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo
	@# The paired Serbian instance on PORT+1 (PEER_DEMO=0 leaves it out): scripts/peer_demo.sh.
	@HOST=$(HOST) PORT=$(PORT) scripts/peer_demo.sh setup
	$(PY) manage.py demo_users
	@echo "Sign-in asks for a one-time code after the password: run"
	@echo "  $(PY) manage.py demo_users"
	@echo "in another terminal for each demo user's current code (a new one every 30 seconds)."
	@HOST=$(HOST) PORT=$(PORT) scripts/peer_demo.sh logins
	@echo "Serving Childpath on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	@echo "Passkeys need a host name, not an IP address: open http://localhost:$(PORT)/ to try them."
	@# The overdue-referral sweep runs beside the web server and stops with it.
	@# So do the federation workers and the Serbian instance (scripts/peer_demo.sh).
	HOST=$(HOST) PORT=$(PORT) scripts/peer_demo.sh serve $$$$ & \
	$(PY) manage.py sweep_referrals --loop --interval 60 & SWEEP=$$!; \
	trap 'kill $$SWEEP' EXIT; \
	SECURE_COOKIES=false $(BIN)/gunicorn childpath.wsgi -c deploy/gunicorn.conf.py --bind $(HOST):$(PORT)

# Debian's Chromium for the browser tests; Playwright cannot download its own browsers here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Install Chromium (apt-get install chromium) for the browser tests."; fi; }

# Debian's wrk for the load benchmark (bench/load.py).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
		else echo "Install wrk (apt-get install wrk) for the load benchmark."; fi; }

check: $(BIN)/.installed-dev keys messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_messages.py

pytest: $(BIN)/.installed-dev keys messages browser
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test: check pytest

bench: $(BIN)/.installed-dev keys messages wrk
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
