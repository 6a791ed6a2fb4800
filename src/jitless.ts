/**
 * Zod without `new Function`: the script-tag bundle runs under a strict Content-Security-Policy. Zod decides
 * when a schema is made, so this module is imported before any schema module.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });
