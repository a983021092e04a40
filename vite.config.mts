import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: a static bundle served by the app:// protocol (Electron) or the browser host.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    // No inline scripts or data: URLs anywhere: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
