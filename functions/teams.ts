// The routing file as the Worker reads it: teams, their people and inboxes, and the rules that
// pick a team. Checked once when the Worker loads; the build has already refused a broken file.
import routingFile from '../content/routing.json';
import { routingSchema, type Routing } from '../src/lib/leads/routing-schema';

export const ROUTING: Routing = routingSchema.parse(routingFile);
