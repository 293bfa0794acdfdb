/** The state views' framing: commands, empty messages with catalog texts, which hosts have what. */
import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../../src/i18n/index.js';
import { Trace } from '../../../src/trace/trace.js';
import { indexState, stateAt } from '../../../src/trace/state/index.js';
import { hostsWith, renderStateView, STATE_VIEW_KINDS } from '../../../src/scenarios/views/index.js';

describe('state views', () => {
  const t = new Trace({ scenario: 't', title: 't', seed: 1, hosts: ['lb', 'rs1'], segments: [] });
  t.emit({ kind: 'vrrp', instance: 'VI_1', vrid: 51, iface: 'eth0', from: 'INIT', state: 'BACKUP', prio: 100, t: 1_500_000_000, host: 'lb', msg: { id: 'x' } });
  const state = stateAt(indexState(t), 0);

  it('a host with nothing of a kind gets an empty message the catalog knows', () => {
    for (const kind of STATE_VIEW_KINDS) {
      const v = renderStateView(kind, state, 'rs1', 0);
      expect(v.empty?.id).toBe(`ui.state.empty.${kind}`);
      expect(hasMessage(v.empty?.id ?? '')).toBe(true);
    }
    expect(renderStateView('ipvs', state, 'rs1', 0).lines[0]).toBe('IP Virtual Server version 1.2.1 (size=4096)');
  });

  it('the VRRP view is a named table, not a command', () => {
    const v = renderStateView('vrrp', state, 'lb', 0);
    expect(v.command).toBe('');
    expect(hasMessage(v.title?.id ?? '')).toBe(true);
    expect(v.lines).toEqual(['INSTANCE  VRID  IFACE  STATE   PRIO   SINCE', 'VI_1        51  eth0   BACKUP   100  1.500s']);
    expect(hostsWith('vrrp', state)).toEqual(['lb']);
    expect(hostsWith('ipvs', state)).toEqual([]);
  });
});
