import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The app is served by the API worker as static assets from app/dist (root wrangler.toml [assets]).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
