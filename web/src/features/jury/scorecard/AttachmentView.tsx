import { useEffect, useState } from 'react';
import { type AttachmentForJuror, fetchAttachment } from '../../../api/scorecards';
import { format, useI18n } from '../../../i18n';
import { pdfFrameUrl } from '../../../api/attachment-views';

type Loaded = { kind: 'image'; src: string } | { kind: 'pdf'; src: string | null; download: string };

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('Not a data URL'));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(blob);
  });
}

/**
 * An attachment shown in the page on request. The files need the juror's session, which an `<img>` or a
 * frame does not send: images are fetched and shown from a data: URL (the page's CSP allows those), PDFs
 * in a frame whose request a service worker signs (see api/attachment-views.ts), with a download beside.
 */
export function AttachmentView({
  roundId,
  nominationId,
  attachment,
}: {
  roundId: string;
  nominationId: string;
  attachment: AttachmentForJuror;
}) {
  const { t, formatNumber } = useI18n();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  const name = attachment.fileName;
  const panelId = `attachment-${attachment.id}`;

  useEffect(() => {
    if (!open || loaded) return;
    let cancelled = false;
    setFailed(false);
    (async () => {
      const blob = await fetchAttachment(roundId, nominationId, attachment.id);
      if (attachment.mediaType === 'application/pdf') {
        const src = await pdfFrameUrl(attachment.downloadUrl);
        return { kind: 'pdf', src, download: URL.createObjectURL(blob) } as const;
      }
      return { kind: 'image', src: await dataUrl(blob) } as const;
    })().then(
      (result) => {
        if (cancelled) {
          if (result.kind === 'pdf') URL.revokeObjectURL(result.download);
        } else setLoaded(result);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [open, loaded, roundId, nominationId, attachment.id, attachment.mediaType, attachment.downloadUrl]);

  useEffect(
    () => () => {
      if (loaded?.kind === 'pdf') URL.revokeObjectURL(loaded.download);
    },
    [loaded],
  );

  const size = format(t.scorecard.fileSize, {
    size: formatNumber(Math.max(1, attachment.sizeBytes / 1024), { maximumFractionDigits: 0 }),
  });
  return (
    <div className="attachment">
      <p className="attachment__name">
        <span>{name}</span> <span className="muted">({size})</span>
      </p>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {format(open ? t.scorecard.hideAttachment : t.scorecard.viewAttachment, { name })}
      </button>
      <div id={panelId} hidden={!open} className="attachment__panel">
        {open && failed && (
          <p className="field__error" role="alert">
            {t.scorecard.attachmentFailed}
          </p>
        )}
        {open && !failed && !loaded && <p role="status">{format(t.scorecard.attachmentLoading, { name })}</p>}
        {open && loaded?.kind === 'image' && (
          <img className="attachment__image" src={loaded.src} alt={name} />
        )}
        {open && loaded?.kind === 'pdf' && (
          <>
            {loaded.src !== null && (
              <iframe
                className="attachment__frame"
                src={loaded.src}
                title={format(t.scorecard.attachmentFrameTitle, { name })}
              />
            )}
            <p>
              <a href={loaded.download} download={name}>
                {format(t.scorecard.downloadAttachment, { name })}
              </a>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
