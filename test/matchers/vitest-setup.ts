// What a user's vitest `setupFiles` entry does: one import registers the matchers.
import '../../src/vitest';
