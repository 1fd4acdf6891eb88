import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The web UI, built into dist/admin-ui and served by the api role at `/`. `npm run ui:dev` serves it with hot
// reload against a server on https://localhost:8080.
export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../dist/admin-ui', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': { target: 'https://localhost:8080', secure: false, ws: true } } },
});
