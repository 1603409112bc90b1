import { OmitType } from '@nestjs/swagger';
import { CreateNominationDto } from '../../nominations/dto/nomination.dto.js';

/**
 * A sample entry's content (issue 17): what an entrant writes for a nomination, in a category of the round's
 * edition, with no company (the organiser writes it for calibration only). The same validation rules.
 */
export class CreateSampleEntryDto extends OmitType(CreateNominationDto, [
  'companyId',
  'editionId',
] as const) {}
