import type { FC } from 'hono/jsx';
import type { FaultRule } from '../http/fault-rules.js';
import type { JournalEntry } from '../http/journal.js';
import { FaultSection, JournalSection, type WebhookEventView, WebhookSection } from './activity-sections.js';
import { ClientsSection, ClockSection } from './clock-and-clients.js';
import { CustomerCard } from './customer-section.js';
import type { CustomerView, TokenView } from './inspector-view.js';
import { Page } from './layout.js';

/** Everything the inspector page shows, read in one transaction plus the instance's journal and faults. */
export interface InspectorProps {
  now: string;
  offsetSeconds: number;
  customers: CustomerView[];
  clients: { client_id: string; scopes: string[]; description: string }[];
  tokens: TokenView[];
  events: WebhookEventView[];
  faults: (FaultRule & { active: boolean })[];
  journal: JournalEntry[];
  held: number;
  notice?: string | undefined;
  error?: string | undefined;
}

/** The inspector (`GET /__mock/ui`): server-rendered, readable without JavaScript, actions as plain forms. */
export const InspectorPage: FC<InspectorProps> = (props) => (
  <Page title="Inspector" notice={props.notice} error={props.error}>
    <ClockSection now={props.now} offsetSeconds={props.offsetSeconds} />
    <section id="customers">
      <h2>Customers ({props.customers.length})</h2>
      {props.customers.map((customer) => (
        <CustomerCard customer={customer} />
      ))}
    </section>
    <ClientsSection clients={props.clients} tokens={props.tokens} />
    <WebhookSection events={props.events} />
    <FaultSection faults={props.faults} />
    <JournalSection entries={props.journal} held={props.held} />
  </Page>
);
