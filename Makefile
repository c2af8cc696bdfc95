# Two commands set everything up on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve check lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# Browser tests drive Debian's Chromium with Playwright (never `playwright install`).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Chromium is required at $(CHROMIUM): install Debian's chromium package" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

## Build the site from content/sops into site/.
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## Run every test (unit, real builds, browser checks).
test: $(STAMP) $(CHROMIUM)
	$(BIN)/pytest

## Live preview for authors: http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## Validate the SOP sources only.
check: $(STAMP)
	$(BIN)/sop check content/sops

lint: $(STAMP)
	$(BIN)/ruff check catalogue site_plugins tests

clean:
	rm -rf site .pytest_cache
