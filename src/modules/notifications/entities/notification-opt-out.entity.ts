import { Check, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * Mails a user may turn off. Only reminders: receipts, decisions, security mails, invitations and results
 * are part of the process and always go out.
 */
export const OPTIONAL_TOPICS = ['reminders'] as const;
export type OptionalTopic = (typeof OPTIONAL_TOPICS)[number];

/** A user's choice not to receive one kind of optional mail. */
@Entity('notification_opt_outs')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Check('notification_opt_outs_topic_check', `topic = 'reminders'`)
@ForeignKey('users', ['userId'], ['id'], { name: 'notification_opt_outs_user_id_fkey', onDelete: 'CASCADE' })
export class NotificationOptOut {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  topic!: OptionalTopic;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
