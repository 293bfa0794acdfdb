/**
 * Netfilter's five IPv4 hooks (net/netfilter/core.c): registrations (struct nf_hook_ops) kept
 * sorted by priority, lower first, equal priorities in registration order; a traversal
 * (nf_hook_slow) runs them until one returns DROP or STOLEN. Each traversal is one `hook` trace
 * event naming the decisive module. Simplified: verdicts are ACCEPT, DROP and STOLEN only (no
 * QUEUE, REPEAT or STOP), and there are no built-in tables: modules such as IPVS register here.
 */
import type { HookName, Verdict } from '../trace/events.js';
import type { NfHookOps, NfHookState, Skb } from './types.js';

/** The hook registrations of one host (its network namespace). */
export class NetfilterHooks {
  private readonly ops: Record<HookName, NfHookOps[]> = {
    PREROUTING: [],
    LOCAL_IN: [],
    FORWARD: [],
    LOCAL_OUT: [],
    POSTROUTING: [],
  };

  /**
   * nf_register_net_hook: inserted after every op of lower or equal priority. The lists are
   * replaced, never changed in place (as the kernel swaps its hook entries under RCU), so that a
   * traversal under way keeps walking the list it started with.
   */
  register(op: NfHookOps): void {
    const list = this.ops[op.hook].slice();
    let i = list.length;
    while (i > 0 && (list[i - 1] as NfHookOps).priority > op.priority) i--;
    list.splice(i, 0, op);
    this.ops[op.hook] = list;
  }

  /** nf_unregister_net_hook: removes this exact registration. */
  unregister(op: NfHookOps): void {
    const list = this.ops[op.hook];
    const i = list.indexOf(op);
    if (i >= 0) this.ops[op.hook] = [...list.slice(0, i), ...list.slice(i + 1)];
  }

  /** The registrations of a hook, in the order they run. */
  registered(hook: HookName): readonly NfHookOps[] {
    return this.ops[hook];
  }

  /**
   * The owner of the op that returned DROP or STOLEN in the last traversal that did not accept
   * (read right after `traverse`).
   */
  decidedBy = '';

  /**
   * nf_hook_slow: runs the ops of `state.hook` in order until a verdict other than ACCEPT, which
   * is returned with its op's owner in `decidedBy`.
   */
  traverse(skb: Skb, state: NfHookState): Verdict {
    // A module may unregister itself while running: the list is never modified in place.
    const list = this.ops[state.hook];
    for (let i = 0; i < list.length; i++) {
      const op = list[i] as NfHookOps;
      const v = op.fn(skb, state);
      if (v !== 'ACCEPT') {
        this.decidedBy = op.owner;
        return v;
      }
    }
    return 'ACCEPT';
  }
}
