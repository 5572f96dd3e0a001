import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, Table } from '@trussworks/react-uswds';
import { useCurrentUser } from '../api/auth.ts';
import { useInstrument, walkthroughsPath, type Instrument } from '../api/walkthroughs.ts';
import { frameworkCodeLabel } from '../components/assistance-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, SignInNotice } from '../components/grants-crumbs.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { InstrumentForm, scalePresets } from './walkthroughs-page.tsx';

type Preset = keyof typeof scalePresets;

/** The builder's preset an item's scale is, or null when it was built otherwise (through the API). */
function presetOf(scale: Instrument['items'][number]['scale']): Preset | null {
  const found = (Object.keys(scalePresets) as Preset[]).find((k) => {
    const p = scalePresets[k].scale;
    return p.length === scale.length && p.every((x, i) => x.value === scale[i]!.value && x.label === scale[i]!.label);
  });
  return found ?? null;
}

/** An observation instrument: its items with what they look for and their rating scales; changed while unused. */
export function WalkthroughsInstrumentPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const instrument = useInstrument(Number(id), { enabled: user !== null });
  const [editing, setEditing] = useState(false);
  const title = instrument.data?.name ?? 'Observation instrument';
  useDocumentTitle(title);
  const i = instrument.data;
  const presets = i?.items.map((it) => presetOf(it.scale)) ?? [];
  return (
    <>
      <AreaCrumbs trail={[{ to: walkthroughsPath, label: 'Walkthroughs' }]} current={title} />
      <h1>{title}</h1>
      {user === null ? (
        <SignInNotice
          what="Observation instruments are for agency staff."
          next={`/assistance/walkthroughs/instruments/${id}`}
        />
      ) : instrument.isPending ? (
        <LoadingStatus>Loading the instrument…</LoadingStatus>
      ) : instrument.isError ? (
        <ErrorAlert heading="The instrument could not be loaded" error={instrument.error} />
      ) : editing ? (
        <InstrumentForm
          instrumentId={i!.id}
          initial={{
            name: i!.name,
            description: i!.description,
            items: i!.items.map((it, n) => ({
              prompt: it.prompt,
              code: it.frameworkCodes[0] ?? '',
              preset: presets[n] ?? 'four',
            })),
          }}
          onSaved={() => setEditing(false)}
        />
      ) : (
        <>
          {i!.description !== '' ? <p className="ssos-readable">{i!.description}</p> : null}
          <p className="ssos-readable">
            {i!.inUse
              ? 'Observations use this instrument, so its items are fixed: recorded ratings would change meaning. Build a new instrument to change them.'
              : 'No observation uses this instrument yet: it can still change.'}
          </p>
          <ScrollRegion label="Items">
            <Table bordered fullWidth>
              <caption>Items in order, with their rating scales</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Looks for</th>
                  <th scope="col">Addresses</th>
                  <th scope="col">Rating scale</th>
                </tr>
              </thead>
              <tbody>
                {i!.items.map((it) => (
                  <tr key={it.id}>
                    <th scope="row">{it.position}</th>
                    <td>{it.prompt}</td>
                    <td>
                      {it.frameworkCodes.length === 0 ? '—' : it.frameworkCodes.map(frameworkCodeLabel).join('; ')}
                    </td>
                    <td>{it.scale.map((p) => `${p.value} ${p.label}`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </ScrollRegion>
          {!i!.inUse && presets.every((p) => p !== null) ? (
            <Button type="button" outline onClick={() => setEditing(true)}>
              Change the instrument
            </Button>
          ) : null}
        </>
      )}
    </>
  );
}
