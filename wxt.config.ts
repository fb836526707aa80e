import { defineConfig } from 'wxt';

// The extension's source lives in extension/ (the product card fixes the layout).
// Auto-imports are off: every module says where its names come from.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  imports: false,
  modules: [],
  manifest: {
    name: 'Caseload',
    description: 'EHCP target prompts and one-tap progress logging on your school MIS pages.',
    permissions: ['storage'],
  },
});
