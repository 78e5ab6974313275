// Cal.com signs each webhook with its secret: X-Cal-Signature-256 is the hex HMAC-SHA256 of the
// raw body. Checked by crypto.subtle.verify, which compares in constant time.

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export async function validCalcomSignature(
  body: string,
  signature: string | null,
  secret: string,
): Promise<boolean> {
  const hex = signature?.trim().replace(/^sha256=/, '') ?? '';
  if (!HEX_SHA256.test(hex)) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify('HMAC', key, hexBytes(hex), encoder.encode(body));
}
