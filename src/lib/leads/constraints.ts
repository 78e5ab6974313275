// HTML constraint attributes read from a field's zod schema, so the browser's own checks
// (required, maxlength, type="email") always agree with the server's.
import type * as z from 'zod/mini';

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
  checks?: z.core.$ZodCheck[];
}

/** What a length check records in its definition (zod and zod/mini build the same checks). */
interface LengthCheck {
  check: string;
  minimum?: number;
  maximum?: number;
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
      for (const check of def.checks ?? []) {
        const { check: kind, minimum, maximum } = check._zod.def as LengthCheck;
        if (kind === 'min_length') found.minLength = Math.max(found.minLength ?? 0, minimum!);
        if (kind === 'max_length') {
          found.maxLength = Math.min(found.maxLength ?? Infinity, maximum!);
        }
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
