import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse } from '../../../common/http/page.response.js';
import {
  CategoryQuestionResponse,
  LocalizedTextResponse,
  PHASE_SCHEMA,
} from '../../editions/dto/edition.response.js';
import type { Phase } from '../../editions/edition.queries.js';
import { NominationMetricResponse } from '../../nominations/dto/nomination.response.js';
import type { AutoAssignSummary } from '../assignments/assignments.service.js';
import type { LateConflictStatus, LateConflictView } from '../conflicts-late.service.js';
import type { ConfirmationView } from '../conflicts.service.js';
import type { NominationProgress } from '../progress.service.js';
import type { ManualReminderState } from '../reminders/manual-reminders.js';
import type { RoundStatus } from '../entities/round.entity.js';
import type {
  AttachmentForJuror,
  CompanyForJuror,
  CriterionForJuror,
  NominationForJuror,
  CategoryDistribution,
  DistributionBucket,
  OwnDistribution,
  OwnTotal,
  Worklist,
  WorklistCategory,
  WorklistItem,
  WorklistCalibration,
  WorklistRound,
} from '../juror-view.service.js';
import type { DeclarationView, DeclaredConflict, ParticipatingCompany } from '../declarations.service.js';
import { WORKLIST_STATES, type WorklistState } from './jury.dto.js';
import type { CategoryProgress, JurorProgress, ProgressCounts, RoundProgress } from '../progress.service.js';
import type {
  AssignmentView,
  ConflictSource,
  ConflictView,
  PanelJurorView,
  PanelView,
  RoundView,
} from '../views.js';

const ROUND_STATUS = { enum: ['open', 'closed'], enumName: 'RoundStatus' } as const;
const SCORECARD_STATUS = { enum: ['draft', 'submitted'], enumName: 'ScorecardStatus' } as const;
const CONFLICT_SOURCE = { enum: ['declared', 'organiser', 'membership', 'employer'] } as const;
const WORKLIST_STATE = { enum: WORKLIST_STATES, enumName: 'WorklistState' } as const;

export class RoundResponse implements RoundView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  number!: number;

  @ApiProperty({ example: 'First round' })
  name!: string;

  @ApiProperty(ROUND_STATUS)
  status!: RoundStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "The jurors' deadline" })
  closesAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

class PanelJurorResponse implements PanelJurorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  fullName!: string;

  @ApiProperty({ format: 'email', example: 'ayse.demir@example.com' })
  email!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  employerCompanyId!: string | null;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}

export class PanelResponse implements PanelView {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'sustainability' })
  categoryCode!: string;

  @ApiProperty({ type: [PanelJurorResponse] })
  jurors!: PanelJurorResponse[];
}

export class ConflictResponse implements ConflictView {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for automatic conflicts (membership, employer), which cannot be removed',
  })
  id!: string | null;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  jurorName!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiPropertyOptional({
    example: 'KazTransLogistics LLP',
    description: 'Left out for jurors of a blind edition',
  })
  companyName?: string;

  @ApiProperty({ enum: ['declared', 'organiser', 'membership', 'employer'] })
  source!: ConflictSource;

  @ApiProperty({ type: String, nullable: true, example: 'Former employer (until 2025)' })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  createdAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The late conflict awaiting an organiser’s decision, when it appeared after scoring',
  })
  awaitingDecision!: string | null;
}

export class ConflictPage extends PageResponse(ConflictResponse) {}

export class ConfirmationResponse implements ConfirmationView {
  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ format: 'date-time' })
  confirmedAt!: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'Conflicts on record when confirmed' })
  conflicts!: number;
}

export class EmployerResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  employerCompanyId!: string | null;
}

export class LateConflictResponse implements LateConflictView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  jurorName!: string;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 'KazTransLogistics LLP' })
  companyName!: string;

  @ApiProperty({ enum: ['declared', 'membership', 'employer'] })
  source!: 'declared' | 'membership' | 'employer';

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "The juror's submitted scorecards on the company's nominations when it appeared",
  })
  scorecards!: string[];

  @ApiProperty({ format: 'date-time' })
  detectedAt!: string;

  @ApiProperty({ enum: ['pending', 'confirmed', 'dismissed'] })
  status!: LateConflictStatus;

  @ApiProperty({
    description: 'False once the conflict no longer holds (membership ended, employer changed)',
  })
  holds!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  decidedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

export class LateConflictPage extends PageResponse(LateConflictResponse) {}

export class AssignmentResponse implements AssignmentView {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ description: 'False while a conflict of interest (or the nomination’s status) silences it' })
  active!: boolean;

  @ApiProperty({ ...SCORECARD_STATUS, nullable: true })
  scorecardStatus!: 'draft' | 'submitted' | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AssignmentPage extends PageResponse(AssignmentResponse) {}

export class DefaultAssignmentsResponse {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: 'integer', example: 36, description: 'Assignments created' })
  created!: number;
}

class AutoAssignCategory {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'digitalisation' })
  categoryCode!: string;

  @ApiProperty({ type: 'integer', example: 12 })
  nominations!: number;

  @ApiProperty({ type: 'integer', example: 5 })
  jurors!: number;

  @ApiProperty({ type: 'integer', example: 7, description: 'Fewest assignments a juror got' })
  minimumLoad!: number;

  @ApiProperty({ type: 'integer', example: 8, description: 'Most assignments a juror got' })
  maximumLoad!: number;
}

class AutoAssignLoad {
  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  fullName!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ type: 'integer', example: 7 })
  load!: number;
}

class AutoAssignNomination {
  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ example: 'Dry port digital twin' })
  title!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  jurorIds!: string[];
}

export class AutoAssignResponse implements AutoAssignSummary {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  perNomination!: number;

  @ApiProperty({ description: 'True for a preview: nothing was saved' })
  dryRun!: boolean;

  @ApiProperty({ type: [AutoAssignLoad], description: "Each panel juror's load per category" })
  loads!: AutoAssignLoad[];

  @ApiProperty({ type: [AutoAssignNomination], description: "Each nomination's jurors" })
  nominations!: AutoAssignNomination[];

  @ApiProperty({ type: 'integer', example: 36 })
  created!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  removed!: number;

  @ApiProperty({ type: [AutoAssignCategory] })
  categories!: AutoAssignCategory[];
}

class ProgressCountsResponse implements ProgressCounts {
  @ApiProperty({ type: 'integer', example: 36, description: 'Standing assignments' })
  assigned!: number;

  @ApiProperty({ type: 'integer', example: 4, description: 'Scorecards saved, not submitted' })
  drafted!: number;

  @ApiProperty({ type: 'integer', example: 20 })
  submitted!: number;

  @ApiProperty({ type: 'integer', example: 16, description: 'Assigned and not submitted' })
  remaining!: number;
}

class JurorProgressResponse extends ProgressCountsResponse implements JurorProgress {
  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  fullName!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty({ description: 'Whether the juror has confirmed their conflicts in this edition' })
  conflictsConfirmed!: boolean;
}

class CategoryProgressResponse extends ProgressCountsResponse implements CategoryProgress {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  categoryCode!: string;
}

export class NominationProgressResponse extends ProgressCountsResponse implements NominationProgress {
  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ example: 'Dry port digital twin' })
  title!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({
    type: () => [AssignmentResponse],
    description: 'Every juror assigned to it in the round, standing or silenced, with their scorecard status',
  })
  assignments!: AssignmentResponse[];
}

/** One page of the nominations judged in the round, fewest submitted scorecards first. */
export class NominationProgressPage extends PageResponse(NominationProgressResponse) {}

export class ManualReminderStateResponse implements ManualReminderState {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When an organiser last reminded the jurors behind',
  })
  lastSentAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Jurors that reminder went to' })
  lastReminded!: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The reminder is cooling down until then (null: it can be sent now)',
  })
  availableAt!: string | null;

  @ApiProperty({ type: 'integer', example: 24 })
  cooldownHours!: number;
}

export class ManualReminderResponse extends ManualReminderStateResponse {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
}

class JurorBehind {
  @ApiProperty({ format: 'uuid' })
  jurorId!: string;

  @ApiProperty({ example: 'Ayşe Demir' })
  fullName!: string;

  @ApiProperty({ type: 'integer', example: 6 })
  remaining!: number;
}

export class RoundProgressResponse implements RoundProgress {
  @ApiProperty({ type: RoundResponse })
  round!: RoundResponse;

  @ApiProperty({ type: ProgressCountsResponse })
  totals!: ProgressCountsResponse;

  @ApiProperty({ type: [JurorProgressResponse] })
  jurors!: JurorProgressResponse[];

  @ApiProperty({ type: [CategoryProgressResponse] })
  categories!: CategoryProgressResponse[];

  @ApiProperty({ type: [JurorBehind], description: 'Jurors with scorecards to submit, most remaining first' })
  behind!: JurorBehind[];

  @ApiProperty({
    type: 'integer',
    example: 3,
    description: "The edition's minimum scorecards per nomination",
  })
  minScorecards!: number;

  @ApiProperty({
    type: 'integer',
    example: 2,
    description:
      'Nominations judged in the round with fewer submitted scorecards than the minimum: unranked if the round closed now',
  })
  belowMinimum!: number;

  @ApiProperty({ type: ManualReminderStateResponse })
  reminder!: ManualReminderStateResponse;
}

class CompanyForJurorResponse implements CompanyForJuror {
  @ApiProperty({ example: 'KazTransLogistics LLP' })
  name!: string;

  @ApiProperty({ example: 'KZ' })
  country!: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://kaztranslogistics.kz' })
  website!: string | null;
}

class WorklistScorecard {
  @ApiProperty(SCORECARD_STATUS)
  status!: 'draft' | 'submitted';

  @ApiProperty({ type: 'integer', example: 2 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

class WorklistItemResponse implements WorklistItem {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  categoryCode!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  categoryName!: LocalizedTextResponse;

  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;

  @ApiProperty({ type: CompanyForJurorResponse, nullable: true, description: 'null in a blind edition' })
  company!: CompanyForJurorResponse | null;

  @ApiProperty({ ...WORKLIST_STATE, description: 'not_started until the first save' })
  state!: WorklistState;

  @ApiProperty({ type: WorklistScorecard, nullable: true, description: 'null before the first save' })
  scorecard!: WorklistScorecard | null;

  @ApiProperty({
    description:
      'A calibration entry of the round: scored like any other, it never competes (no ranking, no results)',
  })
  calibration!: boolean;

  @ApiProperty({
    description:
      'A sample entry an organiser wrote for calibration: no company behind it (company is null); always a calibration entry',
  })
  sample!: boolean;
}

class WorklistCalibrationResponse implements WorklistCalibration {
  @ApiProperty({
    type: 'integer',
    description: 'Your standing assignments on calibration entries of the round',
  })
  assigned!: number;

  @ApiProperty({ type: 'integer', description: 'Of which submitted' })
  submitted!: number;

  @ApiProperty({
    description:
      "The edition shows you your own deviation from the panel's median (GET /me/rounds/{id}/calibration) once all yours are submitted",
  })
  feedback!: boolean;
}

class WorklistRoundResponse implements WorklistRound {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ example: 'Magistral Awards 2026' })
  editionName!: string;

  @ApiProperty()
  blind!: boolean;

  @ApiProperty({ type: 'integer', example: 1 })
  number!: number;

  @ApiProperty({ example: 'First round' })
  name!: string;

  @ApiProperty(ROUND_STATUS)
  status!: RoundStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "The round's deadline, when the organisers set one",
  })
  closesAt!: string | null;

  @ApiProperty({
    format: 'date-time',
    description: "The end of the edition's judging window: nothing is saved after it, whatever closesAt says",
  })
  judgingClosesAt!: string;

  @ApiProperty({
    description: 'Your declaration for the edition is complete (GET /me/declarations/{editionId})',
  })
  conflictsConfirmed!: boolean;

  @ApiProperty({ type: WorklistCalibrationResponse })
  calibration!: WorklistCalibrationResponse;

  @ApiProperty({ type: 'integer', example: 8 })
  assigned!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  drafted!: number;

  @ApiProperty({ type: 'integer', example: 5 })
  submitted!: number;

  @ApiProperty({ type: 'integer', example: 3 })
  remaining!: number;
}

class WorklistCategoryResponse implements WorklistCategory {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  categoryCode!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  categoryName!: LocalizedTextResponse;

  @ApiProperty({ type: 'integer', example: 8 })
  assigned!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  drafted!: number;

  @ApiProperty({ type: 'integer', example: 5 })
  submitted!: number;

  @ApiProperty({ type: 'integer', example: 3 })
  remaining!: number;
}

class WorklistNext {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;
}

export class WorklistResponse extends PageResponse(WorklistItemResponse) implements Worklist {
  @ApiProperty({
    type: [WorklistRoundResponse],
    description:
      "Progress per round over all the juror's standing assignments (not just this page, whatever the filters)",
  })
  rounds!: WorklistRoundResponse[];

  @ApiProperty({
    type: [WorklistCategoryResponse],
    description:
      'Progress per round and category, in worklist order (the round filter applies, the others do not)',
  })
  categories!: WorklistCategoryResponse[];

  @ApiProperty({
    type: WorklistNext,
    nullable: true,
    description:
      'The first nomination in worklist order, in an open round, that you have not submitted (the round and category filters apply, the state filter and the page do not); null when none is left',
  })
  next!: WorklistNext | null;
}

class DeclarationEmployer {
  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 'Steppe Rail Logistics' })
  name!: string;
}

class DeclaredConflictResponse implements DeclaredConflict {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for automatic conflicts (membership, employer)',
  })
  id!: string | null;

  @ApiProperty({ format: 'uuid' })
  companyId!: string;

  @ApiProperty({ example: 'Steppe Rail Logistics' })
  companyName!: string;

  @ApiProperty(CONFLICT_SOURCE)
  source!: ConflictSource;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  createdAt!: string | null;
}

export class DeclarationResponse implements DeclarationView {
  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ example: 'Magistral Awards 2026' })
  editionName!: string;

  @ApiProperty()
  blind!: boolean;

  @ApiProperty(PHASE_SCHEMA)
  phase!: Phase;

  @ApiProperty({ description: 'Conflicts can still be declared and the declaration confirmed' })
  open!: boolean;

  @ApiProperty({ type: DeclarationEmployer, nullable: true })
  employer!: DeclarationEmployer | null;

  @ApiProperty({ type: [DeclaredConflictResponse] })
  conflicts!: DeclaredConflictResponse[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When you accepted the terms and confidentiality (POST /me/declarations/{editionId}/terms), before confirming; null until then',
  })
  termsAcceptedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({
    description: 'Nominations open only once it is (before: 409 conflicts.not_confirmed)',
  })
  complete!: boolean;
}

class ParticipatingCompanyResponse implements ParticipatingCompany {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Steppe Rail Logistics' })
  name!: string;

  @ApiProperty({
    ...CONFLICT_SOURCE,
    isArray: true,
    description: 'Your conflicts with it already on record; empty when none',
  })
  conflicts!: ConflictSource[];
}

export class ParticipatingCompanyPage extends PageResponse(ParticipatingCompanyResponse) {}

class DistributionBucketResponse implements DistributionBucket {
  @ApiProperty({ type: 'integer', example: 7 })
  value!: number;

  @ApiProperty({ type: 'integer', example: 3 })
  count!: number;
}

class OwnTotalResponse implements OwnTotal {
  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;

  @ApiProperty({ example: '7.2500', description: 'Exact decimal, 4 decimals' })
  total!: string;
}

class CategoryDistributionResponse implements CategoryDistribution {
  @ApiProperty({ format: 'uuid' })
  categoryId!: string;

  @ApiProperty({ example: 'efficiency' })
  categoryCode!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  categoryName!: LocalizedTextResponse;

  @ApiProperty({ example: '0.0000', description: 'The lowest total the criteria allow' })
  scaleMin!: string;

  @ApiProperty({ example: '10.0000', description: 'The highest total the criteria allow' })
  scaleMax!: string;

  @ApiProperty({ type: 'integer', example: 12 })
  assigned!: number;

  @ApiProperty({ type: 'integer', example: 9 })
  submitted!: number;

  @ApiProperty({ type: String, nullable: true, example: '6.0000' })
  lowest!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '8.2500' })
  highest!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '7.1389' })
  mean!: string | null;

  @ApiProperty({
    type: [DistributionBucketResponse],
    description:
      'Your totals rounded half away from zero to whole numbers, one bucket per whole number of the scale (empty ones included)',
  })
  histogram!: DistributionBucketResponse[];

  @ApiProperty({ type: [OwnTotalResponse], description: 'Highest first' })
  totals!: OwnTotalResponse[];
}

export class OwnDistributionResponse implements OwnDistribution {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ type: [CategoryDistributionResponse] })
  categories!: CategoryDistributionResponse[];
}

class AttachmentForJurorResponse implements AttachmentForJuror {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Attachment 1.pdf', description: 'A generated name in a blind edition' })
  fileName!: string;

  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'], enumName: 'AttachmentMediaType' })
  mediaType!: 'application/pdf' | 'image/png' | 'image/jpeg';

  @ApiProperty({ type: 'integer', example: 482133 })
  sizeBytes!: number;

  @ApiProperty({ example: '/api/v1/rounds/…/nominations/…/attachments/…' })
  downloadUrl!: string;
}

class CriterionForJurorResponse implements CriterionForJuror {
  @ApiProperty({ example: 'transit_time' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  name!: LocalizedTextResponse;

  @ApiProperty({ type: LocalizedTextResponse })
  description!: LocalizedTextResponse;

  @ApiProperty({ example: '1.5', description: 'Exact decimal' })
  weight!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  scaleMin!: number;

  @ApiProperty({ type: 'integer', example: 10 })
  scaleMax!: number;
}

class CategoryForJuror {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'efficiency' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  name!: LocalizedTextResponse;

  @ApiProperty({ type: [CategoryQuestionResponse] })
  questions!: CategoryQuestionResponse[];

  @ApiProperty({ type: [CriterionForJurorResponse] })
  criteria!: CriterionForJurorResponse[];
}

class MyScorecard {
  @ApiProperty(SCORECARD_STATUS)
  status!: 'draft' | 'submitted';

  @ApiProperty({ type: 'integer', example: 2 })
  version!: number;
}

export class NominationForJurorResponse implements NominationForJuror {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  roundId!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty()
  blind!: boolean;

  @ApiProperty({ type: CategoryForJuror })
  category!: CategoryForJuror;

  @ApiProperty({ example: 'Dry port Khorgos: 40% faster rail transfers' })
  title!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Answers to the category's questions, by question code",
    example: { baseline: 'In 2024 a container waited 52 hours on average…' },
  })
  answers!: Record<string, string>;

  @ApiProperty({ type: [NominationMetricResponse] })
  metrics!: NominationMetricResponse[];

  @ApiProperty({
    type: CompanyForJurorResponse,
    nullable: true,
    description: 'null in a blind edition and for a sample entry',
  })
  company!: CompanyForJurorResponse | null;

  @ApiProperty({ description: 'A sample entry an organiser wrote for calibration: no company behind it' })
  sample!: boolean;

  @ApiProperty({ type: [AttachmentForJurorResponse] })
  attachments!: AttachmentForJurorResponse[];

  @ApiProperty({ type: MyScorecard, nullable: true })
  myScorecard!: MyScorecard | null;
}
