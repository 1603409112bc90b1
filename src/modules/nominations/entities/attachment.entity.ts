import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** Evidence attached to a nomination; its bytes are in `attachment_files` under the generated `storedName`. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'nomination_id', type: 'uuid' })
  nominationId!: string;

  /** The uploader's file name, sanitised; metadata only, never a path. */
  @Column({ name: 'original_name', type: 'text' })
  originalName!: string;

  @Column({ name: 'stored_name', type: 'text', unique: true })
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
