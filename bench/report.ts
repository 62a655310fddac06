/** Writes one named section of docs/BENCHMARKS.md, keeping the others. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'docs/BENCHMARKS.md';
const HEADER = `# Benchmarks

Written by \`npm run bench\` (never in CI). Figures are ratios against a baseline measured in the same
run, because these machines are noisy; absolute numbers are for orientation only.
`;

export function writeBenchmarkSection(title: string, body: string): void {
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const marker = `<!-- bench:${title} -->`;
  const section = `${marker}\n## ${title}\n\n${body}\n${marker}`;
  const pattern = new RegExp(`${marker}[\\s\\S]*?${marker}`);
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, next);
}
