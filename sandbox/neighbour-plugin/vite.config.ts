import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The neighbour test plugin: served by the sandbox's plugin CDN next to Bulk Actions, on the same
// origin, as every marketplace plugin is. Relative paths, like any plugin entry point.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
});
