import type { EntityManager } from '@mikro-orm/postgresql';
import { Application, type ApplicationRow } from '@prequal/db';
import { ApplicationNotFoundError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored application; a malformed id is as unknown as a missing one. */
export async function readApplication(em: EntityManager, applicationId: string): Promise<ApplicationRow> {
  const application = UUID.test(applicationId) ? await em.findOne(Application, { id: applicationId }) : null;
  if (!application) throw new ApplicationNotFoundError(`no application ${applicationId}`);
  return application;
}
