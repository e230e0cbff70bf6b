/** One difference between two versions of a schema, in words a reviewer reads. */
export interface SchemaChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** `field cibilScore`, `field applicant.address.city`, `enum LoanType (field loanType)`, `record LoanDecisionMade` */
  readonly where: string;
  /** The field path behind `where` (`[]` array items, `{}` map values); empty for the top-level record. */
  readonly path: readonly string[];
  /** For a change: type, default, doc, symbols, enum default, aliases, name, size or order. */
  readonly aspect: string | undefined;
  readonly before: string | undefined;
  readonly after: string | undefined;
  /** Something the compatibility verdict does not show but a reviewer must know. */
  readonly warning: string | undefined;
}

export function added(where: string, path: readonly string[], after: string): SchemaChange {
  return { kind: 'added', where, path, aspect: undefined, before: undefined, after, warning: undefined };
}

export function removed(where: string, path: readonly string[], before: string): SchemaChange {
  return { kind: 'removed', where, path, aspect: undefined, before, after: undefined, warning: undefined };
}

export function changed(
  at: { readonly where: string; readonly path: readonly string[] },
  aspect: string,
  before: string,
  after: string,
  warning?: string,
): SchemaChange {
  return { kind: 'changed', ...at, aspect, before, after, warning };
}
