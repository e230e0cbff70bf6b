import kafkajs, { type Admin, type AclEntry, type AclOperationTypes, type AclResourceTypes } from 'kafkajs';
import { deadLetterTopicOf, type TopicName } from '@prequal/events';
import type { TopicNames } from './topic-names.ts';

// kafkajs (CommonJS) exports its enums only on its default export.
const {
  AclOperationTypes: Operation,
  AclPermissionTypes,
  AclResourceTypes: Resource,
  ResourcePatternTypes,
} = kafkajs;

export type ServiceName = 'prequal-api' | 'credit-service' | 'decision-service';

/**
 * What each service does with which topic, and nothing more: the ACLs below grant exactly this. A
 * consumer also writes its topic's dead-letter topic and reads in its own consumer group.
 */
export const SERVICE_TOPICS = {
  'prequal-api': { reads: [], writes: ['loan_applications_submitted'] },
  'credit-service': { reads: ['loan_applications_submitted'], writes: ['credit_reports_generated'] },
  'decision-service': { reads: ['credit_reports_generated'], writes: ['loan_decisions_made'] },
} as const satisfies Record<ServiceName, { reads: readonly TopicName[]; writes: readonly TopicName[] }>;

export const SERVICE_NAMES = Object.keys(SERVICE_TOPICS) as ServiceName[];

export interface ServiceAccess {
  /** Kafka principal of each service, `User:<name>` for SASL users. */
  readonly principals: Readonly<Record<ServiceName, string>>;
  /** Consumer group of each consuming service. */
  readonly groups: Readonly<Record<Exclude<ServiceName, 'prequal-api'>, string>>;
}

/** Each service's principal and group named after the service, as the native stack has them. */
export function defaultServiceAccess(): ServiceAccess {
  return {
    principals: {
      'prequal-api': 'User:prequal-api',
      'credit-service': 'User:credit-service',
      'decision-service': 'User:decision-service',
    },
    groups: { 'credit-service': 'credit-service', 'decision-service': 'decision-service' },
  };
}

function allow(
  principal: string,
  resourceType: AclResourceTypes,
  resourceName: string,
  operation: AclOperationTypes,
): AclEntry {
  return {
    principal,
    host: '*',
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/**
 * The ACLs of the three services on these topics (literal names, prefix included): a producer may
 * write (and describe) its topics only; a consumer may read its topic in its own group only, and
 * write that topic's dead-letter topic. No service may create, delete or alter anything; an admin
 * principal (a super user) makes the topics.
 */
export function serviceAcls(topics: TopicNames, access: ServiceAccess): AclEntry[] {
  return SERVICE_NAMES.flatMap((service) => {
    const principal = access.principals[service];
    const { reads, writes } = SERVICE_TOPICS[service];
    const group = service === 'prequal-api' ? undefined : access.groups[service];
    return [
      ...writes.flatMap((topic) => [
        allow(principal, Resource.TOPIC, topics[topic], Operation.WRITE),
        allow(principal, Resource.TOPIC, topics[topic], Operation.DESCRIBE),
      ]),
      ...reads.flatMap((topic) => [
        allow(principal, Resource.TOPIC, topics[topic], Operation.READ),
        allow(principal, Resource.TOPIC, topics[topic], Operation.DESCRIBE),
        allow(principal, Resource.TOPIC, deadLetterTopicOf(topics[topic]), Operation.WRITE),
        allow(principal, Resource.TOPIC, deadLetterTopicOf(topics[topic]), Operation.DESCRIBE),
      ]),
      ...(group === undefined ? [] : [allow(principal, Resource.GROUP, group, Operation.READ)]),
    ];
  });
}

/** Creates the ACLs (creating one that exists changes nothing). */
export async function applyAcls(admin: Admin, acls: readonly AclEntry[]): Promise<void> {
  if (acls.length > 0) await admin.createAcls({ acl: [...acls] });
}

/** Deletes exactly these ACLs (a test's, or a service's that is retired). */
export async function removeAcls(admin: Admin, acls: readonly AclEntry[]): Promise<void> {
  if (acls.length > 0) await admin.deleteAcls({ filters: [...acls] });
}

const OPERATION_NAMES = new Map<number, string>(
  Object.entries(Operation).map(([name, value]) => [Number(value), name]),
);
const RESOURCE_NAMES = new Map<number, string>(
  Object.entries(Resource).map(([name, value]) => [Number(value), name]),
);

/** One line per ACL, as kafka-acls lists them, for the CLI and for review. */
export function describeAcl(acl: AclEntry): string {
  return `${acl.principal} ALLOW ${OPERATION_NAMES.get(acl.operation) ?? acl.operation} ${RESOURCE_NAMES.get(acl.resourceType) ?? acl.resourceType}:${acl.resourceName}`;
}
