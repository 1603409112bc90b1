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

export const ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** Evidence attached to a nomination; its bytes are in `attachment_files` under the generated `storedName`. */
@Entity('attachments')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_attachments_stored_name', ['storedName'])
@Index('ix_attachments_nomination', ['nominationId', 'createdAt'])
@Check('attachments_media_type_check', `media_type IN ('application/pdf', 'image/png', 'image/jpeg')`)
@Check('attachments_original_name_check', `(length(original_name) >= 1) AND (length(original_name) <= 255)`)
@Check('attachments_sha256_check', `sha256 ~ '^[0-9a-f]{64}$'`)
@Check('attachments_size_bytes_check', `size_bytes > 0`)
@Check('attachments_stored_name_check', `stored_name ~ '^[a-z0-9-]+\\.(pdf|png|jpg)$'`)
@ForeignKey('users', ['createdBy'], ['id'], { name: 'attachments_created_by_fkey' })
@ForeignKey('nominations', ['nominationId'], ['id'], {
  name: 'attachments_nomination_id_fkey',
  onDelete: 'CASCADE',
})
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'nomination_id', type: 'uuid' })
  nominationId!: string;

  /** The uploader's file name, sanitised; metadata only, never a path. */
  @Column({ name: 'original_name', type: 'text' })
  originalName!: string;

  @Column({ name: 'stored_name', type: 'text' })
  storedName!: string;

  /** Recognised from the file's bytes, not from the name or the client's header. */
  @Column({ name: 'media_type', type: 'text' })
  mediaType!: AttachmentMediaType;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
