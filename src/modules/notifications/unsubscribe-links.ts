import { Injectable } from '@nestjs/common';
import { purposeKey, sameSignature, signParts } from '../../common/signatures.js';
import { AppConfig } from '../../config/app-config.js';
import { OPTIONAL_TOPICS, type OptionalTopic } from './entities/notification-opt-out.entity.js';

/** Where the links lead: a page that asks (GET), and the RFC 8058 one-click target (POST, form-encoded). */
export const UNSUBSCRIBE_PATH = '/api/v1/notifications/unsubscribe';

const TOKEN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([a-z_]{1,32})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signed unsubscribe links: `<userId>.<topic>.<HMAC-SHA256>`. The key is derived from JWT_SECRET for this one
 * purpose (HKDF), so a link can't be turned into anything else and needs no table. A link never expires:
 * whoever holds the mail may always stop the reminders it offers to stop, and nothing more.
 */
@Injectable()
export class UnsubscribeLinks {
  private readonly key: Buffer;

  constructor(private readonly config: AppConfig) {
    this.key = purposeKey(config.JWT_SECRET!, 'notifications/unsubscribe/v1');
  }

  token(userId: string, topic: OptionalTopic): string {
    return `${userId}.${topic}.${this.sign(userId, topic)}`;
  }

  url(userId: string, topic: OptionalTopic): string {
    return `${this.config.PUBLIC_URL}${UNSUBSCRIBE_PATH}?token=${this.token(userId, topic)}`;
  }

  /** The user and topic a genuine token names; null for anything forged, altered or malformed. */
  verify(token: string): { userId: string; topic: OptionalTopic } | null {
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, userId, topic, signature] = match as unknown as [string, string, string, string];
    if (!(OPTIONAL_TOPICS as readonly string[]).includes(topic)) return null;
    return sameSignature(this.sign(userId, topic as OptionalTopic), signature)
      ? { userId, topic: topic as OptionalTopic }
      : null;
  }

  private sign(userId: string, topic: OptionalTopic): string {
    return signParts(this.key, userId, topic);
  }
}
