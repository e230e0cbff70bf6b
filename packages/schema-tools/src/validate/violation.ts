/** A broken convention: where (a field, when there is one) and what. */
export interface Violation {
  /** `field decision`, `field applicant.address.city`; undefined for the schema as a whole. */
  readonly where: string | undefined;
  readonly message: string;
}

/** `LoanDecisionMade.avsc: field decision: enum LoanDecision has no default symbol` */
export function formatViolation(file: string, { where, message }: Violation): string {
  return where ? `${file}: ${where}: ${message}` : `${file}: ${message}`;
}
