package timex

import (
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
)

func TestVariants(t *testing.T) {
	path := filepath.Join(testutil.SharedDir(t), "eval", "timex", "timebank-aquaint.jsonl")
	for _, n := range []int{0, 1, 2, 3, 5, 100} {
		tg, _ := New()
		tg.narrativeSpan = n
		s := scoreTimeBank(t, tg, path, nil)
		t.Logf("span %d relaxed %.2f value acc %.2f value F1 %.2f", n, s.relaxedF1(), s.valueAcc(), s.valueF1())
	}
	tg, _ := New()
	tg.dctFirstForMonths = true
	s := scoreTimeBank(t, tg, path, nil)
	t.Logf("dctFirst relaxed %.2f value acc %.2f value F1 %.2f", s.relaxedF1(), s.valueAcc(), s.valueF1())
}
