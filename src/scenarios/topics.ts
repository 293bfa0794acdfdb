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

/** The items of one topic, in the order they were given. */
export interface TopicGroup<T> {
  readonly topic: Topic;
  readonly items: readonly T[];
}

/**
 * Groups items by topic in course order (TOPICS), keeping their order inside each group; topics
 * without items are left out, and so are items whose topic is not one of TOPICS.
 */
export function groupByTopic<T extends { readonly topic: string }>(items: readonly T[]): TopicGroup<T>[] {
  const byTopic = new Map<string, T[]>();
  for (const topic of TOPICS) byTopic.set(topic, []);
  for (const item of items) byTopic.get(item.topic)?.push(item);
  const groups: TopicGroup<T>[] = [];
  for (const topic of TOPICS) {
    const group = byTopic.get(topic) ?? [];
    if (group.length > 0) groups.push({ topic, items: group });
  }
  return groups;
}
