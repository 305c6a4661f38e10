package config

import (
	"strings"
	"testing"
)

func TestReviewOverridesValidation(t *testing.T) {
	tests := []struct {
		env     []string
		wantErr string
	}{
		{nil, ""},
		{[]string{"DOSSIER_REVIEW__OVERRIDES=reviews/o.yaml"}, ""},
		{[]string{"DOSSIER_REVIEW__OVERRIDES=o.json"}, ""},
		{[]string{"DOSSIER_REVIEW__OVERRIDES=o.txt"}, "want a .yaml, .yml or .json file"},
		{[]string{"DOSSIER_REVIEW__OVERRIDES=o.yaml", "DOSSIER_PIPELINE__STAGES=overrides,clean"}, "not last in pipeline.stages"},
		{[]string{"DOSSIER_PIPELINE__STAGES=clean"}, ""},
	}
	for _, tc := range tests {
		l, err := Load("", tc.env, nil, nil)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%v: %v", tc.env, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%v: err = %v, want %q", tc.env, err, tc.wantErr)
		case tc.wantErr != "" && !strings.Contains(err.Error(), "review.overrides"):
			t.Errorf("%v: error does not name the key: %v", tc.env, err)
		case err == nil && len(tc.env) > 0 && strings.HasPrefix(tc.env[0], "DOSSIER_REVIEW") && l.Review.Overrides == "":
			t.Errorf("%v: review.overrides not loaded", tc.env)
		}
	}
}
