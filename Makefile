# Two commands set everything up on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test unit serve edit check lint bench clean java-runtime ocr-tools qr-tools
APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

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

# npm packages, pinned in package-lock.json: the form editor at /admin/ (decap-cms, whose browser bundle the
# build copies into the site; decap-server, the local backend of `make edit`) and the quality-gate tools of
# the tests (the Nu HTML Checker, vnu-jar, run with Java; axe-core). --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime; we use Debian's.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { $(APT_INSTALL) nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

java-runtime:
	@java -version >/dev/null 2>&1 || { $(APT_INSTALL) default-jre-headless >/dev/null; }

# `sop import` reads scans with Tesseract's Indonesian model (Debian's packages; the importer tests OCR real
# scans, so `make test` installs them when missing).
ocr-tools:
	@tesseract --list-langs 2>/dev/null | grep -qx ind || { $(APT_INSTALL) tesseract-ocr tesseract-ocr-ind >/dev/null; }

# The print test reads the QR code of a printed SOP page back: Chromium's PDF rendered by pdftoppm
# (poppler-utils), decoded by zbarimg (zbar-tools).
qr-tools:
	@command -v zbarimg >/dev/null && command -v pdftoppm >/dev/null || { $(APT_INSTALL) zbar-tools poppler-utils >/dev/null; }

## Build the site from content/sops into site/. Each build goes to a temporary folder of its own, renamed
## into place only when it succeeded: a failed build never leaves a half-made site/ to be published. Builds in
## one checkout take turns (a lock on .site.lock), so two at once cannot mix their outputs. The build date
## MkDocs writes (sitemap.xml.gz header) is the last commit's, so the same sources give the same bytes.
site: $(STAMP) $(NODE_STAMP)
	@command -v flock >/dev/null || { echo "flock is required (Debian package util-linux)" >&2; exit 1; }
	@exec 9>.site.lock && flock 9 && \
	new=$$(mktemp -d .site.new.XXXXXX) && \
	{ SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)} \
	  $(BIN)/mkdocs build --strict --site-dir "$$new" || { rm -rf "$$new"; exit 1; }; } && \
	chmod 755 "$$new" && old=$$(mktemp -d .site.old.XXXXXX) && \
	{ if [ -d site ]; then mv site "$$old/site"; fi; } && mv "$$new" site && rm -rf "$$old"

## Run every test (unit, real builds, browser checks).
test: $(STAMP) $(CHROMIUM) $(NODE_STAMP) java-runtime ocr-tools qr-tools
	$(BIN)/pytest

## The fast part alone (no MkDocs build, no browser): the rules, the importer, the commands.
unit: $(STAMP)
	$(BIN)/pytest -m unit -q

## Live preview for authors: http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## Form editor for authors: the local backend (decap-server, which writes into content/sops) and the live
## preview together. Saving a form writes the YAML file; the preview rebuilds and shows it.
EDIT_BACKEND_PORT := 8081
edit: $(STAMP) $(NODE_STAMP)
	@echo "Penyunting (formulir):  http://127.0.0.1:8000/admin/"
	@echo "Pratinjau situs:        http://127.0.0.1:8000/"
	@echo "Server penyimpanan:     http://localhost:$(EDIT_BACKEND_PORT)/api/v1 (menulis ke content/sops)"
	@PORT=$(EDIT_BACKEND_PORT) MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" node_modules/.bin/decap-server & \
	backend=$$!; trap 'kill $$backend 2>/dev/null' EXIT INT TERM; \
	$(BIN)/mkdocs serve --livereload

## Validate the SOP sources only.
check: $(STAMP)
	$(BIN)/sop check content/sops

## Scale benchmark (takes a while; not part of `make test`): ours vs plain MkDocs + Material at 1k and 10k
## SOPs, search bytes in Chromium, author-loop latency. Writes bench/results.json, prints a table. Then the
## importer's speed per document and per scanned page, and its memory over a batch of 200 documents.
bench: $(STAMP) $(CHROMIUM) $(NODE_STAMP) ocr-tools
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.importer

lint: $(STAMP)
	$(BIN)/ruff check catalogue site_plugins tests tools bench
	$(BIN)/ruff format --check catalogue site_plugins tests tools bench

clean:
	rm -rf site .site.new.* .site.old.* .site.lock .pytest_cache
