import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Locale } from '../../../common/auth/roles.js';

/** A `pending` mail being handed over holds a row in `notification_claims` (see `Notifications.deliver`). */
export type NotificationStatus = 'pending' | 'sent' | 'failed';

/**
 * One mail to one recipient about one event. Unique per (event, subject, recipient): re-runs, retries
 * and duplicate deliveries of whatever caused it find the row already there and send nothing more.
 */
@Entity('notifications')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_notifications_event_subject_recipient', ['event', 'subject', 'recipientEmail'])
@Index('ix_notifications_created', ['createdAt', 'id'])
@Index('ix_notifications_failed', ['createdAt'], { where: `status = 'failed'` })
@Index('ix_notifications_recipient', ['recipientId', 'createdAt'])
@Index('ix_notifications_recipient_email', ['recipientEmail', 'createdAt'])
@Check('notifications_status_check', `status IN ('pending', 'sent', 'failed')`)
@ForeignKey('users', ['recipientId'], ['id'], {
  name: 'notifications_recipient_id_fkey',
  onDelete: 'SET NULL',
})
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The template, e.g. `account.verify_email`. */
  @Column({ type: 'text' })
  event!: string;

  /** What the mail is about (a token id, a nomination id, a reminder slot...). */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'recipient_email', type: 'text' })
  recipientEmail!: string;

  @Column({ name: 'recipient_id', type: 'uuid', nullable: true })
  recipientId!: string | null;

  @Column({ type: 'text' })
  locale!: Locale;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status!: NotificationStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Times the mail was handed over again (same Message-ID) after an attempt died not knowing if it went. */
  @Column({ type: 'int', default: 0 })
  resends!: number;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
