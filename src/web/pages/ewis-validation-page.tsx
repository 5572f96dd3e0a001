import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Button,
  Form,
  Label,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
} from '@trussworks/react-uswds';
import { riskLevels, type RiskLevel } from '../../core/ewis/risk-levels.ts';
import { isApiError } from '../api/client.ts';
import {
  ewisSectionPath,
  ewisValidationPath,
  useEwisValidation,
  type EwisGradeModel,
  type EwisValidationReport,
} from '../api/ewis.ts';
import { LazyCalibrationChart } from '../charts/ewis-lazy-calibration-chart.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import {
  describeGap,
  formatAuc,
  formatMilestone,
  formatPoints,
  formatRate,
  formatSchoolYear,
  formatValidationGroup,
  gapThreshold,
  minRateDenominator,
  riskLevelLabels,
  validationGroupKinds,
} from '../components/ewis-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';

const heading = 'How well the early-warning models predict';

type Flags = EwisGradeModel['validation']['flags'];
type Group = EwisGradeModel['validation']['groups'][number];

/**
 * The validation of the latest run's models, one grade at a time: accuracy (AUC), calibration (a chart and its
 * table), the milestone rate of each risk level against its target, precision, recall and error rates of flagging
 * high and moderate risk, and false-positive and false-negative rates by student group with gaps from the overall
 * rates pointed out; beside each, the same model trained the other way on demographics. Aggregates only.
 */
export function EwisValidationPage() {
  useDocumentTitle(heading);
  const validation = useEwisValidation();
  const [searchParams, setSearchParams] = useSearchParams();
  const models = validation.data?.models ?? [];
  const asked = Number(searchParams.get('grade'));
  const model = models.find((m) => m.grade === asked) ?? models[0];

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={ewisSectionPath}>
            <span>Early Warning</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb current>
          <span>Validation</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {validation.isPending ? (
        <LoadingStatus>Loading the validation…</LoadingStatus>
      ) : validation.isError ? (
        isApiError(validation.error, 'not_signed_in') ? (
          <Alert type="info" className="ssos-readable">
            <AlertHeading level="h2">Sign in to see the validation</AlertHeading>
            <AlertText>
              The validation is for signed-in users.{' '}
              <Link to={`/sign-in?next=${encodeURIComponent(ewisValidationPath())}`} className="usa-link">
                Sign in
              </Link>
            </AlertText>
          </Alert>
        ) : (
          <ErrorAlert heading="The validation could not be loaded" error={validation.error} />
        )
      ) : validation.data.run === null || model === undefined ? (
        <p className="usa-intro">No early-warning run has trained models yet.</p>
      ) : (
        <ValidationView
          report={validation.data}
          model={model}
          onGrade={(grade) => setSearchParams({ grade: String(grade) }, { preventScrollReset: true })}
        />
      )}
    </>
  );
}

function ValidationView({
  report,
  model,
  onGrade,
}: {
  report: EwisValidationReport;
  model: EwisGradeModel;
  onGrade: (grade: number) => void;
}) {
  const run = report.run!;
  const alternative = model.validation.alternative;
  const inUseWith = alternative !== null ? !alternative.includeDemographics : null;
  return (
    <>
      <p className="ssos-h1-kicker">
        School year {formatSchoolYear(run.schoolYear)} · trained on{' '}
        {run.trainingYears.length > 0 ? run.trainingYears.map(formatSchoolYear).join(', ') : 'no earlier year'}
      </p>
      <div className="ssos-readable">
        <p className="usa-intro">
          Each grade’s model is checked on students whose outcome is known, with predictions made without seeing them
          (5-fold cross-validation): how well it ranks students, whether its chances come true, and whether it errs more
          for some groups of students than for others.
        </p>
        <p>
          Aggregates only: no student appears on this page.{' '}
          {inUseWith === false
            ? 'The models in use leave gender and race/ethnicity out; beside each figure is the same model trained with them, to show what they would change.'
            : inUseWith === true
              ? 'The models in use include gender and race/ethnicity; beside each figure is the same model trained without them.'
              : ''}
        </p>
      </div>
      <ModelsOverview models={report.models} current={model.grade} />
      <GradeChooser models={report.models} current={model.grade} onGrade={onGrade} />
      <GradeModel key={model.grade} model={model} />
    </>
  );
}

function ModelsOverview({ models, current }: { models: readonly EwisGradeModel[]; current: number }) {
  const alt = models.find((m) => m.validation.alternative !== null)?.validation.alternative;
  const altLabel = alt?.includeDemographics ? 'AUC with demographics' : 'AUC without demographics';
  return (
    <section aria-labelledby="ewis-models" className="margin-top-4">
      <h2 id="ewis-models">Every grade’s model</h2>
      <ScrollRegion label="Every grade’s model">
        <Table fullWidth striped stackedStyle="headers" caption="Accuracy and calibration of each grade’s model">
          <thead>
            <tr>
              <th scope="col">Grade</th>
              <th scope="col">Milestone</th>
              <th scope="col" className="ssos-num">
                Students
              </th>
              <th scope="col" className="ssos-num">
                AUC
              </th>
              <th scope="col" className="ssos-num">
                {altLabel}
              </th>
              <th scope="col" className="ssos-num">
                Calibration error
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.grade} className={m.grade === current ? 'ssos-row-current' : undefined}>
                <th scope="row" data-label="Grade">
                  <Link
                    to={ewisValidationPath(m.grade)}
                    preventScrollReset
                    className="usa-link"
                    aria-current={m.grade === current ? 'true' : undefined}
                  >
                    Grade {m.grade}
                  </Link>
                </th>
                <td data-label="Milestone">{formatMilestone(m.milestone)}</td>
                <td data-label="Students" className="ssos-num">
                  {m.validation.n.toLocaleString('en-US')}
                </td>
                <td data-label="AUC" className="ssos-num">
                  {formatAuc(m.validation.auc)}
                </td>
                <td data-label={altLabel} className="ssos-num">
                  {formatAuc(m.validation.alternative?.auc ?? null)}
                </td>
                <td data-label="Calibration error" className="ssos-num">
                  {formatPoints(m.validation.calibrationError).replace(/^\+/, '')}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </ScrollRegion>
      <p className="usa-hint ssos-readable">
        AUC: the chance that the model gives a student who missed the milestone a lower chance than one who reached it
        (0.5 is a coin toss, 1 is perfect). Calibration error: how far, on average, predicted chances are from what
        happened, in percentage points.
      </p>
    </section>
  );
}

function GradeChooser({
  models,
  current,
  onGrade,
}: {
  models: readonly EwisGradeModel[];
  current: number;
  onGrade: (grade: number) => void;
}) {
  const [choice, setChoice] = useState(String(current));
  useEffect(() => setChoice(String(current)), [current]);
  return (
    <Form
      className="ssos-ewis-grade-form margin-top-4"
      aria-label="Choose a grade’s model"
      onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onGrade(Number(choice));
      }}
    >
      <Label htmlFor="ewis-validation-grade">Grade’s model</Label>
      <div className="ssos-search-row">
        <Select
          id="ewis-validation-grade"
          name="grade"
          value={choice}
          onChange={(event: React.ChangeEvent<HTMLSelectElement>) => setChoice(event.target.value)}
        >
          {models.map((m) => (
            <option key={m.grade} value={String(m.grade)}>
              Grade {m.grade}: {formatMilestone(m.milestone)}
            </option>
          ))}
        </Select>
        <Button type="submit">Show</Button>
      </div>
    </Form>
  );
}

function GradeModel({ model }: { model: EwisGradeModel }) {
  const v = model.validation;
  const alt = v.alternative;
  const altName = alt === null ? null : alt.includeDemographics ? 'With demographics' : 'Without demographics';
  const inUseName =
    alt === null
      ? 'The model'
      : alt.includeDemographics
        ? 'In use (without demographics)'
        : 'In use (with demographics)';
  // The targets the model was trained with (today's settings may have changed since the run).
  const targets = model.options.targets;
  const reachedRate = v.n > 0 ? v.reached / v.n : null;
  const chartPoints = useMemo(() => v.calibration.map((b) => ({ ...b })), [v.calibration]);
  const title = `Grade ${model.grade}: ${formatMilestone(model.milestone)}`;

  return (
    <section aria-labelledby="ewis-grade-model" className="margin-top-5">
      <h2 id="ewis-grade-model">{title}</h2>
      <SummaryBox className="ssos-ewis-glance">
        <SummaryBoxHeading headingLevel="h3">The grade {model.grade} model at a glance</SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-snapshot">
            <div className="ssos-snapshot__item">
              <dt>Students checked</dt>
              <dd>{v.n.toLocaleString('en-US')}</dd>
            </div>
            <div className="ssos-snapshot__item">
              <dt>Reached the milestone</dt>
              <dd>{formatRate(reachedRate)}</dd>
            </div>
            <div className="ssos-snapshot__item">
              <dt>AUC</dt>
              <dd>{formatAuc(v.auc)}</dd>
            </div>
            <div className="ssos-snapshot__item">
              <dt>Calibration error</dt>
              <dd>{formatPoints(v.calibrationError).replace(/^\+/, '')}</dd>
            </div>
          </dl>
          <p>
            High risk: a chance of reaching the milestone below {formatRate(model.thresholds.high)}; low risk: at or
            above {formatRate(model.thresholds.low)}; moderate between. {formatMilestone(model.milestone, true)}.
          </p>
        </SummaryBoxContent>
      </SummaryBox>

      <h3 className="margin-top-4">Calibration: do the chances come true?</h3>
      <p className="ssos-readable">
        The students sorted by predicted chance into ten groups of equal size: if the model is well calibrated, each
        group’s observed rate is close to its mean prediction, on the dashed diagonal.
      </p>
      <div className="grid-row grid-gap-lg">
        <div className="desktop:grid-col-6">
          <LazyCalibrationChart
            label={`Calibration of the grade ${model.grade} model: predicted against observed rates of reaching the milestone for each tenth of the students, beside the diagonal where they are equal. The figures are in the table beside it.`}
            points={chartPoints}
          />
        </div>
        <div className="desktop:grid-col-6">
          <ScrollRegion label="Calibration table">
            <Table
              fullWidth
              compact
              striped
              caption={`Calibration of the grade ${model.grade} model, by tenth of the students`}
            >
              <thead>
                <tr>
                  <th scope="col">Tenth</th>
                  <th scope="col" className="ssos-num">
                    Students
                  </th>
                  <th scope="col" className="ssos-num">
                    Predicted
                  </th>
                  <th scope="col" className="ssos-num">
                    Observed
                  </th>
                  <th scope="col" className="ssos-num">
                    Difference
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.calibration.map((b, i) => (
                  <tr key={i}>
                    <th scope="row">
                      {i + 1}
                      <span className="ssos-row-detail">
                        {formatRate(b.lower)} to {formatRate(b.upper)}
                      </span>
                    </th>
                    <td className="ssos-num">{b.n.toLocaleString('en-US')}</td>
                    <td className="ssos-num">{formatRate(b.meanPredicted)}</td>
                    <td className="ssos-num">{formatRate(b.observedRate)}</td>
                    <td className="ssos-num">{formatPoints(b.observedRate - b.meanPredicted)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </ScrollRegion>
        </div>
      </div>

      <h3 className="margin-top-4">Risk levels against their targets</h3>
      <p className="ssos-readable">
        The cut points are chosen so that each level’s milestone rate comes as near its target as it can; where a
        milestone is rare or common, not every level can land on it.
      </p>
      <ScrollRegion label="Risk levels">
        <Table
          fullWidth
          striped
          stackedStyle="headers"
          caption={`Milestone rate of each risk level, grade ${model.grade}`}
        >
          <thead>
            <tr>
              <th scope="col">Risk level</th>
              <th scope="col" className="ssos-num">
                Students
              </th>
              <th scope="col" className="ssos-num">
                Reached the milestone
              </th>
              <th scope="col" className="ssos-num">
                Milestone rate
              </th>
              <th scope="col" className="ssos-num">
                Target
              </th>
              {alt !== null ? (
                <th scope="col" className="ssos-num">
                  {altName}
                  <span className="ssos-row-detail">milestone rate</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {riskLevels.map((level: RiskLevel) => {
              const l = v.levels[level];
              const target = targets?.[level] ?? null;
              return (
                <tr key={level}>
                  <th scope="row" data-label="Risk level" className="text-no-wrap">
                    {riskLevelLabels[level]}
                  </th>
                  <td data-label="Students" className="ssos-num">
                    {l.n.toLocaleString('en-US')}
                    <span className="ssos-row-detail">{formatRate(v.n > 0 ? l.n / v.n : null)} of students</span>
                  </td>
                  <td data-label="Reached the milestone" className="ssos-num">
                    {l.reached.toLocaleString('en-US')}
                  </td>
                  <td data-label="Milestone rate" className="ssos-num">
                    {formatRate(l.rate)}
                    {target !== null && l.rate !== null ? (
                      <span className="ssos-row-detail">{formatPoints(l.rate - target)} from the target</span>
                    ) : null}
                  </td>
                  <td data-label="Target" className="ssos-num">
                    {target === null ? '—' : `${Math.round(target * 100)}%`}
                  </td>
                  {alt !== null ? (
                    <td data-label={`Milestone rate, ${altName?.toLowerCase()}`} className="ssos-num">
                      {formatRate(alt.levels[level]?.rate ?? null)}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </ScrollRegion>

      <h3 className="margin-top-4">Flagging high and moderate risk as “will miss”</h3>
      <ScrollRegion label="Accuracy of the flag">
        <Table fullWidth striped caption={`Accuracy of the flag, grade ${model.grade}`} className="ssos-flag-table">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="ssos-num">
                {inUseName}
              </th>
              {alt !== null ? (
                <th scope="col" className="ssos-num">
                  {altName}
                </th>
              ) : null}
              <th scope="col">What it says</th>
            </tr>
          </thead>
          <tbody>
            <MeasureRow name="AUC" value={formatAuc(v.auc)} alt={alt === null ? null : formatAuc(alt.auc)}>
              How well the model ranks students (0.5 a coin toss, 1 perfect)
            </MeasureRow>
            <MeasureRow
              name="Calibration error"
              value={formatPoints(v.calibrationError).replace(/^\+/, '')}
              alt={alt === null ? null : formatPoints(alt.calibrationError).replace(/^\+/, '')}
            >
              How far predicted chances are from what happened
            </MeasureRow>
            <MeasureRow
              name="Precision"
              value={formatRate(v.flags.precision)}
              alt={alt === null ? null : formatRate(alt.flags.precision)}
            >
              Of the students flagged, the share who did miss the milestone
            </MeasureRow>
            <MeasureRow
              name="Recall"
              value={formatRate(v.flags.recall)}
              alt={alt === null ? null : formatRate(alt.flags.recall)}
            >
              Of the students who missed it, the share who were flagged
            </MeasureRow>
            <MeasureRow
              name="False-positive rate"
              value={formatRate(v.flags.falsePositiveRate)}
              alt={alt === null ? null : formatRate(alt.flags.falsePositiveRate)}
            >
              Of the students who reached it, the share flagged anyway
            </MeasureRow>
            <MeasureRow
              name="False-negative rate"
              value={formatRate(v.flags.falseNegativeRate)}
              alt={alt === null ? null : formatRate(alt.flags.falseNegativeRate)}
            >
              Of the students who missed it, the share not flagged
            </MeasureRow>
          </tbody>
        </Table>
      </ScrollRegion>

      <GroupRates model={model} inUseName={inUseName} altName={altName} />
    </section>
  );
}

function MeasureRow({
  name,
  value,
  alt,
  children,
}: {
  name: string;
  value: string;
  alt: string | null;
  children: React.ReactNode;
}) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="ssos-num">{value}</td>
      {alt !== null ? <td className="ssos-num">{alt}</td> : null}
      <td className="ssos-row-detail-cell">{children}</td>
    </tr>
  );
}

type RateKey = 'falsePositiveRate' | 'falseNegativeRate';

/** The students an error rate stands on: those who reached the milestone (false positives) or missed it. */
function denominatorOf(rates: Flags, key: RateKey): number {
  return key === 'falsePositiveRate'
    ? rates.falsePositives + rates.trueNegatives
    : rates.falseNegatives + rates.truePositives;
}

/** A group's rate, compared with the overall one, or null when too few students stand behind it. */
function compareRate(rates: Flags, overall: Flags, key: RateKey) {
  if (denominatorOf(rates, key) < minRateDenominator) return null;
  return { rate: rates[key], gap: describeGap(rates[key], overall[key]) };
}

const rateNames: Record<RateKey, string> = {
  falsePositiveRate: 'False-positive rate',
  falseNegativeRate: 'False-negative rate',
};

function RateCell({
  rates,
  overall,
  rateKey,
  label,
}: {
  rates: Flags | undefined;
  overall: Flags;
  rateKey: RateKey;
  label: string;
}) {
  if (rates === undefined) return <td data-label={label}>—</td>;
  const compared = compareRate(rates, overall, rateKey);
  if (compared === null)
    return (
      <td data-label={label} className="ssos-num">
        <span className="ssos-withheld__why">too few to rate</span>
      </td>
    );
  const gap = compared.gap;
  return (
    <td data-label={label} className={`ssos-num${gap?.flagged ? ' ssos-gap' : ''}`}>
      {formatRate(compared.rate)}
      {gap !== null ? (
        <span className="ssos-row-detail">
          {gap.flagged ? (
            <>
              <span aria-hidden="true" className="ssos-gap__icon">
                ▲
              </span>{' '}
              <strong>Gap: {formatPoints(gap.difference)}</strong>
            </>
          ) : (
            formatPoints(gap.difference)
          )}
        </span>
      ) : null}
    </td>
  );
}

function GroupRates({
  model,
  inUseName,
  altName,
}: {
  model: EwisGradeModel;
  inUseName: string;
  altName: string | null;
}) {
  const v = model.validation;
  const alt = v.alternative;
  const altGroups = new Map((alt?.groups ?? []).map((g) => [`${g.group}|${g.value}`, g]));
  // The gaps of the model in use, in words, before the tables.
  const gaps: string[] = [];
  for (const g of v.groups) {
    for (const key of ['falsePositiveRate', 'falseNegativeRate'] as const) {
      const compared = compareRate(g.rates, v.flags, key);
      if (compared?.gap?.flagged)
        gaps.push(
          `${rateNames[key]}, ${formatValidationGroup(g.group, g.value)}: ${formatRate(compared.rate)}, ${formatPoints(compared.gap.difference)} from the overall ${formatRate(v.flags[key])}`,
        );
    }
  }
  const sorted = (groups: readonly Group[]) => [...groups].sort((a, b) => b.rates.n - a.rates.n);

  return (
    <>
      <h3 className="margin-top-4">Error rates by student group</h3>
      <div className="ssos-readable">
        <p>
          A fair model errs about as often for every group. A group’s false-positive rate (flagged though it reached the
          milestone) or false-negative rate (missed it without being flagged) more than {Math.round(gapThreshold * 100)}{' '}
          points from the overall rate is marked <strong>Gap</strong>. A rate standing on fewer than{' '}
          {minRateDenominator} students is not rated.
        </p>
        {gaps.length === 0 ? (
          <p>
            <strong>No gap</strong> wider than {Math.round(gapThreshold * 100)} points in the model in use for grade{' '}
            {model.grade}.
          </p>
        ) : (
          <>
            <p>
              <strong>
                {gaps.length} {gaps.length === 1 ? 'gap' : 'gaps'}
              </strong>{' '}
              wider than {Math.round(gapThreshold * 100)} points in the model in use for grade {model.grade}:
            </p>
            <ul className="ssos-gap-list">
              {gaps.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {validationGroupKinds.map((kind) => {
        const groups = sorted(v.groups.filter((g) => g.group === kind.group));
        if (groups.length === 0) return null;
        const cols = {
          fpr: `False-positive rate, ${inUseName.toLowerCase()}`,
          fnr: `False-negative rate, ${inUseName.toLowerCase()}`,
          altFpr: `False-positive rate, ${altName?.toLowerCase() ?? ''}`,
          altFnr: `False-negative rate, ${altName?.toLowerCase() ?? ''}`,
        };
        return (
          <ScrollRegion key={kind.group} label={`Error rates by ${kind.label.toLowerCase()}`} className="margin-top-3">
            <Table
              fullWidth
              striped
              stackedStyle="headers"
              caption={`Error rates by ${kind.label.toLowerCase()}, grade ${model.grade}`}
              className="ssos-group-rates"
            >
              <colgroup>
                <col />
                <col />
              </colgroup>
              <colgroup span={2} />
              {alt !== null ? <colgroup span={2} /> : null}
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {kind.label}
                  </th>
                  <th scope="col" rowSpan={2} className="ssos-num">
                    Students
                  </th>
                  <th scope="colgroup" colSpan={2} className="ssos-group-rates__model">
                    {inUseName}
                  </th>
                  {alt !== null ? (
                    <th scope="colgroup" colSpan={2} className="ssos-group-rates__model">
                      {altName}
                    </th>
                  ) : null}
                </tr>
                <tr>
                  <th scope="col" className="ssos-num">
                    False-positive rate
                  </th>
                  <th scope="col" className="ssos-num">
                    False-negative rate
                  </th>
                  {alt !== null ? (
                    <>
                      <th scope="col" className="ssos-num">
                        False-positive rate
                      </th>
                      <th scope="col" className="ssos-num">
                        False-negative rate
                      </th>
                    </>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                <tr className="ssos-row-current">
                  <th scope="row" data-label={kind.label}>
                    All students (overall)
                  </th>
                  <td data-label="Students" className="ssos-num">
                    {v.flags.n.toLocaleString('en-US')}
                  </td>
                  <td data-label={cols.fpr} className="ssos-num">
                    {formatRate(v.flags.falsePositiveRate)}
                  </td>
                  <td data-label={cols.fnr} className="ssos-num">
                    {formatRate(v.flags.falseNegativeRate)}
                  </td>
                  {alt !== null ? (
                    <>
                      <td data-label={cols.altFpr} className="ssos-num">
                        {formatRate(alt.flags.falsePositiveRate)}
                      </td>
                      <td data-label={cols.altFnr} className="ssos-num">
                        {formatRate(alt.flags.falseNegativeRate)}
                      </td>
                    </>
                  ) : null}
                </tr>
                {groups.map((g) => {
                  const other = altGroups.get(`${g.group}|${g.value}`);
                  return (
                    <tr key={g.value}>
                      <th scope="row" data-label={kind.label}>
                        {formatValidationGroup(g.group, g.value)}
                      </th>
                      <td data-label="Students" className="ssos-num">
                        {g.rates.n.toLocaleString('en-US')}
                      </td>
                      <RateCell rates={g.rates} overall={v.flags} rateKey="falsePositiveRate" label={cols.fpr} />
                      <RateCell rates={g.rates} overall={v.flags} rateKey="falseNegativeRate" label={cols.fnr} />
                      {alt !== null ? (
                        <>
                          <RateCell
                            rates={other?.rates}
                            overall={alt.flags}
                            rateKey="falsePositiveRate"
                            label={cols.altFpr}
                          />
                          <RateCell
                            rates={other?.rates}
                            overall={alt.flags}
                            rateKey="falseNegativeRate"
                            label={cols.altFnr}
                          />
                        </>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          </ScrollRegion>
        );
      })}
      <p className="usa-hint ssos-readable">
        Differences are from the overall rate of the same model. The groups are for checking fairness only: program
        status and demographics are never given as a reason for a student’s risk.
      </p>
    </>
  );
}
