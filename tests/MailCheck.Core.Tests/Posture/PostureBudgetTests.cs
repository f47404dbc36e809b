using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Bimi;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.TlsRpt;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Posture;

/// <summary>Every query of the authentication stages goes through the check's <see cref="CheckDns"/>: counted, capped, shown.</summary>
public class PostureBudgetTests
{
    private static readonly ICheckStage[] Stages = [new DmarcStage(), new DkimStage(), new TlsRptStage(), new BimiStage()];

    private static async Task<PostureHarness> RunAll(int budget)
    {
        var h = new PostureHarness(domain: "a.b.example.com", selectors: ["s2024"], budget: budget);
        h.Zone.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@reports.example.net,mailto:d@example.com; ruf=mailto:f@forensics.example.org")
            .AddEmptyNonTerminal("_domainkey.a.b.example.com")
            .AddMx("a.b.example.com", 10, "mx.example.com");
        foreach (var stage in Stages)
        {
            await stage.RunAsync(h.Context, CancellationToken.None);
        }

        return h;
    }

    [Fact]
    public async Task RunAsync_AmpleBudget_EveryQuerySentOnceThroughTheCheckAndShown()
    {
        var h = await RunAll(budget: 150);

        Assert.Equal(h.Zone.Queries.Count, h.Dns.Sent);
        Assert.Equal(h.Zone.Queries.Count, h.Zone.Queries.Distinct().Count());
        Assert.Equal(h.Zone.Queries.Count, h.Events.Count(e => e.Kind == EventKind.Dns));
        Assert.Equal(4, h.Context.Scorecard.Items.Count);
        Assert.False(h.Dns.Exhausted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public async Task RunAsync_BudgetUsedUp_NeverMoreQueriesAndNeverAFailureForWhatWasNotAsked(int budget)
    {
        var h = await RunAll(budget);

        Assert.True(h.Zone.Queries.Count <= budget);
        Assert.Equal(h.Zone.Queries.Count, h.Dns.Sent);
        Assert.True(h.Dns.Exhausted);
        Assert.Equal(4, h.Context.Scorecard.Items.Count);
        Assert.All(h.Context.Scorecard.Items, i => Assert.NotEqual(ScoreStatus.Fail, i.Status));
        Assert.Contains(h.Context.Scorecard.Items, i => i.Status == ScoreStatus.NotTested);
    }
}
