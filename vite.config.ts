import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer into dist/renderer, served by both shells from the root of their origin. */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // Inline nothing as data: or <script>: the CSP allows only files of the kiosk's own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
