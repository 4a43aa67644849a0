// Zod compiles fast paths with `new Function` unless told not to, and probes for it when the first
// object schema is built: under the window's CSP (no 'unsafe-eval') that probe is a reported CSP
// violation. Imported before the core's schemas, so they are built jitless.
import { config } from 'zod';

config({ jitless: true });
