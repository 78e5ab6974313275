// What a visitor typed never becomes a link in our emails: web addresses are disarmed the way
// security teams share hostile URLs, readable but not clickable, and plain words stay as they are.
import { describe, expect, it } from 'vitest';
import { disarm } from '../../../functions/email/templates/visitor-text';

describe('disarm', () => {
  it.each([
    ['https://pay.example/login', 'hxxps[://]pay[.]example/login'],
    ['HTTP://EVIL.EXAMPLE', 'HxxP[://]EVIL[.]EXAMPLE'],
    ['ftp://files.example', 'fxp[://]files[.]example'],
    ['see www.evil.example now', 'see www[.]evil[.]example now'],
    ['pay-here.com', 'pay-here[.]com'],
    ['bob@mail.example', 'bob@mail[.]example'],
    ['Visit https://a.b.c.example/x?y=1.', 'Visit hxxps[://]a[.]b[.]c[.]example/x?y=1.'],
  ])('%j reads %j', (typed, shown) => {
    expect(disarm(typed)).toBe(shown);
  });

  it.each([
    'Asha Rao',
    'Budget of 2.5 crore. Start in Q3.',
    'We run a data platform team.\nCould we talk?',
    'Acme Ltd',
  ])('leaves %j as typed', (typed) => {
    expect(disarm(typed)).toBe(typed);
  });
});
