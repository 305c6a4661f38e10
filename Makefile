# dossier: `make run` runs the main job on examples/, `make test` the tests.
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build run test bench fuzz vet

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/dossier ./cmd/dossier

run: build
	./bin/dossier run --out out examples/

test: build
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

vet:
	$(GO) vet ./...
