import type { EntityManager } from '@mikro-orm/postgresql';
import { eraseApplicationPersonalData } from '@prequal/db';
import { isUuid } from '@prequal/events';
import { ApplicationNotFoundError } from './errors.ts';

/**
 * Erases the personal data (PAN, name) of a client's application at once; the decision stays.
 * Idempotent: erasing again changes nothing. Another client's application is as unknown as any.
 */
export async function eraseApplication(
  em: EntityManager,
  clientId: string,
  applicationId: string,
  now: Date,
): Promise<void> {
  const found =
    isUuid(applicationId) && (await eraseApplicationPersonalData(em, clientId, applicationId, now));
  if (!found) throw new ApplicationNotFoundError(`no application ${applicationId}`);
}
