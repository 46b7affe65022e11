// `expect` as vitest exports it; tsconfig paths choose which vitest major this is.
export { expect } from 'vitest';
