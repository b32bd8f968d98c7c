/**
 * One export job as a dialog sees it (PDF and PowerPoint alike): start it, poll main for
 * its progress, cancel it, forget it when the dialog closes. The file is made in main,
 * off the UI thread, by the export job machinery; this only follows it.
 */
import type { BriefingClient, ExportStatus } from '../../src-shared/api';

type JobApi = Pick<BriefingClient, 'exportStatus' | 'cancelExport'>;

const POLL_MS = 120;

/** Follows one export job at a time; its fields are runes, so markup reads them directly. */
export class ExportJob {
  jobId = $state<string | null>(null);
  status = $state<ExportStatus | null>(null);
  error = $state<string | null>(null);
  /** Main has been asked to start the export and has not yet answered with its job id. */
  starting = $state(false);
  /** Cancel was pressed while starting: the job is cancelled as soon as its id is known. */
  private cancelWhenStarted = false;
  /** Started and not yet finished (also while main is starting it, or has not yet answered the first poll). */
  readonly running = $derived(this.starting || this.status?.state === 'running' || (this.jobId !== null && this.status === null));
  readonly percent = $derived(this.status?.state === 'running' && this.status.total ? Math.round((this.status.done / this.status.total) * 100) : 0);

  constructor(private readonly api: () => JobApi) {}

  /** Runs `begin` (flush, then ask main to start) and follows the job it returns; null = the save dialog was cancelled. */
  async start(begin: () => Promise<{ jobId: string } | null>): Promise<void> {
    this.error = null;
    this.status = null;
    // The last job's id goes now: a Cancel pressed before main answers must not name that one.
    this.jobId = null;
    this.cancelWhenStarted = false;
    this.starting = true;
    try {
      const started = await begin();
      if (!started) return;
      this.jobId = started.jobId;
      if (this.cancelWhenStarted) void this.cancel();
      void this.poll(started.jobId);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.starting = false;
    }
  }

  private async poll(id: string): Promise<void> {
    while (this.jobId === id) {
      try {
        this.status = await this.api().exportStatus(id);
      } catch (err) {
        this.error = err instanceof Error ? err.message : String(err);
        return;
      }
      if (this.status.state !== 'running') return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Asks main to stop the job; the next poll reports it cancelled. */
  async cancel(): Promise<void> {
    if (!this.jobId && this.starting) this.cancelWhenStarted = true;
    if (this.jobId)
      await this.api()
        .cancelExport(this.jobId)
        .catch(() => {});
  }

  /** The dialog is closing: cancel a running job and stop polling. */
  close(): void {
    if (this.running) void this.cancel();
    this.jobId = null;
  }
}
