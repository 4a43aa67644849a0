// The one zod common/ (and the page) builds schemas with. Zod compiles fast paths with
// `new Function` unless told not to, and probes for it when the first object schema is built:
// under the window's CSP (no 'unsafe-eval') that probe is a reported violation. Configured here,
// in the module every schema imports `z` from, so no schema can be built before it (lint refuses
// a value import of 'zod' anywhere else in common/ and the renderer).
import { config, z } from 'zod';

// Off wherever there is a document (the window, and jsdom in tests); main and the CLI keep the JIT,
// which parses a catalog of 2,000 roles two to three times faster.
config({ jitless: 'document' in globalThis });

export { z };
