import { z } from 'zod';

/**
 * Redis streams that carry agent data from the request that accepted it to the worker that writes it to
 * MySQL. An agent is told "accepted" only after its entry is in the stream, so a replica dying between the
 * two loses nothing: another replica's worker claims the pending entry.
 */
export const AGENT_STREAMS = {
  hostWrites: { key: 'fleet:stream:host_writes', group: 'host-writers' },
  queryReports: { key: 'fleet:stream:query_reports', group: 'report-writers' },
} as const;

/** Every entry is one field `m` holding this JSON envelope; the version guards rolling upgrades. */
export const streamEnvelopeSchema = z.object({
  v: z.literal(1),
  /** Epoch ms when the request was accepted. */
  at: z.number(),
  /** W3C traceparent of the request, so a trace follows the data into the worker. */
  tp: z.string().optional(),
  data: z.unknown(),
});
export type StreamEnvelope = z.output<typeof streamEnvelopeSchema>;

const rowSchema = z.record(z.string(), z.string());

export const queryReportMessageSchema = z.object({
  queryId: z.number().int().positive(),
  hostId: z.number().int().positive(),
  at: z.number(),
  rows: z.array(rowSchema),
});
export type QueryReportMessage = z.output<typeof queryReportMessageSchema>;

const membershipSchema = z.record(z.string(), z.boolean().nullable());

export const hostWriteMessageSchema = z.object({
  hostId: z.number().int().positive(),
  at: z.number(),
  vitals: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detailUpdated: z.boolean().optional(),
  software: z.array(z.looseObject({ name: z.string(), version: z.string(), source: z.string() })).optional(),
  users: z.array(z.object({ uid: z.number(), username: z.string(), type: z.string(), groupname: z.string(), shell: z.string() })).optional(),
  labels: membershipSchema.optional(),
  policies: membershipSchema.optional(),
  labelsRan: z.boolean().optional(),
  policiesRan: z.boolean().optional(),
  refetchCleared: z.boolean().optional(),
  intervals: z.object({ distributed: z.number(), configRefresh: z.number(), loggerPeriod: z.number() }).optional(),
  publicIp: z.string().optional(),
});
export type HostWriteMessage = z.output<typeof hostWriteMessageSchema>;
