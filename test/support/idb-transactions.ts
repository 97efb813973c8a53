/** Records the IndexedDB transactions a piece of code opens (under fake-indexeddb), for tests of their scope and options. */

/** One transaction as it was asked for. */
export interface OpenedTransaction {
  mode: IDBTransactionMode;
  /** Its object stores, sorted. */
  stores: string[];
  durability: IDBTransactionDurability | undefined;
}

/** Every transaction opened while `run` runs. */
export async function transactionsOpened(run: () => Promise<void>): Promise<OpenedTransaction[]> {
  const opened: OpenedTransaction[] = [];
  const proto = IDBDatabase.prototype;
  const original = proto.transaction;
  proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>): IDBTransaction {
    const [names, mode, options] = args;
    opened.push({ mode: mode ?? 'readonly', stores: (typeof names === 'string' ? [names] : [...names]).sort(), durability: options?.durability });
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.transaction = original;
  }
  return opened;
}

/** The object stores of every readwrite transaction opened while `run` runs. */
export async function readwriteScopes(run: () => Promise<void>): Promise<string[][]> {
  return (await transactionsOpened(run)).filter((t) => t.mode === 'readwrite').map((t) => t.stores);
}
