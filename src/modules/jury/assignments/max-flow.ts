import { at } from '../../../common/checked-index.js';

/**
 * Maximum flow by Dinic's algorithm on integer capacities. Small and general on purpose: the assignment
 * problem is stated as a network in `auto-assign.ts`, where the reasoning lives.
 */
export class FlowNetwork {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly capacity: number[] = [];
  private level: number[] = [];
  private cursor: number[] = [];

  constructor(readonly size: number) {
    this.head = new Array<number>(size).fill(-1);
  }

  /** Adds an edge and returns its index (to read its flow later). */
  addEdge(from: number, to: number, capacity: number): number {
    const index = this.to.length;
    this.push(from, to, capacity);
    this.push(to, from, 0);
    return index;
  }

  /** Flow currently on an edge made by `addEdge`: what its reverse edge has gained. */
  flowOn(edge: number): number {
    return at(this.capacity, edge ^ 1);
  }

  maxFlow(source: number, sink: number): number {
    let total = 0;
    while (this.buildLevels(source, sink)) {
      this.cursor = [...this.head];
      for (
        let pushed = this.augment(source, sink, Infinity);
        pushed > 0;
        pushed = this.augment(source, sink, Infinity)
      )
        total += pushed;
    }
    return total;
  }

  private push(from: number, to: number, capacity: number): void {
    this.to.push(to);
    this.capacity.push(capacity);
    this.next.push(at(this.head, from));
    this.head[from] = this.to.length - 1;
  }

  /** Breadth-first distances from the source over edges with room left; false once the sink is cut off. */
  private buildLevels(source: number, sink: number): boolean {
    this.level = new Array<number>(this.size).fill(-1);
    this.level[source] = 0;
    const queue = [source];
    for (let i = 0; i < queue.length; i++) {
      const node = at(queue, i);
      for (let e = at(this.head, node); e !== -1; e = at(this.next, e)) {
        const target = at(this.to, e);
        if (at(this.capacity, e) > 0 && at(this.level, target) === -1) {
          this.level[target] = at(this.level, node) + 1;
          queue.push(target);
        }
      }
    }
    return at(this.level, sink) !== -1;
  }

  /** One augmenting path along strictly increasing levels (iterative, so deep networks cannot overflow the stack). */
  private augment(source: number, sink: number, limit: number): number {
    const path: number[] = [];
    let node = source;
    for (;;) {
      if (node === sink) {
        const pushed = path.reduce((min, e) => Math.min(min, at(this.capacity, e)), limit);
        for (const e of path) {
          this.capacity[e] = at(this.capacity, e) - pushed;
          this.capacity[e ^ 1] = at(this.capacity, e ^ 1) + pushed;
        }
        return pushed;
      }
      let e = at(this.cursor, node);
      while (e !== -1 && !this.isForward(e, node)) e = at(this.next, e);
      this.cursor[node] = e;
      if (e !== -1) {
        path.push(e);
        node = at(this.to, e);
        continue;
      }
      // Dead end: never try this node again in this phase, and step back.
      this.level[node] = -1;
      const back = path.pop();
      if (back === undefined) return 0;
      node = at(this.to, back ^ 1);
      this.cursor[node] = at(this.next, at(this.cursor, node));
    }
  }

  /** Edge `e` out of `node` has room left and leads one level further from the source. */
  private isForward(e: number, node: number): boolean {
    return at(this.capacity, e) > 0 && at(this.level, at(this.to, e)) === at(this.level, node) + 1;
  }
}
