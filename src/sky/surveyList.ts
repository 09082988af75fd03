/**
 * The surveys a new sky view offers: local HiPS served by the server extension first, then those configured in
 * the settings, then those added at run time (from the registry). The first local survey also says where its data
 * is, so a fresh view starts there rather than on an empty sky.
 */
import { listLocalHiPS, localHiPSURL } from './api';
import { ISkySurvey, SkyTarget } from './tokens';

export interface ISkySettings {
  surveys: Array<{ id: string; title: string; url: string }>;
  defaultSurvey: string;
  defaultFov: number;
  defaultTarget: string;
  projection: string;
}

export const DEFAULT_SETTINGS: ISkySettings = {
  surveys: [],
  defaultSurvey: '',
  defaultFov: 3,
  defaultTarget: '',
  projection: 'SIN'
};

/** A survey URL must not end with "/": Aladin appends "/Norder…" and a double slash is refused. */
function trimmed(url: string): string {
  return url.replace(/\/+$/, '');
}

export class SurveyList {
  /** Where the first local HiPS has data (null until listed, or when it does not say). */
  get initial(): { target: SkyTarget; fov?: number } | null {
    return this._initial;
  }

  /** Add a survey for the views to come (once per id); the survey as views get it. */
  add(
    survey: Omit<ISkySurvey, 'origin'> & { origin?: ISkySurvey['origin'] }
  ): ISkySurvey {
    const full: ISkySurvey = {
      origin: 'registry',
      ...survey,
      url: trimmed(survey.url)
    };
    if (!this._extra.some(s => s.id === full.id)) {
      this._extra.push(full);
    }
    return full;
  }

  /** Local HiPS (server) + configured (settings) + added (registry) surveys. */
  async list(settings: ISkySettings): Promise<ISkySurvey[]> {
    let local: ISkySurvey[] = [];
    try {
      const listed = (await listLocalHiPS()).surveys;
      const first = listed[0];
      if (first && first.initial_ra !== null && first.initial_dec !== null) {
        this._initial = {
          target: { ra: first.initial_ra, dec: first.initial_dec },
          fov: first.initial_fov ?? undefined
        };
      }
      local = listed.map(s => ({
        id: s.id,
        title: s.title,
        url: localHiPSURL(s.id),
        origin: 'local' as const
      }));
    } catch (error) {
      console.warn('jupyter-escape sky: cannot list the local HiPS', error);
    }
    const configured = settings.surveys.map(s => ({
      ...s,
      url: trimmed(s.url),
      origin: 'settings' as const
    }));
    return [...local, ...configured, ...this._extra];
  }

  private _extra: ISkySurvey[] = [];
  private _initial: { target: SkyTarget; fov?: number } | null = null;
}
