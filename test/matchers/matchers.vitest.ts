// The shared matcher suite under vitest; `vitest-setup.ts` registered the matchers.
import { beforeEach, describe, expect, it } from 'vitest';
import { useKvsSimulator } from '../../src/vitest';
import { matcherSuite } from './suite';

matcherSuite({ name: 'vitest', describe, it, beforeEach, expect, useKvsSimulator });
