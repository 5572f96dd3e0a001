/**
 * Reads asked for in the same turn of the event loop, answered by one query. Every signed-in request looks up its
 * session (and the data version) before anything else; under load hundreds arrive between two turns, and one query
 * for all of them costs the database and the server a fraction of one query each.
 *
 * Freshness is unchanged: a batch's query is sent after every request in it asked (on the next `setImmediate`), so
 * each request still sees everything committed before it asked, as if it had queried alone.
 */
export interface ReadBatch<K, V> {
  /** The value for `key`, from the next batch's query; every caller in the batch fails if the query fails. */
  load(key: K): Promise<V>;
}

/**
 * A batch reader: `run` gets the distinct keys asked for since the last batch and answers with one value per key
 * (a key it leaves out gets `missing`).
 */
export function readBatch<K, V>(run: (keys: K[]) => Promise<Map<K, V>>, missing: V): ReadBatch<K, V> {
  let pending: Map<K, { resolve: (v: V) => void; reject: (e: unknown) => void }[]> | null = null;
  const flush = (batch: NonNullable<typeof pending>) => {
    // Called on a later turn: a synchronous throw of `run` must reach the callers too.
    (async () => run([...batch.keys()]))().then(
      (values) => {
        for (const [key, waiting] of batch) {
          const value = values.has(key) ? values.get(key)! : missing;
          for (const w of waiting) w.resolve(value);
        }
      },
      (e: unknown) => {
        for (const waiting of batch.values()) for (const w of waiting) w.reject(e);
      },
    );
  };
  return {
    load(key) {
      return new Promise<V>((resolve, reject) => {
        let batch = pending;
        if (batch === null) {
          const started: NonNullable<typeof pending> = new Map();
          batch = pending = started;
          setImmediate(() => {
            pending = null;
            flush(started);
          });
        }
        const waiting = batch.get(key);
        if (waiting) waiting.push({ resolve, reject });
        else batch.set(key, [{ resolve, reject }]);
      });
    },
  };
}
