// Save-as-you-go for a form that is saved whole (a self-assessment section), kept apart from React
// and the network so its promises can be tested. Each change gets the next number; the page may say
// "saved" only when the server has confirmed the newest number and nothing is waiting or on its
// way. A reply can belong to an older change (a slow request): it never stands for a newer one.

export type AutosaveStatus = "idle" | "saving" | "saved" | "not-saved";

export type AutosaveOptions = {
  /** The form's answers as they are now. */
  read: () => URLSearchParams;
  /** Sends them; resolves true only when the server has stored them. */
  post: (body: URLSearchParams) => Promise<boolean>;
  /** Called whenever what the page should say may have changed. */
  onChange: (status: AutosaveStatus) => void;
  /** How long typing must pause before a save goes out. */
  pauseMs?: number;
};

export class Autosave {
  private latest = 0;
  private confirmed = 0;
  private readonly sending = new Set<number>();
  private readonly replies = new Set<Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  // The pause ended while a save was on its way: one save at a time keeps the server's copy from
  // going back to older answers, so the newest follows when that reply is in.
  private due = false;
  private handedOver = false;
  private stopped = false;

  constructor(private readonly options: AutosaveOptions) {}

  get status(): AutosaveStatus {
    if (this.latest === 0) return "idle";
    if (this.timer !== undefined || this.sending.size > 0 || this.handedOver) return "saving";
    return this.confirmed >= this.latest ? "saved" : "not-saved";
  }

  /** True while a save is on its way. */
  get sendingNow(): boolean {
    return this.sending.size > 0;
  }

  /** True while a change on the page is not yet confirmed stored (and no button save carries it). */
  get unsaved(): boolean {
    return !this.handedOver && this.latest > this.confirmed;
  }

  changed(): void {
    this.latest += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sendNewest();
    }, this.options.pauseMs ?? 800);
    this.report();
  }

  /** Sends the newest answers now rather than after the pause (a link was followed, the tab was hidden). */
  flush(): void {
    if (!this.unsaved || this.sending.has(this.latest)) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sendNewest();
    this.report();
  }

  /**
   * The page is going away: send the newest answers at once, even beside an older save still on its
   * way, because there is no later moment to send them.
   */
  leave(): void {
    if (!this.unsaved || this.sending.has(this.latest)) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
  }

  /**
   * The form's own Save button carries every answer: nothing more goes out, and it can be posted
   * once the save on its way (with older answers) has its reply.
   */
  async handOver(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
    this.handedOver = true;
    this.report();
    while (this.sending.size > 0) await Promise.race([...this.replies]);
  }

  /** The form is gone: nothing more is sent, not even a save that was due after a reply. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private sendNewest(): void {
    if (this.handedOver) return;
    if (this.sending.size > 0) this.due = true;
    else this.send();
  }

  private send(): void {
    if (this.stopped) return;
    const change = this.latest;
    const body = this.options.read();
    this.sending.add(change);
    this.due = false;
    const reply: Promise<void> = this.options
      .post(body)
      .catch(() => false)
      .then((stored) => {
        this.sending.delete(change);
        this.replies.delete(reply);
        if (stored) this.confirmed = Math.max(this.confirmed, change);
        if (this.due && this.sending.size === 0 && this.timer === undefined) this.send();
        this.report();
      });
    this.replies.add(reply);
    this.report();
  }

  private report(): void {
    this.options.onChange(this.status);
  }
}
