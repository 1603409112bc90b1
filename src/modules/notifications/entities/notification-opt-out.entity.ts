import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Mails a user may turn off. Only reminders: receipts, decisions, security mails, invitations and results
 * are part of the process and always go out.
 */
export const OPTIONAL_TOPICS = ['reminders'] as const;
export type OptionalTopic = (typeof OPTIONAL_TOPICS)[number];

/** A user's choice not to receive one kind of optional mail. */
@Entity('notification_opt_outs')
export class NotificationOptOut {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  topic!: OptionalTopic;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
