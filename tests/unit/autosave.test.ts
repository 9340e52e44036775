// Save-as-you-go bookkeeping (app/utils/autosave.ts): what the page may say while answers are on
// their way, and which answers reach the server in which order. The browser test in
// tests/e2e/assessments.spec.ts drives the same code through a real page and server.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, type AutosaveStatus } from "~/utils/autosave";

type Sent = { answer: string; reply: (stored: boolean) => Promise<void>; fail: () => Promise<void> };

/** An Autosave over a form with one answer, whose requests wait until the test replies to them. */
function setUp() {
  const form = { answer: "" };
  const sent: Sent[] = [];
  const statuses: AutosaveStatus[] = [];
  const autosave = new Autosave({
    read: () => new URLSearchParams({ answer: form.answer }),
    post: (body) =>
      new Promise<boolean>((resolve, reject) => {
        const settle = async (run: () => void) => {
          run();
          await vi.runAllTimersAsync();
        };
        sent.push({
          answer: body.get("answer") ?? "",
          reply: (stored) => settle(() => resolve(stored)),
          fail: () => settle(() => reject(new TypeError("Failed to fetch"))),
        });
      }),
    onChange: (status) => statuses.push(status),
    pauseMs: 800,
  });
  const change = (answer: string) => {
    form.answer = answer;
    autosave.changed();
  };
  return { autosave, sent, statuses, change };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("save as you go", () => {
  it("says saving while a change waits for the pause and while it is on its way, and saved only after the reply", async () => {
    const { autosave, sent, change } = setUp();
    expect(autosave.status).toBe("idle");
    change("Mostly");
    expect(autosave.status).toBe("saving");
    expect(autosave.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(799);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.answer)).toEqual(["Mostly"]);
    expect(autosave.status).toBe("saving");
    await sent[0]!.reply(true);
    expect(autosave.status).toBe("saved");
    expect(autosave.unsaved).toBe(false);
  });

  it("a reply for an earlier change does not say saved, and the newest answers follow it, one save at a time", async () => {
    const { autosave, sent, statuses, change } = setUp();
    change("Started");
    await vi.advanceTimersByTimeAsync(800);
    change("Mostly");
    await vi.advanceTimersByTimeAsync(800);
    // The pause is over, but the first save is still on its way: the second waits for it.
    expect(sent.map((s) => s.answer)).toEqual(["Started"]);
    await sent[0]!.reply(true);
    expect(autosave.status).toBe("saving");
    expect(autosave.unsaved).toBe(true);
    expect(sent.map((s) => s.answer)).toEqual(["Started", "Mostly"]);
    expect(statuses).not.toContain("saved");
    await sent[1]!.reply(true);
    expect(autosave.status).toBe("saved");
  });

  it("a reply that comes during the pause after a newer change stands for the older change only", async () => {
    const { autosave, sent, change } = setUp();
    change("Started");
    await vi.advanceTimersByTimeAsync(800);
    change("Mostly");
    await sent[0]!.reply(true);
    expect(autosave.status).toBe("saving");
    expect(autosave.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(800);
    expect(sent.map((s) => s.answer)).toEqual(["Started", "Mostly"]);
    await sent[1]!.fail();
    expect(autosave.status).toBe("not-saved");
    expect(autosave.unsaved).toBe(true);
  });

  it("a refused or failed save says not saved, and the next change sends every answer again", async () => {
    const { autosave, sent, change } = setUp();
    change("Started");
    await vi.advanceTimersByTimeAsync(800);
    await sent[0]!.fail();
    expect(autosave.status).toBe("not-saved");
    expect(autosave.unsaved).toBe(true);
    change("Mostly");
    await vi.advanceTimersByTimeAsync(800);
    await sent[1]!.reply(false);
    expect(autosave.status).toBe("not-saved");
    change("Fully in place");
    await vi.advanceTimersByTimeAsync(800);
    await sent[2]!.reply(true);
    expect(autosave.status).toBe("saved");
  });

  it("following a link sends the waiting change at once", async () => {
    const { autosave, sent, change } = setUp();
    change("Mostly");
    autosave.flush();
    expect(sent.map((s) => s.answer)).toEqual(["Mostly"]);
    await sent[0]!.reply(true);
    await vi.advanceTimersByTimeAsync(800);
    expect(sent).toHaveLength(1);
    expect(autosave.status).toBe("saved");
  });

  it("closing the page sends the newest answers even beside an older save on its way, and only once", async () => {
    const { autosave, sent, change } = setUp();
    change("Started");
    await vi.advanceTimersByTimeAsync(800);
    change("Mostly");
    autosave.leave();
    autosave.leave();
    expect(sent.map((s) => s.answer)).toEqual(["Started", "Mostly"]);
    await sent[1]!.reply(true);
    expect(autosave.status).toBe("saving");
    await sent[0]!.reply(true);
    expect(autosave.status).toBe("saved");
  });

  it("the Save button takes over: nothing more is sent, and it waits for the save on its way", async () => {
    const { autosave, sent, change } = setUp();
    change("Started");
    await vi.advanceTimersByTimeAsync(800);
    change("Mostly");
    let handedOver = false;
    void autosave.handOver().then(() => (handedOver = true));
    expect(autosave.unsaved).toBe(false);
    expect(autosave.status).toBe("saving");
    await vi.advanceTimersByTimeAsync(800);
    expect(handedOver).toBe(false);
    await sent[0]!.reply(true);
    expect(handedOver).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it("sends nothing once the form is gone", async () => {
    const { autosave, sent, change } = setUp();
    change("Mostly");
    autosave.stop();
    await vi.advanceTimersByTimeAsync(800);
    expect(sent).toHaveLength(0);
  });
});
