/**
 * Why a reader cannot read what a writer wrote, at a place in the schema. `path` holds the reader's
 * field names from the top-level record down; `[]` stands for array items, `{}` for map values.
 */
export interface Incompatibility {
  readonly path: readonly string[];
  readonly reason: IncompatibilityReason;
}

export type IncompatibilityReason =
  /** The types neither match nor promote (e.g. writer string, reader int). */
  | { readonly kind: 'type-mismatch'; readonly reader: string; readonly writer: string }
  /** Two records, enums or fixed whose names differ and no reader alias names the writer. */
  | { readonly kind: 'name-mismatch'; readonly reader: string; readonly writer: string }
  /** The reader has a field without a default that the writer does not write (path ends with it). */
  | { readonly kind: 'missing-default' }
  /** Writer enum symbols the reader does not know, and the reader enum has no default. */
  | { readonly kind: 'unknown-symbols'; readonly enumName: string; readonly symbols: readonly string[] }
  | { readonly kind: 'fixed-size'; readonly name: string; readonly reader: number; readonly writer: number }
  /** No branch of the reader's union matches the writer's type. */
  | { readonly kind: 'no-union-branch'; readonly reader: string; readonly writer: string };
