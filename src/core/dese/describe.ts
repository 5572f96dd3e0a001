import { derivedFamilies } from './families.ts';
import { variantProfile, type ColumnSpec, type DeseProfile } from './profile.ts';
import { derivedCode } from './rows.ts';

const roleWords: Record<string, string> = {
  org_code: 'organization code (left-padded to 8 digits)',
  district_code: "the school's district code (checked against the school code)",
  year: 'school year',
  group: 'student group',
  subject: 'MCAS subject (part of the indicator code)',
  grade: 'MCAS grade (part of the indicator code)',
  org_type: 'organization type',
  grade_list: 'grades served (used when no enrollment by grade is known)',
  grade_start: 'first grade served',
  grade_end: 'last grade served',
  town: 'town (set when none is stored)',
};

function headerText(spec: ColumnSpec): string {
  return spec.headers.map((h) => `\`${h}\``).join(' or ');
}

function describeColumn(profile: DeseProfile, spec: ColumnSpec): string {
  const role = spec.role;
  switch (role.kind) {
    case 'value': {
      const ref = role.indicator;
      const byVariant = profile.variants?.options.some((v) => v.indicators[spec.id])
        ? `by measure: ${profile.variants.options
            .map((v) => {
              const r = v.indicators[spec.id];
              const vp = variantProfile(profile, v);
              const vs = vp.columns.find((c) => c.id === spec.id)!;
              return `${v.key} rows \`${r?.kind === 'curated' ? r.code : r?.kind === 'derived' ? derivedCode(vp, vs) : '?'}\``;
            })
            .join(', ')}`
        : null;
      const code =
        byVariant !== null
          ? byVariant
          : ref.kind === 'curated'
            ? `\`${ref.code}\``
            : ref.kind === 'derived'
              ? `\`${derivedCode(profile, spec)}\` (derived: "${ref.label}")`
              : `\`mcas_<subject>_<grade>_${ref.measure}\``;
      const extras = [
        role.n ? `n from \`${profile.columns.find((c) => c.id === role.n)?.headers[0] ?? role.n}\`` : '',
        role.cell === 'ratio' ? 'read "13.4 to 1" as 13.4' : '',
        role.cell === 'level' ? 'read "Level 3" as 3' : '',
        role.org === 'district' ? "stored on the row's district" : '',
        role.block ? `block \`${role.block}\`` : '',
        ref.kind === 'mcas' && ref.measure === 'mean_sgp' ? '`median_sgp` up to 2017' : '',
        ref.kind === 'derived' && ref.note ? ref.note : '',
        spec.optional ? 'not in every file' : '',
      ].filter(Boolean);
      return `${code}${extras.length ? `; ${extras.join('; ')}` : ''}`;
    }
    case 'ignore':
      return `not imported: ${role.reason}${spec.mayBeAbsent ? ' (may be missing at the end of a row)' : ''}`;
    case 'name':
      return role.of === 'district'
        ? "the district's own name"
        : role.style === 'own'
          ? "the organization's own name"
          : role.style === 'combined'
            ? 'name as "District - School" (a lower-ranked name; see Names)'
            : 'a name for the organization used only until a better one is known (rank 1)';
    case 'org_code':
      return role.form === 'lea' ? "town's LEA code: district `<LEA padded to 4>0000`" : roleWords.org_code!;
    case 'variant':
      return `which measure the row holds: ${(profile.variants?.options ?? []).map((v) => `\`${v.pattern.source}\` is ${v.key}`).join(', ')}`;
    case 'org_type':
      return `organization type: ${Object.entries(role.values)
        .map(([k, v]) => `${k} -> ${v ?? 'from the name'}`)
        .join(', ')}`;
    default:
      return roleWords[role.kind] ?? role.kind;
  }
}

function yearText(profile: DeseProfile): string {
  switch (profile.year.from) {
    case 'column':
      return `from its \`${profile.columns.find((c) => c.role.kind === 'year')?.headers[0]}\` column`;
    case 'title':
      return 'from the title row ("2017-18 ..." is 2018; "2017 ..." is 2017)';
    case 'fileName':
      return 'from the file name (`_2017` is 2017)';
    case 'none':
      return `none (${profile.year.reason})`;
  }
}

function groupText(profile: DeseProfile): string {
  switch (profile.group.from) {
    case 'fixed':
      return `\`${profile.group.group}\``;
    case 'column':
      return `from its \`${profile.columns.find((c) => c.role.kind === 'group')?.headers[0]}\` column (\`all\` when the file has none)`;
    case 'title':
      return 'from the title ("... - Afr. Amer./Black" is `african_american`)';
  }
}

/** The documentation of every layout, as markdown (docs/dese-import.md embeds it; a test keeps them equal). */
export function describeProfiles(profiles: readonly DeseProfile[]): string {
  const out: string[] = [];
  for (const p of profiles) {
    out.push(`### \`${p.id}\`: ${p.title}`, '');
    out.push(`- Files: ${p.files}`);
    if (p.skip) {
      out.push(`- **Recognised and skipped**: ${p.skip}`, '');
      continue;
    }
    out.push(`- Report: ${p.report}`);
    if (p.fileName)
      out.push(`- The file name must match \`${p.fileName.source}\` (another layout has the same header)`);
    if (p.titlePattern) out.push(`- The title must match \`${p.titlePattern.source}\``);
    out.push(`- Rows: ${p.levels.join(', ')}; year ${yearText(p)}; group ${groupText(p)}`);
    if (p.derivedPrefix !== 'none') {
      const fam = derivedFamilies[p.derivedPrefix];
      out.push(
        `- Derived indicators: \`dese_${p.derivedPrefix}_*\` (${fam?.report}; ${fam?.area}, ${fam?.yearConvention})`,
      );
    }
    if (p.skipRowsWithoutCode) out.push(`- Rows without a code are set aside: ${p.skipRowsWithoutCode}`);
    if (p.onlyKnownOrgs) out.push(`- Rows set aside when ${p.onlyKnownOrgs.replace(/^its /, 'their ')}`);
    out.push('', '| Column | Read as |', '|---|---|');
    for (const c of p.columns) out.push(`| ${headerText(c)} | ${describeColumn(p, c).replace(/\|/g, '\\|')} |`);
    for (const layout of p.layouts ?? []) {
      const years =
        layout.from !== undefined && layout.to !== undefined
          ? layout.from === layout.to
            ? `${layout.from}`
            : `${layout.from}-${layout.to}`
          : layout.to !== undefined
            ? `up to ${layout.to}`
            : `from ${layout.from}`;
      const hidden = layout.cells.filter((c): c is ColumnSpec => typeof c !== 'string');
      out.push(
        '',
        `Rows of ${years}: ${layout.note} Cells in order: ${layout.cells
          .map((c) => (typeof c === 'string' ? `\`${c}\`` : `*${c.headers[0]}*`))
          .join(', ')}.`,
      );
      for (const h of hidden) out.push(`  - *${h.headers[0]}* (not in the header): ${describeColumn(p, h)}`);
    }
    if (p.notes?.length) out.push('', ...p.notes.map((n) => `- ${n}`));
    out.push('');
  }
  return out.join('\n');
}
