# The project's whole interface. `make demo` and `make test` run `make setup` first, so each
# is one command on a fresh Debian 12 machine.
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: setup pkg demo test bench fit evaluate fuzz

setup:            ## install everything (idempotent; seconds when already installed)
	@bash scripts/setup.sh

pkg: setup        ## build the npm package into pkg/
	@bash scripts/build-pkg.sh

demo: pkg         ## build, then serve the demo on http://127.0.0.1:$(PORT)
	@PORT=$(PORT) node scripts/serve.mjs

test: setup       ## every check; fails on any failure
	@bash scripts/test.sh

bench: pkg        ## criterion benches and the Node benchmark against jieba-wasm and Intl.Segmenter
	@bash scripts/bench.sh

fit:              ## refit data/weights.tsv on data/eval/train.jsonl
	cargo run --release --example fit

evaluate:         ## accuracy on data/eval/dev.jsonl
	cargo run --release --example evaluate

fuzz:             ## run each cargo-fuzz target for FUZZ_SECONDS (needs nightly and cargo-fuzz)
	@bash scripts/fuzz.sh
