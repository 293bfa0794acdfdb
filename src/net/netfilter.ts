/**
 * Netfilter's five IPv4 hooks (net/netfilter/core.c): registrations (struct nf_hook_ops) kept
 * sorted by priority, lower first, equal priorities in registration order; a traversal
 * (nf_hook_slow) runs them until one returns DROP or STOLEN. Each traversal is one `hook` trace
 * event naming the decisive module. Simplified: verdicts are ACCEPT, DROP and STOLEN only (no
 * QUEUE, REPEAT or STOP), and there are no built-in tables: modules such as IPVS register here.
 */
import type { HookName, Verdict } from '../trace/events.js';
import type { NfHookOps, NfHookState, Skb } from './types.js';

/** The outcome of one traversal. */
export interface NfResult {
  readonly verdict: Verdict;
  /** The owner of the op that returned DROP or STOLEN; absent when every op accepted. */
  readonly by?: string;
}

const ACCEPTED: NfResult = { verdict: 'ACCEPT' };

/** The hook registrations of one host (its network namespace). */
export class NetfilterHooks {
  private readonly ops: Record<HookName, NfHookOps[]> = {
    PREROUTING: [],
    LOCAL_IN: [],
    FORWARD: [],
    LOCAL_OUT: [],
    POSTROUTING: [],
  };

  /** nf_register_net_hook: inserted after every op of lower or equal priority. */
  register(op: NfHookOps): void {
    const list = this.ops[op.hook];
    let i = list.length;
    while (i > 0 && (list[i - 1] as NfHookOps).priority > op.priority) i--;
    list.splice(i, 0, op);
  }

  /** nf_unregister_net_hook: removes this exact registration. */
  unregister(op: NfHookOps): void {
    const list = this.ops[op.hook];
    const i = list.indexOf(op);
    if (i >= 0) list.splice(i, 1);
  }

  /** The registrations of a hook, in the order they run. */
  registered(hook: HookName): readonly NfHookOps[] {
    return this.ops[hook];
  }

  /** nf_hook_slow: runs the ops of `state.hook` in order until a verdict other than ACCEPT. */
  traverse(skb: Skb, state: NfHookState): NfResult {
    const list = this.ops[state.hook];
    if (list.length === 0) return ACCEPTED;
    // A module may unregister itself while running; iterate over a stable snapshot.
    const snapshot = list.length === 1 ? list : list.slice();
    for (let i = 0; i < snapshot.length; i++) {
      const op = snapshot[i] as NfHookOps;
      const v = op.fn(skb, state);
      if (v !== 'ACCEPT') return { verdict: v, by: op.owner };
    }
    return ACCEPTED;
  }
}
