import {
  charterStatus,
  gradeLevel,
  localEducationAgencyCategory,
  mapDescriptor,
  schoolType,
} from '../../../core/edfi/descriptors.ts';
import { edfiOrgCode, parseEducationOrganizationId } from '../../../core/edfi/values.ts';
import { sortGrades, stateOrgCode, type GradeCode, type OrgType } from '../../../core/orgs/organization.ts';
import { KeyTracker, type EdfiContext, type InterchangeImport, type TableCounts } from './context.ts';
import { plainText, type KnownElements, type XmlNode } from './xml-record.ts';

/**
 * InterchangeEducationOrganization: local education agencies become districts (`edfi-<LocalEducationAgencyId>`,
 * under the state organization when there is one, never in a region), schools become schools under their district
 * (`edfi-<SchoolId>`). Other organizations in the interchange are skipped (see the catalog).
 */

const educationOrganization: KnownElements = {
  EducationOrganizationIdentificationCode: true,
  NameOfInstitution: true,
  ShortNameOfInstitution: true,
  WebSite: true,
  OperationalStatus: true,
  EducationOrganizationCategory: true,
  Address: true,
  InternationalAddress: true,
  InstitutionTelephone: true,
  EducationOrganizationIndicator: true,
};

const knownLea: KnownElements = {
  ...educationOrganization,
  LocalEducationAgencyId: true,
  LocalEducationAgencyCategory: true,
  CharterStatus: true,
  LocalEducationAgencyAccountability: true,
  LocalEducationAgencyFederalFunds: true,
  ParentLocalEducationAgencyReference: true,
  EducationServiceCenterReference: true,
  StateEducationAgencyReference: true,
};

const knownSchool: KnownElements = {
  ...educationOrganization,
  SchoolId: true,
  GradeLevel: true,
  SchoolCategory: true,
  SchoolType: true,
  CharterStatus: true,
  TitleIPartASchoolDesignation: true,
  MagnetSpecialProgramEmphasisSchool: true,
  AdministrativeFundingControl: true,
  InternetAccess: true,
  CharterApprovalAgencyType: true,
  CharterApprovalSchoolYear: true,
  LocalEducationAgencyReference: true,
};

interface OrgRow {
  code: string;
  name: string;
  level: 'district' | 'school';
  type: OrgType;
  grades: GradeCode[];
  town: string | null;
  /** For a school: the district's Ed-Fi id, or the id attribute it refers to. */
  lea: { id: string } | { ref: string } | null;
  node: XmlNode;
}

/** The town of the physical address (else the first address). */
function townOf(node: XmlNode): string | null {
  const addresses = node.children('Address');
  const physical = addresses.find((a) => (a.child('AddressType')?.text() ?? '').endsWith('#Physical')) ?? addresses[0];
  const city = physical?.child('City')?.text()?.trim();
  return city ? city.slice(0, 100) : null;
}

export async function openEducationOrganization(ctx: EdfiContext): Promise<InterchangeImport> {
  const rows: OrgRow[] = [];
  const leaIdsByRef = new Map<string, string>();
  const seen = new KeyTracker('organization');
  const r = ctx.reader;

  return {
    readers: {
      LocalEducationAgency: {
        known: knownLea,
        read: async (node) => {
          const id = r.value(node, ['LocalEducationAgencyId'], parseEducationOrganizationId);
          const name = r.value(node, ['NameOfInstitution'], plainText(200));
          const type = r.value(node, ['LocalEducationAgencyCategory'], (t) =>
            mapDescriptor(localEducationAgencyCategory, t),
          );
          if (!id || !name || !type) return;
          const ref = node.attr('id');
          if (ref) leaIdsByRef.set(ref, id);
          if (!seen.check(ctx.problems, node, [edfiOrgCode(id)], `LocalEducationAgencyId ${id}`)) return;
          rows.push({
            code: edfiOrgCode(id),
            name,
            level: 'district',
            type,
            grades: [],
            town: townOf(node),
            lea: null,
            node,
          });
        },
      },
      School: {
        known: knownSchool,
        read: async (node) => {
          const id = r.value(node, ['SchoolId'], parseEducationOrganizationId);
          const name = r.value(node, ['NameOfInstitution'], plainText(200));
          const grades = r.values(node, ['GradeLevel'], (t) => mapDescriptor(gradeLevel, t));
          const charter = r.value(node, ['CharterStatus'], (t) => mapDescriptor(charterStatus, t), true);
          const type = r.value(node, ['SchoolType'], (t) => mapDescriptor(schoolType, t), true);
          const leaNode = r.find(node, ['LocalEducationAgencyReference']);
          let lea: OrgRow['lea'] = null;
          if (leaNode) {
            const ref = leaNode.attr('ref');
            if (ref) lea = { ref };
            else {
              const leaId = r.value(
                leaNode,
                ['LocalEducationAgencyIdentity', 'LocalEducationAgencyId'],
                parseEducationOrganizationId,
              );
              if (leaId) lea = { id: leaId };
            }
          }
          if (!id || !name || charter === undefined || type === undefined || !grades || !lea) return;
          if (!seen.check(ctx.problems, node, [edfiOrgCode(id)], `SchoolId ${id}`)) return;
          rows.push({
            code: edfiOrgCode(id),
            name,
            level: 'school',
            // A charter status overrides the school type; without either, the type is not known ("other").
            type: charter ? 'charter' : (type ?? 'other'),
            grades: sortGrades(grades.filter((g): g is GradeCode => g !== null)),
            town: townOf(node),
            lea,
            node,
          });
        },
      },
    },

    finish: async () => {
      const known = await ctx.orgs();
      const districtCodes = new Set(rows.filter((o) => o.level === 'district').map((o) => o.code));
      const parentOf = new Map<string, string | null>();
      for (const o of rows.filter((row) => row.level === 'school')) {
        const at = o.node.child('LocalEducationAgencyReference')!;
        let leaCode: string | null = null;
        if (o.lea && 'ref' in o.lea) {
          const id = leaIdsByRef.get(o.lea.ref);
          if (id === undefined)
            ctx.problems.add(at.line, at.display, 'refers to no LocalEducationAgency in this file (ref)', o.lea.ref);
          else leaCode = edfiOrgCode(id);
        } else if (o.lea) {
          leaCode = edfiOrgCode(o.lea.id);
          if (!districtCodes.has(leaCode) && known.get(leaCode)?.level !== 'district') {
            ctx.problems.add(
              at.line,
              `${at.display}/LocalEducationAgencyIdentity/LocalEducationAgencyId`,
              'is not a local education agency in this file or in ssos',
              o.lea.id,
            );
            leaCode = null;
          }
        }
        parentOf.set(o.code, leaCode);
      }
      if (!ctx.problems.empty) return { tables: [], districtIds: [] };

      const state = await ctx.conn.query<{ id: number }>('SELECT id FROM organizations WHERE code = $1', [
        stateOrgCode,
      ]);
      const stateId = state.rows[0]?.id ?? null;
      const changed = new Set<string>();
      let inserted = 0;
      // Districts first, so that schools find their parent.
      const ordered = [...rows].sort((a, b) => (a.level === b.level ? 0 : a.level === 'district' ? -1 : 1));
      const ids = new Map<string, number>();
      for (const o of ordered) {
        const res = await ctx.conn.query<{ id: number; inserted: boolean }>(
          `INSERT INTO organizations (code, name, level, type, grades, town) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, type = EXCLUDED.type,
             grades = EXCLUDED.grades, town = EXCLUDED.town, updated_at = now()
           WHERE (organizations.name, organizations.level, organizations.type, organizations.grades, organizations.town)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.level, EXCLUDED.type, EXCLUDED.grades, EXCLUDED.town)
           RETURNING id, (xmax = 0) AS inserted`,
          [o.code, o.name, o.level, o.type, o.grades, o.town],
        );
        const row = res.rows[0];
        if (row) {
          ids.set(o.code, row.id);
          if (row.inserted) inserted++;
          changed.add(o.code);
        }
      }
      const all = await ctx.conn.query<{ id: number; code: string }>(
        "SELECT id, code FROM organizations WHERE code LIKE 'edfi-%'",
      );
      for (const o of all.rows) ids.set(o.code, o.id);
      for (const o of ordered) {
        const parentCode = o.level === 'district' ? null : parentOf.get(o.code)!;
        const parentId = o.level === 'district' ? stateId : ids.get(parentCode!)!;
        const res = await ctx.conn.query(
          `UPDATE organizations SET parent_id = $2, updated_at = now() WHERE code = $1 AND parent_id IS DISTINCT FROM $2`,
          [o.code, parentId],
        );
        if (res.rowCount > 0) changed.add(o.code);
      }
      const counts: TableCounts = {
        table: 'organizations',
        rows: rows.length,
        inserted,
        updated: changed.size - inserted,
        unchanged: rows.length - changed.size,
      };
      return { tables: [counts], districtIds: [] };
    },
  };
}
