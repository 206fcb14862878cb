/**
 * What a variant of the reference endpoint may change, and what each kind of variant says
 * about itself: the server applies the hooks, the variant modules fill them in.
 */
import type { Call } from "./call.js";
import type { Operation } from "./routes.js";
import type { DatasetStore, ImmediateStore } from "./store.js";
import type { Answer } from "./wire.js";

export interface VariantHooks {
  description: string;
  /** Rewrites the request as the variant reads it, before the operation runs. */
  request?: (operation: Operation, call: Call) => void;
  /** Rewrites the answer before it is sent; `query` is the request's. */
  response?: (operation: Operation, answer: Answer, query: URLSearchParams) => Answer;
  /** Wraps the endpoint's store, for a variant that differs in what it remembers across calls. */
  store?: (inner: ImmediateStore) => DatasetStore;
}

/** A variant the suite must fail: it proves the scenarios can fail. */
export interface BrokenVariant extends VariantHooks {
  /** The requirement the variant is meant to break: the suite must fail it. */
  breaks: string;
  /** Only a history of calls shows the difference: the fixed scenarios pass it, the random histories must not. */
  needsHistory?: true;
}

/** A variant the suite must pass: it reads a point the sources leave open another way. */
export interface ConformingVariant extends VariantHooks {
  /** The --interpretation choices that describe this variant's answers. */
  interpretations: Record<string, string>;
}
