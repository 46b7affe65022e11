import { serviceError, quote } from '../../errors';
import { FUNCTION_STAGES, type FunctionStage } from '../../core/functions';
import type { Operation } from '../types';
import { string, validate } from '../shapes';
import { STAGE, functionSummary } from './function-common';

export interface ListFunctionsInput {
  Marker?: string;
  /** Text after the check; the SDK's callers pass a number. */
  MaxItems?: string;
  Stage?: FunctionStage;
}

const DEFAULT_MAX_ITEMS = 100;

/** The input shape of the model: MaxItems is a string in the query (the SDK types it as a number and sends its digits). */
const INPUT = { Marker: string(), MaxItems: string(), Stage: STAGE };

/**
 * ListFunctions (F8): one summary per function and existing stage (only `Stage`'s when given),
 * by name, DEVELOPMENT before LIVE; paged by `Marker` / `NextMarker` as ListKeyValueStores is.
 */
export const listFunctions: Operation<unknown> = {
  name: 'ListFunctions',
  plane: 'control',
  run(raw, { service, accountId }) {
    // The SDK writes MaxItems into the query as text: a number arrives as its digits.
    const given = raw as { MaxItems?: unknown } | undefined;
    const read = typeof given?.MaxItems === 'number' ? { ...given, MaxItems: String(given.MaxItems) } : raw;
    const input = validate<ListFunctionsInput>(read, INPUT, 'InvalidArgument');
    const maxItems = input.MaxItems === undefined ? DEFAULT_MAX_ITEMS : Number(input.MaxItems);
    if (!/^\d+$/.test(input.MaxItems ?? '1') || maxItems < 1 || maxItems > 100) {
      throw serviceError('InvalidArgument', `1 validation error detected: Value ${quote(input.MaxItems!)} at 'MaxItems' failed to satisfy constraint: Member must be a whole number from 1 to 100`);
    }
    const scope = `functions:${accountId}:${input.Stage ?? ''}`;
    let after: string | undefined;
    if (input.Marker !== undefined && input.Marker !== '') {
      after = service.tokens.read(scope, input.Marker);
      if (after === undefined) throw serviceError('InvalidArgument', 'Invalid Marker: pass the NextMarker of a previous ListFunctions answer.');
    }
    // Functions of one account are few (100 by default): sorting them per call is enough.
    const functions = [...service.account(accountId).functions.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    const entries: Array<{ position: string; summary: ReturnType<typeof functionSummary> }> = [];
    let more = false;
    for (const fn of functions) {
      for (const stage of input.Stage ? [input.Stage] : FUNCTION_STAGES) {
        if (!fn.stage(stage)) continue;
        // Positions order as the list does: the name (a space sorts below every name character), then the stage.
        const position = `${fn.name} ${FUNCTION_STAGES.indexOf(stage)}`;
        if (after !== undefined && position <= after) continue;
        if (entries.length === maxItems) {
          more = true;
          break;
        }
        entries.push({ position, summary: functionSummary(fn, stage) });
      }
      if (more) break;
    }
    const last = entries[entries.length - 1];
    return {
      FunctionList: {
        NextMarker: more && last ? service.tokens.issue(scope, last.position) : '',
        MaxItems: maxItems,
        Quantity: entries.length,
        Items: entries.map((e) => e.summary),
      },
    };
  },
};
