#!/usr/bin/env node
// Converts a classic pcap (either byte order, µs or ns magic) into a pcapng file, written
// independently of lvslab's own code so that the replay fixtures test the reader against bytes it
// did not produce. Output: one section, BIG-endian (the reader's other byte order), a Section
// Header Block with shb_userappl, one Interface Description Block (the pcap's link type and
// snaplen, if_tsresol 6 = microseconds) and one Enhanced Packet Block per record.
// Usage: node tools/pcap-to-pcapng.mjs IN.pcap OUT.pcapng
import { readFileSync, writeFileSync } from 'node:fs';

const [inFile, outFile] = process.argv.slice(2);
if (inFile === undefined || outFile === undefined) {
  process.stderr.write('usage: node tools/pcap-to-pcapng.mjs IN.pcap OUT.pcapng\n');
  process.exit(2);
}
const src = readFileSync(inFile);
const magicBE = src.readUInt32BE(0);
const magicLE = src.readUInt32LE(0);
const le = magicLE === 0xa1b2c3d4 || magicLE === 0xa1b23c4d;
const magic = le ? magicLE : magicBE;
if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`${inFile}: not a classic pcap`);
const nsPerFrac = magic === 0xa1b23c4d ? 1 : 1000;
const u32 = (off) => (le ? src.readUInt32LE(off) : src.readUInt32BE(off));
const snaplen = u32(16);
const linktype = u32(20) & 0xffff;

const pad4 = (n) => (n + 3) & ~3;
/** A block: type, body, then the total length repeated (RFC draft-ietf-opsawg-pcapng §3.1). */
function block(type, body) {
  const len = 12 + body.length;
  const b = Buffer.alloc(len);
  b.writeUInt32BE(type, 0);
  b.writeUInt32BE(len, 4);
  body.copy(b, 8);
  b.writeUInt32BE(len, len - 4);
  return b;
}
/** An option: code, length, value padded to 4 bytes. */
function option(code, value) {
  const b = Buffer.alloc(4 + pad4(value.length));
  b.writeUInt16BE(code, 0);
  b.writeUInt16BE(value.length, 2);
  value.copy(b, 4);
  return b;
}
const endOfOptions = Buffer.alloc(4);

const out = [];
const shbFixed = Buffer.alloc(16);
shbFixed.writeUInt32BE(0x1a2b3c4d, 0);
shbFixed.writeUInt16BE(1, 4);
shbFixed.writeUInt16BE(0, 6);
shbFixed.writeBigInt64BE(-1n, 8); // section length not given
out.push(block(0x0a0d0d0a, Buffer.concat([shbFixed, option(4, Buffer.from('lvslab tools/pcap-to-pcapng.mjs')), endOfOptions])));

const idbFixed = Buffer.alloc(8);
idbFixed.writeUInt16BE(linktype, 0);
idbFixed.writeUInt32BE(snaplen, 4);
out.push(block(0x00000001, Buffer.concat([idbFixed, option(9, Buffer.from([6])), endOfOptions])));

let off = 24;
let n = 0;
while (off + 16 <= src.length) {
  const sec = u32(off);
  const frac = u32(off + 4);
  const incl = u32(off + 8);
  const orig = u32(off + 12);
  const data = src.subarray(off + 16, off + 16 + incl);
  const us = BigInt(sec) * 1_000_000n + (BigInt(frac) * BigInt(nsPerFrac)) / 1000n;
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32BE(0, 0);
  fixed.writeUInt32BE(Number(us >> 32n), 4);
  fixed.writeUInt32BE(Number(us & 0xffffffffn), 8);
  fixed.writeUInt32BE(incl, 12);
  fixed.writeUInt32BE(orig, 16);
  const padded = Buffer.alloc(pad4(incl));
  data.copy(padded, 0);
  out.push(block(0x00000006, Buffer.concat([fixed, padded])));
  off += 16 + incl;
  n++;
}
if (off !== src.length) throw new Error(`${inFile}: ${src.length - off} trailing bytes after record ${n}`);
writeFileSync(outFile, Buffer.concat(out));
process.stdout.write(`${outFile}: ${n} packets, link type ${linktype}, big-endian, if_tsresol 6\n`);
