import { createKvsSimulator, type KvsSimulator, type KvsSimulatorOptions } from '../simulator';

/** The hooks of the runner a helper registers with: jest's globals or vitest's imports. */
export interface LifecycleHooks {
  beforeAll(fn: () => unknown): unknown;
  beforeEach(fn: () => unknown): unknown;
  afterEach(fn: () => unknown): unknown;
  afterAll(fn: () => unknown): unknown;
}

/**
 * Creates a simulator and ties it to the runner's hooks of the current scope (file or
 * `describe`): installed for every client before the first test, reset after each test,
 * restored after the last. Both entry points' `useKvsSimulator` are this with their own hooks.
 */
export function useSimulatorWith(hooks: LifecycleHooks, options: KvsSimulatorOptions): KvsSimulator {
  const kvs = createKvsSimulator(options);
  hooks.beforeAll(() => kvs.install());
  // Installing again is a no-op, except after `jest.resetModules()` (or `resetModules: true`):
  // then it patches the fresh SDK copy the test is about to load.
  hooks.beforeEach(() => kvs.install());
  hooks.afterEach(() => kvs.reset());
  hooks.afterAll(() => kvs.restore());
  return kvs;
}
