/**
 * The per-service local address list (alibaba ip_vs_get_laddr / ip_vs_del_laddr): round robin
 * from the head, the cursor moving to the successor of a deleted entry, and bindLaddr's port walk.
 */
import { describe, expect, it } from 'vitest';
import { LaddrList } from '../../src/ipvs/laddr.js';

function names(l: LaddrList, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(l.next()?.addr ?? -1);
  return out;
}

describe('LaddrList', () => {
  it('an empty list gives nothing', () => {
    expect(new LaddrList().next()).toBeNull();
  });

  it('round robin in the order of addition, starting at the first', () => {
    const l = new LaddrList();
    l.add(1);
    l.add(2);
    l.add(3);
    expect(names(l, 7)).toEqual([1, 2, 3, 1, 2, 3, 1]);
  });

  it('an address added later joins the tail of the rotation', () => {
    const l = new LaddrList();
    l.add(1);
    l.add(2);
    expect(names(l, 2)).toEqual([1, 2]);
    l.add(3);
    expect(names(l, 3)).toEqual([3, 1, 2]);
  });

  it('deleting the entry under the cursor moves the cursor to its successor (which is then skipped once)', () => {
    const l = new LaddrList();
    for (const a of [1, 2, 3, 4]) l.add(a);
    expect(names(l, 2)).toEqual([1, 2]);
    l.remove(l.find(2)!);
    // curr_laddr = 2's successor (3); the next pick is the one after it.
    expect(names(l, 3)).toEqual([4, 1, 3]);
  });

  it('deleting the last entry under the cursor moves it to the head', () => {
    const l = new LaddrList();
    for (const a of [1, 2, 3]) l.add(a);
    expect(names(l, 3)).toEqual([1, 2, 3]);
    l.remove(l.find(3)!);
    expect(names(l, 3)).toEqual([1, 2, 1]);
  });

  it('deleting an entry before the cursor keeps the rotation', () => {
    const l = new LaddrList();
    for (const a of [1, 2, 3]) l.add(a);
    expect(names(l, 2)).toEqual([1, 2]);
    l.remove(l.find(1)!);
    expect(names(l, 3)).toEqual([3, 2, 3]);
  });
});
