import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The npm package a module belongs to ('@mui/material', 'react-admin'), from its resolved path. */
function packageOf(id: string): string | undefined {
  const match = /.*node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  return match?.[1]?.replace('\\', '/');
}

const inPackages =
  (...patterns: RegExp[]) =>
  (id: string): boolean => {
    const name = packageOf(id);
    return name !== undefined && patterns.some((pattern) => pattern.test(name));
  };

// Served by the backend under /admin/, so every asset URL is relative to that base.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    reportCompressedSize: true,
    // Read by scripts/bundle-size.mjs (`pnpm bench`) to tell first-load chunks from lazy ones.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the panel: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: inPackages(/^(react|react-dom|scheduler|react-router|react-router-dom)$/),
              priority: 30,
            },
            {
              name: 'mui',
              test: inPackages(/^@mui\//, /^@emotion\//, /^@popperjs\//),
              priority: 20,
            },
            {
              name: 'react-admin',
              test: inPackages(/^ra-/, /^react-admin$/, /^@tanstack\//, /^react-hook-form$/),
              priority: 15,
            },
            { name: 'zod', test: inPackages(/^zod$/), priority: 12 },
            { name: 'vendor', test: /node_modules/, priority: 10 },
          ],
        },
      },
    },
  },
});
