/**
 * The eighteen callback registrars (`beforeSave`, `aroundUpdate`, `afterCommit`, …), made from
 * one table of events and the timings each has, and typed from the same table.
 */
import type { AroundCallback, Callback, CallbackEvent } from '../callbacks.js';
import { callbacksOf } from '../schema/model-class.js';
import type { ModelType, Table } from '../table.js';
import { asModel } from './core.js';
import { TableManagement } from './table-management.js';

type Timing = 'before' | 'after' | 'around';

/** Which timings each event has, in ActiveRecord's order. */
const TIMINGS = {
  initialize: ['after'],
  validation: ['before', 'after'],
  save: ['before', 'after', 'around'],
  create: ['before', 'after', 'around'],
  update: ['before', 'after', 'around'],
  destroy: ['before', 'after', 'around'],
  touch: ['before', 'after'],
  commit: ['after'],
} as const satisfies Record<CallbackEvent, readonly Timing[]>;

/** `beforeSave`, `aroundUpdate`, `afterCommit`, …: a timing, then the event. */
export type CallbackRegistrarName = {
  [E in keyof typeof TIMINGS]: `${(typeof TIMINGS)[E][number]}${Capitalize<E>}`;
}[keyof typeof TIMINGS];

/** `Model.beforeSave(callback)` and its seventeen siblings. */
export type CallbackRegistrars = {
  readonly [N in CallbackRegistrarName]: N extends `around${string}`
    ? <T extends Table>(this: ModelType<T>, callback: AroundCallback<T>) => void
    : <T extends Table>(this: ModelType<T>, callback: Callback<T>) => void;
};

abstract class CallbackRegistration extends TableManagement {}

for (const [event, timings] of Object.entries(TIMINGS) as [CallbackEvent, readonly Timing[]][]) {
  for (const timing of timings) {
    const name = `${timing}${event[0]!.toUpperCase()}${event.slice(1)}`;
    // A method written with its own name, so that stack traces show `beforeSave`.
    const { [name]: register } = {
      [name](this: ModelType, callback: Callback<unknown> | AroundCallback<unknown>): void {
        callbacksOf(asModel(this), true).add(event, timing, callback);
      },
    };
    Object.defineProperty(CallbackRegistration, name, {
      value: register,
      writable: true,
      configurable: true,
    });
  }
}

export const Callbacks = CallbackRegistration as typeof CallbackRegistration & CallbackRegistrars;
