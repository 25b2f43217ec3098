package plan

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/r3l/r3l/internal/yamlx"
)

// The rules every form of a plan obeys — the YAML file Parse reads and the
// workbook package instrument reads — each as a check that returns the
// problem, or nil. A loader puts the problem where it is in its form (a
// line and column, a cell), so that both forms say the same thing about
// the same mistake. Messages name fields by their YAML keys.

// CheckSchema checks the value of a plan's schema.
func CheckSchema(s string) error {
	if s != Schema {
		return fmt.Errorf("schema must be %q, not %q", Schema, yamlx.Shorten(s, 40))
	}
	return nil
}

// CheckNonEmpty checks that a field (what: "action title") holds more
// than spaces.
func CheckNonEmpty(what, s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("%s is empty", what)
	}
	return nil
}

// CheckOneOf checks that a field (what: "action status") holds one of the
// allowed values.
func CheckOneOf(what, s string, allowed []string) error {
	if !slices.Contains(allowed, s) {
		return fmt.Errorf("%s must be one of %s, not %q", what, strings.Join(allowed, ", "), yamlx.Shorten(s, 40))
	}
	return nil
}

// SplitFramework reads a plan's framework, "ID" or "ID@VERSION".
func SplitFramework(s string) (id, version string) {
	id, version, _ = strings.Cut(s, "@")
	return id, version
}

// CheckPeriods checks that the target period is not the baseline period.
func CheckPeriods(baseline, target string) error {
	if target != "" && target == baseline {
		return fmt.Errorf("target_period is the baseline period %q: a plan looks ahead", baseline)
	}
	return nil
}

// CheckScoreOrLevel checks that the target for id has a score or a level,
// one of the two.
func CheckScoreOrLevel(id string, hasScore, hasLevel bool) error {
	if hasScore == hasLevel {
		return fmt.Errorf("target %s takes a score (0–100) or a level (a maturity level's id), one of the two", id)
	}
	return nil
}

// CheckScore checks a target score, v, written as text.
func CheckScore(v float64, text string) error {
	if v < 0 || v > 100 || math.IsNaN(v) {
		return fmt.Errorf("target score must be between 0 and 100, not %s", text)
	}
	return nil
}

// ParseDateField reads the date of an action's field ("start", "due").
func ParseDateField(field, s string) (Date, error) {
	d, err := ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("%s: %w", field, err)
	}
	return d, nil
}

// CheckCriteria checks the criteria an action serves: at least one, none
// twice.
func CheckCriteria(action string, criteria []string) []error {
	if len(criteria) == 0 {
		return []error{fmt.Errorf("action %s serves no criterion: name at least one", action)}
	}
	var errs []error
	for i, c := range criteria {
		if slices.Contains(criteria[:i], c) {
			errs = append(errs, fmt.Errorf("action %s names criterion %s twice", action, c))
		}
	}
	return errs
}

// CheckDates checks that an action is not due before it starts.
func (a *Action) CheckDates() error {
	if !a.Start.IsZero() && !a.Due.IsZero() && a.Due.Last.Before(a.Start.Last) {
		return fmt.Errorf("action %s is due (%s) before it starts (%s)", a.ID, a.Due.Text, a.Start.Text)
	}
	return nil
}

// IDs are the ids of a plan's targets and actions seen so far, to tell
// one given twice; the zero value is ready to use.
type IDs struct {
	targets, actions map[string]bool
}

// Target records the id of a target.
func (s *IDs) Target(id string) error {
	return seen(&s.targets, id, "a target for %s is given twice")
}

// Action records the id of an action.
func (s *IDs) Action(id string) error {
	return seen(&s.actions, id, "action id %s is used twice")
}

func seen(m *map[string]bool, id, format string) error {
	if *m == nil {
		*m = map[string]bool{}
	}
	if (*m)[id] {
		return fmt.Errorf(format, id)
	}
	(*m)[id] = true
	return nil
}
