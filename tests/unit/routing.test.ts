// The routing rules in content/routing.json, read as a specification of who gets which lead.
import { describe, expect, it } from 'vitest';
import { routeLead, type RoutableLead } from '../../functions/leads/routing';
import { ROUTING } from '../../functions/teams';
import { routingSchema } from '../../src/lib/leads/routing-schema';

type AssessmentFields = Extract<RoutableLead, { form: 'assessment' }>['fields'];
type ContactFields = Extract<RoutableLead, { form: 'contact' }>['fields'];

const assessment = (fields: Partial<AssessmentFields>): RoutableLead => ({
  form: 'assessment',
  fields: { companySize: '50-249', region: 'india', ...fields } as AssessmentFields,
});
const contact = (topic: ContactFields['topic']): RoutableLead => ({
  form: 'contact',
  fields: { topic } as ContactFields,
});

describe('content/routing.json', () => {
  it.each([
    [
      'an assessment from a company of 5,000+',
      assessment({ companySize: '5000+' }),
      'large-company-assessment',
      'enterprise-sales@example.com',
    ],
    [
      'an assessment from a company of 1,000–4,999 abroad',
      assessment({ companySize: '1000-4999', region: 'europe' }),
      'large-company-assessment',
      'enterprise-sales@example.com',
    ],
    [
      'an assessment from a smaller company in Europe',
      assessment({ region: 'europe' }),
      'international-assessment',
      'international-sales@example.com',
    ],
    [
      'an assessment from a smaller company in North America',
      assessment({ region: 'north-america' }),
      'international-assessment',
      'international-sales@example.com',
    ],
    [
      'an assessment from a smaller company in India',
      assessment({}),
      'assessment',
      'sales@example.com',
    ],
    ['a partnership message', contact('partnership'), 'partnership', 'partners@example.com'],
    ['a careers message', contact('careers'), 'careers', 'careers@example.com'],
    ['a press message', contact('press'), 'press', 'press@example.com'],
    ['a general message', contact('general'), 'default', 'hello@example.com'],
    ['any other message', contact('other'), 'default', 'hello@example.com'],
  ])('%s goes by rule "%s" to %s', (_case, lead, rule, inbox) => {
    expect(routeLead(lead)).toMatchObject({ rule, to: [inbox] });
  });
});

describe('the routing schema', () => {
  const valid = {
    teams: {
      sales: {
        name: 'Sales',
        inboxes: ['sales@example.com'],
        members: [{ name: 'Owner', email: 'owner@example.com' }],
        lead: { name: 'Lead', email: 'lead@example.com' },
      },
    },
    rules: [{ name: 'all', when: { form: 'assessment' }, team: 'sales' }],
    defaultTeam: 'sales',
  };

  it('accepts the file in the repository', () => {
    expect(routingSchema.safeParse(ROUTING).success).toBe(true);
  });

  it.each([
    [
      'a rule naming a team that does not exist',
      { rules: [{ name: 'x', when: {}, team: 'ghosts' }] },
      'rules.0.team',
    ],
    ['a default team that does not exist', { defaultTeam: 'ghosts' }, 'defaultTeam'],
    [
      'a condition on an unknown value',
      { rules: [{ name: 'x', when: { companySize: ['huge'] }, team: 'sales' }] },
      'rules.0.when.companySize.0',
    ],
    [
      'a condition on an unknown field',
      { rules: [{ name: 'x', when: { budget: ['big'] }, team: 'sales' }] },
      'rules.0.when',
    ],
    [
      'an inbox that is not an address',
      { teams: { sales: { ...valid.teams.sales, inboxes: ['sales'] } } },
      'teams.sales.inboxes.0',
    ],
    [
      'two rules with one name',
      {
        rules: [
          { name: 'a', when: {}, team: 'sales' },
          { name: 'a', when: {}, team: 'sales' },
        ],
      },
      'rules.1.name',
    ],
  ])('refuses %s', (_case, change, path) => {
    const result = routingSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('sends a lead no rule matches to the default team', () => {
    const routing = routingSchema.parse({ ...valid, rules: [] });
    expect(routeLead(contact('press'), routing)).toEqual({
      rule: 'default',
      team: 'sales',
      teamName: 'Sales',
      to: ['sales@example.com'],
    });
  });
});
