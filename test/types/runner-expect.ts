// The `expect` the type tests use, by default @types/jest's global one. The tsconfigs of the
// other runners pick `runner-expect.<runner>.ts` instead, through `moduleSuffixes`.
const globalExpect = expect;
export { globalExpect as expect };
