package schema

import "testing"

func TestFingerprint(t *testing.T) {
	base := Evidence{Text: "Freedonia signed.", Start: 10, End: 27}
	fp := base.Fingerprint()
	if len(fp) != 16 || fp != base.Fingerprint() {
		t.Fatalf("fingerprint %q not 16 stable hex digits", fp)
	}
	for name, e := range map[string]Evidence{
		"text":  {Text: "Freedonia signed!", Start: 10, End: 27},
		"start": {Text: "Freedonia signed.", Start: 11, End: 27},
		"end":   {Text: "Freedonia signed.", Start: 10, End: 28},
		// No ambiguity between offsets and text digits.
		"shifted": {Text: "7:Freedonia signed.", Start: 10, End: 2},
	} {
		if e.Fingerprint() == fp {
			t.Errorf("%s change keeps the fingerprint", name)
		}
	}
}
