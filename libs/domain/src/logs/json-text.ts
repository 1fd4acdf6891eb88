/**
 * The JSON text of a value that came from `JSON.parse` (objects, arrays, strings, numbers, booleans, null),
 * the same text `JSON.stringify` gives, at any nesting depth. V8's `JSON.parse` takes documents nested
 * hundreds of thousands of levels deep but its `JSON.stringify` recurses and overflows the stack past a few
 * thousand; agent data is re-serialised after parsing (log lines, nested column values), so a value that
 * parsed must also serialise, or the agent's batch would fail on every retry. Shallow values take the native
 * path; only a value that overflows it is written out with an explicit stack.
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (err) {
    if (err instanceof RangeError) return jsonTextIteratively(value);
    throw err;
  }
}

type Frame =
  | { readonly kind: 'array'; readonly items: readonly unknown[]; next: number }
  | { readonly kind: 'object'; readonly object: Readonly<Record<string, unknown>>; readonly keys: readonly string[]; next: number; written: number };

/** Leaves and keys still go through `JSON.stringify` (for its escaping), which never recurses on them. */
function jsonTextIteratively(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (value: unknown): void => {
    if (Array.isArray(value)) {
      out.push('[');
      stack.push({ kind: 'array', items: value, next: 0 });
    } else if (value !== null && typeof value === 'object') {
      out.push('{');
      const object = value as Record<string, unknown>;
      stack.push({ kind: 'object', object, keys: Object.keys(object), next: 0, written: 0 });
    } else {
      out.push(JSON.stringify(value) ?? 'null');
    }
  };
  open(root);
  for (let top = stack.at(-1); top; top = stack.at(-1)) {
    if (top.kind === 'array') {
      if (top.next >= top.items.length) {
        out.push(']');
        stack.pop();
        continue;
      }
      if (top.next > 0) out.push(',');
      open(top.items[top.next++]);
      continue;
    }
    if (top.next >= top.keys.length) {
      out.push('}');
      stack.pop();
      continue;
    }
    const key = top.keys[top.next++];
    const child = top.object[key];
    // As JSON.stringify does: members whose value has no JSON form are left out.
    if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
    if (top.written++ > 0) out.push(',');
    out.push(`${JSON.stringify(key)}:`);
    open(child);
  }
  return out.join('');
}
