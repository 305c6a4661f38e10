# dossier: `make run` runs the main job on examples/, `make test` the tests.
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build run test bench fuzz vet model docs-images

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

# fuzz runs every fuzz target for FUZZTIME each (make test runs only their
# seed corpora).
FUZZTIME ?= 2m
FUZZ_TARGETS := ./pipeline/ingest:FuzzRead ./pipeline/segment:FuzzSegment \
	./pipeline/timex:FuzzTag ./pipeline/refparse:FuzzParse ./pipeline/refparse:FuzzParseNote ./output/pdf:FuzzRender
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "== $$name ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

# model retrains the reference tagger embedded in pipeline/refparse from
# ../shared/eval/refs/anystyle-core.jsonl (deterministic; prints 10-fold CV).
model:
	$(GO) run ./pipeline/refparse/cmd/trainref -cv 10

# docs-images renders the seed's review page in headless Chromium and saves
# docs/review-page.png (needs chromium and ../shared),
# and the seed's briefing page 1 and timeline as docs/briefing-*.png
# (needs poppler-utils).
docs-images:
	$(GO) test ./output/html -run '^TestScreenshot$$' -count=1 -screenshot $(CURDIR)/docs/review-page.png
	$(GO) test ./output/pdf -run '^TestDocsImages$$' -count=1 -docs $(CURDIR)/docs
