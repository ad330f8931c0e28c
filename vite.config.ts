import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { metaContentSecurityPolicy } from './main/host/content-security-policy.ts';

/** The renderer's CSP as a meta element too (the shells also send it as a header). */
const contentSecurityPolicyMeta = (): Plugin => ({
  name: 'kiosk-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() }, injectTo: 'head-prepend' },
  ],
});

/** Builds the renderer into dist/renderer, served by both shells from the root of their origin. */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // Inline nothing as data: or <script>: the CSP allows only files of the kiosk's own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
