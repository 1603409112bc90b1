/**
 * Gathers the calls made within one turn of the event loop into one call with all their keys: the
 * `notifications` workers each read a row before sending and mark it sent after, and under load one query
 * for the twenty of them costs what one costs alone. Every caller still waits for its own result, so a job
 * completes only once its row is written.
 */
export class Batched<K, V> {
  private pending: { key: K; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (keys: K[]) => Promise<V[]>,
    private readonly maxBatch = 500,
  ) {}

  call(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    this.run(batch.map((call) => call.key)).then(
      (values) => batch.forEach((call, i) => call.resolve(values[i]!)),
      (error: unknown) => batch.forEach((call) => call.reject(error)),
    );
  }
}
