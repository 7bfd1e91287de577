/** A usage error the trainer's API answers with 404: the request names something that does not exist. */
import { SimError } from '../../core/errors.ts';

export class NotFoundError extends SimError {
  constructor(message: string, hint?: string) {
    super('ERR_USAGE', message, hint === undefined ? {} : { hint });
  }
}
