package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/template"
)

// checkVariables keeps the env file the single list of settings: every ${VAR} the compose file
// interpolates must be set there, and a ${VAR:-default} must default to the value listed there,
// so the documented default and the one compose uses cannot drift apart. A ${VAR:?message} is a
// secret the user must set: the env file lists it with no value, so none is ever committed. It
// returns the names of those required variables.
func checkVariables(ctx context.Context, file, envFile string) ([]string, error) {
	listed, err := dotenv.Read(envFile)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", envFile, err)
	}
	options, err := cli.NewProjectOptions([]string{file},
		cli.WithWorkingDirectory(filepath.Dir(file)),
		cli.WithInterpolation(false),
		cli.WithoutEnvironmentResolution,
	)
	if err != nil {
		return nil, err
	}
	model, err := options.LoadModel(ctx)
	if err != nil {
		return nil, err
	}
	var problems, required []string
	for name, variable := range template.ExtractVariables(model, template.DefaultPattern) {
		value, ok := listed[name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("${%s} is not listed in %s", name, envFile))
		case variable.Required && value != "":
			problems = append(problems, fmt.Sprintf("${%s} is required (a secret): %s must list it with no value",
				name, envFile))
		case variable.Required:
			required = append(required, name)
		case variable.DefaultValue != "" && variable.DefaultValue != value:
			problems = append(problems, fmt.Sprintf("${%s} defaults to %q here but %s lists %q",
				name, variable.DefaultValue, envFile, value))
		}
	}
	if len(problems) == 0 {
		sort.Strings(required)
		return required, nil
	}
	sort.Strings(problems)
	return nil, fmt.Errorf("variables out of step with %s:\n  %s", envFile, strings.Join(problems, "\n  "))
}
