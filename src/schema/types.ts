import type * as z from 'zod/mini';
import type { applicationFields } from './application.js';

type Fields = typeof applicationFields;
type OptionalKeys = { [K in keyof Fields]: undefined extends z.output<Fields[K]> ? K : never }[keyof Fields];

/** A valid AK/I application, as `validateApplication` returns it and the server stores it. */
export type Ak1Application = { [K in Exclude<keyof Fields, OptionalKeys>]: z.output<Fields[K]> } & {
  [K in OptionalKeys]?: Exclude<z.output<Fields[K]>, undefined>;
};

/** What may be passed in: the same shape, before normalisation (phones as typed, NIK with spaces …). */
export type Ak1ApplicationInput = { [K in Exclude<keyof Fields, OptionalKeys>]: z.input<Fields[K]> } & {
  [K in OptionalKeys]?: z.input<Fields[K]>;
};
