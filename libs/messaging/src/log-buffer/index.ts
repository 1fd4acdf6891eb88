export { LOG_BATCH_MEMORY_SECONDS, LOG_BUFFER_CHUNK, LogBufferStore } from './log-buffer.store';
export type { BufferOutcome, LogBufferState } from './log-buffer.store';
export { LogBufferConsumers } from './log-buffer.consumers';
export type { LogBufferConsumerOptions, LogBufferHandler } from './log-buffer.consumers';
