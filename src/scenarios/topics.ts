/**
 * The topics labs are grouped by (`topic:` of a scenario), in the order a course takes them, each
 * with the message id of its one-line description (for `lvslab list` and the lab picker).
 */
import { TOPICS } from './schema.js';

export type Topic = (typeof TOPICS)[number];

/** Message id of each topic's description. */
export const TOPIC_MESSAGE: Readonly<Record<Topic, string>> = {
  nat: 'scenario.topic.nat',
  dr: 'scenario.topic.dr',
  tun: 'scenario.topic.tun',
  fullnat: 'scenario.topic.fullnat',
  synproxy: 'scenario.topic.synproxy',
  scheduling: 'scenario.topic.scheduling',
  persistence: 'scenario.topic.persistence',
  keepalived: 'scenario.topic.keepalived',
  arp: 'scenario.topic.arp',
  netfilter: 'scenario.topic.netfilter',
  misc: 'scenario.topic.misc',
};

export { TOPICS };
