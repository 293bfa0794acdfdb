/**
 * Maglev hashing (net/netfilter/ipvs/ip_vs_mh.c, §2.12; Eisenbud et al., NSDI'16 §3.4). Each server
 * has a preference order over M = 4093 slots (offset = H1(addr, port) % M, skip = H2 % (M−1) + 1,
 * H = hsiphash with FIXED keys, so every boot builds the same table). Round the list, each server
 * claims `turns` free slots: `last_weight` (a quiesced server keeps its slots) / gcd, shifted into 6
 * bits; last_weight 0 claims none. The client address (+ port with `mh-port` = SCHED2) picks a slot;
 * an unusable server there gives NULL or, with `mh-fallback` (SCHED1), a rehash with growing offsets.
 * Rebuilt on add/delete/edit. IPv4 only; more than M servers make the rebuild fail (table kept).
 */
import type { Dest } from '../dest.js';
import { IP_VS_SVC_F_SCHED1, IP_VS_SVC_F_SCHED2, type Service } from '../service.js';
import { hsiphash32, hsiphash32Prepared, prepareHsipKey, type SipKey } from './hash.js';
import { destUsable, schedPort, type SchedPacket, type SchedulerOps } from './scheduler.js';
import { gcd } from './gcd.js';

/** The primes a table size is chosen from (primes[CONFIG_IP_VS_MH_TAB_INDEX − 8]). */
export const MH_PRIMES: readonly number[] = [251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071];
/** CONFIG_IP_VS_MH_TAB_INDEX default. */
export const MH_TAB_INDEX = 12;
/** IP_VS_MH_TAB_SIZE: 4093 with the default index. */
export const MH_TAB_SIZE = 4093;
/** IP_VS_MH_TAB_BITS (index / 2): weight/gcd is shifted to fit in this many bits. */
export const MH_TAB_BITS = MH_TAB_INDEX / 2;

/** generate_hash_secret: hash1 = {2654435761, 2654435761} as 64-bit words (unsigned long). */
export const MH_HASH1: SipKey = { k0hi: 0, k0lo: 2654435761, k1hi: 0, k1lo: 2654435761 };
/** generate_hash_secret: hash2 = {2654446892, 2654446892}. */
export const MH_HASH2: SipKey = { k0hi: 0, k0lo: 2654446892, k1hi: 0, k1lo: 2654446892 };

/** MH_HASH1 and MH_HASH2 prepared for the per-packet hsiphash. */
const MH_HASH1_PREP = prepareHsipKey(MH_HASH1);
const MH_HASH2_PREP = prepareHsipKey(MH_HASH2);

/** IP_VS_SVC_F_SCHED_MH_FALLBACK. */
export const IP_VS_SVC_F_SCHED_MH_FALLBACK = IP_VS_SVC_F_SCHED1;
/** IP_VS_SVC_F_SCHED_MH_PORT. */
export const IP_VS_SVC_F_SCHED_MH_PORT = IP_VS_SVC_F_SCHED2;

/**
 * ip_vs_mh_hashkey: hsiphash of the 32-bit sum offset + port + addr (wrapping), any key, through
 * the general SipHash core (the reference the scheduler's prepared-key path is tested against).
 */
export function mhHashKey(addr: number, port: number, key: SipKey, offset: number): number {
  return hsiphash32(key, (offset + port + addr) >>> 0);
}

/** 2^16 mod M, for `modTabSize`. */
const TWO16_MOD_M = 0x10000 % MH_TAB_SIZE;

/**
 * h % M for an unsigned 32-bit h, on small integers: h = hi·2^16 + lo, so h ≡ hi·(2^16 mod M) + lo
 * (mod M), and that sum stays below 2^28, where `%` is an integer operation rather than a double one.
 */
function modTabSize(h: number): number {
  return ((h >>> 16) * TWO16_MOD_M + (h & 0xffff)) % MH_TAB_SIZE;
}

/** ip_vs_mh_hashkey with hash1 (the per-packet key) on the prepared key, reduced to a slot. */
function mhHash1Slot(addr: number, port: number, offset: number): number {
  return modTabSize(hsiphash32Prepared(MH_HASH1_PREP, (offset + port + addr) >>> 0));
}

/** A server's place in the permutation (struct ip_vs_mh_dest_setup, minus the moving `perm`). */
export interface MhDestSetup {
  readonly offset: number;
  readonly skip: number;
  readonly turns: number;
}

/** mh's sched_data (struct ip_vs_mh_state). */
export class MhState {
  /** The lookup table: slot → server (null before any server with last_weight > 0). */
  readonly lookup: (Dest | null)[] = new Array<Dest | null>(MH_TAB_SIZE).fill(null);
  gcd = 0;
  rshift = 0;
}

/** Offset and skip depend only on the server's address and port (fixed keys): computed once. */
const permCache = new WeakMap<Dest, { readonly offset: number; readonly skip: number }>();

function destPerm(dest: Dest): { readonly offset: number; readonly skip: number } {
  let p = permCache.get(dest);
  if (p === undefined) {
    p = {
      offset: mhHash1Slot(dest.daddr, dest.dport, 0),
      skip: (hsiphash32Prepared(MH_HASH2_PREP, (dest.dport + dest.daddr) >>> 0) % (MH_TAB_SIZE - 1)) + 1,
    };
    permCache.set(dest, p);
  }
  return p;
}


/** fls: 1-based index of the highest set bit, 0 for 0. */
function fls(x: number): number {
  return 32 - Math.clz32(x);
}

/** ip_vs_mh_gcd_weight: gcd of the last_weights that are > 0 (0 when there are none). */
function mhGcdWeight(svc: Service): number {
  let g = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    const w = n.lastWeight;
    if (w > 0) g = g > 0 ? gcd(w, g) : w;
  }
  return g;
}

/** ip_vs_mh_shift_weight: max(0, fls(max last_weight / gcd) − MH_TAB_BITS). */
function mhShiftWeight(svc: Service, g: number): number {
  if (g < 1) return 0;
  let weight = 0;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    if (n.lastWeight > weight) weight = n.lastWeight;
  }
  const shift = fls(Math.trunc(weight / g)) - MH_TAB_BITS;
  return shift >= 0 ? shift : 0;
}

/** ip_vs_mh_permutate: each server's offset, skip and turns, in list order. */
export function mhDestSetups(svc: Service, s: MhState): MhDestSetup[] {
  const out: MhDestSetup[] = [];
  if (s.gcd < 1) return out;
  for (let n = svc.destinations.head.next; !n.isHead; n = n.next) {
    const { offset, skip } = destPerm(n);
    const lw = n.lastWeight;
    const turns = Math.trunc(lw / s.gcd) >> s.rshift || (lw !== 0 ? 1 : 0);
    out.push({ offset, skip, turns });
  }
  return out;
}

/** ip_vs_mh_populate: round the list, `turns` entries per server, each at its next free preferred slot. */
function mhPopulate(svc: Service, s: MhState, onPlace?: (slot: number, dest: Dest) => void): void {
  if (s.gcd < 1) {
    s.lookup.fill(null);
    return;
  }
  const dests = svc.destinations.toArray();
  const setups = mhDestSetups(svc, s);
  const nd = dests.length;
  const perm = new Int32Array(nd);
  for (let i = 0; i < nd; i++) perm[i] = (setups[i] as MhDestSetup).offset;
  const used = new Uint8Array(MH_TAB_SIZE);
  let placed = 0;
  let dtCount = 0;
  let i = 0;
  for (;;) {
    const ds = setups[i] as MhDestSetup;
    if (ds.turns < 1) {
      i = i + 1 === nd ? 0 : i + 1;
      continue;
    }
    let c = perm[i] as number;
    while (used[c] !== 0) {
      c += ds.skip;
      if (c >= MH_TAB_SIZE) c -= MH_TAB_SIZE;
    }
    perm[i] = c;
    used[c] = 1;
    s.lookup[c] = dests[i] as Dest;
    onPlace?.(c, dests[i] as Dest);
    if (++placed === MH_TAB_SIZE) return;
    if (++dtCount >= ds.turns) {
      dtCount = 0;
      i = i + 1 === nd ? 0 : i + 1;
    }
  }
}

/**
 * ip_vs_mh_dest_changed / the table part of init_service: new gcd and shift, then reassign.
 * `onPlace` sees every placement in order (for teaching and tests).
 */
export function mhRebuild(svc: Service, s: MhState, onPlace?: (slot: number, dest: Dest) => void): void {
  s.gcd = mhGcdWeight(svc);
  s.rshift = mhShiftWeight(svc, s.gcd);
  // ip_vs_mh_reassign refuses (-EINVAL) more servers than slots and leaves the table alone.
  if (svc.destinations.length > MH_TAB_SIZE) return;
  mhPopulate(svc, s, onPlace);
}

function mhInitService(svc: Service): void {
  const s = new MhState();
  mhRebuild(svc, s);
  svc.schedData = s;
}

function mhDestChanged(svc: Service): void {
  const s = svc.schedData;
  if (s instanceof MhState) mhRebuild(svc, s);
}

/** The slot a client address (+ port) looks up: H1(addr + port) % M. */
export function mhSlot(addr: number, port: number): number {
  return mhHash1Slot(addr, port, 0);
}


/** ip_vs_mh_get_fallback: the slot's server, else rehash offset + port + addr for offsets from the slot on. */
function mhGetFallback(s: MhState, addr: number, port: number): Dest | null {
  const ihash = mhSlot(addr, port);
  let dest = s.lookup[ihash] ?? null;
  if (dest === null) return null;
  if (destUsable(dest)) return dest;
  for (let offset = 0; offset < MH_TAB_SIZE; offset++) {
    const roffset = (offset + ihash) % MH_TAB_SIZE;
    dest = s.lookup[mhHash1Slot(addr, port, roffset)] ?? null;
    if (dest === null) break;
    if (destUsable(dest)) return dest;
  }
  return null;
}

function mhSchedule(svc: Service, pkt: SchedPacket): Dest | null {
  const s = svc.schedData;
  if (!(s instanceof MhState)) return null;
  const port = (svc.flags & IP_VS_SVC_F_SCHED_MH_PORT) !== 0 ? schedPort(pkt) : 0;
  if ((svc.flags & IP_VS_SVC_F_SCHED_MH_FALLBACK) !== 0) return mhGetFallback(s, pkt.caddr, port);
  const dest = s.lookup[mhSlot(pkt.caddr, port)] ?? null;
  return dest !== null && destUsable(dest) ? dest : null;
}

/** The mh scheduler's ops. */
export const mhScheduler: SchedulerOps = {
  name: 'mh',
  initService: mhInitService,
  addDest: mhDestChanged,
  delDest: mhDestChanged,
  updDest: mhDestChanged,
  schedule: mhSchedule,
};
