/**
 * `npm test`: the checks, then every vitest project in turn (workers in workerd, node, e2e in Chromium),
 * printing per-suite times. Browser tests need the app built, so it is built first.
 */
import { spawnSync } from 'node:child_process';
import { buildApp, WRANGLER_ENV } from './lib.ts';

type Suite = { name: string; run: () => number | null };

const sh = (cmd: string, args: string[]) => () =>
  spawnSync(cmd, args, { stdio: 'inherit', env: WRANGLER_ENV }).status;
const vitest = (project: string) => sh('vitest', ['run', '--project', project]);

const SUITES: Suite[] = [
  {
    name: 'check (format, lint, types, env types, migrations)',
    run: sh('npm', ['run', '--silent', 'check']),
  },
  {
    name: 'build app',
    run: () => {
      buildApp();
      return 0;
    },
  },
  { name: 'workers (workerd: API, live relay)', run: vitest('workers') },
  { name: 'media (workerd: media worker)', run: vitest('media') },
  { name: 'node (packages, schema, scripts)', run: vitest('node') },
  { name: 'e2e (Chromium)', run: vitest('e2e') },
];

const only = process.argv.slice(2);
const results: { name: string; seconds: number; ok: boolean }[] = [];
for (const suite of SUITES) {
  if (only.length && !only.some((o) => suite.name.startsWith(o))) continue;
  const started = performance.now();
  let ok: boolean;
  try {
    ok = suite.run() === 0;
  } catch (err) {
    console.error(String(err));
    ok = false;
  }
  results.push({ name: suite.name, seconds: (performance.now() - started) / 1000, ok });
  if (!ok) break;
}

console.log('\nSuite times:');
for (const r of results)
  console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.seconds.toFixed(1).padStart(7)} s  ${r.name}`);
const failed = results.some((r) => !r.ok) || results.length === 0;
process.exit(failed ? 1 : 0);
