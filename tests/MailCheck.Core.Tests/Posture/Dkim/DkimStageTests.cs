using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Tests.Posture.Dkim;

public class DkimStageTests
{
    private static readonly string Rsa2048 = DkimTestKeys.Rsa(2048);

    private PostureHarness _h = new();

    private async Task<(ScorecardItem Item, DkimDetail Detail)> Run(Action<PostureHarness>? zone = null, bool domainKey = true, string[]? selectors = null)
    {
        if (selectors is not null)
        {
            _h = new PostureHarness(selectors: selectors);
        }

        if (domainKey)
        {
            _h.Zone.AddEmptyNonTerminal("_domainkey.example.com");
        }

        zone?.Invoke(_h);
        var detail = await _h.RunAsync<DkimDetail>(new DkimStage(), EventKind.Dkim);
        return (_h.Item(ScorecardIds.Dkim), detail);
    }

    private static ScoreFinding Finding(ScorecardItem item, string text) =>
        Assert.Single(item.Findings, f => f.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task RunAsync_2048BitKeyAtGoogle_PassWithAFindingForThatSelector()
    {
        var (item, detail) = await Run(h => h.Zone.AddTxt("google._domainkey.example.com", DkimTestKeys.Record(Rsa2048)));

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Equal("DKIM: 1 key found (google)", item.Title);
        Assert.Equal(ScoreStatus.Pass, Finding(item, "Selector google (Google Workspace): RSA key of 2048 bits (RFC 8301 §3.2").Status);
        Assert.Equal(DkimSelectorCatalog.Common.Count, detail.Probed);
        Assert.Equal(["google"], detail.Selectors.Select(s => s.Selector));
        Assert.Equal(DkimSelectorCatalog.Common.Count - 1, detail.NotFound.Count);
        Assert.Contains("google (RSA 2048 bits)", item.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024, ScoreStatus.Warn, "at least 2048 bits")]
    [InlineData(512, ScoreStatus.Fail, "MUST NOT accept signatures made with keys under 1024 bits")]
    public async Task RunAsync_ShortRsaKey_JudgedByRfc8301(int bits, ScoreStatus status, string text)
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("default._domainkey.example.com", DkimTestKeys.Record(DkimTestKeys.Rsa(bits))));

        Assert.Equal(status, item.Status);
        Assert.Contains(text, Finding(item, $"RSA key of {bits} bits").Text, StringComparison.Ordinal);
        Assert.Contains("2048-bit", item.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Ed25519Key_Pass()
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("fm1._domainkey.example.com", $"v=DKIM1; k=ed25519; p={DkimTestKeys.Ed25519()}"));

        Assert.Equal(ScoreStatus.Pass, Finding(item, "Ed25519 key (RFC 8463)").Status);
    }

    [Fact]
    public async Task RunAsync_RevokedCommonSelector_Info()
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("s1._domainkey.example.com", "v=DKIM1; p="));

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Contains("revoked (empty p=, RFC 6376 §3.6.1)", Finding(item, "Selector s1 (SendGrid)").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RevokedSelectorTheUserNamed_Warn()
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("2024a._domainkey.example.com", "v=DKIM1; p="), selectors: ["2024a"]);

        Assert.Equal(ScoreStatus.Warn, Finding(item, "revoked").Status);
    }

    [Fact]
    public async Task RunAsync_TestingFlag_Warn()
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("google._domainkey.example.com", DkimTestKeys.Record(Rsa2048, "t=y; ")));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("MUST NOT treat mail signed with this key differently", Finding(item, "t=y").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Sha1Only_Fail()
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("google._domainkey.example.com", DkimTestKeys.Record(Rsa2048, "h=sha1; ")));

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("RFC 8301 §3.1", Finding(item, "h=sha1").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TxtThatIsNotAKeyAtTheUsersSelector_Fail()
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("sel._domainkey.example.com", "v=spf1 -all"), selectors: ["sel"]);

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Contains("not a DKIM key", Finding(item, "Selector sel:").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedKeyBesideAGoodOne_FailsThatSelectorOnly()
    {
        var (item, _) = await Run(h => h.Zone
            .AddTxt("google._domainkey.example.com", DkimTestKeys.Record(Rsa2048))
            .AddTxt("default._domainkey.example.com", "v=DKIM1; k=rsa; p=MIIB%%%"));

        Assert.Equal(ScoreStatus.Fail, item.Status);
        Assert.Equal(ScoreStatus.Fail, Finding(item, "Selector default: p= is not valid base64").Status);
        Assert.Equal(ScoreStatus.Pass, Finding(item, "Selector google").Status);
        Assert.Equal("DKIM: 2 keys found (google, default)", item.Title);
    }

    [Fact]
    public async Task RunAsync_Microsoft365Cname_FollowedAndJudgedAtTheTarget()
    {
        const string target = "selector1-example-com._domainkey.example.onmicrosoft.com";
        var (item, detail) = await Run(h => h.Zone
            .AddCname("selector1._domainkey.example.com", target)
            .AddTxt(target, DkimTestKeys.Record(Rsa2048)));

        Assert.Equal(ScoreStatus.Pass, item.Status);
        Assert.Contains(target, Finding(item, "is a CNAME to").Text, StringComparison.Ordinal);
        var selector = Assert.Single(detail.Selectors);
        Assert.Equal(target, selector.Lookup.CnameTarget);
        Assert.Equal(2048, selector.Lookup.Key!.Bits);
    }

    [Fact]
    public async Task RunAsync_CnameToNothing_WarnDkimNotEnabledAtTheProvider()
    {
        var (item, _) = await Run(h => h.Zone.AddCname("selector2._domainkey.example.com", "selector2-example-com._domainkey.example.onmicrosoft.com"));

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("holds no key record", Finding(item, "Selector selector2 (Microsoft 365)").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DomainKeyNxDomain_NoSelectorProbedAndSaysWhy()
    {
        var (item, detail) = await Run(domainKey: false);

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Equal("DKIM: no keys (_domainkey.example.com does not exist)", item.Title);
        Assert.Contains("RFC 8020", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.Equal(["_domainkey.example.com"], _h.Zone.Queries.Select(q => q.Name));
        Assert.False(detail.DomainKeyExists);
        Assert.NotNull(item.Fix);
    }

    [Fact]
    public async Task RunAsync_DomainKeyNxDomainButTheUsersSelectorExists_WarnAboutRfc8020()
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("sel._domainkey.example.com", DkimTestKeys.Record(Rsa2048)), domainKey: false, selectors: ["sel"]);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("RFC 8020 §2", Finding(item, "answers NXDOMAIN although").Text, StringComparison.Ordinal);
        Assert.Equal(2, _h.Zone.Queries.Count);
    }

    [Fact]
    public async Task RunAsync_NoKeyAmongTheCommonSelectors_InformationNeverFailure()
    {
        var (item, _) = await Run();

        Assert.Equal(ScoreStatus.Info, item.Status);
        Assert.Equal($"DKIM: no key found among {DkimSelectorCatalog.Common.Count} selectors", item.Title);
        Assert.Contains("cannot be listed", item.Findings[0].Text, StringComparison.Ordinal);
        Assert.Contains("DKIM-Signature", item.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SelectorTheUserNamedIsMissing_Warn()
    {
        var (item, _) = await Run(selectors: ["mysel"]);

        Assert.Equal(ScoreStatus.Warn, item.Status);
        Assert.Contains("RFC 6376 §6.1.2", Finding(item, "Selector mysel: no key record").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DomainKeyServFail_NotTestedAndNothingProbed()
    {
        _h.Zone.SetStatus("_domainkey.example.com", DnsResponseStatus.ServFail);

        var (item, _) = await Run(domainKey: false);

        Assert.Equal(ScoreStatus.NotTested, item.Status);
        Assert.Single(_h.Zone.Queries);
    }

    [Fact]
    public async Task RunAsync_UsersSelectorAlsoInTheCatalog_ProbedOnceAsTheUsers()
    {
        var (_, detail) = await Run(selectors: ["selector1", "extra"]);

        Assert.Equal(DkimSelectorCatalog.Common.Count + 1, detail.Probed);
        Assert.Equal(["selector1", "extra"], detail.Selectors.Select(s => s.Selector));
        Assert.All(detail.Selectors, s => Assert.True(s.UserGiven));
        Assert.Equal("Microsoft 365", detail.Selectors[0].Provider);
        Assert.Equal(detail.Probed + 1, _h.Zone.Queries.Select(q => q.Name).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_TwoKeyRecordsAtOneSelector_WarnUndefined()
    {
        var (item, _) = await Run(h => h.Zone
            .AddTxt("google._domainkey.example.com", DkimTestKeys.Record(Rsa2048))
            .AddTxt("google._domainkey.example.com", DkimTestKeys.Record(Rsa2048)));

        Assert.Contains("RFC 6376 §3.6.2.2", Finding(item, "2 key records").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ManySelectors_AtMostFourQueriesInFlight()
    {
        var slow = new ConcurrencyProbe();
        _h = new PostureHarness(querier: slow);
        slow.Zone.AddEmptyNonTerminal("_domainkey.example.com");

        await _h.RunAsync<DkimDetail>(new DkimStage(), EventKind.Dkim);

        Assert.InRange(slow.MaxInFlight, 1, DkimStage.Parallelism);
        Assert.Equal(DkimSelectorCatalog.Common.Count + 1, slow.Zone.Queries.Count);
    }

    [Theory]
    [InlineData("v=DKIM1; k=rsa; h=sha1:sha256; t=s; p=KEY")]
    [InlineData("v=DKIM1; k=rsa; s=web; p=KEY; p=KEY")]
    [InlineData("k=rsa; v=DKIM1; h=md5; p=AAAA; x")]
    [InlineData("v=DKIM1; k=foo; p=AAAA")]
    public async Task RunAsync_AnyKeyRecord_EveryVerdictNamesItsRfcSection(string record)
    {
        var (item, _) = await Run(h => h.Zone.AddTxt("k1._domainkey.example.com", record.Replace("KEY", Rsa2048, StringComparison.Ordinal)), selectors: ["k1"]);

        Assert.All(item.Findings, f => Assert.Matches(@"RFC \d{4}", f.Text));
        Assert.All(item.Findings.Where(f => f.Status >= ScoreStatus.Warn), f => Assert.False(string.IsNullOrWhiteSpace(f.Fix), f.Text));
    }

    /// <summary>A zone that answers slowly and counts how many queries are in flight at once.</summary>
    private sealed class ConcurrencyProbe : IDnsQuerier
    {
        private int _inFlight;
        private int _max;

        public MailCheck.Testing.Dns.StaticDnsQuerier Zone { get; } = new();

        public int MaxInFlight => Volatile.Read(ref _max);

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(15, cancellationToken);
                return await Zone.QueryAsync(name, type, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
