// Where Cloudflare Turnstile lives: the form script loads it, the form pages' policy allows it.
// Ships to the browser: data only.
export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
export const TURNSTILE_SCRIPT = `${TURNSTILE_ORIGIN}/turnstile/v0/api.js`;
