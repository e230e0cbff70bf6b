// Values the Helm chart refuses to render, each with a message that says what to change. Needs
// the helm that `make helm-check` builds; without it the file reports one skipped test.
import test from 'ava';
import { ALL_FEATURES, builtHelm, render } from './chart.ts';

const helm = builtHelm();
if (!helm) {
  test.skip('the Helm chart refusals: helm is not built here, run make helm-check first', () => undefined);
} else {
  const refusals: { title: string; set: string[]; values?: string[]; says: RegExp }[] = [
    {
      title: 'more credit-service replicas than partitions',
      set: ['creditService.replicas=7'],
      says: /creditService\.replicas is 7 but the topics have 6 partitions/,
    },
    {
      title: 'a KEDA maxReplicaCount beyond the partitions',
      values: [ALL_FEATURES],
      set: ['decisionService.autoscaling.maxReplicaCount=13'],
      says: /decisionService\.autoscaling\.maxReplicaCount is 13 but the topics have 12 partitions/,
    },
    {
      title: 'a KEDA minReplicaCount above its maxReplicaCount',
      values: [ALL_FEATURES],
      set: ['creditService.autoscaling.minReplicaCount=5', 'creditService.autoscaling.maxReplicaCount=4'],
      says: /minReplicaCount \(5\) is above its maxReplicaCount \(4\)/,
    },
    {
      title: 'KEDA against a secured Kafka without credentials of its own',
      values: [ALL_FEATURES],
      set: ['keda.authenticationRef.name='],
      says: /keda\.authenticationRef\.name: with kafka\.securityProtocol SASL_SSL/,
    },
    {
      title: 'DATABASE_URL among the plain variables of a service',
      set: ['api.env.DATABASE_URL=postgres://u:p@db/prequal'],
      says: /DATABASE_URL/,
    },
    {
      title: 'a password among the plain variables of every service',
      set: ['config.extraEnv.KAFKA_SASL_PASSWORD=hunter2'],
      says: /KAFKA_SASL_PASSWORD/,
    },
    {
      title: 'SASL without a mechanism',
      set: ['kafka.securityProtocol=SASL_SSL'],
      says: /kafka\.saslMechanism/,
    },
    {
      title: 'a security protocol Kafka does not have',
      set: ['kafka.securityProtocol=TLS'],
      says: /securityProtocol.*must be one of/,
    },
    {
      title: 'a misspelt value',
      set: ['creditService.replica=3'],
      says: /additional properties 'replica' not allowed/,
    },
  ];

  for (const { title, set, values, says } of refusals) {
    test(`the chart refuses ${title}`, (t) => {
      const rendered = render(helm, { set, values: values ?? [] });
      t.false(rendered.ok);
      if (!rendered.ok) t.regex(rendered.error, says);
    });
  }

  test('the templates refuse a secret among plain variables even when schema validation is skipped', (t) => {
    const rendered = render(helm, {
      set: ['api.env.DATABASE_URL=postgres://u:p@db/prequal'],
      flags: ['--skip-schema-validation'],
    });
    t.false(rendered.ok);
    if (!rendered.ok) t.regex(rendered.error, /api\.env: DATABASE_URL is a secret/);
  });
}
