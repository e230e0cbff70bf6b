// compose-check validates docker-compose.yml the way `docker compose config` does, without Docker:
// it loads the file with compose-go (the library Compose itself is built on), interpolating
// variables from an env file only (not the shell, so the result is the same on every machine),
// validates it against the Compose schema and checks its consistency (depends_on targets, networks,
// volumes, env_file paths). On top of that it checks what Compose does not: every variable the
// file interpolates is listed in the env file with the same default, a required one (a secret,
// ${VAR:?message}) is listed empty and does stop Compose while unset, and build contexts exist.
//
//	go run . -f ../../docker-compose.yml -env-file ../../.env.example
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

const composeGo = "github.com/compose-spec/compose-go/v2"

func main() {
	file := flag.String("f", "docker-compose.yml", "the compose file")
	envFile := flag.String("env-file", ".env.example", "the env file that provides the variables")
	flag.Parse()

	project, err := check(context.Background(), *file, *envFile)
	if err != nil {
		fmt.Fprintf(os.Stderr, "compose-check: %s: %v\n", *file, err)
		os.Exit(1)
	}
	fmt.Printf("%s is valid (compose-go %s, variables from %s)\n", *file, moduleVersion(composeGo), *envFile)
	printServices(project)
}

func check(ctx context.Context, file, envFile string) (*types.Project, error) {
	required, err := checkVariables(ctx, file, envFile)
	if err != nil {
		return nil, err
	}
	// The file is checked with stand-ins for the secrets; without one, loading must fail naming it.
	standIns := make([]string, 0, len(required))
	for _, name := range required {
		standIns = append(standIns, name+"=compose-check-stand-in")
	}
	for i, name := range required {
		others := append(append([]string{}, standIns[:i]...), standIns[i+1:]...)
		if _, err := load(ctx, file, envFile, others); err == nil || !strings.Contains(err.Error(), name) {
			return nil, fmt.Errorf("${%s} is required, but Compose does not stop while it is unset (got %v)", name, err)
		}
	}
	project, err := load(ctx, file, envFile, standIns)
	if err != nil {
		return nil, err
	}
	return project, checkBuildContexts(project)
}

// load loads the file as `docker compose config` does, with `env` (KEY=value) winning over the
// env file.
func load(ctx context.Context, file, envFile string, env []string) (*types.Project, error) {
	options, err := cli.NewProjectOptions([]string{file},
		cli.WithEnv(env),
		cli.WithWorkingDirectory(filepath.Dir(file)),
		cli.WithEnvFiles(envFile),
		cli.WithDotEnv,
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithResolvedPaths(true),
		cli.WithConsistency(true),
	)
	if err != nil {
		return nil, err
	}
	return options.LoadProject(ctx)
}

// checkBuildContexts: Compose only finds a missing Dockerfile when it builds.
func checkBuildContexts(project *types.Project) error {
	for _, name := range project.ServiceNames() {
		build := project.Services[name].Build
		if build == nil {
			continue
		}
		dockerfile := build.Dockerfile
		if !filepath.IsAbs(dockerfile) {
			dockerfile = filepath.Join(build.Context, dockerfile)
		}
		if _, err := os.Stat(dockerfile); err != nil {
			return fmt.Errorf("service %s: %w", name, err)
		}
	}
	return nil
}

func printServices(project *types.Project) {
	names := project.ServiceNames()
	sort.Strings(names)
	fmt.Printf("project %s, %d services:\n", project.Name, len(names))
	for _, name := range names {
		service := project.Services[name]
		var notes []string
		if service.Build != nil {
			notes = append(notes, "built from "+filepath.Base(service.Build.Dockerfile))
		}
		for _, port := range service.Ports {
			notes = append(notes, fmt.Sprintf("%s:%s->%d", port.HostIP, port.Published, port.Target))
		}
		line := fmt.Sprintf("  %-17s %s", name, service.Image)
		if len(notes) > 0 {
			line += "  (" + strings.Join(notes, ", ") + ")"
		}
		fmt.Println(line)
	}
}

func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == path {
				return dep.Version
			}
		}
	}
	return "(unknown)"
}
