# Every target bootstraps .venv from pyproject.toml the first time.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
# The engine that builds and serves the site: mkdocs, or properdocs (the
# maintained continuation of MkDocs 1.x), e.g. make serve ENGINE=properdocs.
# Both are installed by the test extra; -f keeps ProperDocs on mkdocs.yml.
ENGINE ?= mkdocs
ifeq ($(filter $(ENGINE),mkdocs properdocs),)
$(error ENGINE=$(ENGINE): use mkdocs or properdocs)
endif
SITE_CMD = $(VENV)/bin/$(ENGINE)

.PHONY: serve build check test bench lint clean admin cms-screenshots sites

# The benchmark tools (bench/, distribution congress-bench) are installed
# here beside the test extra rather than listed in it: pyproject.toml can
# only name a local folder by an absolute file: URL, which holds on one
# machine only.
$(STAMP): pyproject.toml bench/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]' -e ./bench
	@touch $(STAMP)

serve: $(STAMP)  ## preview the site with drafts on http://127.0.0.1:8000 (--dirty: only changed pages re-render)
	$(SITE_CMD) serve -f mkdocs.yml --dirty -a 127.0.0.1:8000

build: $(STAMP)  ## strict production build into site/
	$(SITE_CMD) build -f mkdocs.yml --strict

check: $(STAMP)  ## what CI checks on a pull request
	$(VENV)/bin/congress check
	$(SITE_CMD) build -f mkdocs.yml --strict
	$(VENV)/bin/congress links site/

# The 站群 sample (sites.yml, sites/<name>/mkdocs.yml): the district sites in
# parallel processes (one per core, or SITES_JOBS), the hub last, the links
# between them checked without network, all put together in build/sites/
# (hub at /, each district at /<name>/) for any static server.
SITES_JOBS ?= 0
sites: $(STAMP)  ## build the 站群 sample into build/sites/
	$(VENV)/bin/congress sites --strict --engine $(ENGINE) --jobs $(SITES_JOBS)
	$(VENV)/bin/congress links --federation sites.yml

# package.json: the browser CMS (Decap CMS, copied into every build; without
# it /admin/ only says how to enable it) and the tools of the browser tests.
# Without npm those tests are skipped locally with a loud reason (and fail in CI).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "警告：未找到 npm，无法安装写稿工具和浏览器测试工具，相关测试将被跳过（apt-get install npm）"; fi

admin: $(STAMP) $(NODE_STAMP)  ## write in the browser on this computer, no account: http://127.0.0.1:8000/admin/
	$(VENV)/bin/congress admin

# The screenshots CONTRIBUTING.md shows (docs/images/cms/): the browser test
# takes them into test-artifacts/cms/, this copies them over, made small.
cms-screenshots: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/pytest tests/cms/test_cms_browser.py -q -p no:cacheprovider
	$(PY) tests/cms/refresh_screenshots.py

# Lighthouse scores a page by how long the browser's main thread is busy, so a
# test on the other core costs a page points it did not lose: the tests marked
# `alone` run after the rest, with nothing else running.
test: $(STAMP) $(NODE_STAMP)  ## the whole test suite, browser tests included
	$(VENV)/bin/pytest -n 2 -m "not alone"
	$(VENV)/bin/pytest -m alone

# e.g. make bench BENCH_ARGS="--stories 3000 --serve" or BENCH_ARGS="--scaling --budget 0"
BENCH_ARGS ?=
bench: $(STAMP)  ## benchmark against plain Material (10,000 stories; table + bench-results/bench.json)
	$(VENV)/bin/congress-bench run --json bench-results/bench.json $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check plugins tests bench

clean:
	rm -rf site build .cache .pytest_cache sites/*/.cache .congress-*
