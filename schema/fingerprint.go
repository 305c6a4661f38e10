package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Fingerprint identifies an evidence span by its offsets and text: 16 hex
// digits of SHA-256. Item ids are renumbered when extraction changes; the
// fingerprint only changes when the text the item rests on does, so
// reviewers' decisions (dossier review) are keyed by it.
func (e Evidence) Fingerprint() string {
	h := sha256.New()
	h.Write([]byte(strconv.Itoa(e.Start) + ":" + strconv.Itoa(e.End) + ":"))
	h.Write([]byte(e.Text))
	return hex.EncodeToString(h.Sum(nil)[:8])
}
