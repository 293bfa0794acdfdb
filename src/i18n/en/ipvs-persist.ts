/** English texts for ipvs-persist message ids (see src/i18n/index.ts). */
export const ipvsPersistMessages: Readonly<Record<string, string>> = {
  'ipvs.persist.templateAssured': 'The template becomes ASSURED: a connection it controls reached ESTABLISHED (or a UDP reply came back). A connection deleted early no longer takes this template with it; the template lives until its own timer runs out.',
  'ipvs.persist.templateNew':
    'New persistence template (client port 0, state {state}); it counts in the real server\'s PersistConn, not in ActiveConn/InActConn',
  'ipvs.persist.pick':
    '{scheduler} picked real server {rs} for {service}; a persistence template for client network {client} now sends its next connections there too',
  'ipvs.persist.hit':
    'Persistence: client network {client} already has a template for {service}, so the connection goes to {rs} without asking the scheduler (weight {weight} does not matter here)',
  'ipvs.persist.noDest': '{scheduler}: {service} - no destination available for a new persistence template',
  'ipvs.persist.invalidDeleted':
    'Template of client network {client} points at {rs}, which was deleted: it is made unmatchable (ports 65535) and the scheduler chooses again',
  'ipvs.persist.invalidQuiescent':
    'Template of client network {client} points at {rs}, which has weight 0, and expire_quiescent_template=1: it is made unmatchable and the scheduler chooses again',
  'ipvs.persist.portZeroNotPersistent':
    '{service} has port 0 but is not persistent: IPVS drops the packet ("port zero only supported in persistent services")',
};
