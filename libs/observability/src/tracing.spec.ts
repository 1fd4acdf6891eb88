import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { activeTraceparent, inConsumerSpan, spanContextOfTraceparent } from './tracing';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

describe('trace context in messages', () => {
  it('writes the W3C traceparent of a span context and reads it back as a remote parent', () => {
    const active = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: SPAN, traceFlags: TraceFlags.SAMPLED });
    const tp = activeTraceparent(active);
    expect(tp).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(spanContextOfTraceparent(tp ?? '')).toEqual({ traceId: TRACE, spanId: SPAN, traceFlags: 1, isRemote: true });
  });

  it('writes nothing when no span is active, which is always the case with tracing off', () => {
    expect(activeTraceparent()).toBeUndefined();
    expect(activeTraceparent(ROOT_CONTEXT)).toBeUndefined();
  });

  it('reads nothing from a malformed or invalid traceparent', () => {
    for (const bad of ['', 'garbage', `00-${TRACE}-${SPAN}`, `ff-${TRACE}-${SPAN}-01`, `00-${'0'.repeat(32)}-${SPAN}-01`, `00-${TRACE}-${'0'.repeat(16)}-01`, `00-${TRACE.toUpperCase()}-${SPAN}-01`, `00-${TRACE}-${SPAN}-01-extra`]) {
      expect(spanContextOfTraceparent(bad)).toBeUndefined();
    }
    expect(spanContextOfTraceparent(`01-${TRACE}-${SPAN}-00-future`)).toMatchObject({ traceId: TRACE, traceFlags: 0 });
  });

  it('runs the work as is and passes on its result or failure when no tracer is registered', async () => {
    await expect(inConsumerSpan('process s', {}, [`00-${TRACE}-${SPAN}-01`, undefined], () => Promise.resolve(42))).resolves.toBe(42);
    await expect(inConsumerSpan('process s', {}, [], () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });
});
