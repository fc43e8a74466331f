import { InputError } from '../errors.js';

/**
 * The engine refused a statement or a connection (no such table or column, a type it cannot
 * cast, a server that does not answer): the message is the engine's, after what logreg asked.
 */
export class SqlEngineError extends InputError {
  override readonly name: string = 'SqlEngineError';
}
