/**
 * Callbacks, in ActiveRecord's order. Registered in a model's static block:
 *
 * ```ts
 * class Job extends Table.schema({ attributes: { name: attr.string() } }) {
 *   static {
 *     this.beforeSave((job) => { job.name = job.name.trim(); });
 *     this.aroundSave(async (job, next) => { const t = Date.now(); await next(); log(Date.now() - t); });
 *     this.afterCommit('notify'); // a method name
 *   }
 *   notify() { … }
 * }
 * ```
 * A before-callback that returns `false` halts the chain: `save` resolves to false.
 */

import type { MethodName } from './schema/record-types.js';

/** The events that have callbacks. */
export type CallbackEvent =
  'initialize' | 'validation' | 'save' | 'create' | 'update' | 'destroy' | 'touch' | 'commit';

/** A callback: a function of the record, or the name of one of its methods. */
export type Callback<R> = ((record: R) => unknown) | MethodName<R>;
/**
 * An around-callback: must call `next()` for the action (and the inner callbacks) to happen.
 * A method named instead of a function is given `next`.
 */
export type AroundCallback<R> =
  | ((record: R, next: () => Promise<void>) => unknown)
  | MethodName<R, (next: () => Promise<void>) => unknown>;

interface Chain {
  before: Callback<unknown>[];
  around: AroundCallback<unknown>[];
  /**
   * The library's own steps of the action (a destroy's dependents and links), run once every
   * before- and around-callback has let it go on, in declaration order, just before `body`:
   * nothing can halt the action after they ran, and nothing can undo them.
   */
  prepare: Callback<unknown>[];
  after: Callback<unknown>[];
}

/** A model's callbacks; a subclass starts with a copy of its parent's. @internal */
export class CallbackRegistry {
  private readonly chains = new Map<CallbackEvent, Chain>();

  add(
    event: CallbackEvent,
    timing: keyof Chain,
    callback: Callback<unknown> | AroundCallback<unknown>,
  ): void {
    if (typeof callback !== 'function' && typeof callback !== 'string') {
      throw new TypeError(`A ${timing} ${event} callback must be a function or a method name`);
    }
    this.chain(event)[timing].push(callback as never);
  }

  copy(): CallbackRegistry {
    const copy = new CallbackRegistry();
    for (const [event, chain] of this.chains) {
      copy.chains.set(event, {
        before: [...chain.before],
        around: [...chain.around],
        prepare: [...chain.prepare],
        after: [...chain.after],
      });
    }
    return copy;
  }

  has(event: CallbackEvent): boolean {
    const chain = this.chains.get(event);
    return (
      chain !== undefined &&
      chain.before.length + chain.around.length + chain.prepare.length + chain.after.length > 0
    );
  }

  /**
   * Runs before-callbacks, then the around-callbacks nested around the prepare steps and
   * `body`, then after-callbacks. Resolves to false when a before-callback or a prepare step
   * returned false or an around-callback did not call `next()`.
   */
  run(event: CallbackEvent, record: object, body: () => Promise<void>): Promise<boolean> {
    const chain = this.chains.get(event);
    // No callbacks: the body alone, without another async frame on every save.
    if (!chain) return body().then(ranToEnd);
    return this.runChain(chain, record, body);
  }

  private async runChain(
    chain: Chain,
    record: object,
    body: () => Promise<void>,
  ): Promise<boolean> {
    for (const callback of chain.before) {
      if ((await invoke(record, callback, [])) === false) return false;
    }
    let ran = false;
    const innermost = async () => {
      for (const step of chain.prepare) if ((await invoke(record, step, [])) === false) return;
      ran = true;
      await body();
    };
    const wrapped = chain.around.reduceRight<() => Promise<void>>(
      (next, around) => async () => {
        await invoke(record, around, [next]);
      },
      innermost,
    );
    await wrapped();
    if (!ran) return false;
    for (const callback of chain.after) await invoke(record, callback, []);
    return true;
  }

  /** Runs the after-callbacks of an event that has no before or around (initialize, commit). */
  runAfterSync(event: CallbackEvent, record: object): void {
    const chain = this.chains.get(event);
    if (!chain) return;
    for (const callback of chain.after) void invoke(record, callback, []);
  }

  private chain(event: CallbackEvent): Chain {
    let chain = this.chains.get(event);
    if (!chain) {
      chain = { before: [], around: [], prepare: [], after: [] };
      this.chains.set(event, chain);
    }
    return chain;
  }
}

const ranToEnd = (): boolean => true;

function invoke(
  record: object,
  callback: Callback<unknown> | AroundCallback<unknown>,
  extra: unknown[],
): unknown {
  if (typeof callback === 'function')
    return (callback as (...args: unknown[]) => unknown)(record, ...extra);
  const method = (record as Record<string, unknown>)[callback];
  if (typeof method !== 'function') {
    throw new TypeError(
      `Callback method '${callback}' is not defined on ${record.constructor.name}`,
    );
  }
  return (method as (...args: unknown[]) => unknown).call(record, ...extra);
}
