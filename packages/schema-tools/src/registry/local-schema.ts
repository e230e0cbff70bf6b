import { parseSchema } from '@prequal/events/logical-types';
import { readSchemaText } from '../avro/read-schema.ts';
import type { AvroSchema } from '../avro/schema-model.ts';
import type { CompatibilityLevel } from '../compatibility/compatibility-levels.ts';
import type { SchemaFile } from '../schema-files.ts';
import type { Subjects } from '../subjects.ts';

/** A local schema ready for the registry: its subject, its level and the text to send. */
export interface LocalSchema {
  readonly file: string;
  readonly subject: string;
  readonly level: CompatibilityLevel;
  /** The schema as compact JSON: the text producers send (JSON.stringify of the generated schema constant). */
  readonly text: string;
  /** The file as written, to place findings on its lines. */
  readonly sourceText: string;
  readonly schema: AvroSchema;
}

/** A local schema that cannot go to the registry, and why (the line names the file). */
export interface UnfitSchema {
  readonly file: string;
  readonly sourceText: string;
  readonly error: string;
}

/** The local schema of a file, or the reason it cannot go to the registry. */
export function toLocalSchema({ file, text }: SchemaFile, subjects: Subjects): LocalSchema | UnfitSchema {
  let schema: AvroSchema;
  try {
    parseSchema(text);
    schema = readSchemaText(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { file, sourceText: text, error: `${file}: does not parse: ${reason}` };
  }
  const fullName = 'fullName' in schema ? schema.fullName : '(unnamed)';
  const subject = subjects.subjectOf(fullName);
  if (!subject) {
    return {
      file,
      sourceText: text,
      error: `${file}: no topic carries ${fullName}: add it to the topic table (packages/events/src/topics.ts)`,
    };
  }
  return {
    file,
    subject,
    level: subjects.levelOf(subject),
    text: JSON.stringify(JSON.parse(text)),
    sourceText: text,
    schema,
  };
}
