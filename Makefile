# Opsbook. `make site` (the default) and `make test` work on a fresh Debian machine:
# each installs the system packages it needs first.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE_BIN = .build/release/opsbook
APT_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.DEFAULT_GOAL := site
.PHONY: site site-internal check test deps release clean demo-data

# Installs only what is missing, so repeated runs cost nothing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH (Swift 6.3 toolchain required)"; exit 1; }

release: deps
	$(SWIFT) build -c release --product opsbook $(BUILD_FLAGS)

site: release
	$(RELEASE_BIN) build --content content --templates templates --output site

# The engineers' build: everything, internal included. Never publish it to the client.
site-internal: release
	$(RELEASE_BIN) build --content content --templates templates --output site-internal --audience internal

check: release
	$(RELEASE_BIN) check --content content --templates templates

test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build --disable-swift-testing $(BUILD_FLAGS)

clean:
	rm -rf .build site site-internal

# Regenerates the demo tickets and inspection records (deterministic: same bytes every run).
demo-data: deps
	$(SWIFT) build --product demo-data $(BUILD_FLAGS)
	.build/debug/demo-data content
