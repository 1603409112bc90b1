import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../../../common/auth/roles.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import {
  type IdempotentOutcome,
  type IdempotentRequest,
  IdempotentRequests,
} from '../../../common/http/idempotency.js';
import { AppConfig } from '../../../config/app-config.js';
import { Transactions } from '../../../database/transaction.js';
import { AuditLog } from '../../audit/audit.service.js';
import { Attachment } from '../entities/attachment.entity.js';
import { NominationAccess } from '../nomination-access.js';
import { NominationsService } from '../nominations.service.js';
import { AttachmentErrors, NominationErrors } from '../nominations.errors.js';
import { AttachmentStorage } from './attachment-storage.js';
import { type AttachmentView, toAttachmentView } from './attachment-view.js';
import { sanitiseFileName, sniffMediaType } from './file-names.js';

export interface FileUpload {
  filename: string | undefined;
  file: Readable & { truncated?: boolean };
}

@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly idempotency: IdempotentRequests,
    private readonly access: NominationAccess,
    private readonly nominations: NominationsService,
    private readonly storage: AttachmentStorage,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  /** Refuses an upload before its body is read: someone else's nomination is a 404, a frozen one a 409. */
  async authoriseUpload(caller: Caller, nominationId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const nomination = await this.access.findWritable(manager, caller, nominationId);
      await this.nominations.assertEditable(manager, nomination);
    });
  }

  /**
   * Stores the file under a generated name if its bytes say PDF, PNG or JPEG, and records it with its
   * SHA-256. The per-nomination limit is counted under the nomination's row lock.
   */
  async upload(
    caller: Caller,
    nominationId: string,
    upload: FileUpload,
    idempotent: IdempotentRequest | null,
  ): Promise<IdempotentOutcome<AttachmentView>> {
    const received = await this.storage.receive(upload.file);
    if (!received.sizeBytes) throw new DomainError(AttachmentErrors.fileMissing, 'The file is empty.');
    const format = sniffMediaType(received.content);
    if (!format)
      throw new DomainError(
        AttachmentErrors.unsupportedType,
        'The file is not a PDF, PNG or JPEG (judged by its content, not its name).',
      );
    const originalName = sanitiseFileName(upload.filename);
    return await this.idempotency.run(
      idempotent,
      { nominationId, originalName, sha256: received.sha256, sizeBytes: received.sizeBytes },
      async (manager) => {
        const nomination = await this.access.findWritable(manager, caller, nominationId);
        await this.nominations.assertEditable(manager, nomination);
        const [counted] = await manager.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM attachments WHERE nomination_id = $1`,
          [nominationId],
        );
        const max = this.config.UPLOAD_MAX_FILES;
        if ((counted?.n ?? 0) >= max)
          throw new DomainError(AttachmentErrors.limitReached, `At most ${max} attachments per nomination.`, {
            maxFiles: max,
          });
        const storedName = this.storage.newName(format.extension);
        const attachment = await manager.save(
          Attachment,
          manager.create(Attachment, {
            nominationId,
            originalName,
            storedName,
            mediaType: format.type,
            sizeBytes: String(received.sizeBytes),
            sha256: received.sha256,
            createdBy: caller.userId,
          }),
        );
        await this.storage.keep(manager, storedName, received);
        await this.audit.append(manager, {
          action: 'attachment.uploaded',
          entityType: 'nomination',
          entityId: nominationId,
          editionId: nomination.editionId,
          actorId: caller.userId,
          data: {
            attachmentId: attachment.id,
            originalName,
            mediaType: format.type,
            sizeBytes: received.sizeBytes,
            sha256: received.sha256,
          },
        });
        return toAttachmentView(attachment);
      },
    );
  }

  /** The file, for whoever may see its nomination; anyone else gets the same 404 as for a missing id. */
  async open(caller: Caller, attachmentId: string): Promise<{ attachment: AttachmentView; content: Buffer }> {
    const manager = this.dataSource.manager;
    const attachment = await manager.findOneBy(Attachment, { id: attachmentId });
    if (!attachment) throw new DomainError(AttachmentErrors.notFound);
    await this.visibleOr404(() => this.access.findVisible(manager, caller, attachment.nominationId));
    const content = await this.storage.read(attachment.storedName);
    if (!content) throw new DomainError(AttachmentErrors.notFound);
    return { attachment: toAttachmentView(attachment), content };
  }

  /** Deletes the attachment; its file goes with the row. */
  async remove(caller: Caller, attachmentId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const attachment = await manager.findOneBy(Attachment, { id: attachmentId });
      if (!attachment) throw new DomainError(AttachmentErrors.notFound);
      const nomination = await this.visibleOr404(() =>
        this.access.findWritable(manager, caller, attachment.nominationId),
      );
      await this.nominations.assertEditable(manager, nomination);
      const deleted = await manager.query<[{ id: string }[], number]>(
        `DELETE FROM attachments WHERE id = $1 RETURNING id`,
        [attachmentId],
      );
      if (!deleted[0].length) throw new DomainError(AttachmentErrors.notFound);
      await this.audit.append(manager, {
        action: 'attachment.deleted',
        entityType: 'nomination',
        entityId: nomination.id,
        editionId: nomination.editionId,
        actorId: caller.userId,
        data: { attachmentId, originalName: attachment.originalName, sha256: attachment.sha256 },
      });
    });
  }

  /** An invisible nomination makes its attachment invisible too: answered as "no such attachment". */
  private async visibleOr404<T>(find: () => Promise<T>): Promise<T> {
    try {
      return await find();
    } catch (error) {
      if (error instanceof DomainError && error.definition === NominationErrors.notFound)
        throw new DomainError(AttachmentErrors.notFound);
      throw error;
    }
  }
}
