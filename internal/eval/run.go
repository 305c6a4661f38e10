package eval

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/output/jsonout"
	"github.com/dossier-dev/dossier/schema"
)

// GoldSuffix ends the name of a gold file: NAME.txt has NAME.gold.json.
const GoldSuffix = ".gold.json"

// Case is one document to evaluate: the input the pipeline reads, the text
// the gold's evidence refers to, and the gold file.
type Case struct {
	// Input is the document the pipeline runs on.
	Input string
	// Text is the file whose text the gold was annotated on: Input itself,
	// or NAME.txt (the rendered visible text) for NAME.html.
	Text string
	Gold string
}

// Name is the case's document name without folder and extension.
func (c Case) Name() string { return stem(filepath.Base(c.Input)) }

func stem(p string) string {
	ext := filepath.Ext(p)
	return strings.TrimSuffix(p, ext)
}

// CaseFor returns the case for an input path; ok is false when no gold file
// sits beside it. For NAME.html (or .htm) the scored text is NAME.txt,
// which must exist.
func CaseFor(input string) (c Case, ok bool, err error) {
	base := stem(input)
	gold := base + GoldSuffix
	if _, err := os.Stat(gold); err != nil {
		return Case{}, false, nil
	}
	c = Case{Input: input, Text: input, Gold: gold}
	switch strings.ToLower(filepath.Ext(input)) {
	case ".html", ".htm":
		c.Text = base + ".txt"
		if _, err := os.Stat(c.Text); err != nil {
			return Case{}, false, fmt.Errorf("%s: its gold is annotated on %s, which is missing: %w", input, c.Text, err)
		}
	}
	return c, true, nil
}

// Cases picks the inputs that have gold files. When both NAME.html and its
// rendered NAME.txt are given, the HTML (the original) is evaluated and the
// rendering skipped, so no document counts twice. skipped lists inputs
// without gold.
func Cases(inputs []string) (cases []Case, skipped []string, err error) {
	html := map[string]bool{}
	for _, in := range inputs {
		switch strings.ToLower(filepath.Ext(in)) {
		case ".html", ".htm":
			html[stem(filepath.Clean(in))] = true
		}
	}
	seen := map[string]bool{}
	for _, in := range inputs {
		clean := filepath.Clean(in)
		if strings.ToLower(filepath.Ext(in)) == ".txt" && html[stem(clean)] {
			continue
		}
		if seen[clean] {
			continue
		}
		seen[clean] = true
		c, ok, err := CaseFor(in)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			skipped = append(skipped, in)
			continue
		}
		cases = append(cases, c)
	}
	return cases, skipped, nil
}

// Processor runs the pipeline on one file.
type Processor func(ctx context.Context, path string) (*schema.Document, error)

// DocResult is one evaluated document.
type DocResult struct {
	Case   Case
	Result Result
	// Output is the document's JSON as the json exporter writes it, the
	// input score.py reads.
	Output []byte
}

// Evaluate runs process on a case and scores its output.
func Evaluate(ctx context.Context, c Case, process Processor) (*DocResult, error) {
	doc, err := process(ctx, c.Input)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := jsonout.Encode(&buf, doc, true); err != nil {
		return nil, fmt.Errorf("%s: encode output: %w", c.Input, err)
	}
	res, err := ScoreFiles(c.Text, c.Gold, buf.Bytes())
	if err != nil {
		return nil, err
	}
	return &DocResult{Case: c, Result: res, Output: buf.Bytes()}, nil
}

// ScoreFiles scores an output (JSON bytes) against the gold file, locating
// evidence in the text file, as score.py TEXT GOLD OUTPUT does.
func ScoreFiles(textPath, goldPath string, output []byte) (Result, error) {
	raw, err := os.ReadFile(textPath)
	if err != nil {
		return nil, err
	}
	gb, err := os.ReadFile(goldPath)
	if err != nil {
		return nil, err
	}
	gold, err := Decode(gb)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", goldPath, err)
	}
	out, err := Decode(output)
	if err != nil {
		return nil, fmt.Errorf("output for %s: %w", textPath, err)
	}
	res, err := Score(NewText(raw), gold, out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", goldPath, err)
	}
	return res, nil
}

// Overall sums per-document results: counts add up, and precision, recall,
// F1, grounded and field accuracy are recomputed from the sums (micro
// average), so a document with many items weighs more.
func Overall(docs []*DocResult) Result {
	total := Result{}
	for _, k := range Kinds {
		agg := &KindScore{fieldHits: map[string]int{}}
		for _, d := range docs {
			if ks := d.Result[k]; ks != nil {
				agg.Add(ks, k)
			}
		}
		agg.finish(k)
		total[k] = agg
	}
	return total
}
