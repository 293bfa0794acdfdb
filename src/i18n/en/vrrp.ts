/** English texts of the `vrrp.*` messages. */
export const vrrpMessages: Readonly<Record<string, string>> = {
  'vrrp.start.backup':
    '{instance} (VRID {vrid} on {iface}) starts in BACKUP with priority {prio}: it becomes MASTER if no advert arrives within Master_Down_Interval {mdi} s = {n} × {adv} s + Skew_Time (256 − {prio}) × {skewUnit} s/256 = {skew} s',
  'vrrp.start.backupWishMaster':
    '{instance} (VRID {vrid} on {iface}) has `state MASTER` but priority {prio} < 255: keepalived (vrrp_init_state) still starts it in BACKUP and waits a full Master_Down_Interval {mdi} s = {n} × {adv} s + Skew_Time (256 − {prio}) × {skewUnit} s/256 = {skew} s before taking over',
  'vrrp.start.fault': '{instance} (VRID {vrid} on {iface}) starts in FAULT: a tracked interface or script is already down',
  'vrrp.master.owner':
    '{instance} (VRID {vrid}) has priority 255, the address owner: MASTER at once (keepalived uses a 1 µs down timer); advert first, then the VIPs and the gratuitous ARPs',
  'vrrp.master.startTimer':
    '{instance} (VRID {vrid}): no advert heard since keepalived started, for Master_Down_Interval {mdi} s ({n} × {adv} s + skew (256 − {prio}) × {skewUnit} s/256 = {skew} s): becoming MASTER (advert first, then the VIPs, then the gratuitous ARPs)',
  'vrrp.master.downTimer':
    '{instance} (VRID {vrid}): no advert from the master {master} for {mdi} s ({n} × {adv} s + skew (256 − {prio}) × {skewUnit} s/256 = {skew} s): becoming MASTER (advert first, then the VIPs, then the gratuitous ARPs)',
  'vrrp.master.downTimerNoMaster':
    '{instance} (VRID {vrid}): no advert heard since it (re)entered BACKUP, for {mdi} s ({n} × {adv} s + skew (256 − {prio}) × {skewUnit} s/256 = {skew} s): no master is known, becoming MASTER (advert first, then the VIPs, then the gratuitous ARPs)',
  'vrrp.master.afterPrio0':
    '{instance} (VRID {vrid}): the master {master} stepped down with a priority-0 advert and nobody took over within Skew_Time {skew} s = (256 − {prio}) × {skewUnit} s/256: becoming MASTER',
  'vrrp.master.preempt':
    '{instance} (VRID {vrid}): our priority {prio} beats the master {master}\'s {masterPrio}; its adverts were discarded, so the down timer ran out ({mdi} s): preempting, becoming MASTER',
  'vrrp.master.prio0Rx': '{instance} (MASTER, VRID {vrid}) received a priority-0 advert from {src}: it sends an advert at once (RFC 3768 §6.4.3) and stays MASTER',
  'vrrp.master.ownerConflict':
    '{instance} (VRID {vrid}): {src} also claims priority 255: keepalived reports a CONFIGURATION ERROR and lowers its own priority to 254',
  'vrrp.master.lowerAnswered':
    '{instance} (MASTER, VRID {vrid}) received a lower-priority advert from {src} ({got} < {prio}, or equal with a lower address): keepalived (not RFC 3768/5798, which discard it) answers at once with its own advert, forcing a new election',
  'vrrp.master.lowerIgnored':
    '{instance} (MASTER, VRID {vrid}) received a lower-priority advert from {src} ({got} < {prio}) and discards it silently (lower_prio_no_advert: the RFC 3768/5798 behaviour)',
  'vrrp.backup.higherPrio':
    '{instance} (VRID {vrid}): advert from {src} with higher priority {got} > ours {prio}: MASTER → BACKUP, VIPs removed; down timer {mdi} s',
  'vrrp.backup.higherAddr':
    '{instance} (VRID {vrid}): advert from {src} with the same priority {got} and a higher primary address than ours ({own}; the higher address wins the tie): MASTER → BACKUP, VIPs removed; down timer {mdi} s',
  'vrrp.backup.prio0':
    '{instance} (BACKUP, VRID {vrid}): the master {src} is stepping down (priority-0 advert): down timer set to Skew_Time {skew} s = (256 − {prio}) × {skewUnit} s/256 for a fast takeover',
  'vrrp.backup.v3Interval':
    '{instance} (BACKUP, VRID {vrid}): the master {src} advertises every {theirs} s, ours is {mine} s: keepalived logs the mismatch and adopts the master\'s interval (RFC 5798 §6.4.2); Master_Down_Interval now {mdi} s',
  'vrrp.backup.preemptDelay':
    '{instance} (BACKUP, VRID {vrid}): lower-priority master {src} ({got} < {prio}): preempt_delay {delay} s starts; until it ends keepalived keeps accepting its adverts, then it discards them and preempts after the down timer',
  'vrrp.backup.discardLower':
    '{instance} (BACKUP, priority {prio}) discards the lower-priority advert from {src} ({got}): keepalived leaves its down timer running ({left} s left) and will take over when it expires',
  'vrrp.backup.downTimerLater':
    '{instance} (BACKUP): the priority change makes Master_Down_Interval {mdi} s; keepalived (vrrp_set_effective_priority) moves the running down timer {moved} s later (new interval − old ms_down_timer {was} s): it now expires in {left} s',
  'vrrp.backup.downTimerSooner':
    '{instance} (BACKUP): the priority change makes Master_Down_Interval {mdi} s; keepalived (vrrp_set_effective_priority) moves the running down timer {moved} s earlier (old ms_down_timer {was} s − new interval): it now expires in {left} s',
  'vrrp.fault.leave': '{instance}: every tracked interface and script is up again: FAULT → BACKUP, with a full down timer',
  'vrrp.track.ifaceDown': '{instance}: tracked interface {iface} is {state}: FAULT (a master first sends two priority-0 adverts, then removes its VIPs)',
  'vrrp.track.vrrpIfaceDown':
    '{instance}: its own VRRP interface {iface} is {state}: FAULT, VIPs removed. Nothing can be sent out of a down interface, so a master\'s priority-0 adverts never leave: the backups take over only when their full Master_Down_Interval runs out',
  'vrrp.track.ifaceUp': '{instance}: tracked interface {iface} is {state}',
  // the state words of a tracked interface or script, as keepalived's logs name them
  'vrrp.track.iface.up': 'up',
  'vrrp.track.iface.down': 'down',
  'vrrp.track.script.up': 'up',
  'vrrp.track.script.down': 'down',
  'vrrp.track.ifaceWeight': '{instance}: tracked interface {iface} is {state} (weight {weight}): priority {old} → {prio}',
  'vrrp.track.scriptDown': '{instance}: vrrp_script {script} failed (exit {code}) {fall} time(s) in a row: FAULT (a master first sends two priority-0 adverts, then removes its VIPs)',
  'vrrp.track.scriptTimeout': '{instance}: vrrp_script {script} timed out {fall} time(s) in a row: FAULT (a master first sends two priority-0 adverts, then removes its VIPs)',
  'vrrp.track.scriptUp': '{instance}: vrrp_script {script} succeeded {rise} time(s) in a row: it is up again',
  'vrrp.track.scriptWeight': '{instance}: vrrp_script {script} is now {state} (rise {rise}, fall {fall}, weight {weight}): priority {old} → {prio}',
  'vrrp.prio.initial': '{instance}: tracked objects at startup make the priority {old} → {prio}',
  'vrrp.sync.follow': '{instance} follows {leader} of vrrp_sync_group {group} into {state} (a master following into FAULT sends one priority-0 advert)',
  'vrrp.sync.wait':
    '{instance}: its down timer expired, but the other members of its vrrp_sync_group still hear a master: keepalived prefers BACKUP and waits another {mdi} s',
  'vrrp.stop.master': '{instance} (VRID {vrid}): keepalived stopping: one priority-0 advert sent so a backup takes over after its Skew_Time, VIPs removed',
  'vrrp.stop': '{instance} (VRID {vrid}): keepalived stopping',
  'vrrp.garp':
    '{instance}: gratuitous ARP {n}/{total} for VIP {vip} on {iface} (keepalived\'s format: broadcast request, sender IP = target IP = VIP, target MAC ff:ff:ff:ff:ff:ff)',
  'vrrp.drop.ttl': '{instance}: advert from {src} has TTL {ttl}, VRRP requires 255 (it may have crossed a router): discarded',
  'vrrp.drop.version': '{instance}: advert from {src} is VRRPv{got}, this instance runs VRRPv{want}: discarded',
  'vrrp.drop.authTypeInvalid': '{instance}: advert from {src} has an unknown auth type {got}: discarded',
  'vrrp.drop.authTypeMismatch': '{instance}: advert from {src} has auth type {got}, ours is {want} (0 none, 1 PASS): discarded',
  'vrrp.drop.authPass': '{instance}: advert from {src} carries password "{got}", ours is "{want}" (auth_type PASS, first 8 characters): discarded',
  'vrrp.drop.adverInt':
    '{instance}: advert from {src} announces an interval of {got} s, ours is {want} s: keepalived drops VRRPv2 adverts with another interval (RFC 3768 §7.1) to avoid two masters in one VRID',
  'vrrp.drop.type': '{instance}: packet from {src} has VRRP type {got}, only 1 (ADVERTISEMENT) exists: discarded',
  'vrrp.drop.addrCount': '{instance}: advert from {src} lists {got} address(es), our virtual_ipaddress has {want}: discarded',
  'vrrp.drop.addrList': '{instance}: advert from {src} does not list our VIP {vip}: discarded',
  'vrrp.drop.expectedMulticast': '{instance}: advert from {src} was sent unicast to {dst}, this instance expects multicast 224.0.0.18: discarded',
  'vrrp.drop.expectedUnicast': '{instance}: advert from {src} was sent to {dst}, this instance uses unicast_peer: discarded',
  'vrrp.drop.lowerPriority': '{instance} (BACKUP, priority {prio}): lower-priority advert from {src} ({got}) discarded; the down timer keeps running',
  'vrrp.drop.notRunning': '{instance} is in {state}: the advert is ignored',
  'vrrp.drop.ownerStrict': '{instance} is the address owner (255) in strict mode: it ignores the advert from {src}',
  'vrrp.drop.malformed': 'a protocol-112 packet on {iface} is not a valid VRRP message: discarded',
  'vrrp.drop.unknownVrid': 'VRRP advert for VRID {vrid} on {iface}: no vrrp_instance with that VRID on this interface; keepalived ignores it',
};
