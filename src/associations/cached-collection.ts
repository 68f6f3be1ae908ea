/**
 * What every association collection shares: the records are streamed page by page from
 * DynamoDB, and loaded once into a cache that `reload()` and `reset()` forget.
 * @internal
 */
export abstract class CachedCollection<T> implements AsyncIterable<T> {
  /** The loaded records, or null before the first load. @internal */
  protected loaded: T[] | null = null;

  /** The records straight from DynamoDB, page by page. @internal */
  protected abstract stream(): AsyncIterable<T>;

  /** The records: read the first time, then cached. */
  async load(): Promise<T[]> {
    if (this.loaded === null) {
      const loaded: T[] = [];
      for await (const record of this.stream()) loaded.push(record);
      this.loaded = loaded;
    }
    return [...this.loaded];
  }

  /** Same as `load()`. */
  async toArray(): Promise<T[]> {
    return this.load();
  }

  /** Forgets the cached records and loads them again. */
  async reload(): Promise<T[]> {
    this.loaded = null;
    return this.load();
  }

  /** Forgets the cached records without loading them (ActiveRecord's `reset`). */
  reset(): this {
    this.loaded = null;
    return this;
  }

  /** Iterates page by page (the cached array when loaded). */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.loaded !== null) yield* [...this.loaded];
    else yield* this.stream();
  }
}
