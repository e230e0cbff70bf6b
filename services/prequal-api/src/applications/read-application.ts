import type { EntityManager } from '@mikro-orm/postgresql';
import { findApplication, type ApplicationRow } from '@prequal/db';
import { isUuid } from '@prequal/events';
import { ApplicationNotFoundError } from './errors.ts';

/** The stored application; a malformed id is as unknown as a missing one. */
export async function readApplication(em: EntityManager, applicationId: string): Promise<ApplicationRow> {
  const application = isUuid(applicationId) ? await findApplication(em, applicationId) : null;
  if (!application) throw new ApplicationNotFoundError(`no application ${applicationId}`);
  return application;
}
