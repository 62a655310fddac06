/**
 * Generates (or with --check, verifies) each worker's env types with `wrangler types`.
 * Runtime types come from @cloudflare/workers-types, so only the Env part is generated here.
 */
import { spawnSync } from 'node:child_process';

const WORKERS = [
  { config: 'wrangler.toml', out: 'worker-configuration.d.ts', iface: 'Env' },
  {
    config: 'workers/manifest/wrangler.toml',
    out: 'workers/manifest/worker-configuration.d.ts',
    iface: 'MediaEnv',
  },
  {
    config: 'workers/live-relay/wrangler.toml',
    out: 'workers/live-relay/worker-configuration.d.ts',
    iface: 'RelayEnv',
  },
] as const;

const check = process.argv.includes('--check');
let failed = false;
for (const w of WORKERS) {
  const args = ['types', w.out, '-c', w.config, `--env-interface=${w.iface}`, '--include-runtime=false'];
  args.push('--strict-vars=false', '--env-file=.dev.vars.example');
  if (check) args.push('--check');
  const run = spawnSync('wrangler', args, {
    stdio: 'pipe',
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  if (run.status !== 0) {
    failed = true;
    process.stderr.write(
      `${w.out}: ${check ? 'out of date, run `npm run types`' : 'generation failed'}\n${run.stdout}${run.stderr}\n`,
    );
  }
}
process.exit(failed ? 1 : 0);
