import type { Incompatibility } from './incompatibility.ts';

/**
 * Who reads whom, when describing an incompatibility between two versions of a schema:
 * `backward` = the new reader on data of the old writer, `forward` = the old reader on new data.
 */
export type Direction = 'backward' | 'forward';

/** `applicant.addresses[].city`, `limits{}` */
export function formatPath(path: readonly string[]): string {
  return path.reduce((text, segment) => {
    if (segment === '[]' || segment === '{}') return `${text}${segment}`;
    return text ? `${text}.${segment}` : segment;
  }, '');
}

/** One line in plain words, naming the field, e.g. `field cibilScore: reader type int cannot read writer type string`. */
export function describeIncompatibility({ path, reason }: Incompatibility, direction?: Direction): string {
  const where = path.length > 0 ? `field ${formatPath(path)}` : 'the schema';
  switch (reason.kind) {
    case 'type-mismatch':
      return `${where}: reader type ${reason.reader} cannot read writer type ${reason.writer}`;
    case 'name-mismatch':
      return `${where}: reader ${reason.reader} cannot read writer ${reason.writer}: the names differ and no reader alias names the writer`;
    case 'missing-default':
      if (direction === 'forward')
        return `${where} removed without a default: an old reader has no value for it`;
      if (direction === 'backward')
        return `${where} added without a default: a new reader has no value for it in old data`;
      return `${where} has no default in the reader and the writer does not write it`;
    case 'unknown-symbols': {
      const symbols = reason.symbols.join(', ');
      const noun = reason.symbols.length > 1 ? 'symbols' : 'symbol';
      return `${where}: enum ${reason.enumName}: writer ${noun} ${symbols} unknown to reader and the reader enum has no default`;
    }
    case 'fixed-size':
      return `${where}: fixed ${reason.name}: reader size ${reason.reader} cannot read writer size ${reason.writer}`;
    case 'no-union-branch':
      return `${where}: no branch of reader type ${reason.reader} can read writer type ${reason.writer}`;
  }
}

/** The distinct descriptions of a list of incompatibilities (a writer union can repeat one). */
export function describeAll(found: readonly Incompatibility[], direction?: Direction): string[] {
  return [...new Set(found.map((incompatibility) => describeIncompatibility(incompatibility, direction)))];
}
