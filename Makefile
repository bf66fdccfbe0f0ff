# The two commands of README.md: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

# One target folder outside the clone: it survives fresh clones on the same machine.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/kratom-companion/target
# `make run` starts the release build (optimised).
APP := $(CARGO_TARGET_DIR)/release/recovery-companion
# `make test` builds everything it tests once, in the `quick` profile (Cargo.toml: release
# without the optimiser, about 3.5 minutes from cold on two cores instead of 10).
QUICK := --profile quick --locked
TEST_APP := $(CARGO_TARGET_DIR)/quick/recovery-companion
# The same app with the end-to-end tests' seams (src-tauri/examples/e2e.rs), which `cargo test`
# builds beside the tests.
APP_E2E := $(CARGO_TARGET_DIR)/quick/examples/recovery-companion-e2e
# Every build here but what people install compiles the workspace's own crates with
# clippy-driver (scripts/clippy-rustc), which lints them in the same compile: `make test` need
# not check the whole dependency tree a second time for `cargo clippy`, and any warning fails
# the build. Cargo keeps these artifacts apart from a plain rustc's, so `make run` uses it too.
# What people install (`dist`, `package`) is compiled by rustc alone.
export RUSTC_WORKSPACE_WRAPPER := $(CURDIR)/scripts/clippy-rustc
NO_CLIPPY := env -u RUSTC_WORKSPACE_WRAPPER

.PHONY: run test test-shipped check-windows setup-run setup-test setup-package setup-shipped ui app app-test app-e2e dist package lint test-rust test-ui test-e2e test-notify test-package test-kill

run: setup-run app
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window has nowhere to open."; \
	  echo "On a desktop, run 'make run' from a terminal inside your session. On a machine without one,"; \
	  echo "start it on a virtual display:  xvfb-run -a $(APP)"; \
	  exit 1; \
	fi
	$(APP)

test: setup-test lint test-rust test-notify test-ui test-e2e test-package
	@echo "All tests passed."

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

setup-package:
	@scripts/setup.sh package

setup-shipped:
	@scripts/setup.sh shipped

# Rebuild the UI only when its sources change: a rebuild gives ui/dist new timestamps, and
# cargo then re-embeds it and relinks the app (a minute on two cores).
UI_SOURCES := $(shell find ui/src assets/content -type f ! -name '*.test.ts') \
	ui/index.html ui/vite.config.ts ui/svelte.config.js ui/package-lock.json

ui: ui/dist/index.html

ui/dist/index.html: $(UI_SOURCES)
	cd ui && npm run --silent build

# The release binary embeds ui/dist; cargo rebuilds it whenever that changes.
app: ui
	cargo build --release --locked -p recovery-companion --features custom-protocol

# The app as the tests build it: with their packages and features (see TEST_PACKAGES), so it
# shares their compiled tree and is only a link.
app-test: ui
	cargo build $(QUICK) $(TEST_PACKAGES)

# An example of the shell's, built with the tests (a link too).
app-e2e: ui
	cargo build $(QUICK) $(TEST_PACKAGES) --example recovery-companion-e2e

# The lean binary for packages: fat LTO, one codegen unit, size-optimised, no symbols and
# relative relocations packed (RELR: glibc 2.36 or newer, which the packages require), 6 to 12
# minutes on 2 cores. It unwinds on panic, like every build the tests run (Cargo.toml).
# Not part of `make test`; `make test-shipped` tests it. BENCHMARKS.md has what each setting saves.
DIST_RUSTFLAGS := -C link-arg=-Wl,-z,pack-relative-relocs
dist: ui
	$(NO_CLIPPY) RUSTFLAGS="$(DIST_RUSTFLAGS)" cargo build --profile dist --locked -p recovery-companion --features custom-protocol

# The .deb and .rpm people install: the dist binary, packed by Tauri's own bundler (its CLI is
# pinned in packaging/package.json), the .deb's desktop entry then named after the app's id.
# AppImage is configured too, but its tools are downloaded at build time, which these machines
# cannot do.
TAURI := packaging/node_modules/.bin/tauri
package: setup-package ui
	rm -rf $(CARGO_TARGET_DIR)/dist/bundle
	$(NO_CLIPPY) RUSTFLAGS="$(DIST_RUSTFLAGS)" $(TAURI) build --ci --no-sign --bundles deb,rpm --features custom-protocol \
	  -- --profile dist --locked
	scripts/deb-desktop-id.sh $(CARGO_TARGET_DIR)/dist/bundle/deb/*.deb
	@ls -l $(CARGO_TARGET_DIR)/dist/bundle/deb/*.deb $(CARGO_TARGET_DIR)/dist/bundle/rpm/*.rpm

# Every cargo step of `make test` uses the quick profile, so the dependency tree is built once
# for the app and all the tests. Clippy's lints run as that build compiles the workspace's
# crates (RUSTC_WORKSPACE_WRAPPER, above): here for every target the tests build, and the
# benchmarks. The bare window of the start-up benchmark is linted when
# scripts/bench-startup.sh builds it.
lint: ui
	cargo fmt --all -- --check
	cargo test $(QUICK) --no-run $(TEST_PACKAGES)
	cargo test $(QUICK) --no-run $(TEST_PACKAGES) --benches
	cd ui && npm run --silent check
	scripts/lint-workflows.sh

# The core's and the shell's tests in one cargo run: one feature set, so they share every
# dependency (the core's tests alone resolve features differently and rebuilt 118 crates).
# Unoptimised, with overflow checks; the property tests compare every result with an oracle.
export TEST_PACKAGES := -p companion-core -p recovery-companion --features recovery-companion/custom-protocol
test-rust: ui
	cargo test $(QUICK) $(TEST_PACKAGES)

# A reminder delivered to a real notification server (dunst) on a private session bus.
test-notify:
	tests/notifications/run.sh

test-ui:
	cd ui && npm test --silent

test-e2e: app-e2e
	tests/e2e/run.sh $(APP_E2E)

# A .deb of the tests' build, packed as `make package` packs the dist binary, then installed,
# started and removed on this machine. Tauri's bundler takes the binary from the release
# folder of its target folder, so it gets a folder of its own with the tests' binary there.
PACKAGE_TEST_DIR := $(CARGO_TARGET_DIR)/package-test
test-package: setup-package app-test
	rm -rf $(PACKAGE_TEST_DIR) && mkdir -p $(PACKAGE_TEST_DIR)/release
	cp $(TEST_APP) $(PACKAGE_TEST_DIR)/release/
	CARGO_TARGET_DIR=$(PACKAGE_TEST_DIR) $(TAURI) bundle --ci --no-sign --no-binary-patching --bundles deb --features custom-protocol
	scripts/deb-desktop-id.sh $(PACKAGE_TEST_DIR)/release/bundle/deb/*.deb
	tests/package/run.sh $(PACKAGE_TEST_DIR)/release/bundle/deb/*.deb

# What people install, tested as installed: the dist build (6 to 12 minutes on two cores from
# cold, so it cannot fit in `make test`'s ten; `.ci/run` runs this after it). The .deb is
# installed into a clean Debian 12 root and its first screen seen there; the dist binary runs
# the end-to-end tests that need no test seam (start, check-in, help, a damaged file explained
# and restored, encryption and the lock) and 100 restarts of the kill test.
DIST_APP := $(CARGO_TARGET_DIR)/dist/recovery-companion
SHIPPED_E2E := tests/e2e/checkin.test.mjs tests/e2e/damaged.test.mjs tests/e2e/privacy.test.mjs
test-shipped: setup-shipped package
	tests/install/run.sh $(CARGO_TARGET_DIR)/dist/bundle/deb/*.deb
	E2E_SHIPPED=1 E2E_TESTS="$(SHIPPED_E2E)" tests/e2e/run.sh $(DIST_APP)
	tests/kill/run.sh $(DIST_APP) 100
	@echo "The shipped build passed."

# The kill test alone, against the tests' build: `make test-kill KILL_RESTARTS=1000`.
KILL_RESTARTS ?= 100
test-kill: app-e2e
	tests/kill/run.sh $(APP_E2E) $(KILL_RESTARTS)

# Windows, type-checked from this Linux machine in a Debian root with Debian's own Rust and
# mingw-w64 (scripts/check-windows.sh; about 11 minutes from cold, seconds when warm). Run by
# .ci/run after the tests; it needs root, Debian's mirror and crates.io.
check-windows: ui
	scripts/check-windows.sh
