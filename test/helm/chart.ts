import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHART = path.join(ROOT, 'deploy/helm/prequal');
export const ALL_FEATURES = path.join(CHART, 'ci/all-features-values.yaml');

/** The helm binary `make helm-check` built into .tools/, or undefined before it ran. */
export function builtHelm(): string | undefined {
  const printed = execFileSync('bash', [path.join(ROOT, 'scripts/helm-check.sh'), '--helm'], {
    encoding: 'utf8',
  }).trim();
  return printed || undefined;
}

/** One rendered object, typed as far as the tests read it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

export type Rendered = { ok: true; manifests: Manifest[] } | { ok: false; error: string };

/** `helm template` of the chart with values files, --set overrides and other flags. */
export function render(
  helm: string,
  { values = [], set = [], flags = [] }: { values?: string[]; set?: string[]; flags?: string[] } = {},
): Rendered {
  const args = [
    'template',
    'prequal',
    CHART,
    ...values.flatMap((file) => ['--values', file]),
    ...set.flatMap((pair) => ['--set', pair]),
    ...flags,
  ];
  const result = spawnSync(helm, args, { encoding: 'utf8' });
  if (result.status !== 0) return { ok: false, error: result.stderr };
  const manifests = parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
  return { ok: true, manifests };
}

export function renderOrThrow(helm: string, options?: Parameters<typeof render>[1]): Manifest[] {
  const rendered = render(helm, options);
  if (!rendered.ok) throw new Error(`helm template failed:\n${rendered.error}`);
  return rendered.manifests;
}

export function ofKind<T>(manifests: readonly Manifest[], kind: string): (Manifest & T)[] {
  return manifests.filter((manifest) => manifest.kind === kind) as (Manifest & T)[];
}

export interface Workload {
  readonly manifest: Manifest;
  readonly pod: IPodSpec;
  readonly podLabels: Record<string, string>;
  readonly container: IContainer;
  /** The plain environment: the ConfigMap the container reads with envFrom. */
  readonly config: Record<string, string>;
}

/** Each Deployment and Job with its pod, its one container and the ConfigMap it reads. */
export function workloads(manifests: readonly Manifest[]): Workload[] {
  const configMaps = new Map(
    ofKind<IConfigMap>(manifests, 'ConfigMap').map((map) => [map.metadata.name, map.data ?? {}]),
  );
  return manifests
    .filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job')
    .map((manifest) => {
      const template = (
        manifest as unknown as {
          spec: { template: { metadata?: { labels?: Record<string, string> }; spec: IPodSpec } };
        }
      ).spec.template;
      const [container, ...others] = template.spec.containers;
      if (!container || others.length > 0)
        throw new Error(`${manifest.metadata.name}: one container expected`);
      const configMap = container.envFrom?.find((source) => source.configMapRef)?.configMapRef?.name ?? '';
      const config = configMaps.get(configMap);
      if (!config)
        throw new Error(`${manifest.metadata.name} reads ConfigMap "${configMap}", which is not rendered`);
      return { manifest, pod: template.spec, podLabels: template.metadata?.labels ?? {}, container, config };
    });
}

/** The Deployment of a service (prequal-api, credit-service, decision-service). */
export function deploymentOf(all: readonly Workload[], service: string): Workload {
  const found = all.find(
    ({ manifest }) =>
      manifest.kind === 'Deployment' && manifest.metadata.labels?.['app.kubernetes.io/component'] === service,
  );
  if (!found) throw new Error(`no Deployment for ${service}`);
  return found;
}

export const SERVICES = ['prequal-api', 'credit-service', 'decision-service'] as const;
export const WORKERS = ['credit-service', 'decision-service'] as const;
