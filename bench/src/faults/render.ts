// node bench/src/faults/render.ts <results.json> [<out.md> [<title>]]: the fault table of a run again, its
// targets judged as faults.ts judges them now (so an older run reads against today's targets).
import { readFile, writeFile } from 'node:fs/promises';
import prettier from 'prettier';
import { FAULTS } from './faults.ts';
import { renderFaultMarkdown, type FaultBenchResults } from './markdown.ts';

const [input, output, title] = process.argv.slice(2);
if (!input) {
  console.error('usage: node bench/src/faults/render.ts <results.json> [<out.md> [<title>]]');
  process.exit(2);
}
const results = JSON.parse(await readFile(input, 'utf8')) as FaultBenchResults;
const judged: FaultBenchResults = {
  ...results,
  faults: results.faults.map((fault) => {
    const now = FAULTS.find((candidate) => candidate.name === fault.name);
    return now
      ? { ...fault, target: now.target.text, met: now.target.met(fault.figures, fault.marks) }
      : fault;
  }),
};
const markdown = renderFaultMarkdown(judged, title);
if (output) {
  await writeFile(
    output,
    await prettier.format(markdown, { ...(await prettier.resolveConfig(output)), filepath: output }),
  );
} else {
  console.log(markdown);
}
