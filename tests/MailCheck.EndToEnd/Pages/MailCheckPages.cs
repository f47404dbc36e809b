using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Pages;

/// <summary>
/// Every selector the end-to-end tests use, in one place: when the dashboard's markup changes, fix it here.
/// </summary>
public static partial class Selectors
{
    /// <summary>Set by a page in OnAfterRender(firstRender): the circuit is live and clicks reach the server.</summary>
    public const string HomeInteractive = ".mc-home[data-interactive='true']";

    public const string ResultInteractive = ".mc-result[data-interactive='true']";

    public const string Target = "#target";
    public const string From = "#from";
    public const string Recipients = "#recipients";
    public const string Subject = "#subject";
    public const string Body = "#body";
    public const string Submit = "#submit-check";

    /// <summary>The mode radios, by their accessible names.</summary>
    public const string ModeSend = "Send a test message";
    public const string ModeProbe = "Probe the recipients";
    public const string ModeConnect = "Connect only";
    public const string ModeReceive = "Receive a message";

    // Receive checks: the address, its copy button, the panel's state (waiting, receiving, judging, judged, ended).
    public const string ReceiveAddress = "#receive-address";
    public const string CopyAddress = "#copy-address";
    public const string ReceiveState = ".mc-receive[data-state]";

    /// <summary>One line (one event) of the live transcript; data-seq is the event's sequence number.</summary>
    public const string TranscriptLine = "#transcript [data-seq]";

    public const string LineMark = ".mc-mark";
    public const string LineText = ".mc-text";
    public const string LineExplanation = ".mc-explain";

    /// <summary>A step's duration shown after its line ("12 ms").</summary>
    public const string LineDuration = ".mc-dur";

    /// <summary>The transcript box.</summary>
    public const string Transcript = "#transcript";

    /// <summary>The "?" after a server reply (click the reply for its explanation).</summary>
    public const string ReplyMarker = "#transcript summary .mc-more";

    /// <summary>While running: what MailCheck does or awaits now, with how long that has lasted.</summary>
    public const string RunningStep = "[data-step]";

    /// <summary>While running: the time since the check started, from the server's clock.</summary>
    public const string Elapsed = "[data-elapsed]";

    /// <summary>The facts under the status (domain, mode, from, to, port, times).</summary>
    public const string Facts = ".mc-facts";

    /// <summary>The "Share: https://…/checks/{id}" line.</summary>
    public const string Share = ".mc-share";

    /// <summary>A step's label in the timing waterfall.</summary>
    public const string StepLabel = ".mc-step-label";

    /// <summary>The result's status (queued, running, finished) on the page's root.</summary>
    public const string ResultStatus = ".mc-result[data-status]";

    /// <summary>The finished check's outcome: data-outcome carries the camelCase outcome (empty while running).</summary>
    public const string Outcome = "#status-title[data-outcome]:not([data-outcome=''])";

    /// <summary>The heading of the "not found" page (an unknown check id).</summary>
    public const string NotFoundHeading = "h1:has-text('Nothing here')";

    /// <summary>The TLS certificate summary panel.</summary>
    public const string TlsSummary = ".mc-tls";

    /// <summary>In the TLS panel: the note that the chain was trusted only through MailCheck:Tls:ExtraTrustedCaFile.</summary>
    public const string TlsExtraCa = ".mc-tls-extra-ca";

    /// <summary>A scorecard row by its id (spf, mtaSts, tls ...); data-score-status carries its status.</summary>
    public static string ScoreItem(string id) => $".mc-score-item[data-score-id='{id}']";

    /// <summary>A scorecard row by id and status, e.g. <c>ScoreItem("dane", "pass")</c>.</summary>
    public static string ScoreItem(string id, string status) => $"li.mc-score-item[data-score-id='{id}'][data-score-status='{status}']";

    /// <summary>The result page's URL: /mailcheck/checks/{id}.</summary>
    [GeneratedRegex(@"/checks/(?<id>[A-Za-z0-9_-]{22})$")]
    public static partial Regex ResultUrl();
}

/// <summary>One transcript line as shown: its sequence number, swaks-style mark (->, <-, ~>, <~, ===, ***) and text.</summary>
public sealed record TranscriptLine(int Seq, string Mark, string Text);

/// <summary>The home page's form.</summary>
public sealed class HomePage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync()
    {
        await Page.GotoAsync("./");
        // The page is prerendered: a click before the circuit connects would be lost.
        await Page.Locator(Selectors.HomeInteractive).WaitForAsync();
    }

    /// <summary>The form's root; data-interactive="true" once the circuit is live.</summary>
    public ILocator Root => Page.Locator(".mc-home");

    public ILocator Target => Page.Locator(Selectors.Target);

    public ILocator Recipients => Page.Locator(Selectors.Recipients);

    public ILocator SubmitButton => Page.Locator(Selectors.Submit);

    public ILocator Mode(string name) => Page.GetByRole(AriaRole.Radio, new() { Name = name });

    /// <summary>The error message shown under the field <paramref name="field"/> (a selector of its input).</summary>
    public ILocator ErrorUnder(string field) => Page.Locator($".mud-input-control:has({field}) .mud-input-helper-text.mud-input-error");

    /// <summary>The width the target field's placeholder needs and the width its text box has, in CSS pixels.</summary>
    public async Task<(double Needed, double Available)> TargetPlaceholderFitAsync()
    {
        var fit = await Target.EvaluateAsync<System.Text.Json.JsonElement>("""
            input => {
              const style = getComputedStyle(input);
              const context = document.createElement("canvas").getContext("2d");
              context.font = style.font;
              return {
                Needed: context.measureText(input.placeholder).width,
                Available: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
              };
            }
            """);
        return (fit.GetProperty("Needed").GetDouble(), fit.GetProperty("Available").GetDouble());
    }

    public async Task<ResultPage> SubmitAsync(string target, string? recipients = null, string mode = Selectors.ModeSend, string? subject = null)
    {
        await Page.Locator(Selectors.Target).FillAsync(target);
        await Page.GetByRole(AriaRole.Radio, new() { Name = mode }).CheckAsync();
        if (recipients is not null)
        {
            await Page.Locator(Selectors.Recipients).FillAsync(recipients);
        }

        if (subject is not null)
        {
            await Page.Locator(Selectors.Subject).FillAsync(subject);
        }

        var submit = Page.Locator(Selectors.Submit);
        await Assertions.Expect(submit).ToBeEnabledAsync();
        await submit.ClickAsync();
        try
        {
            // Polls the URL: Blazor navigates with history.pushState, and a navigation event can be missed.
            await Assertions.Expect(Page).ToHaveURLAsync(Selectors.ResultUrl(), new() { Timeout = 30_000 });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            var text = await Page.Locator("body").InnerTextAsync(new() { Timeout = 2000 });
            throw new TimeoutException($"Submitting the form did not lead to a result page; still on {Page.Url}. The page says:\n{text}", ex);
        }

        var result = new ResultPage(Page);
        await result.WaitInteractiveAsync();
        return result;
    }
}

/// <summary>The result page /checks/{id}: status, transcript, outcome, TLS summary.</summary>
public sealed class ResultPage(IPage page)
{
    private const string ReadLinesScript = """
        els => els.map(e => ({
            Seq: Number(e.getAttribute('data-seq')),
            Mark: (e.querySelector('.mc-mark')?.textContent ?? '').trim(),
            Text: (e.querySelector('.mc-text')?.textContent ?? '').trim(),
        }))
        """;

    public IPage Page { get; } = page;

    public string CheckId => Selectors.ResultUrl().Match(new Uri(Page.Url).AbsolutePath) is { Success: true } m
        ? m.Groups["id"].Value
        : throw new InvalidOperationException($"Not a result page: {Page.Url}");

    public ILocator Lines => Page.Locator(Selectors.TranscriptLine);

    public ILocator Outcome => Page.Locator(Selectors.Outcome);

    public ILocator TlsSummary => Page.Locator(Selectors.TlsSummary);

    public ILocator RunningStep => Page.Locator(Selectors.RunningStep);

    public ILocator Elapsed => Page.Locator(Selectors.Elapsed);

    public ILocator Facts => Page.Locator(Selectors.Facts);

    /// <summary>How the page is laid out on this screen (see <see cref="LayoutFacts"/>).</summary>
    public Task<LayoutFacts> MeasureLayoutAsync() => LayoutFacts.MeasureAsync(Page, CheckId);

    public static async Task<ResultPage> OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var result = new ResultPage(page);
        await result.WaitInteractiveAsync();
        return result;
    }

    public Task WaitInteractiveAsync() => Page.Locator(Selectors.ResultInteractive).WaitForAsync();

    /// <summary>The transcript as shown now.</summary>
    public async Task<IReadOnlyList<TranscriptLine>> ReadLinesAsync()
    {
        var lines = await Lines.EvaluateAllAsync<System.Text.Json.JsonElement>(ReadLinesScript);
        return [.. lines.EnumerateArray().Select(l => new TranscriptLine(
            l.GetProperty("Seq").GetInt32(),
            l.GetProperty("Mark").GetString() ?? "",
            l.GetProperty("Text").GetString() ?? ""))];
    }

    /// <summary>The transcript as plain text, one line per event (for failure messages).</summary>
    public async Task<string> TranscriptTextAsync() =>
        string.Join("\n", (await ReadLinesAsync()).Select(l => $"{l.Seq,3} {l.Mark} {l.Text}"));

    /// <summary>Waits (bounded) for the outcome and returns it (camelCase, e.g. "accepted").</summary>
    public async Task<string> WaitOutcomeAsync(float timeoutMs = 90_000)
    {
        try
        {
            await Outcome.WaitForAsync(new() { Timeout = timeoutMs });
        }
        catch (TimeoutException ex)
        {
            var status = await Page.Locator(Selectors.ResultStatus).GetAttributeAsync("data-status", new() { Timeout = 1000 });
            throw new TimeoutException(
                $"No outcome on {Page.Url} within {timeoutMs / 1000:0}s; the page says status '{status}'. Transcript shown:\n{await TranscriptTextAsync()}", ex);
        }

        return await Outcome.GetAttributeAsync("data-outcome") ?? "";
    }

    /// <summary>The number of transcript lines and whether the outcome shows, read in one go (one DOM state).</summary>
    public async Task<(int Lines, bool Finished)> SnapshotAsync()
    {
        var snapshot = await Page.EvaluateAsync<System.Text.Json.JsonElement>(
            "([lines, outcome]) => ({ Count: document.querySelectorAll(lines).length, Done: document.querySelector(outcome) !== null })",
            new[] { Selectors.TranscriptLine, Selectors.Outcome });
        return (snapshot.GetProperty("Count").GetInt32(), snapshot.GetProperty("Done").GetBoolean());
    }

    /// <summary>Whether the outcome is shown yet.</summary>
    public async Task<bool> IsFinishedAsync() => await Outcome.CountAsync() > 0;

    /// <summary>Opens the explanation of the reply <paramref name="seq"/> (one click away) and returns its text.</summary>
    public async Task<string> RevealExplanationAsync(int seq)
    {
        var line = Page.Locator($"#transcript [data-seq='{seq}']");
        await line.Locator("summary").ClickAsync();
        var explanation = line.Locator(Selectors.LineExplanation);
        await Assertions.Expect(explanation).ToBeVisibleAsync();
        return await explanation.InnerTextAsync();
    }
}

/// <summary>The MX matrix of an every-MX check on the result page.</summary>
public sealed class MatrixPanel(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Table => Page.Locator("#mx-matrix");

    public ILocator Rows => Page.Locator("#mx-matrix tbody tr");

    public ILocator Detail => Page.Locator("#matrix-cell-detail");

    public ILocator Differences => Page.Locator("#matrix-differences li[data-aspect]");

    /// <summary>The cell of <paramref name="stage"/> (connect, banner, ehlo, startTls, certificate, mailFrom, rcptTo) in the row of <paramref name="address"/>.</summary>
    public ILocator Cell(string address, string stage) => Page.Locator($"#mx-matrix tbody tr[data-address='{address}'] td[data-stage='{stage}']");

    public async Task<string?> StatusAsync(string address, string stage) => await Cell(address, stage).GetAttributeAsync("data-status");

    public async Task<string?> OutcomeAsync(string address) =>
        await Page.Locator($"#mx-matrix tbody tr[data-address='{address}'] .mc-cell-result").GetAttributeAsync("data-outcome");
}

/// <summary>The side-by-side comparison of two checks (/checks/{a}/compare/{b}).</summary>
public sealed class ComparePage(IPage page)
{
    public const string Interactive = ".mc-compare[data-interactive='true']";

    public IPage Page { get; } = page;

    public ILocator Areas => Page.Locator("#changes section[data-area]");

    public ILocator Unchanged => Page.Locator("#unchanged");

    public Task WaitInteractiveAsync() => Page.Locator(Interactive).WaitForAsync();
}
