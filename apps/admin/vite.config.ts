import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the backend under /admin/, so every asset URL is relative to that base.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, reportCompressedSize: true },
});
