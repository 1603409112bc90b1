import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { openAttachment, uploadAttachment } from '../../api/attachment-upload';
import { attachmentViewsReady, ENTRANT_ATTACHMENTS } from '../../api/attachment-views';
import { type Attachment, type Nomination, nominationKey, useRemoveAttachment } from '../../api/nominations';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, fieldId, Notice, useProblemText } from '../../ui';
import { ConfirmDialog, useFileSize, useLocalizedError, useRulesText } from './shared';

interface Upload {
  name: string;
  loaded: number;
  total: number;
}

/** The nomination's files: listed, viewed in a new tab, and (while it can change) uploaded and removed. */
export function Attachments({ nomination, editable }: { nomination: Nomination; editable: boolean }) {
  const hasFiles = nomination.attachments.length > 0;
  // Ready before the first click: the view opens its tab while the click still counts as the user's.
  useEffect(() => {
    if (hasFiles) void attachmentViewsReady(ENTRANT_ATTACHMENTS);
  }, [hasFiles]);
  const { t, plural, formatDateTime } = useI18n();
  const size = useFileSize();
  const rulesText = useRulesText();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [viewError, setViewError] = useState<unknown>(null);
  const [pending, setPending] = useState<Attachment | null>(null);
  const [removedName, setRemovedName] = useState<string | null>(null);
  const remove = useRemoveAttachment(nomination.id);
  const shownUploadError = useLocalizedError(uploadError);
  const shownViewError = useLocalizedError(viewError);
  const describe = useProblemText();
  const rules = nomination.attachmentRules;
  const types = rules.mediaTypes.map((type) => t.nominations.fileTypes[type]).join(', ');
  const full = nomination.attachments.length >= rules.maxFiles;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setUploadError(null);
    setUploaded(null);
    setRemovedName(null);
    const file = input.current?.files?.[0];
    // Refused here what the server would refuse, before a byte is sent.
    if (!file) return setLocalError(t.nominations.noFileChosen);
    if (file.size > rules.maxBytes)
      return setLocalError(
        format(t.nominations.tooBig, { size: size(file.size), max: size(rules.maxBytes) }),
      );
    if (file.type && !(rules.mediaTypes as readonly string[]).includes(file.type))
      return setLocalError(format(t.nominations.wrongType, { types }));
    setLocalError(null);
    setUpload({ name: file.name, loaded: 0, total: file.size });
    try {
      await uploadAttachment(nomination.id, file, (p) => setUpload({ name: file.name, ...p }));
      setUploaded(file.name);
      if (input.current) input.current.value = '';
      await queryClient.invalidateQueries({ queryKey: nominationKey(nomination.id) });
    } catch (error) {
      setUploadError(error);
    } finally {
      setUpload(null);
    }
  };

  const fieldError = localError ?? (uploadError ? describe(shownUploadError) : null);
  const percent = upload && upload.total > 0 ? Math.round((upload.loaded / upload.total) * 100) : 0;

  return (
    <section className="section" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t.nominations.attachments}</h2>
      <p className="muted">
        {t.nominations.attachmentsLead}
        {nomination.attachments.length > 0 &&
          ` ${plural(t.nominations.attachmentCount, nomination.attachments.length)}`}
      </p>
      {removedName && (
        <Notice tone="success" live>
          <p>{format(t.nominations.removed, { name: removedName })}</p>
        </Notice>
      )}
      <ErrorSummary error={shownViewError} />
      {nomination.attachments.length === 0 ? (
        <p>{t.nominations.noAttachments}</p>
      ) : (
        <div className="nom-table-wrap">
          <table className="nom-table">
            <thead>
              <tr>
                <th scope="col">{t.nominations.fileName}</th>
                <th scope="col">{t.nominations.fileType}</th>
                <th scope="col">{t.nominations.fileSize}</th>
                <th scope="col">{t.nominations.fileAdded}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.nominations.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {nomination.attachments.map((attachment) => (
                <tr key={attachment.id}>
                  <th scope="row">{attachment.originalName}</th>
                  <td data-label={t.nominations.fileType}>{t.nominations.fileTypes[attachment.mediaType]}</td>
                  <td data-label={t.nominations.fileSize}>{size(attachment.sizeBytes)}</td>
                  <td data-label={t.nominations.fileAdded}>{formatDateTime(attachment.createdAt)}</td>
                  <td>
                    <div className="actions">
                      <Button
                        variant="secondary"
                        aria-label={format(t.nominations.viewNamed, { name: attachment.originalName })}
                        onClick={() => {
                          setViewError(null);
                          openAttachment(attachment.id).catch(setViewError);
                        }}
                      >
                        {t.nominations.view}
                      </Button>
                      {editable && (
                        <Button
                          variant="secondary"
                          aria-label={format(t.nominations.removeNamed, { name: attachment.originalName })}
                          onClick={() => {
                            remove.reset();
                            setPending(attachment);
                          }}
                        >
                          {t.nominations.remove}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && !full && (
        <form
          className="form form--wide"
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-label={t.nominations.chooseFile}
        >
          <div className={fieldError ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor={fieldId('file')}>
              {t.nominations.chooseFile}
            </label>
            <p className="field__hint" id="file-hint">
              {rulesText(rules)}
            </p>
            {fieldError && (
              <p className="field__error" id="file-error" role="alert">
                {fieldError}
              </p>
            )}
            <input
              ref={input}
              id={fieldId('file')}
              name="file"
              type="file"
              className="input"
              accept={rules.mediaTypes.join(',')}
              aria-describedby={fieldError ? 'file-hint file-error' : 'file-hint'}
              aria-invalid={fieldError ? true : undefined}
              onChange={() => {
                setLocalError(null);
                setUploadError(null);
              }}
            />
          </div>
          {upload && (
            <div className="field">
              <label className="field__label" htmlFor="upload-progress">
                {format(t.nominations.uploading, { name: upload.name })}
              </label>
              <progress id="upload-progress" className="nom-progress" max={100} value={percent}>
                {percent}%
              </progress>
            </div>
          )}
          <p role="status" className="muted">
            {uploaded ? format(t.nominations.uploaded, { name: uploaded }) : ''}
          </p>
          <div>
            <Button type="submit" busy={upload !== null} busyLabel={`${t.nominations.upload}… ${percent}%`}>
              {t.nominations.upload}
            </Button>
          </div>
        </form>
      )}
      {pending && (
        <ConfirmDialog
          id="remove-attachment"
          title={format(t.nominations.confirmRemoveTitle, { name: pending.originalName })}
          text={t.nominations.confirmRemove}
          confirmLabel={t.nominations.confirmRemoveButton}
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() =>
            remove.mutate(pending.id, {
              onSuccess: () => {
                setRemovedName(pending.originalName);
                setPending(null);
              },
            })
          }
          onClose={() => setPending(null)}
        />
      )}
    </section>
  );
}
