/** One difference between two versions of a schema, in words a reviewer reads. */
export interface SchemaChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** `field cibilScore`, `field applicant.address.city`, `enum LoanType (field loanType)`, `record LoanDecisionMade` */
  readonly where: string;
  /** For a change: type, default, doc, symbols, enum default, aliases, name, size or order. */
  readonly aspect: string | undefined;
  readonly before: string | undefined;
  readonly after: string | undefined;
  /** Something the compatibility verdict does not show but a reviewer must know. */
  readonly warning: string | undefined;
}

export function added(where: string, after: string): SchemaChange {
  return { kind: 'added', where, aspect: undefined, before: undefined, after, warning: undefined };
}

export function removed(where: string, before: string): SchemaChange {
  return { kind: 'removed', where, aspect: undefined, before, after: undefined, warning: undefined };
}

export function changed(
  where: string,
  aspect: string,
  before: string,
  after: string,
  warning?: string,
): SchemaChange {
  return { kind: 'changed', where, aspect, before, after, warning };
}
