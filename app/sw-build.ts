/**
 * Build outputs derived from Vite's manifest (build.manifest), written after Vite has written the app:
 * - dist/sw.js, the service worker (app/src/sw.ts) bundled with its precache list (the app shell: index.html,
 *   the entry chunk, its static imports and their CSS, plus the offline page, the web app manifest and its
 *   icons) and a hash of those files' bytes as its cache version, so every deploy that changes the shell
 *   installs a new version and drops the old caches;
 * - dist/route-preload.json, the chunks the worker preloads on /watch/* and /embed/* (routes/pages.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { z } from 'zod';

/** One chunk of Vite's `.vite/manifest.json` (https://vite.dev/guide/backend-integration). */
const ManifestChunk = z.object({
  file: z.string(),
  isEntry: z.boolean().optional(),
  imports: z.array(z.string()).optional(),
  dynamicImports: z.array(z.string()).optional(),
  css: z.array(z.string()).optional(),
  assets: z.array(z.string()).optional(),
});
const ViteManifest = z.record(z.string(), ManifestChunk);
type ViteManifest = z.infer<typeof ViteManifest>;

/** Files of app/public the worker precaches besides the shell. */
export const PUBLIC_SHELL = [
  '/offline.html',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/maskable-512.png',
];

/** Manifest keys of `entry` and, transitively, its static imports. */
function staticClosure(manifest: ViteManifest, entry: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[entry];
  if (!chunk || seen.has(entry)) return seen;
  seen.add(entry);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

/** The output files (JS, CSS, assets) of some manifest keys, as absolute paths. */
function filesOf(manifest: ViteManifest, keys: Iterable<string>): string[] {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(`/${file}`);
  }
  return [...files];
}

/**
 * The files index.html loads before anything lazy: the entry chunk and, transitively, its static imports,
 * with their CSS and assets. Dynamic imports (the lazy pages) are left out.
 */
export function initialFiles(manifest: ViteManifest, entry = 'index.html'): string[] {
  return filesOf(manifest, staticClosure(manifest, entry));
}

/** The lazy pages the worker answers itself, by route (wrangler.toml run_worker_first). */
export const PRELOADED_PAGES = { watch: 'pages/Watch/index.tsx', embed: 'pages/Embed/index.tsx' } as const;

/** hls.js: the shell imports it lazily (player/hls-loader.ts), and every page that plays needs it. */
const HLS_MODULE = '../node_modules/hls.js/dist/hls.mjs';

/**
 * What a page needs before it can play, beyond the shell: its chunk with its static imports, and hls.js.
 * Without these hints the browser finds them one round trip after another (entry → page → player →
 * hls.js).
 */
export function pagePreloads(manifest: ViteManifest, page: string): string[] {
  for (const key of [page, HLS_MODULE]) {
    if (!manifest[key]) throw new Error(`route preloads: ${key} is not in Vite's manifest`);
  }
  const shell = staticClosure(manifest, 'index.html');
  const keys = staticClosure(manifest, HLS_MODULE, staticClosure(manifest, page));
  return filesOf(
    manifest,
    [...keys].filter((k) => !shell.has(k)),
  );
}

export function readViteManifest(outDir: string): ViteManifest {
  const text = readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8');
  return ViteManifest.parse(JSON.parse(text));
}

/** Vite plugin: writes dist/sw.js and dist/route-preload.json once the app is written (build only). */
export function manifestOutputs(serviceWorkerSource: string): Plugin {
  let outDir = '';
  return {
    name: 'reel-manifest-outputs',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // writeBundle runs only once Vite has written a successful build (app/public copied, manifest written);
    // closeBundle also runs after a failed one and would pair a stale manifest with a new worker.
    async writeBundle() {
      const manifest = readViteManifest(outDir);
      const precache = ['/index.html', ...initialFiles(manifest), ...PUBLIC_SHELL];
      const hash = createHash('sha256');
      for (const file of precache) hash.update(file).update(readFileSync(path.join(outDir, file)));
      const version = hash.digest('hex').slice(0, 16);
      const result = await build({
        entryPoints: [serviceWorkerSource],
        bundle: true,
        format: 'iife',
        target: 'es2022',
        minify: true,
        write: false,
        define: { __REEL_PRECACHE__: JSON.stringify(precache), __REEL_VERSION__: JSON.stringify(version) },
      });
      const [output] = result.outputFiles;
      if (!output) throw new Error('service worker: esbuild wrote nothing');
      writeFileSync(path.join(outDir, 'sw.js'), output.text);
      const preloads = Object.fromEntries(
        Object.entries(PRELOADED_PAGES).map(([route, page]) => [route, pagePreloads(manifest, page)]),
      );
      writeFileSync(path.join(outDir, 'route-preload.json'), JSON.stringify(preloads));
    },
  };
}
