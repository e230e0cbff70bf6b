import test from 'ava';
import { parseSchema } from '@prequal/events/logical-types';
import { readSchema } from '../../src/avro/read-schema.ts';
import { checkResolution } from '../../src/compatibility/check-resolution.ts';
import { decimal, holder, type SchemaJson } from '../helpers/schema-builders.ts';

/**
 * The spec resolves logical types that do not match on their underlying types, and so do the checker
 * and the registry. Our own decoders (@prequal/events' logical types, with avsc) are stricter: these
 * changes pass the registry but our consumers cannot resolve them. The diff report warns about decimals.
 */
const stricterAtRuntime: { change: string; writer: SchemaJson; reader: SchemaJson }[] = [
  { change: 'a decimal scale change', writer: holder(decimal(12, 2)), reader: holder(decimal(12, 3)) },
  {
    change: 'a wider writer decimal precision',
    writer: holder(decimal(14, 2)),
    reader: holder(decimal(12, 2)),
  },
  {
    change: 'a uuid read from bytes',
    writer: holder('bytes'),
    reader: holder({ type: 'string', logicalType: 'uuid' }),
  },
  {
    change: 'a timestamp-millis read from an int',
    writer: holder('int'),
    reader: holder({ type: 'long', logicalType: 'timestamp-millis' }),
  },
];

for (const { change, writer, reader } of stricterAtRuntime) {
  test(`${change} is compatible per the spec, but our logical types refuse it at runtime`, (t) => {
    t.deepEqual(checkResolution(readSchema(writer), readSchema(reader)), []);
    t.throws(() => parseSchema(reader as never).createResolver(parseSchema(writer as never)));
  });
}

test('a decimal of the same scale and a precision the reader holds resolves at runtime too', (t) => {
  const [writer, reader] = [holder(decimal(10, 2)), holder(decimal(12, 2))];

  t.deepEqual(checkResolution(readSchema(writer), readSchema(reader)), []);
  t.notThrows(() => parseSchema(reader as never).createResolver(parseSchema(writer as never)));
});
