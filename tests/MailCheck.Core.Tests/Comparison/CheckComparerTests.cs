using MailCheck.Core.Checks;
using MailCheck.Core.Comparison;
using MailCheck.Core.Dns;
using MailCheck.Core.Documents;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Matrix;

namespace MailCheck.Core.Tests.Comparison;

public class CheckComparerTests
{
    private static readonly EventTarget Mx1 = new(1, "mx1.example.com", "192.0.2.1", 25);

    private static MxHost Host(string name, int preference, params string[] addresses) =>
        new(name, preference, [.. addresses.Select(a => new ResolvedAddress(a, 300))]);

    private static CheckSnapshot Snapshot(string id, DateTimeOffset created, EventScript script, string domain = "example.com") => new()
    {
        Id = id,
        Status = CheckStatus.Finished,
        CreatedAt = created,
        Request = new RedactedRequest { Domain = domain, Mode = CheckMode.Probe, Port = 25, Tls = TlsPolicy.Opportunistic },
        Events = script.Events,
    };

    /// <summary>A probe accepted by mx1 with TLS; each part can be varied.</summary>
    private static EventScript Run(
        long? size = 10240000, TlsDetail? tls = null, int rcptCode = 250, int rcptMs = 5, MxHost[]? hosts = null,
        CheckOutcome outcome = CheckOutcome.Accepted, ScoreStatus spf = ScoreStatus.Pass, ScorecardItem[]? scorecard = null) =>
        new EventScript()
            .Mx("example.com", hosts ?? [Host("mx1.example.com", 10, "192.0.2.1"), Host("mx2.example.com", 20, "192.0.2.2")])
            .Probe(Mx1, "220 mx1.example.com ESMTP", size, tls ?? EventScript.ValidTls("mx1.example.com"), rcptCode, rcptMs)
            .Scorecard(scorecard ?? [new ScorecardItem { Id = "spf", Area = ScoreArea.Authentication, Status = spf, Title = "SPF" }])
            .Outcome(outcome, outcome == CheckOutcome.Accepted ? "Accepted at RCPT TO by mx1.example.com" : "Rejected at RCPT TO by mx1.example.com: 550 5.1.1", "mx1.example.com", "192.0.2.1");

    private static readonly DateTimeOffset Earlier = EventScript.Start;
    private static readonly DateTimeOffset Later = EventScript.Start.AddDays(7);

    [Fact]
    public void Compare_TwoRunsAlike_NoChangesAndEverythingElseIsTheSame()
    {
        var comparison = CheckComparer.Compare(Snapshot("a", Earlier, Run()), Snapshot("b", Later, Run()));

        Assert.Empty(comparison.Changes);
        Assert.True(comparison.SameDomain);
        Assert.Empty(comparison.Notes);
        Assert.Equal(Enum.GetValues<ComparisonArea>(), comparison.Unchanged);
        Assert.Equal("Everything else is the same: the outcome, the MX hosts, their addresses, the extensions offered, the certificates, the TLS versions, the reply codes, the timings, the scorecard.", comparison.UnchangedText);
    }

    [Fact]
    public void Compare_NamedLaterFirst_ReadsFromTheEarlierToTheLater()
    {
        var comparison = CheckComparer.Compare(Snapshot("new", Later, Run(rcptCode: 550, outcome: CheckOutcome.Rejected)), Snapshot("old", Earlier, Run()));

        Assert.Equal("old", comparison.Before.Id);
        Assert.Equal("new", comparison.After.Id);
        var outcome = Assert.Single(comparison.Changes, c => c.Subject == "outcome");
        Assert.Equal("Outcome: accepted → rejected", outcome.Text);
        Assert.Contains(comparison.Changes, c => c is { Area: ComparisonArea.Outcome, Subject: "summary" });
        var rcpt = Assert.Single(comparison.Changes, c => c.Area == ComparisonArea.Replies);
        Assert.Equal("RCPT TO at mx1.example.com [192.0.2.1]: 250 2.1.5 → 550 5.1.1", rcpt.Text);
        Assert.Equal(("250 2.1.5", "550 5.1.1"), (rcpt.Before, rcpt.After));
        Assert.DoesNotContain(ComparisonArea.Replies, comparison.Unchanged);
    }

    [Fact]
    public void Compare_MxSetAndAddresses_AddedRemovedAndPreferenceChanges()
    {
        var before = Run(hosts: [Host("mx1.example.com", 10, "192.0.2.1"), Host("mx2.example.com", 20, "192.0.2.2", "2001:db8::2")]);
        var after = Run(hosts: [Host("mx1.example.com", 5, "192.0.2.1", "192.0.2.9"), Host("mx3.example.com", 30, "192.0.2.3")]);

        var texts = CheckComparer.Compare(Snapshot("a", Earlier, before), Snapshot("b", Later, after)).Changes.Select(c => c.Text).ToList();

        Assert.Contains("mx2.example.com (preference 20) removed", texts);
        Assert.Contains("mx3.example.com (preference 30) added", texts);
        Assert.Contains("mx1.example.com: preference 10 → 5", texts);
        Assert.Contains("mx1.example.com: 192.0.2.9 added", texts);
    }

    [Fact]
    public void Compare_CapabilitiesCertificateAndTls_EachChangeNamed()
    {
        var before = Run(size: 10240000, tls: EventScript.ValidTls("mx1.example.com", EventScript.Start.AddDays(30), "TLS 1.2", "CN=Old CA", "KEY1"));
        var after = Run(size: 5242880, tls: EventScript.ValidTls("mx1.example.com", EventScript.Start.AddDays(90), "TLS 1.3", "CN=New CA", "KEY2") with { HostNameMatches = false });

        var comparison = CheckComparer.Compare(Snapshot("a", Earlier, before), Snapshot("b", Later, after));
        var texts = comparison.Changes.Select(c => c.Text).ToList();

        Assert.Contains("mx1.example.com [192.0.2.1]: SIZE 10240000 (9.8 MiB) → 5242880 (5 MiB)", texts);
        Assert.Contains("mx1.example.com [192.0.2.1]: TLS version TLS 1.2 → TLS 1.3", texts);
        Assert.Contains("mx1.example.com [192.0.2.1]: issuer CN=Old CA → CN=New CA", texts);
        Assert.Contains("mx1.example.com [192.0.2.1]: expiry 2026-12-01 → 2027-01-30", texts);
        Assert.Contains("mx1.example.com [192.0.2.1]: key ECDSA P-256 (SHA-256 KEY1) → ECDSA P-256 (SHA-256 KEY2)", texts);
        Assert.Contains("mx1.example.com [192.0.2.1]: validity valid → wrong name", texts);
        Assert.Contains(comparison.Changes, c => c is { Area: ComparisonArea.Capabilities, Before: "10240000 (9.8 MiB)" });
    }

    [Fact]
    public void Compare_StartTlsNoLongerOffered_CapabilityAndTlsChange()
    {
        var before = Run();
        var after = new EventScript()
            .Mx("example.com", Host("mx1.example.com", 10, "192.0.2.1"), Host("mx2.example.com", 20, "192.0.2.2"))
            .Probe(Mx1, "220 mx1.example.com ESMTP", 10240000, tls: null)
            .Outcome(CheckOutcome.Accepted, "Accepted at RCPT TO by mx1.example.com", "mx1.example.com", "192.0.2.1");

        var texts = CheckComparer.Compare(Snapshot("a", Earlier, before), Snapshot("b", Later, after)).Changes.Select(c => c.Text).ToList();

        Assert.Contains("mx1.example.com [192.0.2.1]: STARTTLS offered → not offered", texts);
        Assert.Contains("mx1.example.com [192.0.2.1]: TLS TLS 1.3 → not used", texts);
        Assert.Contains("STARTTLS at mx1.example.com [192.0.2.1]: 220 → not reached", texts);
    }

    [Theory]
    [InlineData(5, 2000, true)]
    [InlineData(40, 80, false)]
    [InlineData(200, 260, false)]
    [InlineData(200, 320, true)]
    [InlineData(3000, 3400, false)]
    [InlineData(1000, 20, true)]
    public void IsBeyondNoise_MoreThan50MsAndHalfTheEarlierTime(int beforeMs, int afterMs, bool expected) =>
        Assert.Equal(expected, CheckComparer.IsBeyondNoise(TimeSpan.FromMilliseconds(beforeMs), TimeSpan.FromMilliseconds(afterMs)));

    [Fact]
    public void Compare_TimingBeyondNoise_ReportedWithTheDelta()
    {
        var comparison = CheckComparer.Compare(Snapshot("a", Earlier, Run(rcptMs: 40)), Snapshot("b", Later, Run(rcptMs: 2100)));

        var timing = Assert.Single(comparison.Changes, c => c.Area == ComparisonArea.Timing);
        Assert.Equal("RCPT TO at mx1.example.com [192.0.2.1]: 40 ms → 2.10 s (+2.06 s)", timing.Text);
        Assert.Contains("50 ms", comparison.TimingNoise, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ScorecardStatusChanged_Listed()
    {
        var change = Assert.Single(CheckComparer.Compare(Snapshot("a", Earlier, Run()), Snapshot("b", Later, Run(spf: ScoreStatus.Fail))).Changes);

        Assert.Equal(ComparisonArea.Scorecard, change.Area);
        Assert.Equal("SPF", change.Subject);
        Assert.Equal("pass — SPF", change.Before);
        Assert.Equal("fail — SPF", change.After);
        Assert.Equal("SPF: pass → fail (SPF)", change.Text);
    }

    [Fact]
    public void Compare_ScorecardItemsOfOneTarget_MatchedByTargetAndNamedWithIt()
    {
        ScorecardItem Ptr(string target, ScoreStatus status) =>
            new() { Id = ScorecardIds.Ptr, Area = ScoreArea.Identity, Status = status, Title = $"Reverse DNS: {status}", Target = target };

        var before = Run(scorecard: [Ptr("192.0.2.1", ScoreStatus.Pass), Ptr("192.0.2.2", ScoreStatus.Pass)]);
        var after = Run(scorecard: [Ptr("192.0.2.1", ScoreStatus.Pass), Ptr("192.0.2.2", ScoreStatus.Fail), new ScorecardItem { Id = ScorecardIds.Dkim, Area = ScoreArea.Authentication, Status = ScoreStatus.Warn, Title = "DKIM: no key found" }]);

        var changes = CheckComparer.Compare(Snapshot("a", Earlier, before), Snapshot("b", Later, after)).Changes.Where(c => c.Area == ComparisonArea.Scorecard).ToList();

        Assert.Equal(2, changes.Count);
        Assert.Equal("Reverse DNS (192.0.2.2)", changes[0].Subject);
        Assert.Equal("Reverse DNS (192.0.2.2): pass → fail (Reverse DNS: Fail)", changes[0].Text);
        Assert.Equal("DKIM", changes[1].Subject);
        Assert.Null(changes[1].Before);
        Assert.Equal("warn — DKIM: no key found", changes[1].After);
        Assert.Equal("DKIM: not judged → warn (DKIM: no key found)", changes[1].Text);
    }

    [Fact]
    public void Compare_OneCheckWithoutPosture_ScorecardNotComparedAndSaysSo()
    {
        var withoutPosture = new EventScript()
            .Mx("example.com", Host("mx1.example.com", 10, "192.0.2.1"), Host("mx2.example.com", 20, "192.0.2.2"))
            .Probe(Mx1, "220 mx1.example.com ESMTP", 10240000, EventScript.ValidTls("mx1.example.com"))
            .Outcome(CheckOutcome.Accepted, "Accepted at RCPT TO by mx1.example.com", "mx1.example.com", "192.0.2.1");

        var comparison = CheckComparer.Compare(Snapshot("a", Earlier, withoutPosture), Snapshot("b", Later, Run(spf: ScoreStatus.Fail)));

        Assert.DoesNotContain(comparison.Changes, c => c.Area == ComparisonArea.Scorecard);
        Assert.DoesNotContain(ComparisonArea.Scorecard, comparison.Unchanged);
        Assert.Contains("Check a has no scorecard (it was made without posture or before MailCheck judged it): the scorecards are not compared.", comparison.Notes);
    }

    [Fact]
    public void Compare_IncompleteScorecard_OnlyItemsBothJudgedAndSaysSo()
    {
        var ptr = new ScorecardItem { Id = ScorecardIds.Ptr, Area = ScoreArea.Identity, Status = ScoreStatus.Fail, Title = "Reverse DNS: none", Target = "192.0.2.1" };
        var stopped = new EventScript()
            .Mx("example.com", Host("mx1.example.com", 10, "192.0.2.1"), Host("mx2.example.com", 20, "192.0.2.2"))
            .Add(EventKind.Ptr, EventDirection.Info, "Reverse DNS", detail: new MailCheck.Core.Posture.ReverseDns.PtrDetail([]) { Items = [ptr] })
            .Outcome(CheckOutcome.Timeout, "Stopped");
        var finished = Run(scorecard: [new ScorecardItem { Id = ScorecardIds.Spf, Area = ScoreArea.Authentication, Status = ScoreStatus.Fail, Title = "SPF" }, ptr with { Status = ScoreStatus.Pass, Title = "Reverse DNS: matches" }]);

        var comparison = CheckComparer.Compare(Snapshot("a", Earlier, stopped), Snapshot("b", Later, finished));

        var change = Assert.Single(comparison.Changes, c => c.Area == ComparisonArea.Scorecard);
        Assert.Equal("Reverse DNS (192.0.2.1): fail → pass (Reverse DNS: matches)", change.Text);
        Assert.Contains(comparison.Notes, n => n.StartsWith("The scorecard of check a is incomplete", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_DifferentDomains_AllowedButSaysSo()
    {
        var comparison = CheckComparer.Compare(Snapshot("a", Earlier, Run()), Snapshot("b", Later, Run(), domain: "example.org"));

        Assert.False(comparison.SameDomain);
        Assert.Contains(comparison.Notes, n => n.StartsWith("These checks are of different domains (example.com and example.org)", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_StillRunning_SaysSoAndComparesWhatThereIs()
    {
        var running = Snapshot("b", Later, new EventScript().Mx("example.com", Host("mx1.example.com", 10, "192.0.2.1"), Host("mx2.example.com", 20, "192.0.2.2"))) with { Status = CheckStatus.Running };

        var comparison = CheckComparer.Compare(Snapshot("a", Earlier, Run()), running);

        Assert.Contains("Check b is still running: the comparison covers what it did so far.", comparison.Notes);
        Assert.DoesNotContain(ComparisonArea.Outcome, comparison.Unchanged);
        Assert.Contains(ComparisonArea.Mx, comparison.Unchanged);
    }
}
