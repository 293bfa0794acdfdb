/** English texts of the `keepalived.*` messages (the daemon, its unit, its checks against the lab). */
export const keepalivedMessages: Readonly<Record<string, string>> = {
  'keepalived.start':
    'keepalived starts: its checker process builds the IPVS table of the {services} virtual server(s) and starts their health checks; its VRRP process starts {instances} VRRP instance(s)',
  'keepalived.stop':
    'keepalived stops (SIGTERM): a MASTER first sends an advert with priority 0 so that its backup takes over at once, then removes its virtual addresses; the virtual servers it created are removed',
  'keepalived.noInterface': "keepalived.conf names interface {iface}, which host {host} does not have",
  'keepalived.noUnit': 'host {host} has no keepalived: give it a keepalived: key to install and configure it',
  'keepalived.check.ipvsTitle': 'the IPVS table keepalived builds at start-up (ipvsadm -L -n)',
  'keepalived.check.empty': 'no vrrp_instance and no virtual_server: keepalived would have nothing to do',
  'keepalived.describe.timers':
    'effective: starts in {start}; Skew_Time {skew} s; Master_Down_Interval {mdi} s ({adverts} × {interval} s + Skew_Time)',
  'keepalived.describe.ownerStart': 'priority 255 (address owner): MASTER at once',
  'keepalived.describe.backupStart': 'BACKUP, MASTER after one Master_Down_Interval without a better advert',
  'keepalived.hostDown': 'host {host} is down (crashed): no command runs there until it is restarted',
};
