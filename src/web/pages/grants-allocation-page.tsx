import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Table } from '@trussworks/react-uswds';
import { isStateStaff } from '../api/assistance.ts';
import { useCurrentUser } from '../api/auth.ts';
import { grantProgramPath, grantsPath, useAllocation, useFinalizeAllocation, type Allocation } from '../api/grants.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, RecordState } from '../components/grants-crumbs.tsx';
import { formatCents } from '../components/grants-format.tsx';
import { formatSchoolYear } from '../components/plan-format.tsx';

/**
 * An allocation of a program's budget for a fiscal year, every recipient's amount explained step by step (base,
 * per-pupil part, scaling factor, cap, rounding); regional staff see their region's recipients. State staff make a
 * draft final here.
 */
export function GrantAllocationPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const allocation = useAllocation(Number(id), { enabled: user !== null });
  const a = allocation.data;
  const title = a ? `${a.program.fundCode} allocation, FY${a.fiscalYear}` : 'Allocation';
  useDocumentTitle(title);
  return (
    <>
      <AreaCrumbs
        trail={[
          { to: grantsPath, label: 'Grants' },
          ...(a ? [{ to: grantProgramPath(a.program.id), label: a.program.fundCode }] : []),
        ]}
        current={a ? `FY${a.fiscalYear} allocation` : 'Allocation'}
      />
      <h1>{title}</h1>
      <RecordState
        signedIn={user !== null}
        signIn={{ what: 'Allocations are for agency staff.', next: `/assistance/grants/allocations/${id}` }}
        query={allocation}
        noun="the allocation"
        noAccess="Allocations are for agency staff"
      >
        {(data) => <AllocationBody allocation={data} canFinalize={isStateStaff(user)} />}
      </RecordState>
    </>
  );
}

function AllocationBody({ allocation: a, canFinalize }: { allocation: Allocation; canFinalize: boolean }) {
  const id = useId();
  const finalize = useFinalizeAllocation(a.id);
  return (
    <>
      <dl className="ssos-facts ssos-readable">
        <div className="ssos-facts__row">
          <dt>Program</dt>
          <dd>
            <Link to={grantProgramPath(a.program.id)} className="usa-link">
              {a.program.fundCode}: {a.program.name}
            </Link>
          </dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Budget</dt>
          <dd>{formatCents(a.budgetCents)}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Status</dt>
          <dd>{a.status === 'final' ? 'Final: it can no longer be recomputed' : 'Draft: it can be recomputed'}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Scaling factor</dt>
          <dd>{a.scalingFactor.toFixed(6)}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Enrollment of</dt>
          <dd>
            {a.enrollmentYear === null ? 'no enrollment year' : `the ${formatSchoolYear(a.enrollmentYear)} school year`}
          </dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Rounding</dt>
          <dd>{a.rounding}</dd>
        </div>
      </dl>
      {canFinalize && a.status === 'draft' ? (
        <div className="margin-y-3">
          {finalize.isError ? (
            <ErrorAlert heading="The allocation could not be made final" error={finalize.error} />
          ) : null}
          <Button type="button" disabled={finalize.isPending} onClick={() => finalize.mutate()}>
            {finalize.isPending ? 'Making it final…' : 'Make this allocation final'}
          </Button>
          <p className="usa-hint">Awards are made from a final allocation, never above a recipient’s line.</p>
        </div>
      ) : null}
      <section aria-labelledby={`${id}-lines`} className="margin-top-4">
        <h2 id={`${id}-lines`}>Recipients</h2>
        {a.lines.length === 0 ? (
          <p>No recipient in your region.</p>
        ) : (
          <ScrollRegion label="Recipients">
            <Table bordered fullWidth>
              <caption>Every recipient’s amount, explained; the lines shown total {formatCents(a.totalCents)}</caption>
              <thead>
                <tr>
                  <th scope="col">Recipient</th>
                  <th scope="col" className="ssos-num">
                    Enrollment
                  </th>
                  <th scope="col" className="ssos-num">
                    Formula amount
                  </th>
                  <th scope="col">Cap</th>
                  <th scope="col" className="ssos-num">
                    Amount
                  </th>
                  <th scope="col">How it was computed</th>
                </tr>
              </thead>
              <tbody>
                {a.lines.map((l) => (
                  <tr key={l.org.code}>
                    <th scope="row">
                      {l.org.name}
                      {l.region ? <span className="display-block text-base-dark">{l.region.name}</span> : null}
                    </th>
                    <td className="ssos-num">{l.enrollment.toLocaleString('en-US')}</td>
                    <td className="ssos-num">{formatCents(l.formulaCents)}</td>
                    <td>
                      {l.cap === null
                        ? 'none'
                        : l.cap === 'minimum'
                          ? 'Raised to the minimum'
                          : 'Lowered to the maximum'}
                    </td>
                    <td className="ssos-num">{formatCents(l.amountCents)}</td>
                    <td>{l.explanation}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td colSpan={3} />
                  <td className="ssos-num">{formatCents(a.totalCents)}</td>
                  <td />
                </tr>
              </tfoot>
            </Table>
          </ScrollRegion>
        )}
      </section>
      {a.ineligible.length > 0 ? (
        <section aria-labelledby={`${id}-out`} className="margin-top-4">
          <h2 id={`${id}-out`}>Not eligible</h2>
          <ul className="usa-list">
            {a.ineligible.map((x) => (
              <li key={x.orgCode}>
                {x.name}: {x.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
