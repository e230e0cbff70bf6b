#!/usr/bin/env node
// `make kafka-acls` (apply) and `make kafka-acls-print`: the ACLs that let each service do what it
// does and nothing more (docs/decisions/0014-secured-native-stack.md), for the topics of
// TOPIC_PREFIX, on the cluster of KAFKA_BROKERS as an admin principal.
import { parseArgs } from 'node:util';
import Joi from 'joi';
import { createLogger, loadConfig } from '@prequal/service-kit';
import { createKafka } from '../kafka.ts';
import {
  applyAcls,
  defaultServiceAccess,
  describeAcl,
  removeAcls,
  SERVICE_NAMES,
  serviceAcls,
  type ServiceAccess,
  type ServiceName,
} from '../kafka-acls.ts';
import { kafkaSettings, type KafkaSettings } from '../settings.ts';
import { topicNamesWithPrefix } from '../topic-names.ts';

const USAGE = `usage: kafka-acls print|apply|remove [--principal <service>=<principal>]... [--group <service>=<group>]...
  print   the ACLs, one per line (nothing is changed)
  apply   create them (idempotent)
  remove  delete exactly them
services: ${SERVICE_NAMES.join(', ')}; principals default to User:<service>, groups to <service>.
Reads KAFKA_BROKERS, TOPIC_PREFIX and the KAFKA_SECURITY_PROTOCOL/SASL/SSL settings of an admin.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { principal: { type: 'string', multiple: true }, group: { type: 'string', multiple: true } },
});
const [command = 'print'] = positionals;
if (!['print', 'apply', 'remove'].includes(command)) fail(`unknown command: ${command}`);

function assignments(given: readonly string[] | undefined, what: string): [ServiceName, string][] {
  return (given ?? []).map((assignment) => {
    const [service, value] = assignment.split(/=(.*)/s);
    if (!SERVICE_NAMES.includes(service as ServiceName) || !value) fail(`bad --${what} ${assignment}`);
    return [service as ServiceName, value];
  });
}

const defaults = defaultServiceAccess();
const access: ServiceAccess = {
  principals: { ...defaults.principals, ...Object.fromEntries(assignments(values.principal, 'principal')) },
  groups: { ...defaults.groups, ...Object.fromEntries(assignments(values.group, 'group')) },
};
const config = loadConfig(Joi.object<KafkaSettings>(kafkaSettings));
const acls = serviceAcls(topicNamesWithPrefix(config.TOPIC_PREFIX), access);
if (command === 'print') {
  process.stdout.write(`${acls.map(describeAcl).join('\n')}\n`);
} else {
  const kafka = createKafka('kafka-acls', config, createLogger({ name: 'kafka-acls', level: 'warn' }));
  const admin = kafka.admin();
  await admin.connect();
  try {
    await (command === 'apply' ? applyAcls(admin, acls) : removeAcls(admin, acls));
    process.stdout.write(`${command === 'apply' ? 'applied' : 'removed'} ${acls.length} ACLs\n`);
  } finally {
    await admin.disconnect();
  }
}
