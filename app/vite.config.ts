import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { manifestOutputs } from './sw-build.ts';

// The app is served by the API worker as static assets from app/dist (root wrangler.toml [assets]).
// `manifest` lists the chunks for the service worker's precache and the worker's page preloads
// (app/sw-build.ts) and for the bench; app/public/.assetsignore keeps it out of the deployed assets.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact(), manifestOutputs(`${import.meta.dirname}/src/sw.ts`)],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', manifest: true },
});
