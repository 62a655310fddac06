import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { serviceWorker } from './sw-build.ts';

// The app is served by the API worker as static assets from app/dist (root wrangler.toml [assets]).
// `manifest` lists the entry's chunks for the service worker's precache (app/sw-build.ts) and the bench;
// app/public/.assetsignore keeps it out of the deployed assets.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact(), serviceWorker(`${import.meta.dirname}/src/sw.ts`)],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', manifest: true },
});
