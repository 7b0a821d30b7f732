import { v7 as uuidv7 } from 'uuid';

/** A new UUIDv7: time-ordered, made by the app so both dialects agree. */
export function newId(): string {
  return uuidv7();
}

/** The current instant as ISO-8601 UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}
