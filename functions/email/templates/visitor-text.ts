// What a visitor typed, shown in our emails without looking like ours. Mail clients turn anything
// that looks like an address ("https://…", "www.…", "pay-here.com") into a link, and a link in an
// email from our domain reads as one we sent. So every visitor-typed value is "defanged" the way
// security teams share hostile URLs (hxxps://evil[.]com): still readable, never clickable, in
// both the HTML and the plain twin. Where a visitor's own words appear in full, they sit under a
// heading that says whose words they are.

/** The heading over what a visitor typed, in every staff email that shows it. */
export const THEIR_WORDS = 'In their words (typed by the visitor, not checked)';

// A scheme a mail client links: the letters change so no client sees a URL any more.
const SCHEME = /\b(h)tt(ps?)(:\/\/)|\b(f)t(p)(:\/\/)/gi;
// A dot between a letter or digit and a letter, as in every host name; decimals stay as they are.
const HOST_DOT = /(?<=[\p{L}\p{N}])\.(?=\p{L})/gu;

/** The text with every link-shaped part disarmed: "https://pay.example" becomes "hxxps://pay[.]example". */
export function disarm(text: string): string {
  return text
    .replace(SCHEME, (_m, h, ps, _sep, f, p) => (h ? `${h}xx${ps}[://]` : `${f}x${p}[://]`))
    .replace(HOST_DOT, '[.]');
}

/** Like disarm, for values that may be absent. */
export function disarmed(text: string | null | undefined): string | undefined {
  return text == null ? undefined : disarm(text);
}
