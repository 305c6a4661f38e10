package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/configs"
	"github.com/go-viper/mapstructure/v2"
	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/env/v2"
	"github.com/knadh/koanf/providers/rawbytes"
	"github.com/knadh/koanf/v2"
	"github.com/spf13/pflag"
)

// EnvPrefix starts every environment variable dossier reads.
const EnvPrefix = "DOSSIER_"

// Loaded is a configuration together with where each value came from.
type Loaded struct {
	Config
	// Origin maps every key (e.g. "output.dir") to the layer that set it:
	// "default", a file path, "env DOSSIER_…" or "flag --…".
	Origin map[string]string
	// Raw is the merged key/value view, for printing.
	Raw map[string]any
}

// FlagKeys maps a command-line flag name to the config key it sets.
type FlagKeys map[string]string

// Load builds the configuration from the embedded defaults, the file at
// path (if not empty), the environment and the flags that were set.
func Load(path string, environ []string, flags *pflag.FlagSet, flagKeys FlagKeys) (*Loaded, error) {
	known := keysOf(reflect.TypeOf(Config{}), "")
	merged := koanf.New(".")
	origin := map[string]string{}

	layer := func(name string, k *koanf.Koanf) error {
		for _, key := range k.Keys() {
			if !known[key] {
				return fmt.Errorf("config: unknown key %q in %s%s", key, name, suggest(key, known))
			}
			origin[key] = name
		}
		return merged.Merge(k)
	}

	def, err := configs.FS.ReadFile(configs.Default)
	if err != nil {
		return nil, err
	}
	k := koanf.New(".")
	if err := k.Load(rawbytes.Provider(def), yaml.Parser()); err != nil {
		return nil, fmt.Errorf("config: built-in defaults: %w", err)
	}
	if err := layer("default", k); err != nil {
		return nil, err
	}

	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		k := koanf.New(".")
		if err := k.Load(rawbytes.Provider(data), yaml.Parser()); err != nil {
			return nil, fmt.Errorf("config: %s: %w", path, err)
		}
		if err := layer(path, k); err != nil {
			return nil, err
		}
	}

	envNames := map[string]string{}
	ek := koanf.New(".")
	err = ek.Load(env.Provider(".", env.Opt{
		Prefix:      EnvPrefix,
		EnvironFunc: func() []string { return environ },
		TransformFunc: func(name, value string) (string, any) {
			key := strings.ToLower(strings.TrimPrefix(name, EnvPrefix))
			key = strings.ReplaceAll(key, "__", ".")
			envNames[key] = name
			if isListKey(key) {
				return key, splitList(value)
			}
			return key, value
		},
	}), nil)
	if err != nil {
		return nil, fmt.Errorf("config: environment: %w", err)
	}
	for _, key := range ek.Keys() {
		if !known[key] {
			return nil, fmt.Errorf("config: unknown key %q from environment variable %s%s", key, envNames[key], suggest(key, known))
		}
		origin[key] = "env " + envNames[key]
	}
	if err := merged.Merge(ek); err != nil {
		return nil, err
	}

	if flags != nil {
		fk := koanf.New(".")
		var ferr error
		flags.Visit(func(f *pflag.Flag) {
			key, ok := flagKeys[f.Name]
			if !ok {
				return
			}
			var v any = f.Value.String()
			if sv, ok := f.Value.(pflag.SliceValue); ok {
				v = sv.GetSlice()
			}
			if err := fk.Set(key, v); err != nil && ferr == nil {
				ferr = err
			}
			origin[key] = "flag --" + f.Name
		})
		if ferr != nil {
			return nil, ferr
		}
		if err := merged.Merge(fk); err != nil {
			return nil, err
		}
	}

	l := &Loaded{Origin: origin, Raw: merged.Raw()}
	err = merged.UnmarshalWithConf("", &l.Config, koanf.UnmarshalConf{
		Tag: "koanf",
		DecoderConfig: &mapstructure.DecoderConfig{
			Result:           &l.Config,
			TagName:          "koanf",
			ErrorUnused:      true,
			WeaklyTypedInput: true,
			DecodeHook: mapstructure.ComposeDecodeHookFunc(
				mapstructure.StringToSliceHookFunc(","),
			),
		},
	})
	if err != nil {
		return nil, decodeError(err, origin)
	}
	if err := l.Validate(); err != nil {
		var ve *ValueError
		if errors.As(err, &ve) {
			ve.Origin = origin
		}
		return nil, err
	}
	return l, nil
}

// decodeError rewrites mapstructure's message so it names the key and where
// it was set.
func decodeError(err error, origin map[string]string) error {
	msg := err.Error()
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "*"))
		if line == "" || strings.HasPrefix(line, "decoding failed") || strings.HasSuffix(line, "error(s) decoding:") {
			continue
		}
		// mapstructure names keys like 'output.json.indent'.
		if i := strings.Index(line, "'"); i >= 0 {
			if j := strings.Index(line[i+1:], "'"); j >= 0 {
				key := line[i+1 : i+1+j]
				if o, ok := origin[key]; ok {
					line += " (set in " + o + ")"
				}
			}
		}
		parts = append(parts, line)
	}
	if len(parts) == 0 {
		return fmt.Errorf("config: %w", err)
	}
	return errors.New("config: " + strings.Join(parts, "; "))
}

// keysOf lists the dotted koanf keys of a struct type; a struct field is a
// key as well as a prefix, so an empty section ("html: {}") is accepted.
func keysOf(t reflect.Type, prefix string) map[string]bool {
	keys := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("koanf")
		if tag == "" {
			continue
		}
		key := prefix + tag
		keys[key] = true
		if f.Type.Kind() == reflect.Struct {
			for k := range keysOf(f.Type, key+".") {
				keys[k] = true
			}
		}
	}
	return keys
}

func isListKey(key string) bool {
	t := reflect.TypeOf(Config{})
	for _, part := range strings.Split(key, ".") {
		found := false
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).Tag.Get("koanf") == part {
				t = t.Field(i).Type
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return t.Kind() == reflect.Slice
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// suggest offers the closest known key for a misspelling.
func suggest(key string, known map[string]bool) string {
	best, bestD := "", 4
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if d := levenshtein(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
