// Shared fixtures of the chat tests: the seed assistant and region contexts as of a fixed date.
import { createAssistant, initialState, type Assistant } from './chat.engine';
import { seedEntries } from './chat.kb';
import { createRegionDirectory, resolveRegionContext } from './chat.regions';
import type { ChatContext, ChatResult, ChatState } from './chat.types';
import { seedRegionData } from './eval';

export const AS_OF = '2026-11-22';

let shared: Assistant | undefined;

/** The assistant over the seed knowledge base (built once per test file). */
export function seedAssistant(): Assistant {
  return (shared ??= createAssistant(seedEntries()));
}

/** A context for a region code as of AS_OF (no region when code is undefined). */
export function contextFor(code?: string, asOf = AS_OF): ChatContext {
  const { regions, parameters } = seedRegionData();
  return {
    region: code ? resolveRegionContext(regions, parameters, code, asOf) : undefined,
    directory: createRegionDirectory(regions, parameters, asOf),
  };
}

/** Plays messages in one conversation and returns every turn's result. */
export function converse(messages: string[], context: ChatContext, assistant = seedAssistant()): ChatResult[] {
  let state: ChatState = initialState();
  return messages.map((m) => {
    const r = assistant.respond(state, m, context);
    state = r.state;
    return r;
  });
}
