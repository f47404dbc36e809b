using System.Text.Json.Nodes;
using MailCheck.EndToEnd.Rig;

namespace MailCheck.EndToEnd.Posture;

/// <summary>
/// The scorecard over the API through nginx, for the rig's posture zone (tests/rig/dnsmasq.conf.in): each domain has one
/// defect, served by the real dnsmasq; postfix is every domain's MX, so the delivery result stays "accepted" whatever
/// the posture (posture never changes the outcome).
/// </summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class PostureThroughProxyTests(RigFixture rig)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(90);

    private async Task<JsonObject> ProbeAsync(string domain, string[]? selectors = null)
    {
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(new { domain, to = new[] { "posture@mailcheck.test" }, mode = "probe", dkimSelectors = selectors ?? [] });
        var check = await api.WaitFinishedAsync(submitted.Id, CheckTimeout);
        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        Assert.True((bool?)check["scorecard"]?["complete"] == true, check.ToJsonString());
        return check;
    }

    private static JsonObject Item(JsonObject check, string id, string? target = null) =>
        check["scorecard"]!["items"]!.AsArray().Select(i => i!.AsObject())
            .Single(i => (string?)i["id"] == id && (target is null || (string?)i["target"] == target));

    private static string Status(JsonObject item) => (string)item["status"]!;

    /// <summary>Every string in the item (title, detail, fix, findings), unescaped, one per line.</summary>
    private static string AllText(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => AllText(p.Value))),
        JsonArray a => string.Join("\n", a.Select(AllText)),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => "",
    };

    [Fact]
    public async Task Probe_GoodDomain_EveryAuthenticationItemPassesAndEventsAreInOrder()
    {
        var check = await ProbeAsync("good.posture.test");

        Assert.Equal("pass", Status(Item(check, "spf")));
        Assert.Equal("pass", Status(Item(check, "dmarc")));
        Assert.Equal("pass", Status(Item(check, "dkim")));
        Assert.Contains("2048 bits", AllText(Item(check, "dkim")), StringComparison.Ordinal);
        Assert.Equal("pass", Status(Item(check, "tlsRpt")));
        Assert.Equal("info", Status(Item(check, "bimi")));
        Assert.Equal("pass", Status(Item(check, "ptr", "mx.mailcheck.test [127.0.0.25]")));
        var kinds = CheckApi.Events(check).Select(e => e.Kind).ToList();
        // Posture read from DNS comes before the conversation; verdicts about the session after it; the scorecard last.
        Assert.True(kinds.IndexOf("spf") < kinds.IndexOf("banner"), string.Join(",", kinds));
        Assert.True(kinds.IndexOf("ptr") > kinds.IndexOf("banner"), string.Join(",", kinds));
        Assert.Equal(["scorecard", "outcome"], kinds.TakeLast(2));
    }

    [Fact]
    public async Task Probe_TwoSpfRecords_FailWithMergeFixAndDmarcNoneWarns()
    {
        var check = await ProbeAsync("twospf.posture.test");

        var spf = Item(check, "spf");
        Assert.Equal("fail", Status(spf));
        Assert.Contains("RFC 7208 §4.5", AllText(spf), StringComparison.Ordinal);
        Assert.Contains("Merge", (string?)spf["fix"], StringComparison.Ordinal);
        var dmarc = Item(check, "dmarc");
        Assert.Equal("warn", Status(dmarc));
        Assert.Contains("p=none", AllText(dmarc), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_PlusAllAndNoDmarc_BothFail()
    {
        var check = await ProbeAsync("plusall.posture.test");

        Assert.Equal("fail", Status(Item(check, "spf")));
        Assert.Contains("+all", AllText(Item(check, "spf")), StringComparison.Ordinal);
        Assert.Equal("fail", Status(Item(check, "dmarc")));
    }

    [Fact]
    public async Task Probe_ElevenLookupsThroughIncludes_FailNamingTheLimit()
    {
        var check = await ProbeAsync("lookups.posture.test");

        var spf = Item(check, "spf");
        Assert.Equal("fail", Status(spf));
        Assert.Contains("RFC 7208 §4.6.4", AllText(spf), StringComparison.Ordinal);
        var detail = CheckApi.Events(check).Single(e => e.Kind == "spf");
        Assert.Contains("11", detail.Text, StringComparison.Ordinal);
        // pct=50 and reports to a domain that did not authorise them.
        var dmarc = AllText(Item(check, "dmarc"));
        Assert.Contains("pct", dmarc, StringComparison.Ordinal);
        Assert.Contains("elsewhere.posture.test", dmarc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_RecordOver450BytesSplitIntoStrings_JoinedAndWarned()
    {
        var check = await ProbeAsync("longspf.posture.test");

        var spf = Item(check, "spf");
        Assert.Equal("warn", Status(spf));
        Assert.Contains("450", AllText(spf), StringComparison.Ordinal);
        // dnsmasq split the record into 255-byte strings: joined with nothing between them (RFC 7208 §3.3), it is whole.
        var record = (string?)check["events"]!.AsArray().Single(e => (string?)e!["kind"] == "spf")!["detail"]!["record"];
        Assert.NotNull(record);
        Assert.Contains("ip4:192.0.2.17 ip4:192.0.2.18", record, StringComparison.Ordinal);
        Assert.EndsWith("ip4:127.0.0.25 -all", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_WeakRevokedAndTestingKeys_DkimFailsWithAFindingPerSelector()
    {
        var check = await ProbeAsync("weakdkim.posture.test", ["custom2024"]);

        var dkim = Item(check, "dkim");
        Assert.Equal("fail", Status(dkim));
        var findings = dkim["findings"]!.AsArray().Select(f => ((string)f!["status"]!, (string)f["text"]!)).ToList();
        Assert.Contains(findings, f => f.Item1 == "fail" && f.Item2.Contains("512", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Item1 == "warn" && f.Item2.Contains("1024", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Item2.Contains("revoked", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(findings, f => f.Item1 == "warn" && f.Item2.Contains("t=y", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Probe_MxWithoutReverseDnsAndListed_PtrWarnsAndBlocklistFails()
    {
        var check = await ProbeAsync("noptr.posture.test");

        var ptr = Item(check, "ptr", "mx-noptr.posture.test [127.0.0.28]");
        Assert.Equal("warn", Status(ptr));
        Assert.Contains("no PTR record", AllText(ptr), StringComparison.Ordinal);
        var listed = Item(check, "blocklist", "mail servers");
        Assert.Equal("fail", Status(listed));
        Assert.Contains("Listed by the MailCheck rig", AllText(listed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ListRefusesTheResolver_NotTestedNeverAListing()
    {
        var check = await ProbeAsync("mailcheck.test");

        var servers = Item(check, "blocklist", "mail servers");
        Assert.Equal("notTested", Status(servers));
        Assert.Contains("refused this resolver", AllText(servers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FinishedPostureCheck_ShowsItsCompactScore()
    {
        var check = await ProbeAsync("plusall.posture.test");
        using var client = rig.CreateHttpClient();

        var list = JsonNode.Parse(await client.GetStringAsync(new Uri("api/checks?limit=50", UriKind.Relative)))!;

        var row = list["items"]!.AsArray().Single(r => (string?)r!["id"] == (string?)check["id"])!;
        Assert.True((int)row["score"]!["fail"]! >= 2, row.ToJsonString());
    }
}
