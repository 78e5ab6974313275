// Before `wrangler deploy`: refuses a deployment that still has placeholders, naming each.
// Usage: SITE_URL=https://… GRIEVANCE_CONTACT=… npm run check:deploy
import { checkoutDeployProblems } from './lib/deploy-problems.mjs';

const problems = checkoutDeployProblems();
if (problems.length > 0) {
  console.error(`Not ready to deploy:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log('Ready to deploy: no placeholder settings found.');
