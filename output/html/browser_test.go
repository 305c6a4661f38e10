package html

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/schema"
)

var screenshot = flag.String("screenshot", "", "write a PNG of the seed's review page to this file (make docs-images)")

// browser is a headless Chromium tab with a record of the dialogs it
// opened and the script errors it threw.
type browser struct {
	ctx        context.Context
	mu         sync.Mutex
	dialogs    []string
	exceptions []string
}

// newBrowser starts Chromium with a fresh profile. Without Chromium the
// test is skipped, except in CI, where it fails.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := testutil.Tool(t, "chromium")
	profile, err := os.MkdirTemp("", "dossier-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Chromium's children can still write into the profile for a
		// moment after it stops.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 900),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{ctx: ctx}
	err = chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			b.mu.Lock()
			b.dialogs = append(b.dialogs, ev.Message)
			b.mu.Unlock()
			// An open dialog blocks the page; close it from elsewhere
			// (Listen callbacks must not send commands).
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		case *runtime.EventExceptionThrown:
			b.mu.Lock()
			b.exceptions = append(b.exceptions, (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return b
}

func (b *browser) record() (dialogs, exceptions []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.dialogs...), append([]string(nil), b.exceptions...)
}

// open writes doc's page into a temporary folder and loads it from a
// file:// URL, waiting until the page script has run.
func (b *browser) open(t *testing.T, doc *schema.Document) string {
	t.Helper()
	paths, err := (&Exporter{}).Export(context.Background(), doc, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: paths[0]}).String()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900), chromedp.Navigate(u)); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	// The script sets data-ready last; if the policy blocked it, or it
	// threw, the attribute never appears.
	b.eval(t, `new Promise((ok, fail) => {
		const t0 = Date.now();
		(function wait() {
			if (document.documentElement.dataset.ready !== undefined) return ok(true);
			if (Date.now() - t0 > 10000) return fail(new Error("page script did not run"));
			setTimeout(wait, 20);
		})();
	})`, new(bool))
	return u
}

// eval evaluates a JavaScript expression (awaiting a promise) into out.
func (b *browser) eval(t *testing.T, expr string, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", firstLine(expr), err)
	}
	if err := jsonUnmarshal(raw, out); err != nil {
		t.Fatalf("evaluating %s: result %s: %v", firstLine(expr), raw, err)
	}
}

func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + "…"
	}
	return s
}

// spanState is what the test reads about an item's highlight.
type spanState struct {
	Found   bool    `json:"found"`
	Current bool    `json:"cur"`
	Top     float64 `json:"top"`
	Bottom  float64 `json:"bottom"`
	ViewTop float64 `json:"vtop"`
	ViewBot float64 `json:"vbot"`
}

func (b *browser) span(t *testing.T, key string) spanState {
	t.Helper()
	var s spanState
	b.eval(t, fmt.Sprintf(`(() => {
		const m = document.querySelector('#text mark.hl[data-item="%s"]');
		if (!m) return {found: false};
		const r = m.getBoundingClientRect(), v = document.querySelector(".doc").getBoundingClientRect();
		return {found: true, cur: m.classList.contains("cur"), top: r.top, bottom: r.bottom,
			vtop: Math.max(v.top, 0), vbot: Math.min(v.bottom, window.innerHeight)};
	})()`, key), &s)
	return s
}

// inView reports whether the span's first line is inside the text pane's
// visible part.
func (s spanState) inView() bool { return s.Top >= s.ViewTop-1 && s.Top < s.ViewBot-10 }

// readingOrder is the keys of doc's items as the page's n/p walk them.
func readingOrder(doc *schema.Document) []string {
	type it struct {
		key  string
		s, e int
	}
	var its []it
	for i, e := range doc.Events {
		its = append(its, it{fmt.Sprintf("e%d", i), e.Evidence.Start, e.Evidence.End})
	}
	for i, p := range doc.Positions {
		its = append(its, it{fmt.Sprintf("p%d", i), p.Evidence.Start, p.Evidence.End})
	}
	for i, c := range doc.Citations {
		its = append(its, it{fmt.Sprintf("c%d", i), c.Evidence.Start, c.Evidence.End})
	}
	sort.SliceStable(its, func(i, j int) bool {
		if its[i].s != its[j].s {
			return its[i].s < its[j].s
		}
		return its[i].e > its[j].e
	})
	keys := make([]string, len(its))
	for i, x := range its {
		keys[i] = x.key
	}
	return keys
}

// TestBrowserSeed opens the seed's page in Chromium: one highlight per
// extracted item, and clicking an event in the panel marks its span and
// scrolls it into view; n moves to the next item; the kind filter and the
// tooltip work. It runs on the pipeline's own output and on the gold
// annotations (so the interaction is tested even while extraction finds
// little).
func TestBrowserSeed(t *testing.T) {
	b := newBrowser(t)
	for _, tc := range []struct {
		name string
		doc  *schema.Document
	}{{"pipeline", seedDoc(t)}, {"gold", goldDoc(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			b.open(t, doc)
			var n int
			b.eval(t, `document.querySelectorAll("#text mark.hl").length`, &n)
			if want := len(doc.Events) + len(doc.Positions) + len(doc.Citations); n != want {
				t.Errorf("%d highlighted items, want %d (%d events + %d positions + %d citations)",
					n, want, len(doc.Events), len(doc.Positions), len(doc.Citations))
			}
			if len(doc.Events) == 0 {
				t.Logf("the pipeline extracted no events; click checks run on the gold page")
				return
			}
			// The event furthest into the text, so the click must scroll.
			last := 0
			for i, e := range doc.Events {
				if e.Evidence.Start > doc.Events[last].Evidence.Start {
					last = i
				}
			}
			key := fmt.Sprintf("e%d", last)
			if s := b.span(t, key); !s.Found || s.inView() {
				t.Logf("%s before the click: %+v", key, s)
			}
			b.do(t, "clicking "+key, chromedp.Click(chromedp.CSS(`#panel button[data-item="`+key+`"]`)))
			s := b.span(t, key)
			if !s.Current {
				t.Errorf("%s: span not marked after clicking its panel row", key)
			}
			if !s.inView() {
				t.Errorf("%s: span not in view after the click: %+v", key, s)
			}
			var row bool
			b.eval(t, `document.querySelector('#panel button[data-item="`+key+`"]').classList.contains("cur")`, &row)
			if !row {
				t.Errorf("%s: panel row not marked", key)
			}

			// n: the next item in reading order.
			order := readingOrder(doc)
			at := -1
			for i, k := range order {
				if k == key {
					at = i
				}
			}
			want := order[(at+1)%len(order)]
			b.do(t, "pressing n", chromedp.KeyEvent("n"))
			var cur []string
			b.eval(t, `[...document.querySelectorAll("#text mark.hl.cur")].map(m => m.dataset.item)`, &cur)
			if len(cur) != 1 || cur[0] != want {
				t.Errorf("after n the marked items are %v, want [%s]", cur, want)
			} else if s := b.span(t, want); !s.inView() {
				t.Errorf("after n, %s is not in view: %+v", want, s)
			}
			b.do(t, "pressing p", chromedp.KeyEvent("p"))
			b.eval(t, `[...document.querySelectorAll("#text mark.hl.cur")].map(m => m.dataset.item)`, &cur)
			if len(cur) != 1 || cur[0] != key {
				t.Errorf("after p the marked items are %v, want [%s]", cur, key)
			}

			// Focus a highlight: the tooltip shows its fields.
			var tip string
			b.eval(t, `(() => { document.querySelector('#text mark.hl[data-item="e0"]').focus({preventScroll: true});
				const t = document.getElementById("tip"); return t.hidden ? "" : t.textContent; })()`, &tip)
			if !strings.Contains(tip, "Event "+doc.Events[0].ID) || !strings.Contains(tip, doc.Events[0].Type) {
				t.Errorf("tooltip of e0 is %q, want its id and type", tip)
			}

			// Untick events: no event highlight or row stays visible.
			b.do(t, "unticking events", chromedp.Click(chromedp.CSS(`input[name=kind][value=event]`)))
			var left struct{ Marks, Rows int }
			b.eval(t, `({marks: document.querySelectorAll("#text mark.ev:not(.off)").length,
				rows: document.querySelectorAll("#events li:not([hidden])").length})`, &left)
			if left.Marks != 0 || left.Rows != 0 {
				t.Errorf("after unticking events, %d event highlights and %d rows still shown", left.Marks, left.Rows)
			}
			b.do(t, "ticking events", chromedp.Click(chromedp.CSS(`input[name=kind][value=event]`)))

			dialogs, exceptions := b.record()
			if len(dialogs) > 0 || len(exceptions) > 0 {
				t.Errorf("dialogs %q, script errors %q", dialogs, exceptions)
			}
		})
	}
}

// TestBrowserHostile opens a page whose text and fields carry script tags,
// event handlers and javascript: URLs: nothing runs, nothing is added to
// the page, and the payloads read as text.
func TestBrowserHostile(t *testing.T) {
	b := newBrowser(t)
	doc := hostileDoc(t)
	u := b.open(t, doc)
	// Give any onerror/onload handler time to fire.
	b.eval(t, `new Promise(ok => setTimeout(() => ok(true), 300))`, new(bool))
	var st struct {
		Scripts, Active int
		Pwned           bool
		Text, Title     string
		Href            string
		Links           []string
	}
	b.eval(t, `({
		scripts: document.scripts.length,
		active: document.querySelectorAll("img, svg, iframe, object, embed, textarea, [onerror], [onload], [onmouseover]").length,
		pwned: document.body.hasAttribute("data-pwned") || document.title === "pwned",
		text: document.getElementById("text").textContent,
		title: document.title,
		href: location.href,
		links: [...document.links].map(a => a.href),
	})`, &st)
	if st.Scripts != 2 {
		t.Errorf("%d scripts on the page, want 2", st.Scripts)
	}
	if st.Active != 0 || st.Pwned {
		t.Errorf("payload became markup: %d active elements, pwned=%v", st.Active, st.Pwned)
	}
	if st.Text != doc.Text {
		t.Errorf("text on the page differs from the document's")
	}
	if !strings.Contains(st.Title, "<script>") {
		t.Errorf("title %q lost its payload text", st.Title)
	}
	for _, l := range st.Links {
		if !httpURL(l) {
			t.Errorf("link %q is not http(s)", l)
		}
	}
	// Click the javascript: URL shown as text, and hover every highlight:
	// still nothing runs, the tooltip holds text only.
	b.do(t, "clicking the javascript: URL text", chromedp.Click(chromedp.CSS(`.url .bad`)))
	var tip struct {
		Text  string
		Elems int
	}
	b.eval(t, `(() => { document.querySelector('#text mark.hl[data-item="e0"]').focus();
		const t = document.getElementById("tip");
		return {text: t.textContent, elems: t.querySelectorAll("script, img, svg").length}; })()`, &tip)
	if !strings.Contains(tip.Text, `onerror=alert("summary")`) || tip.Elems != 0 {
		t.Errorf("tooltip %+v: want the summary's markup as text", tip)
	}
	var href string
	b.eval(t, `location.href`, &href)
	if href != u {
		t.Errorf("page navigated to %s", href)
	}
	dialogs, exceptions := b.record()
	if len(dialogs) > 0 {
		t.Errorf("dialogs opened: %q", dialogs)
	}
	if len(exceptions) > 0 {
		t.Errorf("script errors: %q", exceptions)
	}

	// Control: the listener does see a dialog when one opens, so the
	// check above can fail.
	b.eval(t, `new Promise(ok => { setTimeout(() => { alert("control"); ok(true); }, 0); })`, new(bool))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if d, _ := b.record(); len(d) > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("the dialog listener missed a deliberate alert")
}

// TestBrowserLong opens the page of a ~1 MB document (the gold seed
// repeated) and jumps to its last item; it logs the times, for the
// record, and asserts only the behaviour.
func TestBrowserLong(t *testing.T) {
	if testing.Short() {
		t.Skip("long document in -short mode")
	}
	b := newBrowser(t)
	gold := goldDoc(t)
	doc := repeatDoc(gold, (1<<20)/len(gold.Text)+1)
	start := time.Now()
	b.open(t, doc)
	loaded := time.Since(start)
	var n int
	b.eval(t, `document.querySelectorAll("#text mark.hl").length`, &n)
	if want := len(doc.Events) + len(doc.Positions) + len(doc.Citations); n != want {
		t.Errorf("%d highlighted items, want %d", n, want)
	}
	key := fmt.Sprintf("e%d", len(doc.Events)-1)
	start = time.Now()
	b.do(t, "clicking "+key, chromedp.Click(chromedp.CSS(`#panel button[data-item="`+key+`"]`)))
	jumped := time.Since(start)
	if s := b.span(t, key); !s.Current || !s.inView() {
		t.Errorf("%s after the click: %+v", key, s)
	}
	t.Logf("%d bytes, %d items: written, loaded and scripted in %v; jump to the last event in %v",
		len(doc.Text), n, loaded.Round(time.Millisecond), jumped.Round(time.Millisecond))
}

// TestScreenshot writes docs/review-page.png when asked (make docs-images):
// the seed's page with an event selected and its tooltip open. It shows the
// pipeline's output when that has events, else the gold annotations.
func TestScreenshot(t *testing.T) {
	if *screenshot == "" {
		t.Skip("no -screenshot path")
	}
	b := newBrowser(t)
	doc := seedDoc(t)
	if len(doc.Events) == 0 {
		doc = goldDoc(t)
	}
	b.open(t, doc)
	// Select an event a little into the text, then open its tooltip.
	key := fmt.Sprintf("e%d", min(4, len(doc.Events)-1))
	b.do(t, "selecting "+key, chromedp.Click(chromedp.CSS(`#panel button[data-item="`+key+`"]`)))
	// After the jump's scroll events (which close tooltips) have fired.
	b.eval(t, `new Promise(ok => setTimeout(() => {
		document.querySelector('#text mark.hl[data-item="`+key+`"]').focus({preventScroll: true});
		setTimeout(() => ok(true), 50);
	}, 300))`, new(bool))
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(*screenshot), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", *screenshot, len(png))
}

func jsonUnmarshal(raw []byte, out any) error { return json.Unmarshal(raw, out) }
