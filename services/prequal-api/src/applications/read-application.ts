import type { EntityManager } from '@mikro-orm/postgresql';
import { findApplication, type ApplicationRow } from '@prequal/db';
import { isUuid } from '@prequal/events';
import { ApplicationNotFoundError } from './errors.ts';

/**
 * A client's stored application. A malformed id, a missing one and another client's are the same
 * answer, so that no client can probe which ids exist.
 */
export async function readApplication(
  em: EntityManager,
  clientId: string,
  applicationId: string,
): Promise<ApplicationRow> {
  const application = isUuid(applicationId) ? await findApplication(em, clientId, applicationId) : null;
  if (!application) throw new ApplicationNotFoundError(`no application ${applicationId}`);
  return application;
}
