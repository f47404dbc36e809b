using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Pages;

/// <summary>
/// Every selector the end-to-end tests use, in one place: when the dashboard's markup changes, fix it here.
/// </summary>
public static partial class Selectors
{
    /// <summary>Set by a page in OnAfterRender(firstRender): the circuit is live and clicks reach the server.</summary>
    public const string Interactive = "[data-interactive='true']";

    public const string Target = "#target";
    public const string From = "#from";
    public const string Recipients = "#recipients";
    public const string Subject = "#subject";
    public const string Body = "#body";
    public const string Submit = "#submit-check";

    public const string ModeSend = "Send a test message";
    public const string ModeProbe = "Probe the recipients";
    public const string ModeConnect = "Connect only";

    /// <summary>One line of the live transcript.</summary>
    public const string TranscriptLine = "[data-testid='transcript'] [data-seq]";

    /// <summary>The finished check's outcome (its data-outcome carries the camelCase outcome).</summary>
    public const string Outcome = "[data-outcome]";

    /// <summary>The result page's URL: /mailcheck/checks/{id}.</summary>
    [GeneratedRegex(@"/checks/(?<id>[A-Za-z0-9_-]{22})$")]
    public static partial Regex ResultUrl();
}

/// <summary>The home page's form.</summary>
public sealed class HomePage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync()
    {
        await Page.GotoAsync("./");
        // The page is prerendered: a click before the circuit connects would be lost.
        await Page.Locator(Selectors.Interactive).WaitForAsync();
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
        await Page.WaitForURLAsync(Selectors.ResultUrl());
        var result = new ResultPage(Page);
        await result.WaitInteractiveAsync();
        return result;
    }
}

/// <summary>The result page /checks/{id}: status, transcript, outcome.</summary>
public sealed class ResultPage(IPage page)
{
    public IPage Page { get; } = page;

    public string CheckId => Selectors.ResultUrl().Match(new Uri(Page.Url).AbsolutePath) is { Success: true } m
        ? m.Groups["id"].Value
        : throw new InvalidOperationException($"Not a result page: {Page.Url}");

    public ILocator Lines => Page.Locator(Selectors.TranscriptLine);

    public ILocator Outcome => Page.Locator(Selectors.Outcome);

    public static async Task<ResultPage> OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var result = new ResultPage(page);
        await result.WaitInteractiveAsync();
        return result;
    }

    public Task WaitInteractiveAsync() => Page.Locator(Selectors.Interactive).WaitForAsync();

    public async Task<IReadOnlyList<string>> LineTextsAsync() => [.. await Lines.AllInnerTextsAsync()];

    /// <summary>Waits (bounded) for the outcome and returns it (camelCase, e.g. "accepted").</summary>
    public async Task<string> WaitOutcomeAsync(float timeoutMs = 90_000)
    {
        await Outcome.First.WaitForAsync(new() { Timeout = timeoutMs });
        return await Outcome.First.GetAttributeAsync("data-outcome") ?? "";
    }

    /// <summary>Whether the outcome is shown yet.</summary>
    public async Task<bool> IsFinishedAsync() => await Outcome.CountAsync() > 0;

    /// <summary>Makes the explanation of the event <paramref name="seq"/> visible (it is one click away).</summary>
    public async Task RevealExplanationAsync(int seq)
    {
        await Page.Locator($"[data-seq='{seq}']").ClickAsync();
    }

    /// <summary>The whole visible text of the page (for assertions on explanations and TLS details).</summary>
    public Task<string> TextAsync() => Page.Locator("body").InnerTextAsync();
}
