# xxgk — the two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO   := demo

.PHONY: install system-deps demo test test-fast bench lint fuzz clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages some tests need (.doc conversion, a throwaway PostgreSQL server, headless Chromium
# driven by Playwright and CJK fonts for the HTML export tests and the review app's browser tests).
# Installed only when missing and when we are root with apt; otherwise those tests skip with a reason.
system-deps:
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "note: not installing$$missing (need root and apt); the tests that need them will skip"; fi; \
	fi

demo: install
	$(BIN)/python -m extractor.demo --out $(DEMO) --db sqlite:///$(DEMO).db

test: install system-deps
	@# pytest exits 5 when it collects no test (e.g. a -k filter matching nothing): say so, do not fail
	$(BIN)/pytest -q; status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$status

test-fast: install
	$(BIN)/pytest -q -m "not slow and not ocr and not model and not browser"

bench: install
	$(BIN)/python benchmarks/run.py --out benchmarks/results/latest.json

lint: install
	$(BIN)/ruff check extractor tests cli.py benchmarks
	$(BIN)/mypy

fuzz: install
	$(BIN)/python -m extractor.fuzz --seconds 600

clean:
	rm -rf $(VENV) $(DEMO) $(DEMO).db .pytest_cache .mypy_cache .ruff_cache
