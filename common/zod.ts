// The one zod common/ (and the page) builds schemas with. Zod compiles fast paths with
// `new Function` unless told not to, and probes for it when the first object schema is built:
// under the window's CSP (no 'unsafe-eval') that probe is a reported violation. Configured here,
// in the module every schema imports `z` from, so no schema can be built before it (lint refuses
// a value import of 'zod' anywhere else in common/ and the renderer). Main and the CLI share the
// setting: they parse a few small documents, where the JIT gains nothing that matters.
import { config, z } from 'zod';

config({ jitless: true });

export { z };
