import type { MethodName } from '../../api/index.ts';
import type { MethodHandlers } from '../api-dispatcher.ts';
import type { Capability } from './capability.ts';

type MethodsOf<C> = C extends { readonly handlers: infer H } ? keyof H & MethodName : never;

/** Methods that two capabilities of the list both answer. */
type Answered<T extends readonly unknown[]> = T extends readonly [infer Head, ...infer Rest] ? (MethodsOf<Head> & MethodsOf<Rest[number]>) | Answered<Rest> : never;

/** Compiles only when the capabilities answer every contract method exactly once; the error names the culprits. */
type CoversOnce<T extends readonly unknown[]> = ([Exclude<MethodName, MethodsOf<T[number]>>] extends [never] ? unknown : { missing: Exclude<MethodName, MethodsOf<T[number]>> }) &
  ([Answered<T>] extends [never] ? unknown : { answeredTwice: Answered<T> });

/** The contract's handler map, made of the capabilities' handlers (checked at compile time: each method once). */
export const contractHandlers = <const T extends readonly Capability<never>[]>(capabilities: T & CoversOnce<T>): MethodHandlers =>
  Object.assign({}, ...capabilities.map((capability) => capability.handlers)) as MethodHandlers;
