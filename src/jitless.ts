/**
 * zod as the script-tag bundles see it: switched to jitless (no `new Function`: they run under a strict
 * Content-Security-Policy) as it is first evaluated, so before any schema is made, in whichever lazy chunk that
 * happens. The CDN builds resolve every `zod/mini` import to this module (rollup.config.mjs, `jitlessZod`), so
 * the first step's file carries none of zod; the npm library leaves zod's setting to its users.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export * from 'zod/mini';
