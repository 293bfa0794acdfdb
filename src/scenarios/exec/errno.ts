/**
 * The errno values the modelled tools can hit, with the text glibc's strerror() gives them, which
 * is what `perror("SIOCSIFADDR")` and iproute2's "RTNETLINK answers: …" print (C locale). Only the
 * codes some command of the lab can produce are listed.
 */

/** An errno name (asm-generic/errno-base.h, errno.h). */
export type Errno =
  | 'ENOENT'
  | 'ESRCH'
  | 'ENXIO'
  | 'EACCES'
  | 'EBUSY'
  | 'EEXIST'
  | 'ENODEV'
  | 'EINVAL'
  | 'EOPNOTSUPP'
  | 'EADDRNOTAVAIL'
  | 'ENETDOWN'
  | 'ENETUNREACH'
  | 'EHOSTUNREACH';

const STRERROR: Readonly<Record<Errno, string>> = {
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  ENXIO: 'No such device or address',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  EOPNOTSUPP: 'Operation not supported',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  ENETDOWN: 'Network is down',
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
};

/** strerror(3) in the C locale. */
export function strerror(e: Errno): string {
  return STRERROR[e];
}
