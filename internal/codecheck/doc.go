// Package codecheck holds tests of the code's shape that no compiler
// checks: packages depend downward only, and functions stay short enough
// to read (60 lines in cmd/, 100 elsewhere; tests aside).
package codecheck
