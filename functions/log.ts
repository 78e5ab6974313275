// Structured JSON logs. Only ids, counts and codes: never a name, an address or a message.
type Fields = Record<string, string | number | boolean | null | undefined>;

export function log(level: 'info' | 'warn' | 'error', event: string, fields: Fields = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
