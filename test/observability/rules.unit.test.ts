import path from 'node:path';
import test from 'ava';
import { isAlert, ruleFiles, rules, ruleTestFiles } from './observability-files.ts';

const alerts = rules().filter(isAlert);

test('there are alerts to check', (t) => {
  t.true(alerts.length >= 10);
});

test('every alert says what broke, what it means and what to do, and whom to wake', (t) => {
  for (const alert of alerts) {
    for (const annotation of ['summary', 'description', 'runbook']) {
      t.true((alert.annotations?.[annotation] ?? '').trim().length > 20, `${alert.alert}: ${annotation}`);
    }
    t.true(
      ['page', 'ticket'].includes(alert.labels?.severity ?? ''),
      `${alert.alert}: severity page or ticket`,
    );
  }
});

test('every alert, at each severity, is shown firing by a promtool unit test', (t) => {
  const firing = new Set(
    ruleTestFiles().flatMap(({ tests }) =>
      tests.flatMap(({ alert_rule_test = [] }) =>
        alert_rule_test.flatMap(({ alertname, exp_alerts = [] }) =>
          exp_alerts.map((expected) => `${alertname}/${expected.exp_labels?.severity ?? ''}`),
        ),
      ),
    ),
  );
  for (const alert of alerts) {
    const key = `${alert.alert}/${alert.labels?.severity ?? ''}`;
    t.true(firing.has(key), `no promtool test expects ${key} to fire`);
  }
});

test('every rule file is loaded by a promtool test file', (t) => {
  const tested = new Set(
    ruleTestFiles().flatMap(({ file, rule_files }) =>
      rule_files.map((ruleFile) => path.resolve(path.dirname(file), ruleFile)),
    ),
  );
  for (const { file } of ruleFiles()) t.true(tested.has(file), `${path.basename(file)} has no tests`);
});
