/**
 * The real `lvslab` command in a real terminal: tmux runs a shell in a pseudo-terminal at 80×24
 * and at 200×50, the test types what a student types (the picker, `/` to find the DR lab, `]`
 * to its checkpoint, the quiz, a display filter, the hex pane, the state views, a what-if at `:`,
 * undo, `q` back to the picker and out) and reads the screen with `tmux capture-pane` after
 * every key, waiting for the text it expects (never a fixed sleep). A second lab shows the
 * what-if doing its job: `arp_ignore=0` on rs1 and the router bypasses the director. Skipped,
 * with a note, where tmux is not installed.
 *
 * The command run is `node $LVSLAB_E2E_BIN` (default bin/lvslab.js, which the test setup builds).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { have, loadBuiltin, ROOT } from './helpers.js';

const HAVE_TMUX = have('tmux');
if (!HAVE_TMUX) console.warn('play-pty.test.ts: tmux is not installed, so the terminal tests are skipped');

const BIN = path.resolve(ROOT, process.env['LVSLAB_E2E_BIN'] ?? path.join('bin', 'lvslab.js'));
/** The command as typed in the shell (which starts in the repository), short enough for 80 columns. */
const LVSLAB = `node ${path.relative(ROOT, BIN)}`;
const PROMPT = 'lvslab-pty$ ';
const WAIT_MS = 10_000;

// Each terminal is its own tmux server, its socket in this folder (removed with it at the end).
const sockets = mkdtempSync(path.join(tmpdir(), 'lvslab-pty-'));

/** One tmux server (its own socket) with one window running `sh`, a given size. */
class Terminal {
  private readonly socket: string;
  private alive = false;

  constructor(
    name: string,
    readonly cols: number,
    readonly rows: number,
  ) {
    this.socket = path.join(sockets, name);
  }

  private tmux(args: readonly string[]): string {
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8' };
    delete env['ENV'];
    delete env['NO_COLOR'];
    delete env['TMUX'];
    const r = spawnSync('tmux', ['-u', '-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env, timeout: 10_000 });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** Starts the shell and waits for its prompt. */
  async start(): Promise<void> {
    this.tmux(['new-session', '-d', '-s', 'lab', '-c', ROOT, '-x', String(this.cols), '-y', String(this.rows), 'sh']);
    this.alive = true;
    // dash run by root ignores PS1 from the environment: set it as a command, then clear the screen.
    this.run(`PS1='${PROMPT}'; printf '\\033[H\\033[2J'`);
    await this.waitFor((s) => s.trimEnd() === PROMPT.trimEnd(), 'the shell prompt');
  }

  /** Named keys (Enter, Right, Tab, Escape) or single characters. */
  keys(...keys: string[]): void {
    for (const k of keys) this.tmux(k.length === 1 ? ['send-keys', '-t', 'lab', '-l', k] : ['send-keys', '-t', 'lab', k]);
  }

  /** Literal text, as typed. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', 'lab', '-l', text]);
  }

  /** A shell command line and Enter. */
  run(line: string): void {
    this.type(line);
    this.keys('Enter');
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', 'lab']);
  }

  /** What the pane runs now (`sh` once the lab has exited). */
  command(): string {
    return this.tmux(['display-message', '-p', '-t', 'lab', '#{pane_current_command}']).trim();
  }

  /** Polls the screen until `ok` holds; fails with the last screen after WAIT_MS. */
  async waitFor(ok: (screen: string) => boolean, what: string): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    let screen = '';
    for (;;) {
      screen = this.screen();
      if (ok(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`${this.cols}×${this.rows}: timed out waiting for ${what}; the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** Waits until the screen contains `text` (a string or a pattern). */
  async see(text: string | RegExp): Promise<string> {
    return this.waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), String(text));
  }

  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
  }
}

const terminals: Terminal[] = [];
afterAll(() => {
  for (const t of terminals) t.kill();
  rmSync(sockets, { recursive: true, force: true });
});

async function terminal(name: string, cols: number, rows: number): Promise<Terminal> {
  const t = new Terminal(name, cols, rows);
  terminals.push(t);
  await t.start();
  return t;
}

/** The header line's step number (`step 1192/1217`). */
function stepOf(screen: string): number {
  const m = /step (\d+)\/\d+/.exec(screen.split('\n')[0] ?? '');
  if (m === null) throw new Error(`no step in the header:\n${screen}`);
  return Number(m[1]);
}

interface Row {
  readonly cursor: boolean;
  readonly t: number;
  readonly host: string;
  readonly rest: string;
}

/** The event-list rows on the screen (`▸→   0.101200 director eth0        tx    lan …`). */
function listRows(screen: string): Row[] {
  const rows: Row[] = [];
  for (const line of screen.split('\n')) {
    const m = /^([▸* ])\S?\s+(\d+\.\d{6}) (\S*)\s+(.*)$/u.exec(line);
    if (m !== null) rows.push({ cursor: m[1] === '▸', t: Number(m[2]), host: m[3] ?? '', rest: m[4] ?? '' });
  }
  return rows;
}

/** The line of the quiz's right choice, 1-based, from the lab's YAML. */
function rightChoice(lab: string, checkpoint: number): string {
  const quiz = loadBuiltin(lab).scenario.checkpoints[checkpoint]?.quiz;
  if (quiz === undefined) throw new Error(`${lab} has no quiz at checkpoint ${checkpoint}`);
  return String(quiz.choices.indexOf(quiz.answer) + 1);
}

/** A host's MAC as the lab's own text trace shows it (the neighbour entry another host learns). */
function macOf(lab: string, ip: string): string {
  const r = spawnSync(process.execPath, [BIN, 'play', lab], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = new RegExp(` ${ip.replaceAll('.', '\\.')} dev \\S+ lladdr (\\S+) `).exec(r.stdout);
  if (m?.[1] === undefined) throw new Error(`no neighbour entry for ${ip} in the trace of ${lab}`);
  return m[1];
}

/** The bytes of a MAC as `xxd`-style hex pairs. */
const macBytes = (mac: string): string => mac.split(':').join(' ');

/** Tabs at the `:` prompt until it reads `<host>#`. */
async function promptOn(t: Terminal, host: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if (new RegExp(`^${host}#`, 'm').test(t.screen())) return;
    const before = t.screen();
    t.keys('Tab');
    await t.waitFor((s) => s !== before, 'the next host at the : prompt');
  }
  throw new Error(`Tab never reached ${host} at the : prompt:\n${t.screen()}`);
}

/** The shell prompt is back on the main screen: the lab has exited and left the alternate screen. */
async function shellIsBack(t: Terminal, commandLine: string): Promise<string> {
  const s = await t.waitFor((x) => !x.includes('choose a lab') && x.trimEnd().endsWith(PROMPT.trimEnd()), 'the shell prompt after quitting');
  expect(s).toContain(`${PROMPT}${commandLine}`);
  expect(t.command()).toBe('sh');
  return s;
}

const SIZES = [
  [80, 24],
  [200, 50],
] as const;

describe.skipIf(!HAVE_TMUX)('lvslab in a terminal (tmux)', () => {
  const rs1 = HAVE_TMUX ? macOf('dr-basic', '192.168.1.11') : '';
  // The router's entry for the VIP: the director's MAC (the real servers keep quiet about it).
  const director = HAVE_TMUX ? macOf('dr-basic', '192.168.1.100') : '';

  for (const [cols, rows] of SIZES) {
    it(`${cols}×${rows}: picker → dr-basic → quiz → filter → hex → ipvsadm → what-if → undo → picker → shell`, async () => {
      const t = await terminal(`dr-basic-${cols}`, cols, rows);
      const line = LVSLAB;
      t.run(line);
      let s = await t.see('choose a lab');
      expect(s).toMatch(/^nat: /m);
      expect(s).toMatch(/^dr: /m);

      // `/` filters the picker as typed; Enter opens the one lab left.
      t.keys('/');
      await t.see('/█');
      t.type('dr-basic');
      s = await t.see(/\b1 of \d+ labs/);
      t.keys('Enter');
      s = await t.see(/step 1\/\d+/);
      expect(s.split('\n')[0]).toMatch(/^LVS-DR: only the MAC addres/);

      // `]`: the checkpoint with its quiz; → does not pass it before the answer.
      t.keys(']');
      s = await t.see('Quiz: The director forwards a client');
      const atQuiz = stepOf(s);
      t.keys('Right');
      s = await t.see('Answer the quiz first');
      expect(stepOf(s)).toBe(atQuiz);
      const choice = rightChoice('dr-basic', 0);
      t.keys(choice);
      s = await t.see(/^Right\.( |$)/m);
      expect(s).toContain(`✓ ${choice}) Only the Ethernet addresses`);
      t.keys('Right');
      s = await t.waitFor((x) => stepOf(x) === atQuiz + 1, 'the step after the checkpoint');

      // `/eth.dst == rs1`: the director's DR rewrite, its bytes, the IPVS table.
      t.keys('/');
      await t.see('A Wireshark display filter');
      t.type(`eth.dst == ${rs1}`);
      t.keys('Enter');
      s = await t.see('by IPVS DR');
      expect(s).toContain(`eth.dst: ${director} → ${rs1}`);
      const current = listRows(s).find((r) => r.cursor);
      expect(current?.host).toBe('director');
      expect(current?.rest).toMatch(/^eth0\s+tx\s+lan\s+IP 203\.0\.113\.10\.\d+ > 192\.1/);

      t.keys('x');
      s = await t.see(`0000  ${macBytes(rs1)} ${macBytes(director).slice(0, 5)}  ${macBytes(director).slice(6)} 08 00 45 00`);

      // On a compact screen the first `s` brings the state pane into view at `ipvsadm -L -n`.
      t.keys('s');
      if (cols < 150) {
        await t.see('director# ipvsadm -L -n\n');
        t.keys('s');
      }
      s = await t.see('director# ipvsadm -L -n -c');
      t.keys('S');
      s = await t.see('director# ipvsadm -L -n\n');
      expect(s).toContain('TCP  192.168.1.100:80 rr');
      expect(s).toMatch(/ {2}-> 192\.168\.1\.11:80 {14}Route {3}1 {6}1 {10}0/);

      // `:` on rs1: the lab runs again with the what-if, at the same step; `u` undoes it.
      const before = stepOf(s);
      t.keys(':');
      await t.see('A command as on a real box');
      await promptOn(t, 'rs1');
      t.type('sysctl -w net.ipv4.conf.all.arp_ignore=0');
      t.keys('Enter');
      s = await t.see('What if: rs1# sysctl -w net.ipv4.conf.all.arp_ignore=0 (what-ifs in force: 1');
      expect(stepOf(s)).toBe(before);
      // The notice yields to the footer's flags at the next key (+ then -: the speed is unchanged).
      t.keys('+');
      t.keys('-');
      s = await t.see('[what-ifs: 1]');
      t.keys('u');
      s = await t.see('What-if undone');
      expect(stepOf(s)).toBe(before);
      t.keys('+');
      t.keys('-');
      s = await t.see('[quiz: 1 of 1 right, 1 in all]');
      expect(s).not.toContain('what-ifs');

      t.keys('q');
      await t.see('choose a lab');
      t.keys('q');
      await shellIsBack(t, line);
    });

    it(`${cols}×${rows}: dr-arp-trap, arp_ignore=0 on rs1 at 4.2 s: the third round bypasses the director`, async () => {
      const t = await terminal(`arp-trap-${cols}`, cols, rows);
      const rs1Trap = macOf('dr-arp-trap', '192.168.1.11');
      const line = `${LVSLAB} play dr-arp-trap`;
      t.run(line);
      let s = await t.see(/step 1\/\d+/);
      expect(s.split('\n')[0]).toMatch(/^LVS-DR broken/);
      t.keys(']');
      await t.see('Quiz: The director and rs1 both answered');
      t.keys(rightChoice('dr-arp-trap', 0));
      await t.see(/^Right\.( |$)/m);
      t.keys(']');
      s = await t.see('Quiz: rs2 has arp_ignore=1');
      expect(s.split('\n')[0]).toContain('4.200000 s');

      // As written: from 4.6 s every frame to rs1 for the VIP comes from the director.
      const filter = `ip.dst == 192.168.1.100 && eth.dst == ${rs1Trap}`;
      t.keys('&');
      await t.see('A Wireshark display filter');
      t.type(filter);
      t.keys('Enter');
      s = await t.waitFor((x) => listRows(x).some((r) => r.t >= 4.6), 'frames of the third round');
      let third = listRows(s).filter((r) => r.t >= 4.6);
      expect(third.some((r) => r.host === 'director' && /^eth0\s+tx /.test(r.rest))).toBe(true);
      expect(third.some((r) => r.host === 'router')).toBe(false);

      t.keys(':');
      await t.see('A command as on a real box');
      await promptOn(t, 'rs1');
      t.type('sysctl -w net.ipv4.conf.all.arp_ignore=0');
      t.keys('Enter');
      s = await t.see('What if: rs1# sysctl -w net.ipv4.conf.all.arp_ignore=0');
      expect(s.split('\n')[0]).toContain('4.200000 s');

      // With the what-if: the router sends the third round straight to rs1's MAC.
      third = listRows(s).filter((r) => r.t >= 4.6);
      expect(third.length).toBeGreaterThan(0);
      expect(third.some((r) => r.host === 'router' && /^eth1\s+tx /.test(r.rest))).toBe(true);
      expect(third.some((r) => r.host === 'director')).toBe(false);

      t.keys('q');
      await shellIsBack(t, line);
    });
  }

  it('piped: `lvslab play dr-basic | tail` says it is not a terminal and prints the text trace', async () => {
    const t = await terminal('piped', 200, 30);
    // stderr stays on the terminal, stdout is a pipe; tail keeps the screen short.
    const line = `${LVSLAB} play dr-basic | tail -n 5`;
    t.run(line);
    const s = await shellIsBack(t, line);
    expect(s).toContain('lvslab play: standard output is not a terminal; printing the text trace instead');
    const trace = s.split('\n').filter((l) => /^ *\d+\.\d{6} \S+ +\S+ +\S+ /.test(l));
    expect(trace).toHaveLength(5);
    expect(s).not.toMatch(/\n\s+at /);
  });
});
