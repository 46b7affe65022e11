// The shared matcher suite under jest. Importing the entry point here does what a user's
// `setupFilesAfterEnv` file does: it registers the matchers on jest's global expect.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { useKvsSimulator } from '../../src/jest';
import { matcherSuite } from './suite';

matcherSuite({ name: 'jest', describe, it, beforeEach, expect, useKvsSimulator });
