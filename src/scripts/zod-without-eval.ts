// The pages' CSP refuses eval. Zod probes for it when a schema is built, to compile faster checks,
// and browsers report even a refused probe as a policy violation. Import this before any schema.
import * as z from 'zod/mini';

z.config({ jitless: true });
