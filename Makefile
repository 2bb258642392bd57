# Two commands a newcomer needs: `make run` (install, migrate, seed, train if needed, serve the API
# with the assistant) and `make test`. The assistant's Rasa 3.6 runs in its own Python 3.10
# environment, built on first use outside the checkout (bot/scripts/rasa-env).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run run-api test lint eslint typecheck pytest browser bench cross-validate clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Passerelle needs Python 3.11 or newer as python3.11 or python3 (or PYTHON=...)"; exit 1; }
	@echo "==> Installing the Python packages into $(VENV) (1-2 minutes the first time)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	@$(BIN)/passerelle preflight --host $(HOST) --port $(PORT)
	@$(BIN)/passerelle db upgrade
	@$(BIN)/passerelle seed
	@$(BIN)/passerelle serve --assistant --host $(HOST) --port $(PORT)

# Only the directory, search and admin API (no assistant; the chat answers with its fallback).
run-api: install
	@$(BIN)/passerelle preflight --host $(HOST) --port $(PORT)
	@$(BIN)/passerelle db upgrade
	@$(BIN)/passerelle seed
	@$(BIN)/passerelle serve --host $(HOST) --port $(PORT)

lint: install eslint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PASSERELLE_ESLINT=$(ESLINT_HOME) $(ESLINT_HOME)/node_modules/.bin/eslint --config eslint.config.mjs api/web

# ESLint for the web faces (npm, kept outside the checkout like axe-core, no lockfile).
ESLINT_HOME = $(CACHE)/eslint
ESLINT_PACKAGES := eslint@10.16.0 @eslint/js@10.0.1 globals@17.15.0
ESLINT_STAMP = $(ESLINT_HOME)/.installed-$(subst /,_,$(subst @,-,$(word 1,$(ESLINT_PACKAGES))))
eslint:
	@test -f $(ESLINT_STAMP) || { mkdir -p $(ESLINT_HOME) && \
	  npm install --prefix $(ESLINT_HOME) --no-save --no-package-lock --silent $(ESLINT_PACKAGES) && \
	  touch $(ESLINT_STAMP); }

typecheck: install
	$(BIN)/mypy

# Browser tests need Debian's Chromium and axe-core (npm, kept outside the checkout, no lockfile).
CACHE ?= $(or $(PASSERELLE_CACHE),$(HOME)/.cache/passerelle)
AXE_VERSION := 4.14.1
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null || \
	    { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else sudo -n apt-get install -y -q chromium >/dev/null || echo "Chromium missing: browser tests will be skipped"; fi; }
	@test -f $(CACHE)/npm/node_modules/axe-core/axe.min.js || { mkdir -p $(CACHE)/npm && \
	  npm install --prefix $(CACHE)/npm --no-save --no-package-lock --silent axe-core@$(AXE_VERSION); }

pytest: install browser
	$(BIN)/pytest

test: lint typecheck pytest

bench: install
	$(BIN)/python bench/search.py
	$(BIN)/python bench/chat.py

# Cross-validation of the assistant's NLU (minutes; figures go into bot/README.md).
cross-validate: install
	$(BIN)/passerelle bot cross-validate

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache passerelle.db test-output
