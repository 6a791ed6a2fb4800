/**
 * The decoded size of a base64 string, from its length and padding. A module of its own: the rules and the
 * photo step need it without the application's schemas (importing them would make every schema).
 */
export function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
