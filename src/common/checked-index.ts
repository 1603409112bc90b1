/**
 * The element at `index` of an array whose construction guarantees it exists (a loop bound, an index taken
 * from a map built over the same array). With `noUncheckedIndexedAccess` a plain `items[i]` is `T | undefined`;
 * this says "present by construction" and fails loudly, rather than computing on `undefined`, if that breaks.
 */
export function at<T>(items: ArrayLike<T>, index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    throw new RangeError(
      `index ${index} is outside 0..${items.length - 1}: an invariant of the caller broke`,
    );
  }
  return items[index] as T;
}

/** The first element of a list that cannot be empty, such as the rows of a query that always returns one. */
export function first<T>(items: ArrayLike<T>): T {
  return at(items, 0);
}
