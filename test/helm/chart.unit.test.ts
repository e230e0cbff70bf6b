// What the Helm chart (deploy/helm/prequal) must render, with its defaults and with every feature
// on. Needs the helm that `make helm-check` builds (CI runs it before the tests); without it the
// file reports one skipped test.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { parse } from 'yaml';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { loadCreditServiceConfig } from '../../services/credit-service/src/config.ts';
import { loadDecisionServiceConfig } from '../../services/decision-service/src/config.ts';
import { loadPrequalApiConfig } from '../../services/prequal-api/src/config.ts';
import { ruleFiles } from '../observability/observability-files.ts';
import {
  ALL_FEATURES,
  builtHelm,
  deploymentOf,
  ofKind,
  renderOrThrow,
  ROOT,
  SERVICES,
  WORKERS,
  workloads,
  type Manifest,
  type Workload,
} from './chart.ts';

/** A variable that holds a secret by its name: never a plain value. */
const SECRET_NAME = /^DATABASE_URL$|PASSWORD$|SECRET$|TOKEN$|_KEY$/;
/** A value that looks like a secret whatever its name: credentials in a URL, a PEM key. */
const SECRET_VALUE = /:\/\/[^/\s:@]+:[^/\s@]+@|PRIVATE KEY/;

const SERVICE_DEFAULTS = {
  'prequal-api': loadPrequalApiConfig({}),
  'credit-service': loadCreditServiceConfig({}),
  'decision-service': loadDecisionServiceConfig({}),
};
/** The topic each worker consumes (its consumerPart in service.ts). */
const CONSUMED_TOPIC = {
  'credit-service': 'loan_applications_submitted',
  'decision-service': 'credit_reports_generated',
};

const helm = builtHelm();
if (!helm) {
  test.skip('the Helm chart: helm is not built here, run make helm-check first', () => undefined);
} else {
  const renders: Record<string, Manifest[]> = {
    defaults: renderOrThrow(helm),
    'every feature': renderOrThrow(helm, { values: [ALL_FEATURES] }),
  };
  const each = Object.entries(renders).map(([name, manifests]) => ({
    name,
    manifests,
    workloads: workloads(manifests),
  }));

  const portOf = (workload: Workload, name: string) =>
    workload.container.ports?.find((port) => port.name === name)?.containerPort;

  test("every service's liveness probe is /health on its ops port, the OPS_PORT its ConfigMap sets", (t) => {
    for (const render of each) {
      for (const service of SERVICES) {
        const workload = deploymentOf(render.workloads, service);
        const probe = workload.container.livenessProbe?.httpGet;
        t.is(probe?.path, '/health', `${render.name}: ${service}`);
        t.is(probe?.port, 'ops', `${render.name}: ${service}`);
        t.is(workload.config.OPS_PORT, String(portOf(workload, 'ops')), `${render.name}: ${service}`);
      }
    }
  });

  test("each service's ops port, consumer group and shutdown allowance default to the service's own defaults", (t) => {
    const defaults = each[0]?.workloads ?? [];
    for (const service of SERVICES) {
      const { config } = deploymentOf(defaults, service);
      t.is(config.OPS_PORT, String(SERVICE_DEFAULTS[service].OPS_PORT), service);
      t.is(config.SHUTDOWN_TIMEOUT_MS, String(SERVICE_DEFAULTS[service].SHUTDOWN_TIMEOUT_MS), service);
    }
    for (const worker of WORKERS) {
      t.is(deploymentOf(defaults, worker).config.CONSUMER_GROUP, SERVICE_DEFAULTS[worker].CONSUMER_GROUP);
    }
  });

  test('prequal-api gets traffic once its public port listens, and keeps it while Kafka is down: readiness is /health (ADR 0007)', (t) => {
    for (const render of each) {
      const api = deploymentOf(render.workloads, 'prequal-api');
      t.deepEqual(api.container.startupProbe?.tcpSocket, { port: 'http' }, render.name);
      t.is(api.config.PORT, String(portOf(api, 'http')), render.name);
      t.deepEqual(api.container.readinessProbe?.httpGet, { path: '/health', port: 'ops' }, render.name);
    }
  });

  test('a worker is ready when its /ready says its dependencies answer', (t) => {
    for (const render of each) {
      for (const worker of WORKERS) {
        const probe = deploymentOf(render.workloads, worker).container.readinessProbe?.httpGet;
        t.deepEqual(probe, { path: '/ready', port: 'ops' }, `${render.name}: ${worker}`);
      }
    }
  });

  test('every Deployment has a PodDisruptionBudget that selects its pods and no others', (t) => {
    for (const render of each) {
      const budgets = ofKind<IPodDisruptionBudget>(render.manifests, 'PodDisruptionBudget');
      const deployments = render.workloads.filter(({ manifest }) => manifest.kind === 'Deployment');
      t.is(deployments.length, 3);
      for (const deployment of deployments) {
        const selecting = budgets.filter((budget) =>
          Object.entries(budget.spec?.selector?.matchLabels ?? {}).every(
            ([label, value]) => deployment.podLabels[label] === value,
          ),
        );
        t.is(selecting.length, 1, `${render.name}: ${deployment.manifest.metadata.name}`);
        const budget = selecting[0]?.spec;
        t.true(budget?.maxUnavailable !== undefined || budget?.minAvailable !== undefined);
      }
    }
  });

  test('no ConfigMap holds a secret, by name or by value', (t) => {
    for (const render of each) {
      for (const map of ofKind<IConfigMap>(render.manifests, 'ConfigMap')) {
        for (const [name, value] of Object.entries(map.data ?? {})) {
          t.false(SECRET_NAME.test(name), `${render.name}: ${map.metadata.name} holds ${name}`);
          t.false(
            SECRET_VALUE.test(value),
            `${render.name}: ${map.metadata.name}.${name} looks like a secret`,
          );
        }
      }
    }
  });

  test('the chart creates no Secret, and a pod gets its secrets only from Secrets', (t) => {
    for (const render of each) {
      t.deepEqual(ofKind(render.manifests, 'Secret'), [], render.name);
      for (const { manifest, container } of render.workloads) {
        for (const variable of container.env ?? []) {
          t.is(
            variable.value,
            undefined,
            `${render.name}: ${manifest.metadata.name} sets ${variable.name} inline`,
          );
          t.truthy(variable.valueFrom?.secretKeyRef?.name, `${render.name}: ${variable.name}`);
        }
      }
    }
  });

  test('every *_FILE setting names a file that a mounted Secret provides', (t) => {
    for (const render of each) {
      for (const { manifest, pod, container, config } of render.workloads) {
        for (const [name, file] of Object.entries(config).filter(([variable]) =>
          variable.endsWith('_FILE'),
        )) {
          const mount = container.volumeMounts?.find((candidate) =>
            file.startsWith(`${candidate.mountPath}/`),
          );
          const volume = pod.volumes?.find((candidate) => candidate.name === mount?.name);
          const keys = volume?.secret?.items?.map((item) => item.path) ?? [];
          t.true(
            keys.includes(path.basename(file)),
            `${render.name}: ${manifest.metadata.name} ${name}=${file}`,
          );
          t.truthy(volume?.secret?.secretName);
        }
      }
    }
  });

  test('each service and the init job log in with credentials of their own', (t) => {
    const all = each[1]?.workloads ?? [];
    const secretsOf = all.map(
      ({ pod }) => pod.volumes?.find((volume) => volume.name === 'credentials')?.secret?.secretName,
    );
    t.is(new Set(secretsOf).size, 4);
    t.false(secretsOf.includes(undefined));
    const principals = all.map(({ config }) => config.KAFKA_SASL_USERNAME);
    t.is(new Set(principals).size, 4);
    const registryUsers = all.map(({ config }) => config.SCHEMA_REGISTRY_USERNAME);
    t.is(new Set(registryUsers).size, 4);
  });

  test('prequal-api and credit-service hold the PII keyring, only prequal-api the blind-index key, decision-service neither', (t) => {
    const all = each[1]?.workloads ?? [];
    const piiOf = (service: string) =>
      Object.keys(deploymentOf(all, service).config)
        .filter((name) => name.startsWith('PII_') && name.endsWith('_FILE'))
        .sort();
    t.deepEqual(piiOf('prequal-api'), ['PII_BLIND_INDEX_KEY_FILE', 'PII_KEYRING_FILE']);
    t.deepEqual(piiOf('credit-service'), ['PII_KEYRING_FILE']);
    t.deepEqual(piiOf('decision-service'), []);
    const decision = deploymentOf(all, 'decision-service');
    t.false(decision.pod.volumes?.some((volume) => volume.secret?.secretName === 'prequal-pii'));
  });

  test('Kubernetes waits longer than SHUTDOWN_TIMEOUT_MS and the pre-stop pause before it kills a pod', (t) => {
    for (const render of each) {
      for (const { manifest, pod, container, config } of render.workloads.filter(
        (workload) => workload.manifest.kind === 'Deployment',
      )) {
        const preStopSeconds = Number(container.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
        const graceMs = (pod.terminationGracePeriodSeconds ?? 30) * 1000;
        t.true(
          graceMs > Number(config.SHUTDOWN_TIMEOUT_MS) + preStopSeconds * 1000,
          `${render.name}: ${manifest.metadata.name} waits ${graceMs} ms for a ${config.SHUTDOWN_TIMEOUT_MS} ms drain after ${preStopSeconds} s`,
        );
      }
    }
  });

  test('worker replicas stay within the partitions of the topic they consume', (t) => {
    for (const render of each) {
      for (const worker of WORKERS) {
        const { manifest, config } = deploymentOf(render.workloads, worker);
        const replicas = (manifest.spec as { replicas?: number }).replicas;
        if (replicas !== undefined)
          t.true(replicas <= Number(config.TOPIC_PARTITIONS), `${render.name}: ${worker}`);
      }
    }
  });

  test("KEDA scales each worker on its own group's lag on the topic it consumes, never beyond the partitions", (t) => {
    const all = each[1];
    const scaledObjects = ofKind<ScaledObject>(all?.manifests ?? [], 'ScaledObject');
    t.is(scaledObjects.length, 2);
    for (const worker of WORKERS) {
      const { manifest, config } = deploymentOf(all?.workloads ?? [], worker);
      const scaled = scaledObjects.find(
        (object) => object.spec.scaleTargetRef.name === manifest.metadata.name,
      );
      t.truthy(scaled, worker);
      if (!scaled) continue;
      t.notThrows(() => {
        new ScaledObject(scaled).validate();
      });
      t.true((scaled.spec.maxReplicaCount ?? 100) <= Number(config.TOPIC_PARTITIONS), worker);
      t.true((scaled.spec.minReplicaCount ?? 0) >= 1, `${worker}: never scaled to zero by default`);
      // The HorizontalPodAutoscaler KEDA makes owns the replicas: a helm upgrade must not reset them.
      t.is((manifest.spec as { replicas?: number }).replicas, undefined, worker);
      const [trigger, ...others] = scaled.spec.triggers;
      t.is(others.length, 0);
      t.is(trigger?.type, 'kafka');
      t.like(trigger?.metadata, {
        bootstrapServers: config.KAFKA_BROKERS,
        consumerGroup: config.CONSUMER_GROUP,
        topic: `${config.TOPIC_PREFIX ?? ''}${CONSUMED_TOPIC[worker]}`,
        allowIdleConsumers: 'false',
      });
      t.truthy(trigger?.authenticationRef?.name, `${worker}: KEDA has its own Kafka credentials`);
    }
    t.deepEqual(ofKind(each[0]?.manifests ?? [], 'ScaledObject'), [], 'KEDA is off by default');
  });

  test('the ServiceMonitor scrapes every ops Service, under the job names the alert rules use', (t) => {
    const manifests = each[1]?.manifests ?? [];
    const [monitor, ...others] = ofKind<ServiceMonitor>(manifests, 'ServiceMonitor');
    t.is(others.length, 0);
    if (!monitor) return t.fail('no ServiceMonitor');
    t.notThrows(() => {
      new ServiceMonitor(monitor).validate();
    });
    const endpointPorts = monitor.spec.endpoints.map((endpoint) => endpoint.port);
    const scraped = ofKind<IService>(manifests, 'Service').filter(
      (service) =>
        Object.entries(monitor.spec.selector.matchLabels ?? {}).every(
          ([label, value]) => service.metadata.labels?.[label] === value,
        ) && service.spec?.ports?.some((port) => endpointPorts.includes(port.name)),
    );
    const jobs = scraped
      .map((service) => service.metadata.labels?.[monitor.spec.jobLabel ?? ''] ?? '')
      .sort();
    t.deepEqual(jobs, [...SERVICES].sort());
    const jobsInRules = new Set(
      ruleFiles().flatMap(({ groups }) =>
        groups.flatMap(({ rules }) =>
          rules.flatMap((rule) => [...rule.expr.matchAll(/job="([^"]+)"/g)].map((m) => m[1])),
        ),
      ),
    );
    for (const job of jobsInRules) t.true(jobs.includes(job ?? ''), `the rules' job ${job ?? ''} is scraped`);
    t.deepEqual(ofKind(each[0]?.manifests ?? [], 'ServiceMonitor'), [], 'off by default');
  });

  test('every pod runs as uid 1000, not root, on a read-only root with no capabilities, writing only /tmp', (t) => {
    for (const render of each) {
      for (const { manifest, pod, container } of render.workloads) {
        const where = `${render.name}: ${manifest.kind} ${manifest.metadata.name}`;
        t.like(pod.securityContext, { runAsNonRoot: true, runAsUser: 1000 }, where);
        t.like(
          container.securityContext,
          { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          where,
        );
        t.is(pod.automountServiceAccountToken, false, where);
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        t.truthy(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir, where);
      }
    }
  });

  test('each service runs from the image as the service it is configured to be, listening on every interface', (t) => {
    for (const render of each) {
      for (const service of SERVICES) {
        const { config } = deploymentOf(render.workloads, service);
        t.is(config.SERVICE, service);
        t.true(existsSync(path.join(ROOT, 'services', config.SERVICE ?? '', 'src/main.ts')));
        t.is(config.HOST, '0.0.0.0');
      }
    }
  });

  test("the init job runs before the release's pods, with compose's init commands and without creating an API client", (t) => {
    const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: { init: { command: string[] } };
    };
    const [shell, flags, script = ''] = compose.services.init.command;
    const withoutDevKey = script
      .split('\n')
      .filter((line) => !line.includes('dev-key'))
      .join('\n');
    for (const render of each) {
      const [job, ...others] = render.workloads.filter(({ manifest }) => manifest.kind === 'Job');
      t.is(others.length, 0);
      if (!job) return t.fail('no init Job');
      t.is(job.manifest.metadata.annotations?.['helm.sh/hook'], 'pre-install,pre-upgrade');
      const [jobShell, jobFlags, jobScript = ''] = job.container.command ?? [];
      t.deepEqual([jobShell, jobFlags], [shell, flags]);
      t.true(jobScript.startsWith(withoutDevKey.trimEnd()), jobScript);
      // On a SASL cluster the job also grants each service's principal its ACLs (make kafka-acls).
      const acls = jobScript
        .slice(withoutDevKey.trimEnd().length)
        .replace(/\s*\\\n\s*/g, ' ')
        .trim();
      if (job.config.KAFKA_SECURITY_PROTOCOL?.startsWith('SASL'))
        t.regex(
          acls,
          /^node packages\/messaging\/src\/cli\/kafka-acls\.ts apply --principal prequal-api=User:\S+ --principal credit-service=User:\S+ --principal decision-service=User:\S+ --group credit-service=\S+ --group decision-service=\S+$/,
        );
      else t.is(acls, '');
      t.false(job.container.command?.join(' ').includes('clients.ts'));
      t.truthy(job.config.TOPIC_PARTITIONS);
      const configMap = ofKind<IConfigMap>(render.manifests, 'ConfigMap').find(
        (map) => map.metadata.name === job.container.envFrom?.[0]?.configMapRef?.name,
      );
      // Hooks run before the release's own objects exist: its ConfigMap is an earlier hook.
      t.is(configMap?.metadata.annotations?.['helm.sh/hook'], 'pre-install,pre-upgrade');
      t.true(
        Number(configMap?.metadata.annotations?.['helm.sh/hook-weight']) <
          Number(job.manifest.metadata.annotations?.['helm.sh/hook-weight']),
      );
    }
  });
}
