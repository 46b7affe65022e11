// `expect` as `@jest/globals` exports it (typed by the `expect` package's `Matchers`).
export { expect } from '@jest/globals';
