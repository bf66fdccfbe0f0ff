// The one way a form saves: a guard against a second submit while the first is on its way,
// the core's errors mapped onto the fields (or kept as one general sentence), and focus moved
// to the first field that needs attention. Every form of the app uses it.
import { toErrorBody } from './api';
import { focusFirstError } from './focus';
import { errorsFrom, type FieldErrors } from './forms';

export class Saving {
  saving = $state(false);
  errors: FieldErrors = $state({});
  general: string | null = $state(null);

  /** `form` prefixes the fields' ids (a function, for forms whose id follows a prop); `order`
   *  is the order of the fields on screen. */
  constructor(
    private readonly form: string | (() => string),
    private readonly order: string[],
  ) {}

  private get id(): string {
    return typeof this.form === 'string' ? this.form : this.form();
  }

  /** Forgets the last errors, e.g. when the form opens again. */
  clear(): void {
    this.errors = {};
    this.general = null;
  }

  /** Shows errors found before anything was sent (a draft that cannot be read). */
  async refuse(errors: FieldErrors): Promise<void> {
    this.errors = errors;
    this.general = null;
    await focusFirstError(this.id, this.order, errors);
  }

  /** Runs `work` once at a time; its result, or `undefined` when it failed and said why. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.saving) return undefined;
    this.saving = true;
    this.general = null;
    try {
      const out = await work();
      this.errors = {};
      return out;
    } catch (err) {
      const split = errorsFrom(toErrorBody(err));
      this.errors = split.fields;
      this.general = split.general;
      await focusFirstError(this.id, this.order, this.errors);
      return undefined;
    } finally {
      this.saving = false;
    }
  }
}
