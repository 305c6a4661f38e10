package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

func TestRegistry(t *testing.T) {
	r := NewRegistry()
	ok := func(*config.Config) (Stage, error) {
		return StageFunc(func(context.Context, *schema.Document) error { return nil }), nil
	}
	r.Register("a", ok)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("registering a name twice did not panic")
			}
		}()
		r.Register("a", ok)
	}()
	if _, err := r.Build(&config.Config{}, []string{"a", "nope"}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("unknown stage: err = %v", err)
	}
}

func TestStageFailuresAreTheDocuments(t *testing.T) {
	boom := errors.New("boom")
	r := NewRegistry()
	r.Register("fails", func(*config.Config) (Stage, error) {
		return StageFunc(func(context.Context, *schema.Document) error { return boom }), nil
	})
	r.Register("panics", func(*config.Config) (Stage, error) {
		return StageFunc(func(context.Context, *schema.Document) error { panic("bad index") }), nil
	})
	for _, tt := range []struct {
		stage string
		want  string
	}{{"fails", "boom"}, {"panics", "panic: bad index"}} {
		p, err := New(&config.Config{Pipeline: config.Pipeline{Stages: []string{tt.stage}}}, r)
		if err != nil {
			t.Fatal(err)
		}
		err = p.Process(context.Background(), &schema.Document{Source: schema.Source{Path: "x.txt"}})
		if StageOf(err) != tt.stage || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "x.txt: ") {
			t.Errorf("%s: err = %v", tt.stage, err)
		}
	}
}

// TestDefaultStagesAreRegistered keeps configs/default.yaml and the
// registry in step.
func TestDefaultStagesAreRegistered(t *testing.T) {
	l, err := config.Load("", nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(&l.Config, DefaultRegistry()); err != nil {
		t.Fatal(err)
	}
}
