# Vietnamese news archive: raw text -> Markdown posts -> static site.
# `make help` lists the targets. Folders can be moved:
#   make html SEEDS=path/to/raw CONTENT=path/to/posts OUTPUT=path/to/site

PYTHON ?= python3
VENV ?= .venv
SEEDS ?= seeds
CONTENT ?= content
OUTPUT ?= output
SITEURL ?=
PORT ?= 8000
JOBS ?=
PYTEST_ARGS ?=
SHARDED ?=

BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PELICAN_RUN = RAWNEWS_SOURCE="$(abspath $(SEEDS))" $(BIN)/pelican "$(abspath $(CONTENT))" -o "$(abspath $(OUTPUT))"

.PHONY: help setup convert html publish serve devserver test test-deps clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

setup: $(STAMP)  ## create .venv from the pinned dependencies (done by every target)

# Rebuilt when pyproject.toml changes (the stamp's name carries its checksum).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

convert: $(STAMP)  ## convert SEEDS into Markdown posts in CONTENT only
	$(BIN)/python -m rawnews convert "$(SEEDS)" "$(CONTENT)" --report "$(CONTENT)/.rawnews/report.json" $(if $(JOBS),-j $(JOBS))

# One Pelican process, or one job per year (vnarchive.shards) from SHARDS["THRESHOLD"] raw files
# (50,000 by default, where one process would need over 3 GiB: docs/scaling.md); SHARDED=1 or SHARDED=0 forces either way.
html: $(STAMP)  ## convert SEEDS and build the site into OUTPUT (SHARDED=1/0 forces the sharded/single build)
	@mkdir -p "$(CONTENT)"
	RAWNEWS_SOURCE="$(abspath $(SEEDS))" $(BIN)/python -m vnarchive.shards html "$(abspath $(CONTENT))" "$(abspath $(OUTPUT))" -s pelicanconf.py $(if $(filter 1,$(SHARDED)),--mode sharded,$(if $(filter 0,$(SHARDED)),--mode single))

publish: $(STAMP)  ## production build (absolute URLs, sitemap, minified, .gz/.br): make publish SITEURL=https://example.org/sub
	@case "$(SITEURL)" in http://?*|https://?*) ;; *) echo "make publish needs an absolute SITEURL=https://host[/sub/path]"; exit 2;; esac
	@mkdir -p "$(CONTENT)"
	SITEURL="$(SITEURL)" $(PELICAN_RUN) -s publishconf.py

serve: $(STAMP)  ## serve OUTPUT at http://localhost:$(PORT)/ (a missing page: 404.html, status 404)
	$(BIN)/python scripts/serve.py "$(abspath $(OUTPUT))" $(PORT)

devserver: $(STAMP)  ## rebuild on changes to seeds/, theme/, plugins/ and serve
	$(BIN)/python scripts/devserver.py "$(abspath $(SEEDS))" "$(abspath $(CONTENT))" "$(abspath $(OUTPUT))" $(PORT)

test-deps: $(STAMP)  ## system and npm packages for the browser/validator tests (Chromium, Java, axe-core, vnu)
	@command -v chromium >/dev/null && command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js -a -f node_modules/vnu-jar/build/dist/vnu.jar -a node_modules/.package-lock.json -nt package-lock.json || npm ci --no-audit --no-fund --silent

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:  ## remove the built site, generated posts and caches (not .venv)
	rm -rf "$(OUTPUT)" .cache .pytest_cache
	find "$(CONTENT)" -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
