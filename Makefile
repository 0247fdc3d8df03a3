# Allmende: the two commands of the README, and their parts.
#
#   make run    build (release) and serve on http://127.0.0.1:3000
#   make test   lints (rustfmt, clippy), unit, integration and end-to-end tests
#
# Builds go to a cache outside the checkout, so that a fresh clone (CI)
# rebuilds only what changed.

SHELL := /bin/bash
CACHE_DIR ?= $(HOME)/.cache/allmende
export ALLMENDE_CACHE_DIR := $(CACHE_DIR)
export CARGO_TARGET_DIR ?= $(CACHE_DIR)/target
export LEPTOS_SITE_ROOT ?= target/site
# cargo-leptos sets it while building; Leptos reads it at compile time, so every
# cargo command must see the same value or they rebuild each other's crates.
export LEPTOS_OUTPUT_NAME := allmende
# wasm-opt from npm's binaryen (current), ahead of any older system copy:
# Debian's binaryen 108 turns wasm-bindgen's externref table into a funcref
# table and the page fails to start its wasm.
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
# Not under $$HOME: as root, PostgreSQL runs as `postgres`, which cannot enter /root.
TEST_PG_DIR ?= /tmp/allmende-test-postgres
# The test command fuzzes the publiccode.yml parser and the Markdown renderer
# of posts this long each (longer runs: `allmende publiccode fuzz --seconds
# 1800`, `allmende markdown-fuzz --seconds 1800`).
FUZZ_SECONDS ?= 30

.PHONY: run test setup build build-release bench clean-data

setup:
	@.ci/setup.sh build

build: setup
	cargo leptos build

build-release: setup
	cargo leptos build --release

## The run command: a private PostgreSQL under ./data unless DATABASE_URL is set.
run: build-release
	@if [ -z "$$DATABASE_URL" ]; then .ci/setup.sh postgres; fi
	@echo "Allmende: http://127.0.0.1:3000 (Ctrl-C stops it and its private database)"
	exec $(CARGO_TARGET_DIR)/release/allmende serve

## The test command: lints, then every test against real PostgreSQL, browser included.
test: build
	@.ci/setup.sh postgres browser
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	@set -euo pipefail; \
	ADMIN_URL=$$($(CARGO_TARGET_DIR)/debug/allmende embedded-db up --dir "$(TEST_PG_DIR)"); \
	trap '$(CARGO_TARGET_DIR)/debug/allmende embedded-db down --dir "$(TEST_PG_DIR)"' EXIT; \
	export ALLMENDE_TEST_DATABASE_URL="$$ADMIN_URL"; \
	export ALLMENDE_TEST_RUN="$$$$-$$(date +%s%N)"; \
	cargo test --workspace --no-fail-fast; \
	$(CARGO_TARGET_DIR)/debug/allmende publiccode fuzz --seconds $(FUZZ_SECONDS) --artifacts $(CACHE_DIR)/fuzz-artifacts; \
	$(CARGO_TARGET_DIR)/debug/allmende markdown-fuzz --seconds $(FUZZ_SECONDS) --artifacts $(CACHE_DIR)/fuzz-artifacts; \
	ALLMENDE_BIN=$(CARGO_TARGET_DIR)/debug/allmende npm run --silent e2e; \
	env -u ALLMENDE_TEST_RUN .ci/leftovers.sh "$$ALLMENDE_TEST_RUN"

## Page weight, memory and throughput of the release build; see docs/benchmarks.md.
bench: build-release
	@.ci/setup.sh postgres browser bench
	@set -euo pipefail; \
	ADMIN_URL=$$($(CARGO_TARGET_DIR)/release/allmende embedded-db up --dir "$(TEST_PG_DIR)"); \
	trap '$(CARGO_TARGET_DIR)/release/allmende embedded-db down --dir "$(TEST_PG_DIR)"' EXIT; \
	ALLMENDE_TEST_DATABASE_URL="$$ADMIN_URL" ALLMENDE_BIN=$(CARGO_TARGET_DIR)/release/allmende \
	  bash -c 'node e2e/bench/page-weight.mjs && node e2e/bench/assets.mjs && node e2e/bench/accounts.mjs && node e2e/bench/catalog.mjs && node e2e/bench/mirror.mjs && node e2e/bench/reuse.mjs && node e2e/bench/groups.mjs'

clean-data:
	rm -rf data
