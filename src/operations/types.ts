import type { KvsService } from '../core/service';

/** What an operation knows of its caller. */
export interface OperationContext {
  service: KvsService;
  /** The caller's account: the account a control-plane client was attached for. */
  accountId: string;
}

/** One API operation of either plane: validate the input, act on the core, shape the output. */
export interface Operation<I = any, O = any> {
  /** AWS's operation name, e.g. `GetKey`. */
  readonly name: string;
  readonly plane: 'data' | 'control';
  /** HTTP status of a success (200 unless the model says 201 or 204). */
  readonly successStatus?: number;
  run(input: I, context: OperationContext): O;
}
