/**
 * What a matcher needs from its runner, typed as the common ground of jest's and vitest's
 * `this`: both hand `expect.extend` matchers an object with these members. Nothing here imports
 * either runner, so the matchers run under whichever one registered them, in its own style.
 */

/** An equality tester as both runners pass them (`this.customTesters`, `utils.subsetEquality`). */
export type Tester = (this: any, a: any, b: any, customTesters: any[]) => boolean | undefined;

/** The formatting helpers of `this.utils` that the matchers use. */
export interface MatcherUtils {
  matcherHint(matcherName: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string; comment?: string }): string;
  printExpected(value: unknown): string;
  printReceived(value: unknown): string;
  /** jest returns null and vitest undefined when there is nothing to show. */
  diff(expected: unknown, received: unknown, options?: any): string | null | undefined;
  subsetEquality: Tester;
  iterableEquality: Tester;
}

/** `this` inside a matcher, under jest or vitest. */
export interface MatcherContext {
  isNot?: boolean;
  promise?: string;
  customTesters?: Tester[];
  equals(a: unknown, b: unknown, customTesters?: Tester[], strictCheck?: boolean): boolean;
  utils: MatcherUtils;
}

/** What a matcher returns; the runner inverts `pass` under `.not` and throws `message()` on failure. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** Anything with `asymmetricMatch`, e.g. `expect.stringContaining('x')` or `expect.objectContaining({})`. */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown, ...rest: any[]): boolean;
}
