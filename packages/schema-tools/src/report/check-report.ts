import { isRefused, type CheckOutcome } from '../registry/check-outcome.ts';
import { describeExplanation } from '../registry/explain-incompatibility.ts';
import { cell } from './markdown-cell.ts';

/** The text report: a line (or a few) per schema, then whether everything can be registered. */
export function checkText(registry: string, outcomes: readonly CheckOutcome[]): string[] {
  return [`Checking against ${registry}`, ...outcomes.flatMap(outcomeLines), closingLine(outcomes)];
}

export function checkMarkdown(registry: string, outcomes: readonly CheckOutcome[]): string {
  const rows = outcomes.map((outcome) => {
    const [headline = ''] = outcomeLines(outcome);
    const subject = outcome.kind === 'invalid' ? '' : `\`${outcome.local.subject}\``;
    const verdict = headline.slice(headline.indexOf(': ') + 2).replace(/; the registry says:$/, '');
    return `| ${subject} | \`${fileOf(outcome)}\` | ${isRefused(outcome) ? '❌' : '✅'} ${cell(verdict)} |`;
  });
  const parts = [
    `## Schemas against the registry \`${registry}\``,
    ['| subject | file | verdict |', '| --- | --- | --- |', ...rows].join('\n'),
  ];
  for (const outcome of outcomes) {
    if (outcome.kind !== 'incompatible') continue;
    const reasons = [...outcome.registryMessages, ...outcome.explanations.map(describeExplanation)];
    if (reasons.length === 0) continue;
    parts.push(
      `### ❌ \`${outcome.local.subject} (${outcome.local.file})\``,
      reasons.map((reason) => `- ${reason}`).join('\n'),
    );
  }
  parts.push(`**${closingLine(outcomes)}**`);
  return `${parts.join('\n\n')}\n`;
}

function outcomeLines(outcome: CheckOutcome): string[] {
  if (outcome.kind === 'invalid') return [outcome.error];
  const title = `${outcome.local.subject} (${outcome.local.file})`;
  switch (outcome.kind) {
    case 'new':
      return [`${title}: new subject, nothing to check`];
    case 'registered':
      return [`${title}: already registered as version ${outcome.version} (id ${outcome.id})`];
    case 'compatible':
      return [`${title}: compatible with version ${outcome.latestVersion} under ${outcome.level}`];
    case 'incompatible':
      if (outcome.registryMessages.length > 0) {
        return [
          `${title}: incompatible under ${outcome.level}; the registry says:`,
          ...outcome.registryMessages.map((message) => `  ${message}`),
        ];
      }
      return [`${title}: incompatible under ${outcome.level}`, ...explanationLines(outcome)];
  }
}

function explanationLines(outcome: Extract<CheckOutcome, { kind: 'incompatible' }>): string[] {
  const compared = outcome.compared.map(({ version }) => version).join(', ');
  if (outcome.explanations.length === 0) {
    return [`  the registry gives no reasons, and our checker finds none against version(s) ${compared}`];
  }
  return [
    `  the registry gives no reasons; our checker (Avro schema resolution) against version(s) ${compared} says:`,
    ...outcome.explanations.map((explanation) => `    ${describeExplanation(explanation)}`),
  ];
}

export function fileOf(outcome: CheckOutcome): string {
  return outcome.kind === 'invalid' ? outcome.file : outcome.local.file;
}

/** The last line of every format: whether the registry would take every schema. */
export function closingLine(outcomes: readonly CheckOutcome[]): string {
  const refused = outcomes.filter(isRefused).length;
  return refused === 0 ? 'every schema can be registered' : `${refused} schema(s) would be refused`;
}
