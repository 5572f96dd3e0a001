import {
  behavior as behaviorDescriptor,
  discipline as disciplineDescriptor,
  mapDescriptor,
  mostSevereDiscipline,
  type BehaviorCategory,
  type DisciplineCategory,
} from '../../../core/edfi/descriptors.ts';
import {
  edfiOrgCode,
  parseDecimal,
  parseEducationOrganizationId,
  parseXsDate,
  schoolYearOfIsoDate,
} from '../../../core/edfi/values.ts';
import { KeyTracker, type EdfiContext, type InterchangeImport } from './context.ts';
import { plainText, type KnownElements, type XmlNode } from './xml-record.ts';

/**
 * InterchangeStudentDiscipline: incidents (what happened, at which school, when), each student's behavior in one
 * (StudentDisciplineIncidentBehaviorAssociation), and the discipline actions taken (with their category and length in
 * school days, the actual length when given). References to an incident by `ref` may point anywhere in the file, so
 * behaviors and actions are resolved once the whole file has been read. Staff and non-offender (victim, witness)
 * associations are skipped.
 */

const knownIncident: KnownElements = {
  IncidentIdentifier: true,
  IncidentDate: true,
  IncidentTime: true,
  IncidentLocation: true,
  ReporterDescription: true,
  ReporterName: true,
  Behavior: true,
  IncidentDescription: true,
  ReportedToLawEnforcement: true,
  CaseNumber: true,
  IncidentCost: true,
  Weapon: true,
  SchoolReference: true,
  DisciplineIncidentExternalParticipant: true,
};

const knownBehavior: KnownElements = {
  StudentReference: true,
  DisciplineIncidentReference: true,
  Behavior: true,
  BehaviorDetailedDescription: true,
  DisciplineIncidentParticipationCode: true,
  Weapon: true,
};

const knownAction: KnownElements = {
  DisciplineActionIdentifier: true,
  Discipline: true,
  DisciplineDate: true,
  DisciplineActionLength: true,
  ActualDisciplineActionLength: true,
  DisciplineActionLengthDifferenceReason: true,
  IEPPlacementMeetingIndicator: true,
  ReceivedEducationServicesDuringExpulsion: true,
  StudentReference: true,
  ResponsibilitySchoolReference: true,
  AssignmentSchoolReference: true,
  StaffReference: true,
  StudentDisciplineIncidentBehaviorAssociationReference: true,
};

/** An incident reference: by `ref` to an incident in this file, or by identity (school and identifier). */
type IncidentRef = { ref: string } | { schoolId: string; incidentIdentifier: string };

interface Pending<T> {
  node: XmlNode;
  refNode: XmlNode | null;
  incident: IncidentRef | null;
  row: T;
}

const incidentIdentifier = plainText(36);

export async function openStudentDiscipline(ctx: EdfiContext): Promise<InterchangeImport> {
  const r = ctx.reader;
  const incidents = await ctx.stage(
    'discipline_incidents',
    ['school_id', 'incident_identifier', 'incident_date', 'school_year'],
    ['school_id', 'incident_identifier'],
  );
  // Incidents of this file by (school id, identifier), and by their `id` attribute.
  const fileIncidents = new Map<string, number>();
  const incidentsById = new Map<string, { schoolOrgId: number; incidentIdentifier: string }>();
  const behaviors: Pending<{ student: string; behavior: BehaviorCategory }>[] = [];
  const actions: Pending<{
    student: string;
    identifier: string;
    date: string;
    schoolId: number;
    category: DisciplineCategory;
    days: number | null;
  }>[] = [];
  const seenIncidents = new KeyTracker('DisciplineIncident');
  const seenBehaviors = new KeyTracker('StudentDisciplineIncidentBehaviorAssociation');
  const seenActions = new KeyTracker('DisciplineAction');
  const districts = new Set<number>();

  /** Reads a DisciplineIncidentReference (ref or identity). */
  function incidentRef(refNode: XmlNode): IncidentRef | undefined {
    const ref = refNode.attr('ref');
    if (ref) return { ref };
    const id = r.value(refNode, ['DisciplineIncidentIdentity', 'IncidentIdentifier'], incidentIdentifier);
    const school = r.value(
      refNode,
      ['DisciplineIncidentIdentity', 'SchoolReference', 'SchoolIdentity', 'SchoolId'],
      parseEducationOrganizationId,
    );
    return id && school ? { schoolId: school, incidentIdentifier: id } : undefined;
  }

  /** The incident a reference names: in this file, or already in ssos. */
  async function resolve(
    refNode: XmlNode,
    ref: IncidentRef,
  ): Promise<{ schoolOrgId: number; incidentIdentifier: string } | undefined> {
    if ('ref' in ref) {
      const found = incidentsById.get(ref.ref);
      if (!found)
        ctx.problems.add(refNode.line, refNode.display, 'refers to no DisciplineIncident in this file (ref)', ref.ref);
      return found;
    }
    const org = (await ctx.orgs()).get(edfiOrgCode(ref.schoolId));
    if (org && fileIncidents.has(`${org.id}\u0000${ref.incidentIdentifier}`))
      return { schoolOrgId: org.id, incidentIdentifier: ref.incidentIdentifier };
    if (org) {
      const inDb = await ctx.conn.query(
        'SELECT 1 FROM discipline_incidents WHERE school_id = $1 AND incident_identifier = $2',
        [org.id, ref.incidentIdentifier],
      );
      if (inDb.rowCount > 0) return { schoolOrgId: org.id, incidentIdentifier: ref.incidentIdentifier };
    }
    ctx.problems.add(
      refNode.line,
      refNode.display,
      `names incident ${ref.incidentIdentifier} at school ${ref.schoolId}, which is neither in this file nor in ssos`,
    );
    return undefined;
  }

  return {
    readers: {
      DisciplineIncident: {
        known: knownIncident,
        read: async (node) => {
          const id = r.value(node, ['IncidentIdentifier'], incidentIdentifier);
          const date = r.value(node, ['IncidentDate'], parseXsDate);
          const school = await ctx.orgRef(node, ['SchoolReference', 'SchoolIdentity', 'SchoolId'], ['school']);
          if (!id || !date || !school) return;
          if (!seenIncidents.check(ctx.problems, node, [school.id, id], `incident ${id} at school ${school.code}`))
            return;
          fileIncidents.set(`${school.id}\u0000${id}`, node.line);
          const xmlId = node.attr('id');
          if (xmlId) incidentsById.set(xmlId, { schoolOrgId: school.id, incidentIdentifier: id });
          if (school.districtId !== null) districts.add(school.districtId);
          if (ctx.problems.empty) await incidents.add([school.id, id, date, schoolYearOfIsoDate(date)]);
        },
      },
      StudentDisciplineIncidentBehaviorAssociation: {
        known: knownBehavior,
        read: async (node) => {
          const student = await ctx.studentRef(node);
          const behavior = r.value(node, ['Behavior'], (t) => mapDescriptor(behaviorDescriptor, t));
          const refNode = r.find(node, ['DisciplineIncidentReference']);
          const incident = refNode ? incidentRef(refNode) : undefined;
          if (!student || !behavior || !refNode || !incident) return;
          behaviors.push({ node, refNode, incident, row: { student, behavior } });
        },
      },
      DisciplineAction: {
        known: knownAction,
        read: async (node) => {
          const identifier = r.value(node, ['DisciplineActionIdentifier'], plainText(36));
          const date = r.value(node, ['DisciplineDate'], parseXsDate);
          const categories = r.values(node, ['Discipline'], (t) => mapDescriptor(disciplineDescriptor, t));
          if (categories && categories.length === 0)
            ctx.problems.add(node.line, `${node.display}/Discipline`, 'is required');
          const actual = r.value(node, ['ActualDisciplineActionLength'], (t) => parseDecimal(t, 0, 366), true);
          const assigned = r.value(node, ['DisciplineActionLength'], (t) => parseDecimal(t, 0, 366), true);
          const student = await ctx.studentRef(node);
          const school = await ctx.orgRef(
            node,
            ['ResponsibilitySchoolReference', 'SchoolIdentity', 'SchoolId'],
            ['school'],
          );
          const assocNode = r.find(
            node,
            [
              'StudentDisciplineIncidentBehaviorAssociationReference',
              'StudentDisciplineIncidentBehaviorAssociationIdentity',
              'DisciplineIncidentReference',
            ],
            true,
          );
          const incident = assocNode ? incidentRef(assocNode) : null;
          if (!identifier || !date || !categories || categories.length === 0 || actual === undefined) return;
          if (assigned === undefined || !student || !school || incident === undefined) return;
          if (school.districtId !== null) districts.add(school.districtId);
          actions.push({
            node,
            refNode: assocNode ?? null,
            incident,
            row: {
              student,
              identifier,
              date,
              schoolId: school.id,
              category: mostSevereDiscipline(categories),
              days: actual ?? assigned,
            },
          });
        },
      },
    },

    finish: async () => {
      const behaviorLoad = await ctx.stage(
        'discipline_behaviors',
        ['student_id', 'school_id', 'incident_identifier', 'behavior'],
        ['student_id', 'school_id', 'incident_identifier', 'behavior'],
      );
      const actionLoad = await ctx.stage(
        'discipline_actions',
        [
          'student_id',
          'action_identifier',
          'action_date',
          'school_id',
          'school_year',
          'category',
          'duration_days',
          'incident_school_id',
          'incident_identifier',
        ],
        ['student_id', 'action_identifier', 'action_date'],
      );
      for (const b of behaviors) {
        if (ctx.problems.full) break;
        const incident = await resolve(b.refNode!, b.incident!);
        if (!incident) continue;
        const key = [b.row.student, incident.schoolOrgId, incident.incidentIdentifier, b.row.behavior];
        const describe = `student ${b.row.student}, incident ${incident.incidentIdentifier}, ${b.row.behavior}`;
        if (!seenBehaviors.check(ctx.problems, b.node, key, describe)) continue;
        if (ctx.problems.empty) await behaviorLoad.add(key);
      }
      for (const a of actions) {
        if (ctx.problems.full) break;
        const incident = a.incident ? await resolve(a.refNode!, a.incident) : null;
        if (incident === undefined) continue;
        const { student, identifier, date } = a.row;
        if (
          !seenActions.check(
            ctx.problems,
            a.node,
            [student, identifier, date],
            `student ${student}, action ${identifier}, ${date}`,
          )
        )
          continue;
        if (ctx.problems.empty)
          await actionLoad.add([
            student,
            identifier,
            date,
            a.row.schoolId,
            schoolYearOfIsoDate(date),
            a.row.category,
            a.row.days,
            incident?.schoolOrgId ?? null,
            incident?.incidentIdentifier ?? null,
          ]);
      }
      if (!ctx.problems.empty) return { tables: [], districtIds: [] };
      // Incidents first: behaviors and actions refer to them.
      const tables = [await incidents.merge(), await behaviorLoad.merge(), await actionLoad.merge()];
      return { tables, districtIds: [...districts] };
    },
  };
}
