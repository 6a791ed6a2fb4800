import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createRegionLookup, type Region, type RegionLookup } from '../../regions/index.js';
import type { StepHost } from './step-host.js';

/** The form's region controller, made on the first step that asks (this module loads with those steps). */
export function regionsOf(host: StepHost): RegionsController {
  return host.useRegions((form, baseUrl) => new RegionsController(form, baseUrl));
}

/**
 * The region lists of the address selects and the check page: one lookup per base URL, each list fetched
 * once, its state (loading, failed) kept so a render neither fetches twice nor forgets a failure, and the
 * form re-rendered when a list arrives. A list that arrives for a lookup since replaced (the district changed
 * `regions-url`) is ignored.
 */
export class RegionsController implements ReactiveController {
  private current: { baseUrl: string; lookup: RegionLookup } | undefined;
  private readonly states = new Map<string, 'loading' | 'failed'>();
  /** Base URLs this form has reported: one console error each, not one per list or per retry. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The configured or default base URL of the lists. */
    private readonly baseUrl: () => string,
  ) {
    host.addController(this);
  }

  /** The district changed `regions-url`: the lists come from there now, and the old lookup's answers are ignored. */
  hostUpdate() {
    if (this.current && this.current.baseUrl !== this.baseUrl()) {
      this.current = undefined;
      this.states.clear();
    }
  }

  /** The lookup once a step has made it (validation checks codes against the lists it has). */
  get lookup(): RegionLookup | undefined {
    return this.current?.lookup;
  }

  /** The lookup for the configured base URL, made on first use. */
  use(): RegionLookup {
    const baseUrl = this.baseUrl();
    if (this.current?.baseUrl !== baseUrl) {
      this.current = { baseUrl, lookup: createRegionLookup({ baseUrl }) };
      this.states.clear();
    }
    return this.current.lookup;
  }

  /**
   * The regions inside `parent` for a select: loaded on first need, undefined while loading; a failure stays
   * until `retry()`.
   */
  children(parent: string): { list?: Region[]; failed: boolean } {
    if (!parent) return { list: [], failed: false };
    const lookup = this.use();
    const list = lookup.loadedChildren(parent);
    if (list) return { list, failed: false };
    const state = this.states.get(parent);
    if (state === 'failed') return { failed: true };
    if (!state) this.load(lookup, parent, true);
    return { failed: false };
  }

  /** Loads the lists that name these regions (the check page after a reload); a failure is asked again later. */
  loadNames(parents: readonly string[]) {
    const lookup = this.use();
    for (const parent of parents) {
      if (parent && !this.states.has(parent) && !lookup.loadedChildren(parent)) this.load(lookup, parent, false);
    }
  }

  /** "Coba lagi": failed lists are asked for again. */
  retry() {
    for (const [parent, state] of this.states) if (state === 'failed') this.states.delete(parent);
    this.host.requestUpdate();
  }

  private load(lookup: RegionLookup, parent: string, keepFailure: boolean) {
    this.states.set(parent, 'loading');
    const load = parent.length === 2 ? lookup.regencies(parent) : parent.length === 5 ? lookup.districts(parent) : lookup.villages(parent);
    load.then(
      () => this.settle(lookup, parent, undefined),
      (error: unknown) => {
        this.report(lookup, error);
        this.settle(lookup, parent, keepFailure ? 'failed' : undefined);
      },
    );
  }

  private report(lookup: RegionLookup, error: unknown) {
    const baseUrl = lookup === this.current?.lookup ? this.current.baseUrl : undefined;
    if (!baseUrl || this.reported.has(baseUrl)) return;
    this.reported.add(baseUrl);
    reportFailure(baseUrl, error);
  }

  private settle(lookup: RegionLookup, parent: string, state: 'failed' | undefined) {
    if (lookup !== this.current?.lookup) return;
    if (state) this.states.set(parent, state);
    else this.states.delete(parent);
    // A quiet failure (`loadNames`) renders nothing new: no update, or the render would ask again at once.
    if (state || lookup.loadedChildren(parent)) this.host.requestUpdate();
  }
}

/**
 * Tells the webmaster, who sees only "Daftar wilayah tidak dapat dimuat" in the form, where the lists were
 * looked for and which setting moves them. A bundler's build that left dist/region-data/ behind typically
 * answers with the app's HTML page, which shows here as the cause: a JSON syntax error.
 */
function reportFailure(baseUrl: string, error: unknown) {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    `ak1-form: ${message} from ${baseUrl}${cause}. Serve the package's dist/region-data/ folder and set the ` +
      `regions-url attribute (or setDefaultRegionsUrl() from 'ak1-form/element', once per app) to its URL; see docs/frameworks.md.`,
  );
}
