package timex_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/pipeline/timex"
)

var dumpErrors = flag.Bool("timex.errors", false, "print every value and span error of the TimeBank score")

// goldDoc is one line of ../shared/eval/timex/*.jsonl.
type goldDoc struct {
	Doc   string `json:"doc"`
	DCT   string `json:"dct"`
	Text  string `json:"text"`
	Timex []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"timex"`
}

// scores are TempEval-3's measures as score_timex.py computes them.
type scores struct {
	gold, pred, strict, relaxed, valueOK, typeOK, badOffsets int
}

func f1(tp, pred, gold int) float64 {
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(pred), float64(tp)/float64(gold)
	return 2 * p * r / (p + r)
}

func (s scores) relaxedF1() float64 { return 100 * f1(s.relaxed, s.pred, s.gold) }
func (s scores) strictF1() float64  { return 100 * f1(s.strict, s.pred, s.gold) }
func (s scores) valueAcc() float64 {
	if s.relaxed == 0 {
		return 0
	}
	return 100 * float64(s.valueOK) / float64(s.relaxed)
}
func (s scores) valueF1() float64 { return s.relaxedF1() * s.valueAcc() / 100 }

// scoreTimeBank tags every document and matches predictions to gold the
// way score_timex.py does: for each gold expression in order, the last
// unused overlapping prediction, or the first exact one.
func scoreTimeBank(t testing.TB, tg *timex.Tagger, path string, report func(string)) scores {
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	var s scores
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d goldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		runes := []rune(d.Text)
		preds := tg.Tag(d.Text, d.DCT)
		s.gold += len(d.Timex)
		s.pred += len(preds)
		for _, p := range preds {
			if p.Start < 0 || p.End > len(runes) || p.Start > p.End || string(runes[p.Start:p.End]) != p.Text {
				s.badOffsets++
			}
		}
		used := map[int]bool{}
		for _, g := range d.Timex {
			best := -1
			for i, p := range preds {
				if used[i] {
					continue
				}
				if p.Start < g.End && g.Start < p.End {
					best = i
					if p.Start == g.Start && p.End == g.End {
						break
					}
				}
			}
			if best < 0 {
				if report != nil {
					report(fmt.Sprintf("MISS %s %q %s %s | %s", d.DCT, g.Text, g.Type, g.Value, context(runes, g.Start, g.End)))
				}
				continue
			}
			used[best] = true
			p := preds[best]
			s.relaxed++
			if p.Start == g.Start && p.End == g.End {
				s.strict++
			} else if report != nil {
				report(fmt.Sprintf("SPAN %q vs gold %q", p.Text, g.Text))
			}
			if p.Value == g.Value {
				s.valueOK++
			} else if report != nil {
				report(fmt.Sprintf("VALUE %s %q=%s gold %q=%s | %s", d.DCT, p.Text, p.Value, g.Text, g.Value, context(runes, g.Start, g.End)))
			}
			if strings.EqualFold(p.Type, g.Type) {
				s.typeOK++
			}
		}
		if report != nil {
			for i, p := range preds {
				if !used[i] {
					report(fmt.Sprintf("EXTRA %q %s %s | %s", p.Text, p.Type, p.Value, context(runes, p.Start, p.End)))
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

func context(r []rune, s, e int) string {
	a, b := max(0, s-60), min(len(r), e+40)
	return strings.ReplaceAll(string(r[a:s])+"[["+string(r[s:e])+"]]"+string(r[e:b]), "\n", " ")
}

// TestTimeBankScores holds the tagger to issue 3's bars on TimeBank +
// AQUAINT (TempEval-3 training data): relaxed F1 >= 90, value F1 >= 80.
func TestTimeBankScores(t *testing.T) {
	path := filepath.Join(testutil.SharedDir(t), "eval", "timex", "timebank-aquaint.jsonl")
	tg, err := timex.New()
	if err != nil {
		t.Fatal(err)
	}
	var report func(string)
	if *dumpErrors {
		report = func(s string) { fmt.Println(s) }
	}
	s := scoreTimeBank(t, tg, path, report)
	t.Logf("gold %d, extracted %d; strict F1 %.2f, relaxed F1 %.2f, value accuracy %.2f, value F1 %.2f",
		s.gold, s.pred, s.strictF1(), s.relaxedF1(), s.valueAcc(), s.valueF1())
	if s.badOffsets != 0 {
		t.Errorf("%d expressions whose offsets do not point at their text", s.badOffsets)
	}
	if s.relaxedF1() < 90 {
		t.Errorf("relaxed F1 %.2f < 90", s.relaxedF1())
	}
	if s.valueF1() < 80 {
		t.Errorf("value F1 %.2f < 80", s.valueF1())
	}
}
