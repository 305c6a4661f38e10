// Command trainref trains the reference tagger embedded in
// pipeline/refparse (model.bin.gz) from AnyStyle-format labelled references,
// and optionally reports k-fold cross-validated field scores. `make model`
// runs it; training is deterministic for a given seed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/pipeline/refparse"
	"github.com/dossier-dev/dossier/schema"
)

func main() {
	data := flag.String("data", "../shared/eval/refs/anystyle-core.jsonl", "labelled references (JSONL)")
	out := flag.String("out", "pipeline/refparse/model.bin.gz", "model file to write ('' to skip)")
	epochs := flag.Int("epochs", refparse.DefaultEpochs, "training epochs")
	seed := flag.Int64("seed", 1, "shuffle seed")
	prune := flag.Float64("prune", refparse.DefaultPrune, "drop weights below this fraction of the largest")
	folds := flag.Int("cv", 0, "report k-fold cross-validation (0: none)")
	errField := flag.String("errors", "", "with -cv, print held-out mistakes on this CSL field")
	confusion := flag.Int("confusion", 0, "with -cv, print this many of the largest token confusions")
	flag.Parse()
	if err := run(*data, *out, *epochs, *seed, *prune, *folds, *errField, *confusion); err != nil {
		fmt.Fprintln(os.Stderr, "trainref:", err)
		os.Exit(1)
	}
}

func run(data, out string, epochs int, seed int64, prune float64, folds int, errField string, confusion int) error {
	raw, err := os.ReadFile(data)
	if err != nil {
		return err
	}
	exs, err := refparse.ReadExamples(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", data, err)
	}
	gold, err := refparse.ReadGold(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", data, err)
	}
	if folds > 1 {
		t0 := time.Now()
		var onPred func(refparse.Gold, schema.CSLItem)
		if errField != "" {
			onPred = func(g refparse.Gold, p schema.CSLItem) {
				if pv := refparse.Canon(p)[errField]; pv != g.Fields[errField] {
					fmt.Printf("%s\n   gold: %s\n   pred: %s\n", g.Text, g.Fields[errField], pv)
				}
			}
		}
		s := refparse.CrossValidate(exs, gold, folds, epochs, seed, prune, onPred)
		fmt.Printf("%d-fold cross-validation (%s):\n%s", folds, time.Since(t0).Round(time.Second), s)
		if confusion > 0 {
			fmt.Print(s.ConfusionString(confusion))
		}
	}
	if out == "" {
		return nil
	}
	m := refparse.Train(exs, epochs, seed)
	if err := atomicfile.Write(out, func(w io.Writer) error { return m.Write(w, prune) }); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	st, _ := os.Stat(out)
	fmt.Printf("wrote %s (%d bytes, %d features)\n", out, st.Size(), len(m.W))
	return nil
}
