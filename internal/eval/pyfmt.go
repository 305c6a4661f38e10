package eval

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file holds the few Python semantics score.py relies on (str(),
// str.lower(), \w, str.split(), round()) so that scores agree to the digit.

// Norm compares names and strings loosely, as score.py's norm(): NFKD,
// combining marks dropped, lower case, every run of non-word characters
// made one space, trimmed. nil becomes "".
func Norm(v any) string {
	if v == nil {
		return ""
	}
	s := norm.NFKD.String(pyStr(v))
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 { // ASCII has no combining marks
			b.WriteRune(r)
			continue
		}
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		b.WriteRune(r)
	}
	s = pyLower(b.String())
	s = strings.ReplaceAll(s, "\u2019", "'")
	var out strings.Builder
	pendingSpace := false
	for _, r := range s {
		if isWord(r) {
			if pendingSpace && out.Len() > 0 {
				out.WriteByte(' ')
			}
			pendingSpace = false
			out.WriteRune(r)
			continue
		}
		pendingSpace = true
	}
	return out.String()
}

// isWord is Python's \w for str patterns: alphanumeric or underscore.
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// pyLower is str.lower(): simple lower-casing plus the final-sigma rule.
func pyLower(s string) string {
	rs := []rune(s)
	out := make([]rune, len(rs))
	for i, r := range rs {
		if r == 'Σ' {
			before := i > 0 && unicode.IsLetter(rs[i-1])
			after := i+1 < len(rs) && unicode.IsLetter(rs[i+1])
			if before && !after {
				out[i] = 'ς'
				continue
			}
		}
		out[i] = unicode.ToLower(r)
	}
	return string(out)
}

// pyIsSpace is str.isspace() for one character: Unicode White_Space plus
// the ASCII information separators Python also splits on.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyFields is str.split() with no arguments.
func pyFields(s string) []string { return strings.FieldsFunc(s, pyIsSpace) }

// pyStr renders a decoded JSON value as Python's str() would after
// json.load.
func pyStr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case json.Number:
		if i, ok := pyInt(x); ok {
			return strconv.FormatInt(i, 10)
		}
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return pyFloatRepr(f)
	case float64:
		return pyFloatRepr(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = pyRepr(k) + ": " + pyRepr(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

func pyRepr(v any) string {
	if s, ok := v.(string); ok {
		return "'" + s + "'"
	}
	return pyStr(v)
}

// pyInt reports whether a JSON number literal is an integer, as Python's
// json module decides (no fraction, no exponent).
func pyInt(n json.Number) (int64, bool) {
	s := n.String()
	if strings.ContainsAny(s, ".eE") {
		return 0, false
	}
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}

// pyFloatRepr is repr(float): the shortest round-tripping digits, in
// scientific notation below 1e-4 or from 1e16 on.
func pyFloatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	if f == 0 {
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	abs := math.Abs(f)
	if abs < 1e-4 || abs >= 1e16 {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		if len(exp) < 2 {
			exp = strings.Repeat("0", 2-len(exp)) + exp
		}
		return mant + "e" + string(sign) + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// Round3 is Python's round(x, 3): correctly rounded, ties to even on the
// exact binary value (strconv does the same).
func Round3(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return r
}

// truthy is Python's bool() of a decoded JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case json.Number:
		f, err := x.Float64()
		return err == nil && f != 0
	case float64:
		return x != 0
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}
