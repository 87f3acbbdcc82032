import { recordAudit } from '../audit/service';
import type { Services } from '../platform/context';
import { writeAlerts } from '../roster/alerts';
import { onDutyFor } from '../roster/service';
import { routeToTeam } from '../routing/service';

export const CRISIS_LEAD_KIND = 'chat_crisis';

/**
 * A logged-in resident wrote crisis words to the assistant: the local team's members on duty
 * (or, failing them, the county team and the supervisors) are alerted at once, pointing to
 * the conversation. One alert per conversation and person, however many messages follow.
 */
export function createCrisisLeads(services: Services) {
  return {
    async open(residentId: string, sessionId: string, regionCode: string | undefined): Promise<number> {
      const now = services.clock();
      const team = await routeToTeam(services.database.db, services.regions, regionCode ?? '610113');
      if (!team) return 0;
      const { staff } = await onDutyFor(services, team.id, now);
      const written = await writeAlerts(
        services.database.db,
        staff.map((p) => ({
          staffId: p.id,
          caseId: null,
          kind: CRISIS_LEAD_KIND,
          message: `紧急：有居民在智能问答中出现危机信号，请立即查看对话并联系（/staff/chats/${sessionId}）`,
          dedupeKey: `chat-crisis:${sessionId}:${p.id}`,
        })),
        now,
      );
      if (written.length) {
        await recordAudit(services.database.db, { actorKind: 'system', action: 'chat.crisis_lead', subjectType: 'chat_session', subjectId: sessionId, detail: { teamId: team.id, alerted: written.length } }, now);
        await services.publish('case_changed', { caseId: sessionId, teamId: team.id, trackingNo: '', priority: 'P1', status: 'assigned', kind: 'staff_alert' }).catch(() => {});
      }
      return written.length;
    },
  };
}

export type CrisisLeads = ReturnType<typeof createCrisisLeads>;
