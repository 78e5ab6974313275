// HTML constraint attributes read from a field's zod schema, so the browser's own checks
// (required, maxlength, type="email") always agree with the server's.
import type { z } from 'zod';

export interface FieldConstraints {
  required: boolean;
  minLength?: number;
  maxLength?: number;
  email: boolean;
  /** Allowed values of a choice field. */
  options?: readonly string[];
}

interface Def {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  format?: string;
  entries?: Record<string, string>;
}

function walk(schema: z.core.$ZodType, found: FieldConstraints): void {
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case 'optional':
    case 'default':
      found.required = false;
      walk(def.innerType!, found);
      break;
    case 'catch':
      walk(def.innerType!, found);
      break;
    case 'pipe':
      walk(def.in!, found);
      walk(def.out!, found);
      break;
    case 'enum':
      found.options = Object.values(def.entries!);
      break;
    case 'string': {
      if (def.format === 'email') found.email = true;
      // zod's string schemas expose their length checks as minLength / maxLength (null if unset).
      const { minLength, maxLength } = schema as {
        minLength?: number | null;
        maxLength?: number | null;
      };
      if (typeof minLength === 'number')
        found.minLength = Math.max(found.minLength ?? 0, minLength);
      if (typeof maxLength === 'number') {
        found.maxLength = Math.min(found.maxLength ?? Infinity, maxLength);
      }
      break;
    }
  }
}

export function constraintsOf(schema: z.core.$ZodType): FieldConstraints {
  const found: FieldConstraints = { required: true, email: false };
  walk(schema, found);
  return found;
}
