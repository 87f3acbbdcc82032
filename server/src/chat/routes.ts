import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../platform/context';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { ACTION_TYPES, TOPIC_IDS } from './chat.types';

const messageBody = z.object({
  text: z.string({ error: '请输入问题' }).trim().min(1, '请输入问题').max(500, '问题不能超过500字'),
  sessionId: z.string().max(64).optional(),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '地区代码应为6位或9位数字').optional(),
});
const replySchema = z
  .object({
    sessionId: z.string(),
    reply: z.object({
      text: z.string(),
      topic: z.enum(TOPIC_IDS),
      confidence: z.number(),
      sources: z.array(z.object({ title: z.string(), ref: z.string() })),
      actions: z.array(z.object({ type: z.enum(ACTION_TYPES), phone: z.string().optional() })),
      guesses: z.array(z.object({ entryId: z.string(), topic: z.string(), title: z.string() })).optional(),
    }),
    crisis: z.boolean(),
    handoff: z.boolean(),
  })
  .openapi('ChatReply');

const postRoute = createRoute({
  method: 'post', path: '/messages', tags: ['chat'], summary: 'Ask the assistant (no login needed; a resident token ties the chat to the resident)',
  request: { body: { required: true, content: { 'application/json': { schema: messageBody } } } },
  responses: { 200: { description: 'The reply', content: { 'application/json': { schema: replySchema } } }, 422: problemResponse('Bad input or unknown region') },
});
const pollRoute = createRoute({
  method: 'get', path: '/sessions/{sessionId}/messages', tags: ['chat'], summary: "A conversation's messages after a given id (the resident polls for an operator's replies)",
  request: {
    params: z.object({ sessionId: z.string().max(64).openapi({ param: { name: 'sessionId', in: 'path' } }) }),
    query: z.object({ after: z.coerce.number().int().min(0).default(0) }),
  },
  responses: {
    200: {
      description: 'Messages',
      content: {
        'application/json': {
          schema: z.object({
            sessionId: z.string(), handedOff: z.boolean(), operatorJoined: z.boolean(), closed: z.boolean(),
            messages: z.array(z.object({ id: z.number(), at: z.string(), sender: z.enum(['resident', 'assistant', 'operator']), text: z.string(), topic: z.string().nullable() })),
          }),
        },
      },
    },
    404: problemResponse('No such conversation, or not yours'),
  },
});

const residentOf = (c: { get: (k: 'principal') => AppEnv['Variables']['principal'] }) => {
  const p = c.get('principal');
  return p?.kind === 'resident' ? p.id : undefined;
};

/** `/api/v1/chat`: the assistant (API.md). */
export const chatRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(postRoute, async (c) => {
    const services = c.get('services');
    const residentId = residentOf(c);
    const turn = await services.chat.message(c.req.valid('json'), residentId);
    if (turn.crisis && residentId) await services.crisisLeads?.open(residentId, turn.sessionId, c.req.valid('json').regionCode).catch((err: Error) => services.logger.error({ err: err.message }, 'crisis lead not opened'));
    const { guesses, ...reply } = turn.reply;
    return c.json({ sessionId: turn.sessionId, reply: { ...reply, ...(guesses ? { guesses } : {}) }, crisis: turn.crisis, handoff: turn.handoff }, 200);
  })
  .openapi(pollRoute, async (c) => {
    const { sessionId } = c.req.valid('param');
    const result = await c.get('services').chat.messagesSince(sessionId, residentOf(c), c.req.valid('query').after);
    return c.json(result, 200);
  });
