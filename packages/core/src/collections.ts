/** Appends `value` to the list under `key`, creating the list on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A map from objects to values kept on the objects themselves (a private, non-enumerable symbol
 * property), with WeakMap's get / set / has. For the per-figure and per-node facts of a check: a
 * WeakMap holding hundreds of thousands of short-lived keys is an ephemeron table the garbage
 * collector must walk on every cycle, which was a large share of a run's GC time. Like a WeakMap it
 * keeps no key alive; the slot is invisible to JSON and structured clone.
 */
export class SlotMap<K extends object, V> {
  private readonly slot = Symbol('slot');

  get(key: K): V | undefined {
    return (key as Record<symbol, V | undefined>)[this.slot];
  }

  has(key: K): boolean {
    return Object.prototype.hasOwnProperty.call(key, this.slot);
  }

  set(key: K, value: V): this {
    // A plain assignment (defineProperty is several times slower): an own symbol property, which
    // JSON and structured clone skip; a spread copy of the key carries it, and means the same thing.
    (key as Record<symbol, V>)[this.slot] = value;
    return this;
  }
}
