import * as c from '@fleet/contracts';
import type { RouteContract } from './route-contracts';

const list = c.listQuerySchema;

/** Contracts of the labels, queries, policies, specs and software routes (see ROUTE_CONTRACTS). */
const CONTENT: Readonly<Record<string, RouteContract>> = {
  'GET /labels': { summary: 'List labels', query: list, response: c.labelsResponseSchema },
  'GET /labels/summary': { summary: 'Label ids, names and types', response: c.labelsSummaryResponseSchema },
  'POST /labels': { summary: 'Create a dynamic (query) or manual (hosts) label', body: c.createLabelRequestSchema, response: c.labelResponseSchema },
  'GET /labels/:id': { summary: 'A label', response: c.labelResponseSchema },
  'PATCH /labels/:id': { summary: 'Modify a label', body: c.modifyLabelRequestSchema, response: c.labelResponseSchema },
  'GET /labels/:id/hosts': { summary: "A label's hosts", query: c.hostFiltersQuerySchema, response: c.hostsResponseSchema },
  'DELETE /labels/id/:id': { summary: 'Delete a label by id' },
  'DELETE /labels/:name': { summary: 'Delete a label by name' },
  'GET /queries': { summary: 'List saved queries', query: list, response: c.queriesResponseSchema },
  'POST /queries': { summary: 'Create a saved query', body: c.createQueryRequestSchema, response: c.queryResponseSchema },
  'POST /queries/delete': { summary: 'Delete saved queries by id', body: c.idsRequestSchema, response: c.deletedResponseSchema },
  'GET /queries/:id': { summary: 'A saved query', response: c.queryResponseSchema },
  'PATCH /queries/:id': { summary: 'Modify a saved query', body: c.modifyQueryRequestSchema, response: c.queryResponseSchema },
  'GET /queries/:id/report': { summary: "A scheduled query's stored results", response: c.queryReportResponseSchema },
  'DELETE /queries/id/:id': { summary: 'Delete a saved query by id' },
  'DELETE /queries/:name': { summary: 'Delete a saved query by name (team_id in the query string)' },
  'GET /global/policies': { summary: 'List global policies', query: list, response: c.policiesResponseSchema },
  'POST /global/policies': { summary: 'Create a global policy', body: c.createPolicyRequestSchema, response: c.policyResponseSchema },
  'POST /global/policies/delete': { summary: 'Delete global policies', body: c.idsRequestSchema, response: c.deletedResponseSchema },
  'GET /global/policies/:id': { summary: 'A global policy', response: c.policyResponseSchema },
  'PATCH /global/policies/:id': { summary: 'Modify a global policy', body: c.modifyPolicyRequestSchema, response: c.policyResponseSchema },
  'GET /teams/:id/policies': { summary: "A team's and inherited policies", query: list, response: c.teamPoliciesResponseSchema },
  'POST /teams/:id/policies': { summary: 'Create a team policy', body: c.createPolicyRequestSchema, response: c.policyResponseSchema },
  'POST /teams/:id/policies/delete': { summary: 'Delete team policies', body: c.idsRequestSchema, response: c.deletedResponseSchema },
  'GET /teams/:id/policies/:policy_id': { summary: 'A team policy', response: c.policyResponseSchema },
  'PATCH /teams/:id/policies/:policy_id': { summary: 'Modify a team policy', body: c.modifyPolicyRequestSchema, response: c.policyResponseSchema },
  'GET /spec/queries': { summary: 'Query specs (fleetctl get queries)', response: c.querySpecsResponseSchema },
  'GET /spec/queries/:name': { summary: 'One query spec' },
  'POST /spec/queries': { summary: 'Apply query specs', body: c.applyQuerySpecsRequestSchema },
  'GET /spec/labels': { summary: 'Label specs', response: c.labelSpecsResponseSchema },
  'GET /spec/labels/:name': { summary: 'One label spec' },
  'POST /spec/labels': { summary: 'Apply label specs', body: c.applyLabelSpecsRequestSchema },
  'POST /spec/policies': { summary: 'Apply policy specs', body: c.applyPolicySpecsRequestSchema },
  'POST /spec/teams': { summary: 'Apply team specs', body: c.applyTeamSpecsRequestSchema, response: c.teamSpecsResponseSchema },
  'GET /software': { summary: 'Software versions (deprecated path)', query: list, response: c.softwareListResponseSchema },
  'GET /software/versions': { summary: 'Software versions with host counts', query: list, response: c.softwareListResponseSchema },
  'GET /software/versions/:id': { summary: 'A software version', response: c.softwareVersionResponseSchema },
};

/** `/policies` (2022-04) serves the `/global/policies` handlers; the count routes answer `{count}`. */
export const CONTENT_ROUTE_CONTRACTS: Readonly<Record<string, RouteContract>> = {
  ...CONTENT,
  ...Object.fromEntries(Object.entries(CONTENT).filter(([k]) => k.includes(' /global/policies')).map(([k, v]) => [k.replace('/global/policies', '/policies'), v])),
  'GET /policies/count': { summary: 'Count global policies', query: list, response: c.countResponseSchema },
  'GET /software/count': { summary: 'Count software versions', query: list, response: c.countResponseSchema },
};
