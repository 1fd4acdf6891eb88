// chart-render renders a Helm chart the way `helm template` does, for tests on machines without helm: the
// same engine (Go text/template with the sprig functions) plus Helm's include, tpl, required, toYaml,
// fromYaml, toJson and fromJson, in strict mode (a missing value is an error, as `helm lint --strict`).
// Built and run by e2e/deploy/helm-chart.spec.ts.
//
//	chart-render CHART_DIR [-f values.yaml]... [--name RELEASE] [--namespace NS] [--release-service NAME]
//
// --release-service sets .Release.Service (Helm's is always "Helm"; k8s/base is rendered with another name
// because no Helm manages those manifests).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

type values = map[string]interface{}

func readYaml(path string) (values, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := values{}
	if err := yaml.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// merge puts src over dst: maps merge key by key, anything else is replaced.
func merge(dst, src values) values {
	for k, v := range src {
		if sv, ok := v.(values); ok {
			if dv, ok := dst[k].(values); ok {
				dst[k] = merge(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

func toYaml(v interface{}) string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func fromYaml(s string) values {
	out := values{}
	if err := yaml.Unmarshal([]byte(s), &out); err != nil {
		out["Error"] = err.Error()
	}
	return out
}

func toJson(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

func fromJson(s string) values {
	out := values{}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		out["Error"] = err.Error()
	}
	return out
}

// files is the chart's .Files: Get reads a file below the chart directory ("" when missing, as Helm).
type files struct{ dir string }

func (f files) Get(name string) string {
	clean := filepath.Clean(name)
	if filepath.IsAbs(clean) || strings.HasPrefix(clean, "..") {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(f.dir, clean))
	if err != nil {
		return ""
	}
	return string(data)
}

func required(msg string, v interface{}) (interface{}, error) {
	if v == nil {
		return nil, errors.New(msg)
	}
	if s, ok := v.(string); ok && s == "" {
		return nil, errors.New(msg)
	}
	return v, nil
}

func run() error {
	args := os.Args[1:]
	if len(args) == 0 {
		return errors.New("usage: chart-render CHART_DIR [-f values.yaml]... [--name RELEASE] [--namespace NS] [--release-service NAME]")
	}
	chartDir := args[0]
	release, namespace, service := "fleet", "default", "Helm"
	var valueFiles []string
	for i := 1; i < len(args); i++ {
		switch args[i] {
		case "-f":
			i++
			valueFiles = append(valueFiles, args[i])
		case "--name":
			i++
			release = args[i]
		case "--namespace":
			i++
			namespace = args[i]
		case "--release-service":
			i++
			service = args[i]
		default:
			return fmt.Errorf("unknown argument %q", args[i])
		}
	}
	chart, err := readYaml(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	vals, err := readYaml(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, f := range valueFiles {
		override, err := readYaml(f)
		if err != nil {
			return err
		}
		vals = merge(vals, override)
	}
	name, _ := chart["name"].(string)
	top := map[string]interface{}{
		"Values":  vals,
		"Chart":   map[string]interface{}{"Name": name, "Version": chart["version"], "AppVersion": chart["appVersion"]},
		"Files":   files{dir: chartDir},
		"Release": map[string]interface{}{"Name": release, "Namespace": namespace, "Service": service, "IsInstall": true, "IsUpgrade": false, "Revision": 1},
	}

	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	root := template.New("chart").Option("missingkey=error")
	funcs["toYaml"] = toYaml
	funcs["fromYaml"] = fromYaml
	funcs["toJson"] = toJson
	funcs["fromJson"] = fromJson
	funcs["required"] = required
	funcs["include"] = func(tplName string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, tplName, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = t.Execute(&buf, data)
		return buf.String(), err
	}
	root.Funcs(funcs)

	files, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	var names []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		tplName := name + "/templates/" + filepath.Base(f)
		if _, err := root.New(tplName).Parse(string(data)); err != nil {
			return err
		}
		names = append(names, tplName)
	}
	var out bytes.Buffer
	for _, tplName := range names {
		base := filepath.Base(tplName)
		if strings.HasPrefix(base, "_") {
			continue
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, tplName, top); err != nil {
			return err
		}
		if base == "NOTES.txt" {
			fmt.Fprintf(os.Stderr, "%s\n", buf.String())
			continue
		}
		for _, doc := range strings.Split(buf.String(), "\n---") {
			if strings.TrimSpace(strings.TrimPrefix(doc, "---")) == "" {
				continue
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", tplName, strings.TrimPrefix(strings.TrimLeft(doc, "\n"), "---\n"))
		}
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "Error: %s\n", err)
		os.Exit(1)
	}
}
