/**
 * Jury agreement at the size issue 17 names: one category with 2,000 nominations, 60 jurors and 5 scorecards
 * per nomination (10,000 juror totals, 5 criteria). Measures Krippendorff's alpha with a 1,000-resample
 * bootstrap interval, Kendall's W per block and every juror's diagnostics, in this process (pure arithmetic,
 * no database), and the heap they need. Goal for the whole analysis: under 2 s and 300 MB; the sensitivity
 * part (the tally re-run per scoring method and per left-out juror) is not built yet and not measured here.
 */
import { analyseCategory } from '../src/modules/tally/analytics/analysis.js';
import { concordanceBlocks } from '../src/modules/tally/analytics/kendall.js';
import { tally, type TallyInput } from '../src/modules/tally/arithmetic/tally.js';
import { inputsDigest } from '../src/modules/tally/inputs-digest.js';
import { jurorDiagnostics, type JurorScorecard } from '../src/modules/tally/analytics/jurors.js';
import { krippendorffAlphaWithInterval } from '../src/modules/tally/analytics/krippendorff.js';
import type { Rating } from '../src/modules/tally/analytics/ratings.js';
import { seededRandom } from '../src/modules/tally/analytics/seeded-random.js';

const NOMINATIONS = 2000;
const JURORS = 60;
const PER_NOMINATION = 5;
const CRITERIA = 5;
const RESAMPLES = 1000;
const GOAL_MS = 2000;
const GOAL_MB = 300;

function world(): { ratings: Rating[]; cards: JurorScorecard[]; sigma: number } {
  const random = seededRandom('magistral bench analytics');
  const ratings: Rating[] = [];
  const cards: JurorScorecard[] = [];
  // Each nomination has a true quality; each juror a leniency; marks are 0–10 per criterion.
  const leniency = Array.from({ length: JURORS }, () => (random() - 0.5) * 2);
  for (let n = 0; n < NOMINATIONS; n++) {
    const quality = random() * 10;
    for (let k = 0; k < PER_NOMINATION; k++) {
      const j = (n * PER_NOMINATION + k * 7) % JURORS;
      const scores: Record<string, number> = {};
      let total = 0;
      for (let c = 0; c < CRITERIA; c++) {
        const mark = Math.max(
          0,
          Math.min(10, Math.round(quality + (leniency[j] ?? 0) + (random() - 0.5) * 4)),
        );
        scores[`c${c}`] = mark;
        total += mark;
      }
      const nomination = `n${String(n).padStart(5, '0')}`;
      const juror = `j${String(j).padStart(3, '0')}`;
      ratings.push({ unit: nomination, coder: juror, value: total / CRITERIA });
      cards.push({ juror, nomination, total: total / CRITERIA, scores });
    }
  }
  const values = ratings.map((r) => r.value);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sigma = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { ratings, cards, sigma };
}

const { ratings, cards, sigma } = world();
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const alpha = krippendorffAlphaWithInterval(ratings, { seed: 'ab'.repeat(32), resamples: RESAMPLES });
const afterAlpha = performance.now();
const blocks = concordanceBlocks(ratings);
const afterW = performance.now();
const jurors = jurorDiagnostics(cards, sigma);
const finished = performance.now();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
const rssMb = process.memoryUsage().rss / 1024 / 1024;

const total = finished - started;
console.log(
  `Jury agreement: ${NOMINATIONS} nominations × ${PER_NOMINATION} scorecards, ${JURORS} jurors, ${CRITERIA} criteria\n` +
    `  alpha ${alpha.alpha.value?.toFixed(4)} [${alpha.interval?.low}, ${alpha.interval?.high}] with ${RESAMPLES} resamples: ${(afterAlpha - started).toFixed(0)} ms\n` +
    `  Kendall's W on ${blocks.length} blocks: ${(afterW - afterAlpha).toFixed(0)} ms\n` +
    `  juror diagnostics for ${jurors.length} jurors (${jurors.filter((j) => j.flags.length > 0).length} flagged): ${(finished - afterW).toFixed(0)} ms\n` +
    `  total ${total.toFixed(0)} ms (goal < ${GOAL_MS} ms), heap grew ${heapMb.toFixed(0)} MB, RSS ${rssMb.toFixed(0)} MB (goal < ${GOAL_MB} MB)`,
);
// What the tally job runs once per snapshot: the same parts from the tally's own input (exact juror totals).
const input: TallyInput = {
  rules: { method: 'mean', tieBreakers: [], minScorecards: 3 },
  criteria: Array.from({ length: CRITERIA }, (_, c) => ({ code: `c${c}`, weight: '1' })),
  nominations: [...new Set(cards.map((c) => c.nomination))].sort(),
  scorecards: cards.map(({ juror, nomination, scores }) => ({ juror, nomination, scores: { ...scores } })),
};
const tallied = tally(input);
const digest = inputsDigest(input);
const jobStarted = performance.now();
const analysis = analyseCategory(input, tallied, digest);
const jobMs = performance.now() - jobStarted;
const jobRssMb = process.memoryUsage().rss / 1024 / 1024;
console.log(
  `  as the tally job runs it (analyseCategory, alpha ${analysis.alpha.value}): ${jobMs.toFixed(0)} ms, RSS ${jobRssMb.toFixed(0)} MB`,
);

const met = total < GOAL_MS && jobMs < GOAL_MS && rssMb < GOAL_MB && jobRssMb < GOAL_MB;
console.log(met ? 'Goal met (for the parts built).' : 'Goal NOT met.');
process.exitCode = met ? 0 : 1;
