import { describe, expect, it } from 'vitest';
import {
  TCP_DEFAULT_TIMEOUTS,
  TCP_STATE_ACTIVE,
  TCP_STATE_NAMES,
  TCP_STATES,
  TCP_STATES_DOS,
  type TcpPacketClass,
  type TcpTableDir,
  tcpNextState,
  tcpPacketClass,
  UDP_DEFAULT_TIMEOUT,
} from '../../src/ipvs/tcp-state.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, TCP_URG } from '../../src/net/wire/packet.js';

// The tables of the reference (§3.4), copied as text.
const NORMAL = `
| INPUT syn | SR | ES | ES | SR | SR | SR | SR | SR | SR | SR | SR |
| INPUT fin | CL | CW | SS | TW | TW | TW | CL | CW | LA | LI | TW |
| INPUT ack | ES | ES | SS | ES | FW | TW | CL | CW | CL | LI | ES |
| INPUT rst | CL | CL | CL | SR | CL | CL | CL | CL | LA | LI | SR |
| OUTPUT syn | SS | ES | SS | SR | SS | SS | SS | SS | SS | LI | SR |
| OUTPUT fin | TW | FW | SS | TW | FW | TW | CL | TW | LA | LI | TW |
| OUTPUT ack | ES | ES | SS | ES | FW | TW | CL | CW | LA | ES | ES |
| OUTPUT rst | CL | CL | SS | CL | CL | TW | CL | CL | CL | CL | CL |
| IN-ONLY syn | SR | ES | ES | SR | SR | SR | SR | SR | SR | SR | SR |
| IN-ONLY fin | CL | FW | SS | TW | FW | TW | CL | CW | LA | LI | TW |
| IN-ONLY ack | ES | ES | SS | ES | FW | TW | CL | CW | CL | LI | ES |
| IN-ONLY rst | CL | CL | CL | SR | CL | CL | CL | CL | LA | LI | CL |`;

// secure_tcp: the rows given in the reference; "same as normal" rows are taken from NORMAL.
const DOS_DIFFERENT = `
| INPUT syn | SR | ES | ES | SR | SR | SR | SR | SR | SR | SR | SA* |
| INPUT fin | CL | CW | SS | TW | TW | TW | CL | CW | LA | LI | SA* |
| INPUT ack | ES | ES | SS | SR* | FW | TW | CL | CW | CL | LI | SA* |
| INPUT rst | CL | CL | CL | SR | CL | CL | CL | CL | LA | LI | CL* |
| OUTPUT syn | SS | ES | SS | SA* | SS | SS | SS | SS | SS | LI | SA* |
| IN-ONLY syn | SA* | ES | ES | SR | SA* | SA* | SA* | SA* | SA* | SA* | SA* |`;

const ABBR: Record<string, string> = {
  NO: 'NONE',
  ES: 'ESTABLISHED',
  SS: 'SYN_SENT',
  SR: 'SYN_RECV',
  FW: 'FIN_WAIT',
  TW: 'TIME_WAIT',
  CL: 'CLOSE',
  CW: 'CLOSE_WAIT',
  LA: 'LAST_ACK',
  LI: 'LISTEN',
  SA: 'SYNACK',
};
const COLUMNS = ['NO', 'ES', 'SS', 'SR', 'FW', 'TW', 'CL', 'CW', 'LA', 'LI', 'SA'];
const DIRS: Record<string, TcpTableDir> = { INPUT: 'INPUT', OUTPUT: 'OUTPUT', 'IN-ONLY': 'INPUT_ONLY' };

interface Cell {
  readonly dir: TcpTableDir;
  readonly cls: TcpPacketClass;
  readonly from: string;
  readonly to: string;
}

function parseTable(text: string): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const line of text.trim().split('\n')) {
    const parts = line.split('|').map((s) => s.trim()).filter((s) => s !== '');
    const [label, ...values] = parts;
    const [dirText, cls] = (label as string).split(' ') as [string, TcpPacketClass];
    const dir = DIRS[dirText] as TcpTableDir;
    values.forEach((v, i) => {
      const from = COLUMNS[i] as string;
      cells.set(`${dir} ${cls} ${from}`, { dir, cls, from: ABBR[from] as string, to: ABBR[v.replace('*', '')] as string });
    });
  }
  return cells;
}

function stateIndex(name: string): number {
  const i = TCP_STATE_NAMES.indexOf(name);
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
}

describe('TCP transition tables, cell by cell (§3.4)', () => {
  const normal = parseTable(NORMAL);
  const dos = new Map([...normal, ...parseTable(DOS_DIFFERENT)]);

  it('the reference tables have 12 × 11 cells', () => {
    expect(normal.size).toBe(132);
    expect(dos.size).toBe(132);
  });

  for (const [label, table, cells] of [
    ['normal', TCP_STATES, normal],
    ['secure_tcp', TCP_STATES_DOS, dos],
  ] as const) {
    it(`${label}: every cell`, () => {
      for (const c of cells.values()) {
        const got = tcpNextState(table, c.dir, c.cls, stateIndex(c.from));
        expect(`${c.dir} ${c.cls} ${c.from} → ${TCP_STATE_NAMES[got]}`).toBe(`${c.dir} ${c.cls} ${c.from} → ${c.to}`);
      }
    });
  }
});

describe('packet class (tcp_state_idx)', () => {
  it('priority RST > SYN > FIN > ACK', () => {
    expect(tcpPacketClass(TCP_SYN | TCP_ACK)).toBe('syn');
    expect(tcpPacketClass(TCP_FIN | TCP_ACK)).toBe('fin');
    expect(tcpPacketClass(TCP_RST | TCP_ACK)).toBe('rst');
    expect(tcpPacketClass(TCP_RST | TCP_SYN | TCP_FIN)).toBe('rst');
    expect(tcpPacketClass(TCP_SYN | TCP_FIN)).toBe('syn');
    expect(tcpPacketClass(TCP_ACK | TCP_PSH)).toBe('ack');
  });

  it('a segment with none of these flags makes the next state CLOSE, from any state and direction', () => {
    expect(tcpPacketClass(TCP_PSH | TCP_URG)).toBeNull();
    for (let s = 0; s < 11; s++) {
      for (const dir of ['INPUT', 'OUTPUT', 'INPUT_ONLY'] as const) {
        expect(TCP_STATE_NAMES[tcpNextState(TCP_STATES, dir, null, s)]).toBe('CLOSE');
      }
    }
  });
});

describe('timeouts and active states (§3.3, §3.5)', () => {
  it('default timeouts by state', () => {
    const expected: Record<string, number> = {
      NONE: 2,
      ESTABLISHED: 900,
      SYN_SENT: 120,
      SYN_RECV: 60,
      FIN_WAIT: 120,
      TIME_WAIT: 120,
      CLOSE: 10,
      CLOSE_WAIT: 60,
      LAST_ACK: 30,
      LISTEN: 120,
      SYNACK: 120,
    };
    for (const [name, t] of Object.entries(expected)) expect(TCP_DEFAULT_TIMEOUTS[stateIndex(name)]).toBe(t);
    expect(UDP_DEFAULT_TIMEOUT).toBe(300);
  });

  it('active states are ESTABLISHED, SYN_SENT, SYN_RECV, SYNACK', () => {
    const active = TCP_STATE_NAMES.filter((_, i) => TCP_STATE_ACTIVE[i] === true);
    expect(active).toEqual(['ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'SYNACK']);
  });
});
