import { Fragment, useMemo } from 'react';
import { SummaryBox, SummaryBoxContent, SummaryBoxHeading, Table } from '@trussworks/react-uswds';
import type { AnnualPpiResult, GroupLevelResult, GroupYearFigures } from '../../core/accountability/levels-2012.ts';
import type { ExplanationStep } from '../../core/accountability/points.ts';
import type { AccountabilityResultRow, FrameworkValues, YearInput2012 } from '../../server/api/accountability.ts';
import { useAccountabilityFramework, type LevelsReport } from '../api/accountability.ts';
import {
  formatCount,
  formatNumber,
  formatPpi,
  humanizeGroupCodes,
  isLevel3OrBelow,
  NoValue,
} from '../components/accountability-format.tsx';

/** Subjects in report order, as DESE's reports name them. */
const subjects = [
  ['ela', 'ELA'],
  ['math', 'Mathematics'],
  ['science', 'Science'],
] as const;

const indicatorLabels: Record<string, string> = {
  cpiEla: 'Narrowing proficiency gaps, ELA (CPI)',
  cpiMath: 'Narrowing proficiency gaps, mathematics (CPI)',
  cpiScience: 'Narrowing proficiency gaps, science (CPI)',
  growthEla: 'Growth, ELA (median SGP)',
  growthMath: 'Growth, mathematics (median SGP)',
  dropout: 'Annual dropout rate',
  graduation: 'Cohort graduation rate',
};

const commendationLabels: Record<string, string> = {
  'high-performance': 'high performance',
  'high-progress': 'high progress',
  'narrowing-gaps': 'narrowing gaps',
};

function settingAnchor(key: string): string {
  return `setting-${key.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;
}

/**
 * A school's or district's result in the 2012-2017 Level 1-5 system, laid out like DESE's accountability reports of
 * those years: the level and why, the percentile, each student group's annual and cumulative Progress and Performance
 * Index (PPI), the figures behind them (CPI, growth, participation; those computed from student records marked), the
 * points of each indicator, and every step from the figures to the level with the settings it relied on.
 */
export function LevelsReportView({
  report,
  result,
  runCreatedAt,
  suppressedBelow,
  signedIn,
  groupNames,
}: {
  report: LevelsReport;
  result: AccountabilityResultRow | null;
  runCreatedAt: string;
  suppressedBelow: number;
  signedIn: boolean;
  groupNames: ReadonlyMap<string, string>;
}) {
  const framework = useAccountabilityFramework('ma-2012');
  const settings = framework.data?.settings ?? {};
  const groups = report.level === 'school' ? report.result.groups : report.groups;
  const name = (group: string) => groupNames.get(group) ?? group;
  const years = useMemo(() => groups[0]?.annual.map((a) => a.fy) ?? [], [groups]);
  const anyFromStudents = Object.values(report.inputs).some((ys) =>
    Object.values(ys).some((y) => Object.keys(y.from ?? {}).length > 0),
  );

  return (
    <>
      <LevelSummary
        report={report}
        result={result}
        runCreatedAt={runCreatedAt}
        name={name}
        humanize={(text) => humanizeGroupCodes(text, groupNames)}
      />
      {!signedIn ? (
        <p className="usa-hint ssos-readable">
          Figures from fewer than {suppressedBelow} students are not shown to the public; they read “Fewer than{' '}
          {suppressedBelow} students”.
        </p>
      ) : null}

      <section aria-labelledby="ppi-heading" className="margin-top-5">
        <h2 id="ppi-heading">Progress and Performance Index (PPI)</h2>
        <p className="ssos-readable">
          Each year a student group earns an annual PPI: the points of its rated indicators (100 above target, 75 on
          target, 50 improved, 25 no change, 0 declined) plus extra credit, divided by the number of indicators. The
          cumulative PPI weighs the last four years 1, 2, 3 and 4; a group meets its target at 75.
          {report.level === 'district'
            ? ' A district’s own PPIs are shown for information: its level is that of its lowest school.'
            : ''}
        </p>
        <div className="ssos-table-scroll" role="region" aria-labelledby="ppi-heading" tabIndex={0}>
          <Table compact caption={<span className="usa-sr-only">Annual and cumulative PPI by student group</span>}>
            <thead>
              <tr>
                <th scope="col">Student group</th>
                {years.map((y) => (
                  <th key={y} scope="col" className="ssos-num">
                    Annual PPI {y}
                  </th>
                ))}
                <th scope="col" className="ssos-num">
                  Cumulative PPI
                </th>
                <th scope="col">Target (75)</th>
                {report.level === 'school' ? (
                  <th scope="col" className="ssos-num">
                    Percentile
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.group}>
                  <th scope="row">{name(g.group)}</th>
                  {g.annual.map((a) => (
                    <td key={a.fy} className="ssos-num">
                      {formatPpi(a.annualPpi) ?? <NoValue label="no annual PPI" />}
                    </td>
                  ))}
                  <td className="ssos-num">
                    <strong>{formatPpi(g.cumulativeFigure) ?? <NoValue label="no cumulative PPI" />}</strong>
                  </td>
                  <td>{g.meetsTarget === null ? 'Not rated' : g.meetsTarget ? 'Met' : 'Not met'}</td>
                  {report.level === 'school' ? (
                    <td className="ssos-num">{g.percentile?.percentile ?? <NoValue />}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </section>

      <section aria-labelledby="figures-heading" className="margin-top-5">
        <h2 id="figures-heading">The figures behind the PPI</h2>
        <p className="ssos-readable">
          Composite Performance Index (CPI, 0-100) by subject, median student growth percentile, assessment
          participation, and graduation and dropout rates, as the engine read them.
          {anyFromStudents
            ? ' Figures marked * were computed from student records: each Next-Generation MCAS score (440-560) was first put on the legacy 200-280 scale by a straight line (440 → 200, 560 → 280), an ssos choice, not a DESE rule (see the setting cpi.nextGenConcordance below).'
            : ''}
        </p>
        {groups.map((g, i) =>
          i < 2 ? (
            <FiguresTable
              key={g.group}
              label={name(g.group)}
              years={report.inputs[g.group] ?? {}}
              suppressedBelow={suppressedBelow}
            />
          ) : (
            <details key={g.group} className="ssos-details">
              <summary>{name(g.group)}</summary>
              <FiguresTable
                label={name(g.group)}
                years={report.inputs[g.group] ?? {}}
                suppressedBelow={suppressedBelow}
              />
            </details>
          ),
        )}
      </section>

      <section aria-labelledby="points-heading" className="margin-top-5">
        <h2 id="points-heading">Indicator points</h2>
        {groups.map((g, i) => {
          const rated = g.annual.filter((a) => a.indicators.length > 0 || a.source === 'given');
          const body =
            rated.length === 0 ? (
              <p>No rated indicator: too few students assessed, or no prior-year figure.</p>
            ) : (
              <PointsTable group={name(g.group)} annual={rated} />
            );
          return i < 2 ? (
            <Fragment key={g.group}>
              <h3>{name(g.group)}</h3>
              {body}
            </Fragment>
          ) : (
            <details key={g.group} className="ssos-details">
              <summary>{name(g.group)}</summary>
              {body}
            </details>
          );
        })}
      </section>

      <ExplanationSteps report={report} groups={groups} settings={settings} groupNames={groupNames} />
    </>
  );
}

/** The level, the sentence saying why, and the headline figures. */
function LevelSummary({
  report,
  result,
  runCreatedAt,
  name,
  humanize,
}: {
  report: LevelsReport;
  result: AccountabilityResultRow | null;
  runCreatedAt: string;
  name: (group: string) => string;
  humanize: (text: string) => string;
}) {
  const r = report.result;
  const level = r.level === 'unclassified' ? 'Not classified' : `Level ${r.level}`;
  const school = report.level === 'school' ? report.result : null;
  const groups = report.level === 'school' ? report.result.groups : report.groups;
  const cumulative = groups.filter((g) => g.group === 'all' || g.group === 'high_needs');
  return (
    <SummaryBox className="ssos-org-summary margin-top-3">
      <SummaryBoxHeading headingLevel="h2">Accountability level</SummaryBoxHeading>
      <SummaryBoxContent>
        <p
          className={
            isLevel3OrBelow(result?.classification ?? null) ? 'ssos-verdict ssos-verdict--requiring' : 'ssos-verdict'
          }
        >
          {level}: {humanize(r.reasons.join('; '))}
        </p>
        <dl className="ssos-facts">
          {school ? (
            <Fact term="School percentile">
              {school.percentile !== null ? (
                <>
                  <strong>{school.percentile.percentile}</strong>
                  {school.percentile.given
                    ? ' (as published)'
                    : ` (among ${formatCount(school.percentile.poolSize)} ${school.schoolType} school${school.percentile.poolSize === 1 ? '' : 's'}${school.charter ? '; a charter school, placed against the others' : ''})`}
                </>
              ) : (
                'None (too little data to rank the school)'
              )}
            </Fact>
          ) : (
            <Fact term="Schools at the district’s level">
              {report.level === 'district' && report.result.lowestSchools.length > 0
                ? report.result.lowestSchools.join(', ')
                : 'None classified'}
            </Fact>
          )}
          {cumulative.map((g) => (
            <Fact key={g.group} term={`Cumulative PPI, ${name(g.group).toLowerCase()}`}>
              {g.cumulativeFigure !== null ? (
                <>
                  <strong>{formatPpi(g.cumulativeFigure)}</strong> ({g.meetsTarget ? 'meets' : 'below'} the target of
                  75; annual {formatPpi(g.annual.at(-1)?.annualPpi) ?? 'none'} in {g.annual.at(-1)?.fy})
                </>
              ) : (
                'None (too few students assessed, or too few years)'
              )}
            </Fact>
          ))}
          {school && school.commendations.length > 0 ? (
            <Fact term="Commendation School">
              {school.commendations.map((c) => commendationLabels[c] ?? c).join(', ')}
            </Fact>
          ) : null}
          <Fact term="Computed">
            Official run of {new Date(runCreatedAt).toLocaleDateString('en-US', { dateStyle: 'long' })}, framework{' '}
            {report.framework} version {report.frameworkVersion}
          </Fact>
        </dl>
      </SummaryBoxContent>
    </SummaryBox>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="ssos-facts__row ssos-facts__row--wide">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One group's figures by year; figures computed from student records carry a star. */
function FiguresTable({
  label,
  years,
  suppressedBelow,
}: {
  label: string;
  years: Record<number, YearInput2012 & { suppressed?: boolean }>;
  suppressedBelow: number;
}) {
  const list = Object.keys(years)
    .map(Number)
    .sort((a, b) => a - b);
  if (list.length === 0) return <p>No figures for {label.toLowerCase()}.</p>;
  type Column = { key: string; header: string; get: (f: GroupYearFigures) => number | null | undefined; pct?: boolean };
  const columns: Column[] = [
    { key: 'n', header: 'Students assessed', get: (f) => f.n },
    ...subjects.map(([s, l]) => ({ key: `cpi.${s}`, header: `CPI ${l}`, get: (f: GroupYearFigures) => f.cpi?.[s] })),
    ...(['ela', 'math'] as const).map((s) => ({
      key: `medianSgp.${s}`,
      header: `Median SGP ${s === 'ela' ? 'ELA' : 'math'}`,
      get: (f: GroupYearFigures) => f.medianSgp?.[s],
    })),
    ...subjects.map(([s, l]) => ({
      key: `participationPct.${s}`,
      header: `Participation ${l}`,
      get: (f: GroupYearFigures) => f.participationPct?.[s],
      pct: true,
    })),
    { key: 'graduation4Pct', header: '4-year graduation', get: (f) => f.graduation4Pct, pct: true },
    { key: 'graduation5Pct', header: '5-year graduation', get: (f) => f.graduation5Pct, pct: true },
    { key: 'dropoutPct', header: 'Dropout', get: (f) => f.dropoutPct, pct: true },
  ];
  // Only the columns some year has a figure for.
  const shown = columns.filter((c) => list.some((y) => typeof c.get(years[y]!.figures) === 'number'));
  return (
    <div className="ssos-table-scroll" role="region" aria-label={`Figures, ${label}`} tabIndex={0}>
      <Table compact caption={`${label}: figures by year`}>
        <thead>
          <tr>
            <th scope="col">Year</th>
            {shown.map((c) => (
              <th key={c.key} scope="col" className="ssos-num">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.map((y) => {
            const input = years[y]!;
            return (
              <tr key={y}>
                <th scope="row">{y}</th>
                {input.suppressed ? (
                  <td colSpan={Math.max(1, shown.length)}>Fewer than {suppressedBelow} students</td>
                ) : (
                  shown.map((c) => {
                    const v = c.get(input.figures);
                    const star = input.from?.[c.key] === 'students';
                    return (
                      <td key={c.key} className="ssos-num">
                        {typeof v === 'number' ? (
                          <>
                            {c.key === 'n' ? formatCount(v) : `${formatNumber(v)}${c.pct ? '%' : ''}`}
                            {star ? (
                              <>
                                <span aria-hidden="true">*</span>
                                <span className="usa-sr-only"> (computed from student records)</span>
                              </>
                            ) : null}
                          </>
                        ) : (
                          <NoValue />
                        )}
                      </td>
                    );
                  })
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}

/** Each year's indicator ratings and points, extra credit and annual PPI. */
function PointsTable({ group, annual }: { group: string; annual: AnnualPpiResult[] }) {
  return (
    <div className="ssos-table-scroll" role="region" aria-label={`Indicator points, ${group}`} tabIndex={0}>
      <Table compact caption={<span className="usa-sr-only">{group}: indicator points by year</span>}>
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col">Indicator</th>
            <th scope="col">Rating</th>
            <th scope="col" className="ssos-num">
              Points
            </th>
            <th scope="col">How</th>
          </tr>
        </thead>
        <tbody>
          {annual.map((a) => (
            <Fragment key={a.fy}>
              {a.indicators.map((i, k) => (
                <tr key={`${a.fy}-${i.indicator}`}>
                  {k === 0 ? (
                    <th scope="rowgroup" rowSpan={a.indicators.length + a.extraCredit.length + 1}>
                      {a.fy}
                    </th>
                  ) : null}
                  <td>{indicatorLabels[i.indicator] ?? i.indicator}</td>
                  <td>{i.rating}</td>
                  <td className="ssos-num">{i.points}</td>
                  <td>{i.text}</td>
                </tr>
              ))}
              {a.extraCredit.map((e) => (
                <tr key={`${a.fy}-${e.kind}-${e.subject ?? ''}`}>
                  <td>Extra credit</td>
                  <td />
                  <td className="ssos-num">{e.points}</td>
                  <td>{e.text}</td>
                </tr>
              ))}
              <tr>
                {a.indicators.length === 0 ? <th scope="rowgroup">{a.fy}</th> : null}
                <td>
                  <strong>Annual PPI</strong>
                </td>
                <td>{a.source === 'given' ? 'As published' : ''}</td>
                <td className="ssos-num">
                  <strong>{formatPpi(a.annualPpi) ?? '—'}</strong>
                </td>
                <td>
                  {a.source === 'given'
                    ? 'The published annual PPI'
                    : `(${a.indicators.reduce((t, i) => t + i.points, 0)} + ${a.extraCredit.reduce((t, e) => t + e.points, 0)} extra credit) / ${a.indicators.length} indicators`}
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/** Every step from the figures to the level, then the settings (inferred, unconfirmed, ssos choices) relied on. */
function ExplanationSteps({
  report,
  groups,
  settings,
  groupNames,
}: {
  report: LevelsReport;
  groups: readonly GroupLevelResult[];
  settings: FrameworkValues['settings'];
  groupNames: ReadonlyMap<string, string>;
}) {
  // A district's level step comes after its own groups' steps (a school's explanation holds them already).
  const steps: ExplanationStep[] =
    report.level === 'school'
      ? report.result.explanation
      : [...groups.flatMap((g) => g.explanation), ...report.result.explanation];
  const humanize = (text: string) => humanizeGroupCodes(text, groupNames);
  return (
    <section aria-labelledby="explanation-heading" className="margin-top-5">
      <h2 id="explanation-heading">Explanation</h2>
      <p className="ssos-readable">
        Every step from the figures to the level, in order (the indicator points are in the tables above). Settings
        marked <em>unconfirmed</em> or <em>inferred</em> are the platform’s documented defaults where DESE published no
        rule, or choices of ssos such as the score concordance.
      </p>
      <ol className="ssos-steps">
        {steps.map((s, index) => (
          <li key={index}>
            <strong>{s.step.charAt(0).toUpperCase() + s.step.slice(1)}:</strong> {humanize(s.text)}
            {s.settings && s.settings.length > 0 ? (
              <p className="ssos-setting-links">
                Relies on:{' '}
                {s.settings.map((k, i) => (
                  <Fragment key={k}>
                    {i > 0 ? ', ' : ''}
                    <a href={`#${settingAnchor(k)}`} className="usa-link">
                      {k}
                    </a>{' '}
                    ({settings[k]?.status ?? 'see note'})
                  </Fragment>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {report.settingsUsed.length > 0 ? (
        <>
          <h3>Settings this report relies on</h3>
          <dl className="ssos-settings">
            {report.settingsUsed.map((key) => {
              const s = settings[key];
              return (
                <div key={key} id={settingAnchor(key)} tabIndex={-1} className="ssos-settings__item">
                  <dt>
                    <code>{key}</code>{' '}
                    <span className={`usa-tag ssos-status ssos-status--${s?.status ?? 'unknown'}`}>
                      {s?.status ?? 'unknown'}
                    </span>
                  </dt>
                  <dd>{s?.note ?? 'No note recorded.'}</dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : null}
    </section>
  );
}
