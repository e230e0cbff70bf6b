import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { parse } from 'yaml';
import { DASHBOARD_FILE, OBSERVABILITY } from './observability-files.ts';
import { panelQueries, type DashboardJson } from './panel-queries.ts';

/*
 * The dashboard's shape is checked against Grafana's own types (@grafana/schema, the version of the
 * compose image), turned into JSON Schema by ts-json-schema-generator: the Dashboard model, and the
 * options and field config of the time series panel.
 */
const SCHEMA_TYPES = path.resolve(import.meta.dirname, '../../node_modules/@grafana/schema/dist/types/raw');

/** Validators for types of one of @grafana/schema's files (one TypeScript program per file). */
function validatorsFor(file: string, ...types: string[]): ValidateFunction[] {
  const generator = createGenerator({ path: path.join(SCHEMA_TYPES, file), skipTypeCheck: true });
  const ajv = new Ajv({ allErrors: true, strict: false });
  return types.map((type) => ajv.compile(generator.createSchema(type) as SchemaObject));
}

const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as DashboardJson;

test('the dashboard is a Grafana Dashboard (@grafana/schema)', (t) => {
  const [validate] = validatorsFor('dashboard/x/dashboard_types.gen.d.ts', 'Dashboard');
  if (!validate) throw new Error('no validator');
  t.true(validate(dashboard), JSON.stringify(validate.errors, null, 2));
});

test("every time series panel's options and field config are the time series panel's (@grafana/schema)", (t) => {
  const [options, fieldConfig] = validatorsFor(
    'composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen.d.ts',
    'Options',
    'FieldConfig',
  );
  if (!options || !fieldConfig) throw new Error('no validators');
  const panels = dashboard.panels.filter((panel) => panel.type === 'timeseries');
  t.true(panels.length > 10);
  for (const panel of panels) {
    t.true(options(panel.options), `${panel.title}: ${JSON.stringify(options.errors)}`);
    t.true(
      fieldConfig(panel.fieldConfig?.defaults?.custom ?? {}),
      `${panel.title}: ${JSON.stringify(fieldConfig.errors)}`,
    );
  }
});

test('panels have unique ids and fit the 24-column grid', (t) => {
  const ids = dashboard.panels.map((panel) => panel.id);
  t.is(new Set(ids).size, ids.length);
  for (const { title, gridPos } of dashboard.panels) t.true(gridPos.x + gridPos.w <= 24, title);
});

test('every query names the provisioned Prometheus data source', (t) => {
  const provisioned = parse(
    readFileSync(path.join(OBSERVABILITY, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
  ) as { datasources: { uid: string; type: string }[] };
  const [source] = provisioned.datasources;
  for (const query of panelQueries(dashboard)) {
    t.deepEqual(query.datasource, { type: source?.type, uid: source?.uid }, query.panel);
  }
});

test('the queries use no template variable but $__rate_interval, which the panel-query test stands in for', (t) => {
  for (const { expr, panel } of panelQueries(dashboard)) {
    t.deepEqual(expr.match(/\$\w+/g)?.filter((name) => name !== '$__rate_interval') ?? [], [], panel);
  }
});
