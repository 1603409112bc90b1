import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import { jobRequest, type JobPayloads } from '../../queue/jobs.js';
import { Outbox } from '../../queue/outbox.service.js';
import { AuditSealer } from '../audit/audit-sealer.js';
import { AuditLog, type AuditRecord } from '../audit/audit.service.js';
import { assertPhase } from '../editions/edition-rules.js';
import { EditionErrors } from '../editions/editions.errors.js';
import { CurrentTallies, type CurrentTally } from '../tally/current-tallies.js';
import { JurorPseudonyms } from '../tally/juror-pseudonyms.js';
import { movePhase } from '../editions/edition-phase.js';
import {
  categoryNamesOf,
  editionIdBySlug,
  type EditionSummary,
  findEdition,
  lockEdition,
  type Phase,
  publishesJuryStatistics,
  rankingRulesOf,
} from '../editions/edition.queries.js';
import { finalRound, type RoundRow } from '../jury/round-state.js';
import { publishResults, revealShortlists } from '../nominations/nomination-status.js';
import { nominationLabels } from '../nominations/nomination.queries.js';
import { publishedInput } from '../tally/analytics/published-input.js';
import { storedJuryStatistics } from '../tally/published-statistics.js';
import { TallyErrors } from '../tally/tally.errors.js';
import {
  MANIFEST_FORMAT,
  manifestCategory,
  publicResultsOf,
  publishedStatus,
  sealManifest,
  type JuryStatistics,
  type ResultsManifest,
} from './manifest.js';
import { ResultsSigner } from './results-signer.js';
import {
  publicDocument,
  PublicResultsCache,
  type PublicDocument,
  type PublicDocumentKind,
} from './public-results.cache.js';
import { PublicationErrors } from './publication.errors.js';
import { TALLY_ALGORITHM_VERSION } from '../tally/arithmetic/tally.js';
import { ResultsMailer } from './results-mailer.js';

export interface PublicationView {
  id: string;
  editionId: string;
  status: 'scheduled' | 'published';
  releaseAt: Date;
  publishedAt: Date | null;
  manifestSha256: string | null;
  lastError: string | null;
}

/** The two public documents of an edition, as served. */
export type PublicDocuments = Record<PublicDocumentKind, PublicDocument>;

interface Ready {
  edition: EditionSummary;
  round: RoundRow;
  tallies: CurrentTally[];
}

interface PublicationRow {
  id: string;
  edition_id: string;
  status: 'scheduled' | 'published';
  release_at: Date;
  published_at: Date | null;
  manifest_sha256: string | null;
  last_error: string | null;
}

const MAX_ERROR = 2000;

export function manifestUrl(slug: string): string {
  return `/api/v1/public/editions/${slug}/results/manifest`;
}

/**
 * Publishing an edition's final results: at once, or at an embargo time through a delayed
 * `publication.release` job. Publication is one transaction (winners and finalists, the phase, the
 * manifest with its SHA-256, audit entries); the public cache is filled after it commits.
 */
@Injectable()
export class PublicationService {
  private readonly logger = new Logger(PublicationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly sealer: AuditSealer,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly tallies: CurrentTallies,
    private readonly pseudonyms: JurorPseudonyms,
    private readonly signer: ResultsSigner,
    private readonly cache: PublicResultsCache,
    private readonly resultsMailer: ResultsMailer,
  ) {}

  /** Publishes now when `at` is absent or past, otherwise schedules (or reschedules) the release for `at`. */
  async publish(caller: Caller, editionId: string, at: Date | undefined): Promise<PublicationView> {
    const now = this.clock.now();
    if (at && at > now) return this.schedule(caller, editionId, at);
    const auditHead = await this.sealedHead();
    const { view, slug, documents } = await this.transactions.run(async (manager) => {
      const ready = await this.readyToPublish(manager, editionId, now);
      return this.publishInTransaction(manager, ready, {
        releaseAt: now,
        publishedAt: now,
        auditHead,
        actorId: caller.userId,
      });
    });
    await this.fillCache(slug, documents);
    return view;
  }

  /** The `publication.release` job: publishes a scheduled publication once it is due by the server clock. */
  async release(payload: JobPayloads['publication.release']): Promise<void> {
    const row = await this.findRow(this.dataSource.manager, payload.publicationId);
    // Published already (also by an earlier duplicate of this job), or rescheduled: the job for the new time publishes.
    if (!row || row.status === 'published' || row.release_at.getTime() !== Date.parse(payload.releaseAt))
      return;
    const now = this.clock.now();
    if (now < row.release_at) {
      // Woken early by a clock other than the server's: come back when the embargo ends, never publish before.
      await this.transactions.run((manager) =>
        this.outbox.enqueue(
          manager,
          jobRequest('publication.release', payload, {
            runAt: row.release_at,
            jobId: `publication-${row.id}-${row.release_at.getTime()}-${now.getTime()}`,
          }),
        ),
      );
      return;
    }
    const auditHead = await this.sealedHead();
    try {
      const published = await this.transactions.run(async (manager) => {
        const ready = await this.readyToPublish(manager, payload.editionId, row.release_at);
        const current = await this.findRow(manager, row.id, true);
        if (
          !current ||
          current.status !== 'scheduled' ||
          current.release_at.getTime() !== row.release_at.getTime()
        )
          return null;
        return this.publishInTransaction(manager, ready, {
          releaseAt: row.release_at,
          publishedAt: now,
          auditHead,
          actorId: null,
        });
      });
      if (published) await this.fillCache(published.slug, published.documents);
    } catch (error) {
      // Kept on the publication for organisers (GET /editions/{id}/publication); the job retries with backoff.
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR);
      await this.dataSource.query(
        `UPDATE publications SET last_error = $2 WHERE id = $1 AND status = 'scheduled'`,
        [row.id, message],
      );
      throw error;
    }
  }

  async find(editionId: string): Promise<PublicationView> {
    const [row] = await this.dataSource.query<PublicationRow[]>(
      `SELECT ${ROW_COLUMNS} FROM publications WHERE edition_id = $1`,
      [editionId],
    );
    if (!row) {
      const edition = await findEdition(this.dataSource.manager, editionId);
      throw new DomainError(edition ? PublicationErrors.notFound : EditionErrors.notFound);
    }
    return viewOf(row);
  }

  /**
   * Cancels a scheduled publication before its release: the row goes, so the delayed release job finds
   * nothing to publish, and the edition goes back to the phase it was scheduled from (scheduling moved it
   * from `tallying` to `results_ready`; an edition an organiser had moved to `results_ready` stays there).
   * The edition's lock orders this against a release running on another instance (it locks the edition
   * first too): whichever comes second sees the other's outcome. Audited.
   */
  async cancel(caller: Caller, editionId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const edition = await lockEdition(manager, editionId);
      if (!edition) throw new DomainError(EditionErrors.notFound);
      const [rows] = await manager.query<[(PublicationRow & { scheduled_from: Phase | null })[], number]>(
        `DELETE FROM publications WHERE edition_id = $1 AND status = 'scheduled'
         RETURNING ${ROW_COLUMNS}, scheduled_from`,
        [editionId],
      );
      const row = rows[0];
      if (!row) {
        const [published] = await manager.query<{ id: string }[]>(
          `SELECT id FROM publications WHERE edition_id = $1`,
          [editionId],
        );
        throw new DomainError(published ? PublicationErrors.alreadyPublished : PublicationErrors.notFound);
      }
      const base = { editionId, actorId: caller.userId };
      const records: AuditRecord[] = [
        {
          ...base,
          action: 'publication.cancelled',
          entityType: 'publication',
          entityId: row.id,
          data: { releaseAt: row.release_at.toISOString() },
        },
      ];
      if (row.scheduled_from === 'tallying' && edition.phase === 'results_ready') {
        await movePhase(manager, edition, 'tallying', 'publication_cancelled');
        records.push({
          ...base,
          action: 'editions.phase_changed',
          entityType: 'edition',
          entityId: editionId,
          data: { from: 'results_ready', to: 'tallying', reason: 'publication_cancelled' },
        });
      }
      await this.audit.appendMany(manager, records);
    });
  }

  /**
   * What the public documents would be if the edition were published now, for organisers; null when there
   * is nothing to preview (no closed final round, or a tally out of date).
   */
  async preview(slug: string): Promise<PublicDocuments | null> {
    return this.transactions.run(async (manager) => {
      const editionId = await editionIdBySlug(manager, slug);
      if (!editionId) return null;
      try {
        const ready = await this.finalRoundTallied(manager, (await findEdition(manager, editionId))!);
        const { documents } = await this.buildDocuments(manager, ready, {
          publishedAt: null,
          auditHead: null,
        });
        return documents;
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
    });
  }

  private async schedule(caller: Caller, editionId: string, releaseAt: Date): Promise<PublicationView> {
    return this.transactions.run(async (manager) => {
      const { edition, round } = await this.readyToPublish(manager, editionId, releaseAt);
      const [row] = await manager.query<PublicationRow[]>(
        `INSERT INTO publications (edition_id, round_id, status, release_at, requested_by, requested_at, scheduled_from)
         VALUES ($1, $2, 'scheduled', $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT uq_publications_edition DO UPDATE
           SET round_id = EXCLUDED.round_id, release_at = EXCLUDED.release_at, requested_by = EXCLUDED.requested_by,
               requested_at = EXCLUDED.requested_at, last_error = NULL
         WHERE publications.status = 'scheduled'
         RETURNING ${ROW_COLUMNS}`,
        [edition.id, round.id, releaseAt, caller.userId, this.clock.now(), edition.phase],
      );
      if (!row) throw new DomainError(PublicationErrors.alreadyPublished);
      // One job per scheduled moment: an earlier job finds another time on the row and does nothing.
      await this.outbox.enqueue(
        manager,
        jobRequest(
          'publication.release',
          { editionId: edition.id, publicationId: row.id, releaseAt: releaseAt.toISOString() },
          { runAt: releaseAt, jobId: `publication-${row.id}-${releaseAt.getTime()}` },
        ),
      );
      const base = { editionId: edition.id, actorId: caller.userId };
      const records: AuditRecord[] = [
        {
          ...base,
          action: 'publication.scheduled',
          entityType: 'publication',
          entityId: row.id,
          data: { releaseAt: releaseAt.toISOString(), roundId: round.id },
        },
      ];
      if (edition.phase === 'tallying') {
        await movePhase(manager, edition, 'results_ready', 'publication_scheduled');
        records.push({
          ...base,
          action: 'editions.phase_changed',
          entityType: 'edition',
          entityId: edition.id,
          data: { from: 'tallying', to: 'results_ready', reason: 'publication_scheduled' },
        });
      }
      await this.audit.appendMany(manager, records);
      return viewOf(row);
    });
  }

  /** Locks the edition and checks that its final round can be published at `releaseAt`. */
  private async readyToPublish(manager: EntityManager, editionId: string, releaseAt: Date): Promise<Ready> {
    const edition = await lockEdition(manager, editionId);
    if (!edition) throw new DomainError(EditionErrors.notFound);
    if (edition.phase === 'published')
      throw new DomainError(PublicationErrors.alreadyPublished, undefined, { currentPhase: edition.phase });
    assertPhase(edition, 'tallying', 'results_ready');
    if (edition.resultsEmbargoUntil && releaseAt < edition.resultsEmbargoUntil) {
      throw new DomainError(
        EditionErrors.embargoed,
        `Results are embargoed until ${edition.resultsEmbargoUntil.toISOString()}.`,
        {
          resultsEmbargoUntil: edition.resultsEmbargoUntil.toISOString(),
        },
      );
    }
    return this.finalRoundTallied(manager, edition);
  }

  /** The edition's last round, closed, with a current tally of every category. */
  private async finalRoundTallied(manager: EntityManager, edition: EditionSummary): Promise<Ready> {
    const round = await finalRound(manager, edition.id);
    if (!round) throw new DomainError(PublicationErrors.noRound);
    if (round.status !== 'closed')
      throw new DomainError(TallyErrors.roundOpen, 'The final round is still open.', { roundId: round.id });
    return { edition, round, tallies: await this.tallies.of(manager, round) };
  }

  private async publishInTransaction(
    manager: EntityManager,
    ready: Ready,
    options: {
      releaseAt: Date;
      publishedAt: Date;
      auditHead: ResultsManifest['auditHead'];
      actorId: string | null;
    },
  ): Promise<{ view: PublicationView; slug: string; documents: PublicDocuments }> {
    const { edition, round } = ready;
    const { manifest, documents } = await this.buildDocuments(manager, ready, options);

    const [row] = await manager.query<PublicationRow[]>(
      `INSERT INTO publications (edition_id, round_id, status, release_at, requested_by, requested_at, published_at, manifest, manifest_sha256, results)
       VALUES ($1, $2, 'published', $3, $4, $5, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT uq_publications_edition DO UPDATE
         SET status = 'published', round_id = EXCLUDED.round_id, release_at = EXCLUDED.release_at,
             published_at = EXCLUDED.published_at, manifest = EXCLUDED.manifest,
             manifest_sha256 = EXCLUDED.manifest_sha256, results = EXCLUDED.results, last_error = NULL
       WHERE publications.status = 'scheduled'
       RETURNING ${ROW_COLUMNS}`,
      [
        edition.id,
        round.id,
        options.releaseAt,
        options.actorId,
        options.publishedAt,
        documents.manifest.body,
        manifest.sha256,
        documents.results.body,
      ],
    );
    if (!row) throw new DomainError(PublicationErrors.alreadyPublished);

    // Rank 1 wins (every rank 1 when tied); the rest of the ranked field are finalists; the unranked keep their status.
    const statuses = manifest.categories.flatMap((category) =>
      category.result.nominations
        .map((n) => ({ id: n.nomination, status: publishedStatus(n.rank) }))
        .filter((n): n is { id: string; status: 'winner' | 'finalist' } => n.status !== null),
    );
    const changed = await publishResults(manager, statuses);
    await revealShortlists(manager, edition.id);
    await movePhase(manager, edition, 'published', 'published');

    const base = { editionId: edition.id, actorId: options.actorId };
    await this.audit.appendMany(manager, [
      ...changed.map((n): AuditRecord => ({
        ...base,
        action: 'nominations.status_changed',
        entityType: 'nomination',
        entityId: n.id,
        data: { from: n.from, to: n.to, reason: 'published' },
      })),
      {
        ...base,
        action: 'editions.phase_changed',
        entityType: 'edition',
        entityId: edition.id,
        data: { from: edition.phase, to: 'published', reason: 'published' },
      },
      {
        ...base,
        action: 'publication.published',
        entityType: 'publication',
        entityId: row.id,
        data: {
          roundId: round.id,
          releaseAt: options.releaseAt.toISOString(),
          manifestSha256: manifest.sha256,
          auditHead: options.auditHead,
          snapshots: ready.tallies.map((t) => ({
            categoryId: t.categoryId,
            snapshotId: t.snapshotId,
            inputsDigest: t.inputsDigest,
          })),
        },
      },
    ]);
    await this.notifyNominees(manager, edition.id);
    return { view: viewOf(row), slug: edition.slug, documents };
  }

  /**
   * Results mails to nominees at publication. Called inside the publication's transaction so that the mails
   * (recorded and enqueued through the outbox) exist iff the results do: never before the embargo ends.
   */
  private async notifyNominees(manager: EntityManager, editionId: string): Promise<void> {
    await this.resultsMailer.enqueue(manager, editionId);
  }

  /** The manifest and the public results document, from the current tallies, jurors replaced by pseudonyms. */
  private async buildDocuments(
    manager: EntityManager,
    { edition, round, tallies }: Ready,
    options: { publishedAt: Date | null; auditHead: ResultsManifest['auditHead'] },
  ): Promise<{ manifest: ResultsManifest; documents: PublicDocuments }> {
    const pseudonym = await this.pseudonyms.forEdition(manager, edition.id);
    const rules = (await rankingRulesOf(manager, edition.id))!;
    const statistics = await publishesJuryStatistics(manager, edition.id);
    const names = new Map((await categoryNamesOf(manager, edition.id)).map((c) => [c.id, c.name]));
    const details = await nominationLabels(
      manager,
      tallies.flatMap((t) => t.input.nominations),
    );

    // Computed by the tally job from the category as published (pseudonyms, its own digest as the bootstrap's
    // seed) and stored with the snapshot; computed here only for a snapshot tallied before they were stored.
    const stored = statistics
      ? await storedJuryStatistics(
          manager,
          tallies.map((t) => t.snapshotId),
        )
      : new Map<string, JuryStatistics>();

    const categories = tallies.map((t) => {
      const category = manifestCategory(
        { code: t.categoryCode, name: names.get(t.categoryId) ?? {} },
        publishedInput(t.input, pseudonym),
        t.input.nominations.map((id) => ({
          id,
          title: details.get(id)?.title ?? '',
          company: details.get(id)?.companyName ?? '',
        })),
        { statistics: statistics && (stored.get(t.snapshotId) ?? true) },
      );
      assertSameRanking(t, category.result.nominations);
      return category;
    });
    const sealed = sealManifest({
      format: MANIFEST_FORMAT,
      algorithm: TALLY_ALGORITHM_VERSION,
      edition: { id: edition.id, slug: edition.slug, name: edition.name },
      round: { id: round.id, number: round.number, name: round.name },
      rules: {
        method: rules.scoringMethod,
        tieBreakers: rules.tieBreakers,
        minScorecards: rules.minScorecards,
      },
      publishedAt: options.publishedAt?.toISOString() ?? null,
      auditHead: options.auditHead,
      categories,
    });
    // Published results are signed; an organiser's preview is not (it is nobody's statement yet).
    const manifest = options.publishedAt ? await this.signer.sign(manager, sealed) : sealed;
    const releaseAt = options.publishedAt ?? this.clock.now();
    return {
      manifest,
      documents: {
        manifest: publicDocument(canonicalJson(manifest), releaseAt),
        results: publicDocument(
          canonicalJson(publicResultsOf(manifest, manifestUrl(edition.slug))),
          releaseAt,
        ),
      },
    };
  }

  /** The audit chain's head once everything committed so far is sealed: what the manifest quotes. */
  private async sealedHead(): Promise<ResultsManifest['auditHead']> {
    await this.sealer.sealAllCommitted();
    return this.audit.head();
  }

  private async fillCache(slug: string, documents: PublicDocuments): Promise<void> {
    await Promise.all([
      this.cache.put(slug, 'results', documents.results),
      this.cache.put(slug, 'manifest', documents.manifest),
    ]);
  }

  private async findRow(
    manager: EntityManager,
    id: string,
    lock = false,
  ): Promise<PublicationRow | undefined> {
    const [row] = await manager.query<PublicationRow[]>(
      `SELECT ${ROW_COLUMNS} FROM publications WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }
}

const ROW_COLUMNS = 'id, edition_id, status, release_at, published_at, manifest_sha256, last_error';

function viewOf(row: PublicationRow): PublicationView {
  return {
    id: row.id,
    editionId: row.edition_id,
    status: row.status,
    releaseAt: row.release_at,
    publishedAt: row.published_at,
    manifestSha256: row.manifest_sha256,
    lastError: row.last_error,
  };
}

/**
 * The manifest is tallied again from pseudonyms (so that a verifier recomputes exactly what it states); it
 * must rank as the snapshot organisers saw, or something is badly wrong and nothing is published.
 */
function assertSameRanking(tally: CurrentTally, published: CurrentTally['result']['nominations']): void {
  const key = (rows: CurrentTally['result']['nominations']) =>
    canonicalJson(rows.map((n) => [n.nomination, n.rank, n.scoreExact, n.flags, n.tieBrokenBy]));
  if (key(tally.result.nominations) !== key(published)) {
    throw new Error(
      `The manifest of category ${tally.categoryCode} ranks differently from its snapshot ${tally.snapshotId}`,
    );
  }
}
