/** A writable that can hold its writes back (a net.Socket or an http.ServerResponse). */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Returns a function to call before each write: the writes made in one turn of the event loop are held
 * (cork) and handed to the kernel together when the turn ends (uncork in setImmediate), so a read batch of a
 * campaign's stream, hundreds of result messages, leaves in one system call instead of one per message.
 * Nothing waits longer than the current turn; the socket's own buffering and write callbacks are unchanged.
 */
export function turnWrites(target: Corkable): () => void {
  let held = false;
  return () => {
    if (held) return;
    held = true;
    target.cork();
    setImmediate(() => {
      held = false;
      target.uncork();
    });
  };
}
