/**
 * Build wiring of the service worker (app/src/sw.ts → dist/sw.js): after Vite has written the app, read
 * Vite's manifest (build.manifest), list the app shell (index.html, the entry chunk, its static imports and
 * their CSS) plus the offline page, the web app manifest and its icons, and bundle the worker with that list
 * and a hash of those files' bytes as its cache version, so every deploy that changes the shell installs a
 * new version and drops the old caches.
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

/**
 * The files index.html loads before anything lazy: the entry chunk and, transitively, its static imports,
 * with their CSS and assets. Dynamic imports (the lazy pages) are left out.
 */
export function initialFiles(manifest: ViteManifest, entry = 'index.html'): string[] {
  const files = new Set<string>();
  const visit = (key: string, seen: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(`/${file}`);
    for (const imported of chunk.imports ?? []) visit(imported, seen);
  };
  visit(entry, new Set());
  return [...files];
}

export function readViteManifest(outDir: string): ViteManifest {
  const text = readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8');
  return ViteManifest.parse(JSON.parse(text));
}

/** Vite plugin: writes dist/sw.js once the bundle and app/public are in place (build only). */
export function serviceWorker(source: string): Plugin {
  let outDir = '';
  return {
    name: 'reel-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // writeBundle runs only once Vite has written a successful build (app/public copied, manifest written);
    // closeBundle also runs after a failed one and would pair a stale manifest with a new worker.
    async writeBundle() {
      const precache = ['/index.html', ...initialFiles(readViteManifest(outDir)), ...PUBLIC_SHELL];
      const hash = createHash('sha256');
      for (const file of precache) hash.update(file).update(readFileSync(path.join(outDir, file)));
      const version = hash.digest('hex').slice(0, 16);
      const result = await build({
        entryPoints: [source],
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
    },
  };
}
