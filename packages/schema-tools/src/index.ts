export type * from './avro/schema-model.ts';
export { readSchema, readSchemaText } from './avro/read-schema.ts';
export { describeSchema } from './avro/describe-schema.ts';
export { checkResolution } from './compatibility/check-resolution.ts';
export type { Incompatibility, IncompatibilityReason } from './compatibility/incompatibility.ts';
export {
  describeIncompatibility,
  describeAll,
  type Direction,
} from './compatibility/describe-incompatibility.ts';
export {
  judgeChange,
  breaksLevel,
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  type Verdict,
} from './compatibility/compatibility-levels.ts';
export { diffSchemas } from './diff/diff-schemas.ts';
export type { SchemaChange } from './diff/schema-change.ts';
export { reportChanges, type FileReport } from './diff/file-report.ts';
export { formatText } from './report/format-text.ts';
export { formatMarkdown } from './report/format-markdown.ts';
export { validateSchemaFile } from './validate/validate-schema-file.ts';
export { readSchemaFiles, SCHEMAS_DIR, type SchemaFile } from './schema-files.ts';
