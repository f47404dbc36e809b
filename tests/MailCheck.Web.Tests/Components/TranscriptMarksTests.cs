using MailCheck.Core.Documents;
using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Components.Transcript;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Components;

/// <summary>The page and transcript.txt mark every line alike: one formatter (Core's) for both.</summary>
public sealed class TranscriptMarksTests : ComponentTestContext
{
    private static readonly CheckRequest Request = new() { Domain = "example.com", From = "a@example.org", Recipients = ["postmaster@example.com"] };

    [Fact]
    public void Render_FaultRefusalRepliesAndNotes_SameMarksAsTheTextTranscript()
    {
        var script = ScriptedCheckEngine.Script(Request);
        var at = script[^1].At;
        List<CheckEvent> events =
        [
            .. script.Take(3),
            Note(4, EventKind.Policy, "blocked: 10.0.0.1 port 25 (mx2.example.com) — 10.0.0.1 is in 10.0.0.0/8 (private)", at),
            Note(5, EventKind.Error, "The server closed the connection.", at),
            .. script.Skip(3).Select(e => e with { Seq = e.Seq + 2 }),
        ];

        var cut = Render<TranscriptView>(p => p.Add(c => c.Events, events));
        var text = TranscriptText.Format(new StoredCheck
        {
            Id = "AAAAAAAAAAAAAAAAAAAAAA",
            Domain = "example.com",
            Status = CheckStatus.Finished,
            CreatedAt = at,
            Request = RedactedRequest.Of(Request),
            Events = events,
        }, "http://localhost/checks/AAAAAAAAAAAAAAAAAAAAAA");

        var pageMarks = cut.FindAll("#transcript [data-seq] .mc-mark").Select(m => m.TextContent).ToList();
        // The text transcript's first line of each event (after the header and its blank line), mark in columns 10-12.
        var eventLines = text.Split('\n').SkipWhile(l => l.Length > 0).Skip(1).Where(l => l.Length > 0 && l[..8].Trim().Length > 0);
        var textMarks = eventLines.Select(l => l.Substring(9, 3).Trim()).ToList();
        Assert.Equal(pageMarks, textMarks);
        Assert.Equal(["***", "***"], pageMarks.Skip(3).Take(2));
        Assert.Contains("   0.066 *** The server closed the connection.", text, StringComparison.Ordinal);
        Assert.Contains("mc-problem", cut.Find("#transcript [data-seq='5']").ClassName, StringComparison.Ordinal);
    }

    private static CheckEvent Note(int seq, EventKind kind, string text, DateTimeOffset at) => new()
    {
        Seq = seq,
        At = at,
        Elapsed = TimeSpan.FromMilliseconds(66),
        Direction = EventDirection.Info,
        Kind = kind,
        Text = text,
    };
}
