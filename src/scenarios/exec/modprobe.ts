/**
 * `modprobe [-r] MODULE`. Loading `ipip` registers the fallback IPIP device tunl0 (down, NOARP,
 * MTU 1480), as the kernel module does; loading `ip_vs` or a scheduler module changes nothing
 * visible (ipvsadm loads them on demand anyway). Loading `toa` (the FULLNAT real server's module)
 * makes accepted TCP sockets remember the TOA option of the handshake-completing ACK, which
 * getpeername() then returns instead of the director's local address. Unloading is not
 * modelled: the lab cannot remove a device or a loaded IPVS table.
 */
import type { Host } from '../../net/host.js';
import type { CommandEntry, ModprobeCommand } from '../commands/types.js';
import type { ExecResult } from './types.js';
import { argOffset, notModelled, printed } from './result.js';
import { exactDevice } from './link-view.js';
import { tcpStack } from '../../net/tcp/stack.js';

/** Runs a `modprobe` command. */
export function execModprobe(host: Host, entry: CommandEntry, cmd: ModprobeCommand): ExecResult {
  const at = argOffset(entry, cmd, cmd.argv.length - 1);
  if (cmd.remove) return notModelled(`modprobe -r ${cmd.module}`, at);
  if (cmd.module === 'ipip' && exactDevice(host, 'tunl0') === undefined) host.addInterface({ name: 'tunl0', up: false });
  if (cmd.module === 'toa') tcpStack(host).toaLoaded = true;
  return printed();
}
