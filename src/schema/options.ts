/*
 * A component's options, declared once in a table (the GOV.UK Frontend idea of `static defaults`, with
 * the `static schema` beside it under the same keys). Each row gives the attribute, the property (the row's key), the type as
 * documented, how the attribute's text becomes a value, the default, and one line of documentation (the row's
 * JSDoc comment, so the text costs the bundle nothing). From the table come the element's reactive properties
 * (`optionProperties`), the reading of attributes (`readOptions`), the defaults (`optionDefaults`), the
 * manifest's attributes (a plugin in docs/custom-elements-manifest.config.mjs) and the attribute table of the
 * docs (`optionsMarkdown`, checked by test/node/options.test.ts). The schemas that check the values are kept
 * apart, keyed by the same names (for `<ak1-form>`, src/schema/config.ts): the element reads its table before
 * its first step shows, and zod is not needed until later. Nothing here imports lit or zod, so the element,
 * the schema and Node can all use it.
 */

/** One option of a component. */
export interface OptionSpec {
  /** The attribute, kebab-case. */
  readonly attribute: string;
  /** The type as the documentation names it (`text`, `URL`, `number`, …); `boolean` is a presence attribute. */
  readonly type: string;
  /** The value when neither the attribute nor the `config` property sets one. */
  readonly default?: unknown;
  /** The attribute's text as a value; malformed text is returned as it is, so the schema can name the mistake. */
  readonly parse?: (text: string) => unknown;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** Declares a table (an identity function: it keeps the rows' types, and marks the table for the manifest plugin). */
export function defineOptions<const T extends OptionTable>(table: T): T {
  return table;
}

/** The attribute's text with the spaces around it removed. */
export const trimmed = (text: string): string => text.trim();

/** A whole number; anything else stays text for the schema to refuse. */
export const wholeNumber = (text: string): unknown => (/^\s*\d+\s*$/.test(text) ? Number(text) : text);

/** A comma list of upper-case codes (`KTP, ijazah` → `['KTP', 'IJAZAH']`). */
export const codeList = (text: string): string[] =>
  text
    .split(',')
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);

/** A presence attribute: on unless its text is `false`. */
export const presence = (text: string): boolean => text !== 'false';

/** The options' properties as the element holds them: the attribute's text, or a boolean for presence attributes. */
export type OptionProperties<T extends OptionTable> = {
  -readonly [K in keyof T]: T[K]['type'] extends 'boolean' ? boolean : string | undefined;
};

/** The table's defaults, as declared. */
export type OptionDefaults<T extends OptionTable> = { [K in keyof T]?: T[K]['default'] };

/** Lit's reactive property declarations for the table (a plain object: `static properties` takes it as is). */
export function optionProperties<T extends OptionTable>(
  table: T,
): { [K in keyof T]: { attribute: string; type: BooleanConstructor | StringConstructor } } {
  return Object.fromEntries(
    Object.entries(table).map(([key, spec]) => [key, { attribute: spec.attribute, type: spec.type === 'boolean' ? Boolean : String }]),
  ) as { [K in keyof T]: { attribute: string; type: BooleanConstructor | StringConstructor } };
}

/**
 * The options an element's properties set (from their attributes, or directly from script), parsed. An
 * absent, empty or `false` property sets nothing, so the `config` property or the default shows through.
 */
export function readOptions<T extends OptionTable>(table: T, element: object): Partial<Record<keyof T, unknown>> {
  const values: Partial<Record<keyof T, unknown>> = {};
  for (const [key, spec] of Object.entries(table) as Array<[keyof T & string, OptionSpec]>) {
    const value: unknown = (element as Record<string, unknown>)[key];
    if (value === undefined || value === null || value === '' || value === false) continue;
    values[key] = (spec.parse ?? trimmed)(String(value));
  }
  return values;
}

/** The table's defaults. */
export function optionDefaults<T extends OptionTable>(table: T): OptionDefaults<T> {
  return Object.fromEntries(
    Object.entries(table)
      .filter(([, spec]) => spec.default !== undefined)
      .map(([key, spec]) => [key, spec.default]),
  ) as OptionDefaults<T>;
}

/** One row of the documentation: the table's columns with the row's doc comment. */
export interface OptionDoc {
  property: string;
  attribute: string;
  type: string;
  default: unknown;
  doc: string;
}

/** The attribute table of a component's documentation (Markdown), one row per option, in the table's order. */
export function optionsMarkdown(rows: readonly OptionDoc[]): string {
  const cell = (value: unknown) => (value === undefined ? '' : `\`${JSON.stringify(value)}\``);
  return [
    '| attribute | property | type | default | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| \`${row.attribute}\` | \`${row.property}\` | ${row.type} | ${cell(row.default)} | ${row.doc} |`),
  ].join('\n');
}
