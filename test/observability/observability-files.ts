import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The repository's observability folder: Prometheus configuration, rules, tests; Grafana. */
export const OBSERVABILITY = path.resolve(import.meta.dirname, '../../observability');
export const PROMETHEUS_DIR = path.join(OBSERVABILITY, 'prometheus');
export const DASHBOARD_FILE = path.join(OBSERVABILITY, 'grafana/dashboards/prequal.json');

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}
export type Rule = RecordingRule | AlertingRule;

export interface RuleFile {
  readonly file: string;
  readonly groups: readonly { readonly name: string; readonly rules: readonly Rule[] }[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => path.join(dir, name));
}

export function ruleFiles(): RuleFile[] {
  return yamlFiles(path.join(PROMETHEUS_DIR, 'rules')).map((file) => ({
    file,
    ...(parse(readFileSync(file, 'utf8')) as Omit<RuleFile, 'file'>),
  }));
}

export function rules(): Rule[] {
  return ruleFiles().flatMap(({ groups }) => groups.flatMap((group) => group.rules));
}

export const isAlert = (rule: Rule): rule is AlertingRule => 'alert' in rule;

export interface RuleTestFile {
  readonly file: string;
  readonly rule_files: readonly string[];
  readonly tests: readonly {
    readonly name: string;
    readonly alert_rule_test?: readonly {
      readonly alertname: string;
      readonly exp_alerts?: readonly { readonly exp_labels?: Record<string, string> }[];
    }[];
  }[];
}

export function ruleTestFiles(): RuleTestFile[] {
  return yamlFiles(path.join(PROMETHEUS_DIR, 'tests')).map((file) => ({
    file,
    ...(parse(readFileSync(file, 'utf8')) as Omit<RuleTestFile, 'file'>),
  }));
}
