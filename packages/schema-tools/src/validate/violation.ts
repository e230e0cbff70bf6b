/** A broken convention: which rule, where (a field, when there is one) and what. */
export interface Violation {
  /** The rule's stable id (README: "Rule ids"), e.g. `enum-default`. */
  readonly rule: ConventionRule;
  /** `field decision`, `field applicant.address.city`; undefined for the schema as a whole. */
  readonly where: string | undefined;
  /** The field path behind `where` (`[]` array items, `{}` map values); empty for the schema as a whole. */
  readonly path: readonly string[];
  readonly message: string;
}

export type ConventionRule =
  | 'parse'
  | 'top-level-record'
  | 'namespace'
  | 'doc'
  | 'money-decimal'
  | 'enum-default'
  | 'decimal'
  | 'envelope'
  | 'pii-tag'
  | 'pii-string';

/** `LoanDecisionMade.avsc: field decision: enum LoanDecision has no default symbol` */
export function formatViolation(file: string, { where, message }: Violation): string {
  return where ? `${file}: ${where}: ${message}` : `${file}: ${message}`;
}
