import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['**/*.check.js'], setupFiles: ['./setup.js'] } });
