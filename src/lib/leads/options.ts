// The choices offered by the two forms. Values are stored and routed on; labels are what people read.
// Ships to the browser with the forms: data only.

function choices<const T extends Record<string, string>>(labels: T) {
  return { values: Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]], labels };
}

export const COMPANY_SIZES = choices({
  '1-49': '1–49 people',
  '50-249': '50–249 people',
  '250-999': '250–999 people',
  '1000-4999': '1,000–4,999 people',
  '5000+': '5,000 people or more',
});

export const INDUSTRIES = choices({
  'financial-services': 'Banking, insurance and financial services',
  healthcare: 'Healthcare and life sciences',
  manufacturing: 'Manufacturing and industrial',
  retail: 'Retail and consumer goods',
  technology: 'Technology and software',
  telecom: 'Telecommunications and media',
  energy: 'Energy and utilities',
  logistics: 'Transport and logistics',
  'public-sector': 'Public sector and education',
  other: 'Other',
});

export const AI_STAGES = choices({
  idea: 'An idea we want to explore',
  pilot: 'A pilot or proof of concept in progress',
  'pilot-stuck': 'A pilot that works but has not reached production',
  production: 'AI already in production',
});

export const TIMELINES = choices({
  now: 'As soon as possible',
  quarter: 'Within three months',
  'half-year': 'Within six months',
  exploring: 'Just exploring for now',
});

export const REGIONS = choices({
  india: 'India',
  'asia-pacific': 'Asia-Pacific (outside India)',
  'middle-east': 'Middle East',
  europe: 'Europe',
  uk: 'United Kingdom',
  'north-america': 'North America',
  'latin-america': 'Latin America',
  africa: 'Africa',
});

export const CONTACT_TOPICS = choices({
  general: 'General enquiry',
  partnership: 'Partnership',
  careers: 'Careers',
  press: 'Press',
  other: 'Something else',
});
