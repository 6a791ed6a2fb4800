interface ProcessWithBuiltins {
  getBuiltinModule?(id: string): unknown;
}

/**
 * A Node built-in module, reached through `process.getBuiltinModule` (Node 20.16+) rather than an import:
 * `ak1-form/server` stays importable in a browser (the msw mocks run the handler there), and bundlers see
 * nothing Node-only to resolve. `feature` names what needs it, for the error elsewhere.
 */
export function nodeBuiltin<T>(id: string, feature: string): T {
  const module = (globalThis as { process?: ProcessWithBuiltins }).process?.getBuiltinModule?.(id) as T | undefined;
  if (!module) throw new Error(`${feature} runs in Node 20.16 or later only`);
  return module;
}
