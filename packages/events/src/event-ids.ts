import { v5 as uuidv5 } from 'uuid';

/** UUID v5 namespace of event ids derived from other events' ids. */
const DERIVED_EVENT_NAMESPACE = '6f0a9c52-4d1e-5b7a-9e3c-2b8d7f61a4c0';

/**
 * The id of the event that `eventType` emits in answer to the event `causationEventId`: the same
 * input always gives the same id, so a re-emitted event is recognisable downstream.
 */
export function deriveEventId(eventType: string, causationEventId: string): string {
  return uuidv5(`${eventType}:${causationEventId}`, DERIVED_EVENT_NAMESPACE);
}
