/** Following one staging or upload job from a card: the JobFollower model wired to the data lake's routes. */
import * as React from 'react';
import { IJobFollowerOptions, JobFollower } from '../common/jobFollower';
import { useSignals } from '../components/useSignals';
import {
  datalakeAPI,
  isActive,
  IStageJob,
  IUploadJob,
  jobFingerprint
} from './api';
import { IDatalakeContext } from './context';

export const STAGE_JOBS: IJobFollowerOptions<IStageJob> = {
  fetch: (id, signal) => datalakeAPI.stageJob(id, signal),
  fingerprint: jobFingerprint,
  active: isActive,
  min: 700,
  max: 10000
};

export const UPLOAD_JOBS: IJobFollowerOptions<IUploadJob> = {
  fetch: (id, signal) => datalakeAPI.uploadJob(id, signal),
  fingerprint: jobFingerprint,
  active: isActive,
  min: 500,
  max: 8000
};

/**
 * The job `jobId` as it moves: polled while `onScreen` and active; an action elsewhere on the same job
 * (ctx.model.touchJobs) polls at once. Returns [job, last poll error, replace after an action].
 */
export function useFollowedJob<J>(
  ctx: IDatalakeContext,
  options: IJobFollowerOptions<J>,
  jobId: string | null,
  onScreen: boolean,
  initial: J | null = null
): [J | null, unknown, (job: J) => void] {
  const follower = React.useMemo(() => new JobFollower<J>(options), []);
  useSignals([follower.changed]);
  React.useEffect(() => {
    const touched = (_: unknown, id: string) => {
      if (id === follower.id) {
        follower.wake();
      }
    };
    ctx.model.jobsTouched.connect(touched);
    return () => {
      ctx.model.jobsTouched.disconnect(touched);
      follower.dispose();
    };
  }, [follower]);
  React.useEffect(() => follower.follow(jobId, initial), [jobId]);
  React.useEffect(() => follower.setOnScreen(onScreen), [onScreen]);
  return [follower.job, follower.error, job => follower.replace(job)];
}
