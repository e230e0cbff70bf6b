import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RegistryClient } from '../registry/registry-client.ts';
import { layoutSchema } from '../registry/schema-layout.ts';
import { result, type CommandResult } from './command-result.ts';
import { isUnfit, openRegistrySession, type RegistryOptions } from './registry-session.ts';

export interface DownloadOptions extends RegistryOptions {
  /** One subject; else the subject of each of our schemas. */
  readonly subject?: string;
  readonly version?: number | 'latest';
  readonly outDir: string;
}

interface Download {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly file: string;
  readonly text: string;
}

/**
 * Writes what the registry holds, one .avsc per subject named after its record and laid out as
 * schemas/ is, to review what production runs (`diff -r schemas <out>`). Exit 1 when a subject
 * (or the version asked for) is not there.
 */
export async function runDownload({
  subject,
  version = 'latest',
  outDir,
  ...options
}: DownloadOptions): Promise<CommandResult> {
  const { client, schemas } = await openRegistrySession(options);
  const problems: string[] = [];
  const subjects = subject ? [subject] : [];
  if (!subject) {
    for (const local of schemas) {
      if (isUnfit(local)) problems.push(local.error);
      else subjects.push(local.subject);
    }
  }
  const downloads: Download[] = [];
  for (const name of subjects) {
    const found = await fetchOne(client, name, version);
    if (typeof found === 'string') problems.push(found);
    else downloads.push(found);
  }
  const clashes = downloads.filter((d, index) => downloads.findIndex((o) => o.file === d.file) !== index);
  for (const clash of clashes) {
    problems.push(
      `${clash.subject}: another subject's record is also named ${clash.file}; download them one by one`,
    );
  }
  const lines = [`Downloading from ${client.baseUrl}`];
  if (clashes.length === 0 && downloads.length > 0) {
    await mkdir(outDir, { recursive: true });
    for (const download of downloads) {
      const target = path.join(outDir, download.file);
      await writeFile(target, download.text);
      lines.push(`${download.subject} version ${download.version} (id ${download.id}) → ${target}`);
    }
  }
  lines.push(...problems);
  if (problems.length > 0) lines.push(`${problems.length} subject(s) not downloaded`);
  return result(problems.length === 0 ? 0 : 1, lines);
}

async function fetchOne(
  client: RegistryClient,
  subject: string,
  version: number | 'latest',
): Promise<Download | string> {
  const entry = await client.version(subject, version);
  if (!entry) return `${subject}: ${version === 'latest' ? 'not in the registry' : `no version ${version}`}`;
  const parsed = JSON.parse(entry.schema) as unknown;
  const name =
    typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string'
      ? parsed.name.slice(parsed.name.lastIndexOf('.') + 1)
      : subject;
  const text = await layoutSchema(entry.schema);
  return { subject, version: entry.version, id: entry.id, file: `${name}.avsc`, text };
}
