import type { LoanDecision } from '@prequal/events';

/** Where an application stands: PENDING until decision-service records the decision. */
export const APPLICATION_STATUSES = ['PENDING', 'PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW'] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The statuses an application ends in: every decision but UNKNOWN (a reader's fallback) is one. */
export type FinalStatus = Exclude<ApplicationStatus, 'PENDING'> & LoanDecision;

export const FINAL_STATUSES: ReadonlySet<string> = new Set<FinalStatus>([
  'PRE_APPROVED',
  'REJECTED',
  'MANUAL_REVIEW',
]);
